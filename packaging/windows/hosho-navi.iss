; Inno Setup script: per-user installer for 経営者保証 解除ナビ (engineering notes §4).
; Built by packaging/windows/build.ps1 after PyInstaller has produced dist\hosho-navi\.
; Compile by hand: ISCC.exe /DAppVersion=0.1.0 packaging\windows\hosho-navi.iss
; Saved as UTF-8 with a BOM so Inno Setup reads the Japanese strings correctly. Needs Inno Setup
; 6.3 or later (x64compatible, HKA).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "経営者保証 解除ナビ"
#define AppExe "hosho-navi.exe"
#define RepoRoot "..\.."

[Setup]
; Never change AppId: upgrades find the earlier install through it and replace it in place.
AppId={{8F3C2A61-5B7E-4D2A-9C1E-6A0B7D4E2F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hosho Navi
VersionInfoVersion={#AppVersion}
; Advisers' laptops rarely grant admin rights: install for the current user only.
PrivilegesRequired=lowest
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install.
DefaultDirName={autopf}\HoshoNavi
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
SetupIconFile={#RepoRoot}\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#RepoRoot}\dist\installer
OutputBaseFilename=hosho-navi-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
; The .hnavi association is written below; tell Explorer to refresh its icons.
ChangesAssociations=yes
; Windows 10 1809 or later (Qt 6.8+ needs it).
MinVersion=10.0.17763
; A running copy is detected (by its mutex, see desktop/ui/app.py, and by Restart Manager) and the
; user is asked to close it before files are replaced; it is not restarted behind their back.
AppMutex=HoshoNaviRunning
CloseApplications=yes
RestartApplications=no
#ifdef SignTool
; Optional code signing (build.ps1 defines SignTool when a certificate is configured).
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade removes the previous version's Python/Qt files first: a module or DLL the new build no
; longer ships must not linger beside it and be loaded by mistake.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole one-folder build (exe, _internal\ with Python, Qt and resources\).
Source: "{#RepoRoot}\dist\hosho-navi\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Licence texts: fonts (SIL OFL 1.1), Qt / PySide6 (LGPL-3.0, which incorporates the GPL-3.0 text).
Source: "{#RepoRoot}\resources\fonts\OFL.txt"; DestDir: "{app}\licenses"; DestName: "BIZ-UD-fonts-OFL.txt"; Flags: ignoreversion
Source: "{#RepoRoot}\packaging\licenses\LGPL-3.0.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion
Source: "{#RepoRoot}\packaging\licenses\GPL-3.0.txt"; DestDir: "{app}\licenses"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .hnavi for the current user only (HKA = HKCU in a per-user install). Only our own keys are
; deleted on uninstall; an association the user set to another program is left alone.
Root: HKA; Subkey: "Software\Classes\.hnavi\OpenWithProgids"; ValueType: string; ValueName: "HoshoNavi.Case"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.hnavi"; ValueType: string; ValueName: ""; ValueData: "HoshoNavi.Case"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\HoshoNavi.Case"; ValueType: string; ValueName: ""; ValueData: "解除ナビ ケースファイル"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\HoshoNavi.Case\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\HoshoNavi.Case\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the user's cases (wherever they saved them), the autosaves and logs in
; %LOCALAPPDATA%\HoshoNavi are the user's data and stay after uninstalling.
