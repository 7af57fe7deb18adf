; The Windows installer of crm_desktop: a 64-bit NSIS setup with Chinese pages, built on
; Linux with Debian's nsis package.
;
;   makensis -DVERSION=0.1.0 -DBUNDLE_DIR=/abs/dist-windows/crm_desktop \
;            -DOUT_FILE=/abs/crm_desktop-0.1.0-setup.exe installer/crm_desktop.nsi
;
; VERSION defaults to the version in pyproject.toml, BUNDLE_DIR to dist/crm_desktop (the
; PyInstaller one-folder bundle: crm_desktop.exe and its _internal folder), OUT_FILE to
; installer/crm_desktop-VERSION-setup.exe. makensis works in this script's folder (do not
; pass /NOCD): give BUNDLE_DIR and OUT_FILE as absolute paths.
;
; What it does (README, "Windows installer"):
; * installs for the current user by default, into %LOCALAPPDATA%\Programs\crm_desktop with
;   its uninstall entry under HKCU: no administrator rights needed; an administrator can
;   choose all users (C:\Program Files\crm_desktop, HKLM) on the page "选择用户" or with
;   /ALLUSERS; /CURRENTUSER forces the per-user install;
; * Start-menu shortcuts, a desktop shortcut unless unticked (or /NODESKTOP when silent);
; * upgrades in place: the earlier install's folder and mode are kept, the program must be
;   closed first, the old bundle's files are removed before the new ones are copied;
; * never touches the data folder %APPDATA%\crm_desktop (database, settings, logs), neither
;   on upgrade nor on uninstall;
; * refuses Windows older than 10.
;
; Exit codes of a silent run (/S), besides NSIS's own 1 (cancelled) and 2 (aborted):
;   3  Windows older than Windows 10
;   4  crm_desktop is still running (silent mode waits SILENT_WAIT seconds for it to close)
;   5  another crm_desktop setup is already running
;   6  /ALLUSERS without administrator rights
;   7  the old program files could not be removed (in use)

Unicode true
; Paths at compile time are joined the host's way: a makensis on Windows has been seen to find
; nothing at "D:\dir/file", Debian's wants "/". NSIS_WIN32_MAKENSIS: makensis runs on Windows.
!ifdef NSIS_WIN32_MAKENSIS
  !define /ifndef SEP "\"
!else
  !define /ifndef SEP "/"
!endif

; A 64-bit setup where makensis has the 64-bit stubs, as Debian's nsis has (64-bit-only Wine
; cannot run NSIS's 32-bit default). NSIS's own Windows build (e.g. Chocolatey's, on GitHub's
; windows-latest) ships only the 32-bit ones: there the setup is 32-bit, which 64-bit Windows
; runs as well; it then works in the 64-bit registry view (REG_VIEW_64) like the 64-bit one.
!if /FileExists "${NSISDIR}${SEP}Stubs${SEP}lzma_solid-amd64-unicode"
  Target amd64-unicode
!else
  !warning "makensis has no amd64-unicode stubs (${NSISDIR}${SEP}Stubs): this setup is a 32-bit exe"
!endif
ManifestSupportedOS all
ManifestDPIAware true

; ------------------------------------------------------------------------------ parameters
!ifndef VERSION
  !searchparse /file "..${SEP}pyproject.toml" 'version = "' VERSION '"'
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..${SEP}dist${SEP}crm_desktop"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "crm_desktop-${VERSION}-setup.exe"
!endif

; The Windows version resource wants four numbers: 0.1.0 -> 0.1.0.0 (a suffix such as
; "rc1" or ".dev3" is dropped there; the file name and the texts keep the full version).
!searchparse /noerrors "${VERSION}.0.0.0" "" VER_MAJOR "." VER_MINOR "." VER_PATCH "."
!searchparse /noerrors "${VER_PATCH}" "" VER_PATCH_NUM "rc"
!searchparse /noerrors "${VER_PATCH_NUM}" "" VER_PATCH_NUM2 "a"
!searchparse /noerrors "${VER_PATCH_NUM2}" "" VER_PATCH_NUM3 "b"
!define VERSION_FOUR "${VER_MAJOR}.${VER_MINOR}.${VER_PATCH_NUM3}.0"

