/* A stand-in for WinRT's Windows.UI.ViewManagement.UISettings, for Wine only.

   Qt >= 6.5's Windows platform plugin asks UISettings for the accent and window colours
   (C++/WinRT: `UISettings().GetColorValue(...)`) and aborts the program when the class
   cannot be activated, which is the case under Wine 8. Windows itself has the class, so
   this DLL never travels with the program: tools/windows/build.py compiles it with
   MinGW-w64 into the Wine prefix and registers it under
   HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings
   (value DllPath), where Wine's combase RoGetActivationFactory looks it up.

   One object answers IUISettings, IUISettings2 and IUISettings3 with the colours and
   metrics of a default light Windows 10 desktop; any other interface is refused
   (E_NOINTERFACE), which C++/WinRT's try_as handles. */

#define COBJMACROS
#include <windows.h>
#include <string.h>

typedef void *HSTRING_T;
typedef struct { BYTE A, R, G, B; } UiColor;           /* Windows.UI.Color */
typedef struct { float Width, Height; } UiSize;          /* Windows.Foundation.Size */
typedef struct { INT64 value; } UiToken;                 /* EventRegistrationToken */

static const GUID IID_IUnknown_ = {0x00000000, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};
static const GUID IID_IInspectable_ = {0xaf86e2e0, 0xb12d, 0x4c6a, {0x9c, 0x5a, 0xd7, 0xaa, 0x65, 0x10, 0x1e, 0x90}};
static const GUID IID_IAgileObject_ = {0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};
static const GUID IID_IActivationFactory_ = {0x00000035, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};
static const GUID IID_IUISettings_ = {0x85361600, 0x1c63, 0x4627, {0xbc, 0xb1, 0x3a, 0x89, 0xe0, 0xbc, 0x9c, 0x55}};
static const GUID IID_IUISettings2_ = {0xbad82401, 0x2721, 0x44f9, {0xbb, 0x91, 0x2b, 0xb2, 0x28, 0xbe, 0x44, 0x2f}};
static const GUID IID_IUISettings3_ = {0x03021be4, 0x5254, 0x4781, {0x81, 0x94, 0x51, 0x68, 0xf7, 0xd0, 0x6d, 0x7b}};

/* ------------------------------------------------------------------ the UISettings object */

typedef struct Settings Settings;
typedef struct { void *vtbl; Settings *self; } Face;     /* one interface pointer */
struct Settings { Face one, two, three; LONG refs; };

#define SELF(iface) (((Face *)(iface))->self)

static HRESULT WINAPI s_query(void *iface, REFIID iid, void **out)
{
    Settings *s = SELF(iface);
    if (IsEqualGUID(iid, &IID_IUnknown_) || IsEqualGUID(iid, &IID_IInspectable_)
        || IsEqualGUID(iid, &IID_IAgileObject_) || IsEqualGUID(iid, &IID_IUISettings_))
        *out = &s->one;
    else if (IsEqualGUID(iid, &IID_IUISettings2_))
        *out = &s->two;
    else if (IsEqualGUID(iid, &IID_IUISettings3_))
        *out = &s->three;
    else {
        *out = NULL;
        return E_NOINTERFACE;
    }
    InterlockedIncrement(&s->refs);
    return S_OK;
}

static ULONG WINAPI s_addref(void *iface) { return InterlockedIncrement(&SELF(iface)->refs); }

static ULONG WINAPI s_release(void *iface)
{
    Settings *s = SELF(iface);
    LONG left = InterlockedDecrement(&s->refs);
    if (left == 0)
        HeapFree(GetProcessHeap(), 0, s);
    return left;
}

static HRESULT WINAPI s_iids(void *iface, ULONG *count, IID **iids)
{
    (void)iface;
    *count = 0;
    *iids = NULL;
    return S_OK;
}

static HRESULT WINAPI s_class_name(void *iface, HSTRING_T *name) { (void)iface; *name = NULL; return E_NOTIMPL; }
static HRESULT WINAPI s_trust(void *iface, int *level) { (void)iface; *level = 0; return S_OK; }

/* IUISettings */
static HRESULT WINAPI s_hand(void *i, int *v) { (void)i; *v = 1; return S_OK; }  /* right-handed */
static HRESULT WINAPI s_cursor(void *i, UiSize *v) { (void)i; v->Width = v->Height = 32; return S_OK; }
static HRESULT WINAPI s_scrollbar(void *i, UiSize *v) { (void)i; v->Width = v->Height = 17; return S_OK; }
static HRESULT WINAPI s_duration(void *i, UINT32 *v) { (void)i; *v = 5; return S_OK; }
static HRESULT WINAPI s_true(void *i, BYTE *v) { (void)i; *v = 1; return S_OK; }
static HRESULT WINAPI s_false(void *i, BYTE *v) { (void)i; *v = 0; return S_OK; }
static HRESULT WINAPI s_blink(void *i, UINT32 *v) { (void)i; *v = GetCaretBlinkTime(); return S_OK; }
static HRESULT WINAPI s_caret(void *i, UINT32 *v) { (void)i; *v = 1; return S_OK; }
static HRESULT WINAPI s_dblclick(void *i, UINT32 *v) { (void)i; *v = GetDoubleClickTime(); return S_OK; }
static HRESULT WINAPI s_hover(void *i, UINT32 *v) { (void)i; *v = 400; return S_OK; }

