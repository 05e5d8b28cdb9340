; CAX Desk installer for Windows (NSIS 3, Modern UI 2): Vietnamese and English pages, a Start-menu
; shortcut, an optional station folder shared by every Windows account of the PC, and an
; uninstaller that keeps the station data unless asked (docs/install.md, docs/build-windows.md).
;
;   makensis /DVERSION=0.1.0 /DPAYLOAD=dist\cax-desk /DOUTFILE=dist\CAXDesk-0.1.0-setup.exe ^
;            installer\windows\cax-desk.nsi
;
; VERSION is desktop/version.py's (numeric x.y.z: Windows wants four numbers, ".0" is added);
; PAYLOAD is the PyInstaller onedir bundle. On Linux `make nsis-check` compiles this script
; against a placeholder payload.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!include MUI2.nsh
!include LogicLib.nsh
!include Sections.nsh
!include WinMessages.nsh
!include x64.nsh
!include FileFunc.nsh

!ifndef VERSION
  !error "Pass /DVERSION=x.y.z (desktop/version.py)"
!endif
!ifndef PAYLOAD
  !error "Pass /DPAYLOAD=<folder of the PyInstaller bundle, dist\cax-desk>"
!endif
!ifndef OUTFILE
  !define OUTFILE "CAXDesk-${VERSION}-setup.exe"
!endif

!define APP "CAX Desk"
; The data folder's name: desktop/paths.py APP_NAME, so %LOCALAPPDATA%\CAXDesk per user.
!define APPKEY "CAXDesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define ENVKEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
; BUILTIN\Users by SID: the group's name is translated on a Vietnamese Windows.
!define USERS_SID "*S-1-5-32-545"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${UNINSTKEY}" "InstallLocation"
; Per-machine install into Program Files; the data is never put there.
RequestExecutionLevel admin

!define MUI_ICON "${PAYLOAD}\_internal\resources\icons\cax-desk.ico"
!define MUI_UNICON "${PAYLOAD}\_internal\resources\icons\cax-desk.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_UNCOMPONENTSPAGE_SMALLDESC
; Remember the language chosen at install time for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTKEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; No "run CAX Desk now" box: the installer runs as administrator, and the app started from it
; would keep its station in the administrator's folder instead of the officer's.
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default one.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "CAX Desk authors"

LangString SEC_APP ${LANG_VIETNAMESE} "CAX Desk (bắt buộc)"
LangString SEC_APP ${LANG_ENGLISH} "CAX Desk (required)"
LangString DESC_APP ${LANG_VIETNAMESE} "Chương trình nhập liệu CAX Desk và lệnh quản trị cax, kèm lối tắt trong menu Start."
LangString DESC_APP ${LANG_ENGLISH} "The CAX Desk station app and the cax command line, with a Start-menu shortcut."
LangString SEC_DESKTOP ${LANG_VIETNAMESE} "Lối tắt trên màn hình nền"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString DESC_DESKTOP ${LANG_VIETNAMESE} "Đặt biểu tượng CAX Desk lên màn hình nền của mọi tài khoản."
LangString DESC_DESKTOP ${LANG_ENGLISH} "Put a CAX Desk icon on the desktop of every account."
LangString SEC_SHARED ${LANG_VIETNAMESE} "Một dữ liệu của đơn vị chung cho mọi tài khoản Windows"
LangString SEC_SHARED ${LANG_ENGLISH} "One station folder for every Windows account"
LangString DESC_SHARED ${LANG_VIETNAMESE} "Chọn khi nhiều cán bộ dùng chung máy này với các tài khoản Windows khác nhau: dữ liệu của đơn vị nằm ở $APPDATA\${APPKEY} (biến CAX_HOME của hệ thống). Không chọn: mỗi tài khoản có dữ liệu riêng."
LangString DESC_SHARED ${LANG_ENGLISH} "Choose this when officers share this PC under different Windows accounts: the station lives in $APPDATA\${APPKEY} (system variable CAX_HOME). Otherwise each account has its own station."
LangString UNSEC_APP ${LANG_VIETNAMESE} "Gỡ chương trình CAX Desk"
LangString UNSEC_APP ${LANG_ENGLISH} "Remove the CAX Desk program"
LangString UNSEC_DATA ${LANG_VIETNAMESE} "Xoá cả dữ liệu của đơn vị (không thể khôi phục)"
LangString UNSEC_DATA ${LANG_ENGLISH} "Also delete the station data (cannot be undone)"
LangString UNDESC_DATA ${LANG_VIETNAMESE} "Mặc định dữ liệu của đơn vị được giữ lại để cài lại hoặc nâng cấp. Chỉ chọn khi đã sao lưu và bàn giao."
LangString UNDESC_DATA ${LANG_ENGLISH} "By default the station data is kept for a reinstall or upgrade. Choose this only after a backup and handover."
LangString CONFIRM_DATA ${LANG_VIETNAMESE} "Xoá vĩnh viễn dữ liệu của đơn vị trong:$\r$\n$1$\r$\n$2$\r$\n$\r$\nHồ sơ, tài khoản và nhật ký trong đó sẽ mất hẳn. Tiếp tục?"
LangString CONFIRM_DATA ${LANG_ENGLISH} "Permanently delete the station data in:$\r$\n$1$\r$\n$2$\r$\n$\r$\nIts records, accounts and audit log will be gone for good. Continue?"
LangString NEED_X64 ${LANG_VIETNAMESE} "CAX Desk cần Windows 64-bit."
LangString NEED_X64 ${LANG_ENGLISH} "CAX Desk needs 64-bit Windows."