!define APP_NAME "crm_desktop"
!define APP_TITLE "crm_desktop 售后服务"
!define EXE_NAME "crm_desktop.exe"
!ifndef PUBLISHER
  !define PUBLISHER "crm_desktop"
!endif
!define /date BUILD_YEAR "%Y"
!define ICON_FILE "..${SEP}resources${SEP}icons${SEP}crm_desktop.ico"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define UNINSTALLER "uninstall.exe"
!define SM_FOLDER "${APP_NAME}"
!define SHORTCUT_NAME "${APP_TITLE}.lnk"
!define SILENT_WAIT 15      ; seconds a silent setup waits for the running program to close

!if ! /FileExists "${BUNDLE_DIR}${SEP}${EXE_NAME}"
  !error "BUNDLE_DIR=${BUNDLE_DIR} has no ${EXE_NAME}: build the Windows bundle first"
!endif

!system 'mkdir -p "$(dirname "${OUT_FILE}")"' = 0   ; makensis would not make the folder
Name "${APP_TITLE}"
OutFile "${OUT_FILE}"
SetCompressor /SOLID lzma
!ifndef LZMA_DICT_MB
  !define LZMA_DICT_MB 64
!endif
SetCompressorDictSize ${LZMA_DICT_MB}
BrandingText "${APP_TITLE} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

; ------------------------------------------------------------------------------ version resource
VIProductVersion "${VERSION_FOUR}"
VIFileVersion "${VERSION_FOUR}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_TITLE} ${VERSION} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "© ${BUILD_YEAR} ${PUBLISHER}"
VIAddVersionKey /LANG=2052 "OriginalFilename" "${APP_NAME}-${VERSION}-setup.exe"

; ------------------------------------------------------------------------------ install modes
; Per user by default (the clerk usually has no administrator rights); an administrator gets
; the page to choose all users. The earlier install's mode and folder are found through the
; uninstall key, so an upgrade lands where the program already is.
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_FUNCTION KeepFolderFromCommandLine
!define MULTIUSER_INIT_FUNCTIONQUIT QuitNoPrivileges
!define MULTIUSER_INIT_un.FUNCTIONQUIT un.QuitNoPrivileges
!define MULTIUSER_INIT_TEXT_ADMINREQUIRED "需要管理员权限。"
!define MULTIUSER_INIT_TEXT_ALLUSERSNOTPOSSIBLE "为本机所有用户安装或卸载 $(^Name) 需要管理员权限。$\r$\n请右键点击安装程序，选择“以管理员身份运行”。"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh
!include x64.nsh

; Top-level files and folders of the bundle, to remove on upgrade and uninstall
!tempfile BUNDLE_ITEMS
!ifdef NSIS_WIN32_MAKENSIS
  !system 'powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "list_bundle.ps1" "${BUNDLE_DIR}" "${BUNDLE_ITEMS}"' = 0
!else
  !system '/bin/sh "list_bundle.sh" "${BUNDLE_DIR}" "${BUNDLE_ITEMS}"' = 0
!endif
!include "${BUNDLE_ITEMS}"
!delfile "${BUNDLE_ITEMS}"

Var DataDir     ; this user's data folder, named on the pages (never written or removed)
Var Waited      ; seconds a silent setup has waited for the program to close
Var FolderGiven ; /D=... from the command line, which MultiUser's mode choice would overwrite