static UiColor sys_color(int index)
{
    COLORREF c = GetSysColor(index);
    UiColor out = {255, GetRValue(c), GetGValue(c), GetBValue(c)};
    return out;
}

/* UIElementType (ActiveCaption 0 ... WindowText 12, then the Windows 8 "accent" ones) */
static HRESULT WINAPI s_element(void *i, int type, UiColor *v)
{
    static const int map[] = {COLOR_ACTIVECAPTION, COLOR_BACKGROUND, COLOR_BTNFACE, COLOR_BTNTEXT,
                              COLOR_CAPTIONTEXT, COLOR_GRAYTEXT, COLOR_HIGHLIGHT, COLOR_HIGHLIGHTTEXT,
                              COLOR_HOTLIGHT, COLOR_INACTIVECAPTION, COLOR_INACTIVECAPTIONTEXT,
                              COLOR_WINDOW, COLOR_WINDOWTEXT};
    (void)i;
    *v = sys_color(type >= 0 && type < (int)(sizeof map / sizeof map[0]) ? map[type] : COLOR_HIGHLIGHT);
    return S_OK;
}

/* IUISettings2 */
static HRESULT WINAPI s_text_scale(void *i, double *v) { (void)i; *v = 1.0; return S_OK; }
static HRESULT WINAPI s_add_handler(void *i, void *handler, UiToken *token) { (void)i; (void)handler; token->value = 1; return S_OK; }
static HRESULT WINAPI s_remove_handler(void *i, UiToken token) { (void)i; (void)token; return S_OK; }

/* IUISettings3: UIColorType Background 0, Foreground 1, AccentDark3..1 2-4, Accent 5,
   AccentLight1..3 6-8, Complement 9 (Windows 10's default blue accent) */
static HRESULT WINAPI s_color_value(void *i, int type, UiColor *v)
{
    static const UiColor colors[] = {
        {255, 255, 255, 255}, {255, 0, 0, 0},
        {255, 0, 0x26, 0x42}, {255, 0, 0x3e, 0x92}, {255, 0, 0x5a, 0x9e},
        {255, 0, 0x78, 0xd7},
        {255, 0x42, 0x9c, 0xe3}, {255, 0x76, 0xb9, 0xed}, {255, 0xa6, 0xd8, 0xff},
        {255, 0xff, 0x87, 0x28},
    };
    (void)i;
    *v = type >= 0 && type < (int)(sizeof colors / sizeof colors[0]) ? colors[type] : colors[5];
    return S_OK;
}

static void *vtbl_one[] = {
    s_query, s_addref, s_release, s_iids, s_class_name, s_trust,
    s_hand, s_cursor, s_scrollbar, s_scrollbar, s_scrollbar, s_duration, s_true, s_false,
    s_blink, s_caret, s_dblclick, s_hover, s_element,
};
static void *vtbl_two[] = {
    s_query, s_addref, s_release, s_iids, s_class_name, s_trust,
    s_text_scale, s_add_handler, s_remove_handler,
};
static void *vtbl_three[] = {
    s_query, s_addref, s_release, s_iids, s_class_name, s_trust,
    s_color_value, s_add_handler, s_remove_handler,
};

/* ------------------------------------------------------------------ the activation factory */

typedef struct { void *vtbl; } Factory;

static HRESULT WINAPI f_query(void *iface, REFIID iid, void **out)
{
    if (IsEqualGUID(iid, &IID_IUnknown_) || IsEqualGUID(iid, &IID_IInspectable_)
        || IsEqualGUID(iid, &IID_IAgileObject_) || IsEqualGUID(iid, &IID_IActivationFactory_)) {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI f_addref(void *iface) { (void)iface; return 2; }  /* static object */
static ULONG WINAPI f_release(void *iface) { (void)iface; return 1; }

static HRESULT WINAPI f_activate(void *iface, void **instance)
{
    Settings *s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *s);
    (void)iface;
    if (!s) {
        *instance = NULL;
        return E_OUTOFMEMORY;
    }
    s->one.vtbl = vtbl_one;
    s->two.vtbl = vtbl_two;
    s->three.vtbl = vtbl_three;
    s->one.self = s->two.self = s->three.self = s;
    s->refs = 1;
    *instance = &s->one;
    return S_OK;
}

static void *factory_vtbl[] = {f_query, f_addref, f_release, s_iids, s_class_name, s_trust, f_activate};
static Factory factory = {factory_vtbl};

__declspec(dllexport) HRESULT WINAPI DllGetActivationFactory(HSTRING_T class_id, void **out)
{
    (void)class_id;  /* registered for UISettings only */
    *out = &factory;
    return S_OK;
}

__declspec(dllexport) HRESULT WINAPI DllCanUnloadNow(void) { return S_FALSE; }
