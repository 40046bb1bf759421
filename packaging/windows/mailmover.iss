; Inno Setup script: a per-user installer for the one-folder build in dist\mailmover.
; Built by packaging\build-windows.ps1:  ISCC /DAppVersion=0.1.0 packaging\windows\mailmover.iss
; Per-user (no administrator rights): faculty laptops often have none.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "mailmover"

[Setup]
; A fixed id: upgrades replace the previous version instead of installing beside it.
AppId={{6B2C9E4A-3F1D-4C8B-9E27-5A0D8F1C7B34}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=University IT
AppVerName={#AppName} {#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\mailmover.exe
; English and Simplified Chinese setup pages (ChineseSimplified ships as unofficial:
; bundled with this script's folder when present, else English only).
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\mailmover\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A previous version's library files must not mix with this one's.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\mailmover.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mailmover.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mailmover.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