; ------------------------------------------------------------------------------ pages
!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP_TITLE} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上安装 ${APP_TITLE} ${VERSION}。$\r$\n$\r$\n\
系统要求：Windows 10 或更新版本（64 位）。$\r$\n$\r$\n\
如果已经安装了旧版本，本向导将原地升级。安装前请先关闭正在运行的 ${APP_NAME}。$\r$\n$\r$\n\
您的数据（数据库、设置、日志）保存在 $DataDir，安装和升级都不会改动它。$\r$\n$\r$\n\
$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!define MUI_PAGE_CUSTOMFUNCTION_PRE DirectoryPre
!insertmacro MUI_PAGE_DIRECTORY
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE ComponentsLeave   ; the last page before copying
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${APP_TITLE}"
!define MUI_FINISHPAGE_RUN_FUNCTION RunProgram
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APP_TITLE} 已卸载"
!define MUI_FINISHPAGE_TEXT "已从这台电脑上卸载 ${APP_TITLE}。$\r$\n$\r$\n\
您的数据（数据库、设置、日志）仍保留在：$\r$\n$DataDir$\r$\n$\r$\n\
重新安装后程序会继续使用这些数据。如果确定不再需要，可以手动删除这个文件夹（请先备份）。"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

; ------------------------------------------------------------------------------ helpers
; PROCESSENTRY32W: its size and where szExeFile starts, for a 64-bit or a 32-bit setup
!if ${NSIS_PTR_SIZE} > 4
  !define PROCESSENTRY32W_SIZE 568
  !define PROCESSENTRY32W_EXEFILE 44
!else
  !define PROCESSENTRY32W_SIZE 556
  !define PROCESSENTRY32W_EXEFILE 36
!endif

; A 32-bit setup reads and writes HKLM\Software in the 64-bit view, as the 64-bit one does
; (not in WOW6432Node), so either finds the other's install.
!macro REG_VIEW_64
  !if ${NSIS_PTR_SIZE} <= 4
    SetRegView 64
  !endif
!macroend

; Is crm_desktop.exe from $INSTDIR running (for any user whose process this one may open)?
; $R0 = 1 if so, 0 if not. A process of that name whose path cannot be read counts as ours.
!macro DEFINE_FIND_RUNNING UN
Function ${UN}FindRunning
  StrCpy $R0 0
  System::Call 'kernel32::CreateToolhelp32Snapshot(i 2, i 0) p .R1'   ; TH32CS_SNAPPROCESS
  ${If} $R1 P= -1
    Return
  ${EndIf}
  System::Alloc ${PROCESSENTRY32W_SIZE}
  Pop $R2
  System::Call '*$R2(i ${PROCESSENTRY32W_SIZE})'
  System::Call 'kernel32::Process32FirstW(p R1, p R2) i .R3'
  ${DoWhile} $R3 <> 0
    IntPtrOp $R4 $R2 + ${PROCESSENTRY32W_EXEFILE}
    System::Call '*$R4(&w260 .R5)'
    ${If} $R5 == "${EXE_NAME}"
      System::Call '*$R2(i, i, i .R6)'        ; th32ProcessID
      System::Call 'kernel32::OpenProcess(i 0x1000, i 0, i R6) p .R7'   ; QUERY_LIMITED_INFORMATION
      StrCpy $R0 1
      ${If} $R7 P<> 0
        StrCpy $R8 ${NSIS_MAX_STRLEN}
        System::Call 'kernel32::QueryFullProcessImageNameW(p R7, i 0, w .R9, *i R8) i .R6'
        System::Call 'kernel32::CloseHandle(p R7)'
        ${If} $R6 <> 0
        ${AndIf} $R9 != "$INSTDIR\${EXE_NAME}"
          StrCpy $R0 0                        ; a copy elsewhere: not this install's
        ${EndIf}
      ${EndIf}
      ${If} $R0 = 1
        ${Break}
      ${EndIf}
    ${EndIf}
    System::Call 'kernel32::Process32NextW(p R1, p R2) i .R3'
  ${Loop}
  System::Free $R2
  System::Call 'kernel32::CloseHandle(p R1)'