Section "$(SEC_APP)" SecApp
  SectionIn RO
  SetShellVarContext all
  ; An upgrade replaces the whole bundle, so no library of the old version lingers next to the new.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\cax-desk.exe"

  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "CAX Desk"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\cax-desk.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section /o "$(SEC_DESKTOP)" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\cax-desk.exe"
SectionEnd

Section /o "$(SEC_SHARED)" SecShared
  SetShellVarContext all
  StrCpy $0 "$APPDATA\${APPKEY}"  ; all users' $APPDATA is C:\ProgramData
  CreateDirectory "$0"
  ; Every account may create and change files there (inherited by the files the app creates).
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$0" /grant ${USERS_SID}:(OI)(CI)M'
  Pop $1
  WriteRegExpandStr HKLM "${ENVKEY}" "CAX_HOME" "$0"
  WriteRegStr HKLM "${UNINSTKEY}" "SharedStationFolder" "$0"
  ; Programs started from now on (Explorer, the Start menu) see the new variable.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
SectionEnd

; After the sections: it selects one of them by its index.
Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NEED_X64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all  ; a machine-wide install: $APPDATA is C:\ProgramData from here on
  !insertmacro MUI_LANGDLL_DISPLAY
  ; An upgrade keeps the shared-folder choice made at the first install.
  ReadRegStr $0 HKLM "${UNINSTKEY}" "SharedStationFolder"
  ${If} $0 != ""
    !insertmacro SelectSection ${SecShared}
  ${EndIf}
FunctionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(DESC_APP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DESC_DESKTOP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecShared} "$(DESC_SHARED)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ---- uninstaller --------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Runs first (sections run in order) while the registry still names the shared folder.
; Unticked by default, and a silent uninstall (/S) answers "No": data is only deleted when asked.
Section /o "un.$(UNSEC_DATA)" UnSecData
  SetShellVarContext current
  StrCpy $1 "$LOCALAPPDATA\${APPKEY}"  ; this account's station (desktop/paths.py, platformdirs)
  ReadRegStr $2 HKLM "${UNINSTKEY}" "SharedStationFolder"
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(CONFIRM_DATA)" /SD IDNO IDYES delete
  Return
  delete:
  RMDir /r "$1"
  ${If} $2 != ""
    RMDir /r "$2"
  ${EndIf}
SectionEnd

Section "un.$(UNSEC_APP)" UnSecApp
  SectionIn RO
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\cax-desk.exe"
  Delete "$INSTDIR\cax.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never removes files someone put there
  ; The shared-folder setting goes with the program; the folder itself stays (unless asked above).
  ReadRegStr $0 HKLM "${UNINSTKEY}" "SharedStationFolder"
  ReadRegStr $1 HKLM "${ENVKEY}" "CAX_HOME"
  ${If} $0 != ""
  ${AndIf} $1 == $0
    DeleteRegValue HKLM "${ENVKEY}" "CAX_HOME"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "$(UNDESC_DATA)"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecApp} "$(UNSEC_APP)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
