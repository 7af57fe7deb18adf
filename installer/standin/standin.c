/* A stand-in for crm_desktop.exe, for testing the installer without the real bundle:
 * a window titled like the program's main window that stays open until it is closed,
 * or until the number of seconds given as its only argument has passed (default 300),
 * so a test that forgets it leaves nothing running for long. Without a display (Wine with
 * no X server) it just waits. Build:
 *   x86_64-w64-mingw32-windres standin.rc -O coff -o standin.res
 *   x86_64-w64-mingw32-gcc -municode -mwindows -Os -s standin.c standin.res -o crm_desktop.exe
 */
#include <windows.h>
#include <stdlib.h>

static LRESULT CALLBACK window_proc(HWND window, UINT message, WPARAM w, LPARAM l)
{
    if (message == WM_TIMER || message == WM_CLOSE) {
        DestroyWindow(window);
        return 0;
    }
    if (message == WM_DESTROY) {
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProcW(window, message, w, l);
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR arguments, int show)
{
    int seconds = (arguments && *arguments) ? _wtoi(arguments) : 300;
    if (seconds <= 0)
        seconds = 300;
    WNDCLASSW window_class = {0};
    window_class.lpfnWndProc = window_proc;
    window_class.hInstance = instance;
    window_class.hIcon = LoadIconW(instance, MAKEINTRESOURCEW(1));
    window_class.hCursor = LoadCursorW(NULL, (LPCWSTR)IDC_ARROW);
    window_class.hbrBackground = (HBRUSH)(COLOR_WINDOW + 1);
    window_class.lpszClassName = L"crm_desktop_standin";
    RegisterClassW(&window_class);
    HWND window = CreateWindowW(window_class.lpszClassName, L"crm_desktop \x2014 \x552E\x540E\x670D\x52A1",
                                WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, 480, 320,
                                NULL, NULL, instance, NULL);
    if (!window) {
        Sleep((DWORD)seconds * 1000);
        return 0;
    }
    ShowWindow(window, show);
    SetTimer(window, 1, (UINT)seconds * 1000, NULL);
    MSG message;
    while (GetMessageW(&message, NULL, 0, 0) > 0) {
        TranslateMessage(&message);
        DispatchMessageW(&message);
    }
    return 0;
}