FunctionEnd
!macroend
!insertmacro DEFINE_FIND_RUNNING ""
!insertmacro DEFINE_FIND_RUNNING "un."

; Ask to close the program until it is closed (or the user gives up); silent: wait up to
; SILENT_WAIT seconds, then quit with exit code 4.
!macro DEFINE_CLOSE_PROGRAM UN
Function ${UN}CloseProgram
  StrCpy $Waited 0
  ${Do}
    Call ${UN}FindRunning
    ${If} $R0 = 0
      Return
    ${EndIf}
    ${If} ${Silent}
      ${If} $Waited >= ${SILENT_WAIT}
        SetErrorLevel 4
        Quit
      ${EndIf}
      Sleep 1000
      IntOp $Waited $Waited + 1
    ${Else}
      ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_TITLE} 正在运行。$\r$\n$\r$\n请先保存工作并关闭程序（包括登录窗口），然后点击“重试”。$\r$\n点击“取消”退出。" IDCANCEL`
        SetErrorLevel 4
        Quit
      ${EndIf}
    ${EndIf}
  ${Loop}
FunctionEnd
!macroend
!insertmacro DEFINE_CLOSE_PROGRAM ""
!insertmacro DEFINE_CLOSE_PROGRAM "un."

Function KeepFolderFromCommandLine
  ${If} $FolderGiven != ""
    StrCpy $INSTDIR $FolderGiven
  ${EndIf}
FunctionEnd

Function QuitNoPrivileges
  SetErrorLevel 6
  Quit
FunctionEnd

Function un.QuitNoPrivileges
  SetErrorLevel 6
  Quit
FunctionEnd

; The data folder of the user running this (%APPDATA%\crm_desktop), whatever the mode.
!macro FIND_DATA_DIR
  SetShellVarContext current
  StrCpy $DataDir "$APPDATA\${APP_NAME}"
!macroend

; ------------------------------------------------------------------------------ sections
Section "程序文件（必需）" SecMain
  SectionIn RO
  Call CloseProgram

  ; An upgrade: remove the old bundle first, so no stale library stays beside the new ones
  ClearErrors
  !insertmacro REMOVE_BUNDLE_ITEMS
  IfFileExists "$INSTDIR\_internal\*.*" 0 +2
    RMDir /r "$INSTDIR\_internal"
  IfFileExists "$INSTDIR\${EXE_NAME}" 0 +2
    Delete "$INSTDIR\${EXE_NAME}"
  ${If} ${Errors}
    DetailPrint "无法删除旧版本的文件（可能正在使用）。"
    MessageBox MB_OK|MB_ICONSTOP "无法删除 $INSTDIR 中旧版本的文件，它们可能正在被使用。$\r$\n请关闭 ${APP_NAME} 或重新启动电脑后再安装。" /SD IDOK
    SetErrorLevel 7
    Quit
  ${EndIf}
  Delete "$DESKTOP\${SHORTCUT_NAME}"     ; made again below if still wanted

  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}${SEP}*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "$SMPROGRAMS\${SM_FOLDER}"
  CreateShortcut "$SMPROGRAMS\${SM_FOLDER}\${SHORTCUT_NAME}" "$INSTDIR\${EXE_NAME}" "" \
      "$INSTDIR\${EXE_NAME}" 0 SW_SHOWNORMAL "" "${APP_TITLE}"
  CreateShortcut "$SMPROGRAMS\${SM_FOLDER}\卸载 ${APP_TITLE}.lnk" "$INSTDIR\${UNINSTALLER}" \
      "/$MultiUser.InstallMode" "$INSTDIR\${UNINSTALLER}" 0

  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode /S'
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${SHORTCUT_NAME}" "$INSTDIR\${EXE_NAME}" "" \
      "$INSTDIR\${EXE_NAME}" 0 SW_SHOWNORMAL "" "${APP_TITLE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "${APP_TITLE} 的程序文件和“开始”菜单中的快捷方式。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面上放一个 ${APP_TITLE} 的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ------------------------------------------------------------------------------ installer functions
Function .onInit
  !insertmacro REG_VIEW_64
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_TITLE} 需要 Windows 10 或更新版本（64 位）。$\r$\n这台电脑的 Windows 版本太旧，无法安装。" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}

  System::Call 'kernel32::CreateMutexW(p 0, i 0, w "${APP_NAME}-setup") p .r0 ?e'
  Pop $1
  ${If} $1 = 183                          ; ERROR_ALREADY_EXISTS
    MessageBox MB_OK|MB_ICONEXCLAMATION "${APP_TITLE} 的安装程序已经在运行。" /SD IDOK
    SetErrorLevel 5
    Quit
  ${EndIf}

  ; MultiUser's own message for /ALLUSERS without rights has no silent default: check first
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/ALLUSERS" $1
  ${IfNot} ${Errors}
  ${AndIf} ${Silent}
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 != "Admin"
      SetErrorLevel 6
      Quit
    ${EndIf}
  ${EndIf}

  StrCpy $FolderGiven $INSTDIR          ; set by /D= only: there is no InstallDir
  !insertmacro FIND_DATA_DIR
  !insertmacro MULTIUSER_INIT

  ; A clerk without administrator rights, on a PC where IT installed it for all users: an
  ; upgrade of that install needs an administrator; offer a copy of the clerk's own instead
  ${If} $MultiUser.InstallMode == "CurrentUser"
  ${AndIf} $MultiUser.Privileges != "Admin"
    ReadRegStr $1 HKCU "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $2 HKLM "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $3 HKLM "${UNINST_KEY}" "DisplayVersion"
    ${If} $1 == ""
    ${AndIf} $2 != ""
      ${If} ${Cmd} `MessageBox MB_YESNO|MB_ICONQUESTION "这台电脑已经为所有用户安装了 ${APP_TITLE} $3（$2）。$\r$\n升级它需要管理员权限：请让管理员运行本安装程序。$\r$\n$\r$\n是否只为您自己另外安装一份？" /SD IDYES IDNO`
        SetErrorLevel 1
        Quit
      ${EndIf}
    ${EndIf}
  ${EndIf}

  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/NODESKTOP" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDesktop} 0
  ${EndIf}
FunctionEnd

; An upgrade stays in the folder of the earlier install: no folder page then.
Function DirectoryPre
  ReadRegStr $0 SHCTX "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $FolderGiven == ""
  ${AndIf} ${FileExists} "$0\${EXE_NAME}"
    StrCpy $INSTDIR $0
    Abort
  ${EndIf}
FunctionEnd

Function ComponentsLeave
  Call CloseProgram
FunctionEnd

Function RunProgram
  ; From an elevated setup, start it through Explorer so it runs with the user's own rights
  ${If} $MultiUser.Privileges == "Admin"
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE_NAME}"'
  ${Else}
    Exec '"$INSTDIR\${EXE_NAME}"'
  ${EndIf}
FunctionEnd

; ------------------------------------------------------------------------------ uninstaller
Function un.onInit
  !insertmacro REG_VIEW_64
  !insertmacro FIND_DATA_DIR
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Uninstall"
  Call un.CloseProgram

  !insertmacro REMOVE_BUNDLE_ITEMS
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"                        ; only if empty: files of others stay

  Delete "$SMPROGRAMS\${SM_FOLDER}\${SHORTCUT_NAME}"
  Delete "$SMPROGRAMS\${SM_FOLDER}\卸载 ${APP_TITLE}.lnk"
  RMDir "$SMPROGRAMS\${SM_FOLDER}"
  Delete "$DESKTOP\${SHORTCUT_NAME}"

  DeleteRegKey SHCTX "${UNINST_KEY}"
  ; Not removed: the data folder $DataDir and the program's settings (HKCU\Software\crm_desktop)
  DetailPrint "保留数据文件夹：$DataDir"
SectionEnd
