# Build the Windows one-folder bundle, smoke-test it, optionally sign it, zip it and,
# when Inno Setup is installed, make an installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# Signing runs only when both are set (CI maps them from secrets):
#   WINDOWS_CERT_PFX_BASE64   the code-signing certificate (.pfx), base64-encoded
#   WINDOWS_CERT_PASSWORD     its password
# Output: dist\mailmover\ (mailmover.exe windowed, mailmover-cli.exe console),
#         dist\mailmover-VERSION-windows-x64.zip, dist\mailmover-VERSION-setup.exe
# Extra arguments go to the bundle's --self-test (e.g. --self-test-imap URL).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

$Python = $env:PYTHON
if (-not $Python) {
    if (-not (Test-Path packaging\build\venv\Scripts\python.exe)) {
        python -m venv packaging\build\venv
    }
    $Python = "packaging\build\venv\Scripts\python.exe"
    & $Python -m pip install -q --upgrade pip
    & $Python -m pip install -q ".[demo]" pyinstaller
    if ($LASTEXITCODE) { throw "pip install failed" }
}
$Version = (& $Python -c "import mailmover; print(mailmover.__version__)").Trim()

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath packaging\build\work packaging\mailmover.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
$Bundle = "dist\mailmover"
$Size = (Get-ChildItem $Bundle -Recurse | Measure-Object Length -Sum).Sum / 1MB
Write-Host ("built {0}, {1:N0} MB" -f $Bundle, $Size)

function Sign-Files([string[]] $Files) {
    if (-not ($env:WINDOWS_CERT_PFX_BASE64 -and $env:WINDOWS_CERT_PASSWORD)) { return }
    $TempDir = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
    $Pfx = Join-Path $TempDir "codesign.pfx"  # deleted below, whatever happens
    [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
    try {
        $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
            Sort-Object FullName -Descending | Select-Object -First 1
        & $SignTool.FullName sign /f $Pfx /p $env:WINDOWS_CERT_PASSWORD /fd sha256 `
            /tr http://timestamp.digicert.com /td sha256 $Files
        if ($LASTEXITCODE) { throw "signtool failed" }
    } finally {
        Remove-Item $Pfx -Force
    }
}
Sign-Files @("$Bundle\mailmover.exe", "$Bundle\mailmover-cli.exe")

# Smoke-test both executables. The windowed one has no console: its exit code and the
# report file (MAILMOVER_HOME\logs\selftest.txt) tell the result.
$env:MAILMOVER_HOME = Join-Path ([IO.Path]::GetTempPath()) ("mailmover-selftest-" + [guid]::NewGuid())
$TestArgs = @("--self-test") + $args
& "$Bundle\mailmover-cli.exe" @TestArgs
if ($LASTEXITCODE) { throw "self-test (console) failed" }
$Gui = Start-Process -FilePath "$Bundle\mailmover.exe" -ArgumentList $TestArgs -Wait -PassThru
Get-Content (Join-Path $env:MAILMOVER_HOME "logs\selftest.txt")
if ($Gui.ExitCode) { throw "self-test (windowed) failed: exit $($Gui.ExitCode)" }
Remove-Item $env:MAILMOVER_HOME -Recurse -Force
Remove-Item Env:\MAILMOVER_HOME

$Zip = "dist\mailmover-$Version-windows-x64.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path $Bundle -DestinationPath $Zip
Write-Host "zip: $Zip"

# Inno Setup 6 or later, wherever its installer put it (per machine or per user).
$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = Get-ChildItem "${env:ProgramFiles(x86)}\Inno Setup *\ISCC.exe",
        "$env:ProgramFiles\Inno Setup *\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup *\ISCC.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
}
if ($Iscc) {
    & $Iscc /Qp "/DAppVersion=$Version" packaging\windows\mailmover.iss
    if ($LASTEXITCODE) { throw "Inno Setup failed" }
    Sign-Files @("dist\mailmover-$Version-setup.exe")
    Write-Host "installer: dist\mailmover-$Version-setup.exe"
} elseif ($env:CI) {
    # A release without its installer must not pass unnoticed (the upload step would
    # still find the zip).
    throw "Inno Setup not found: CI must build the installer (choco install innosetup)"
} else {
    Write-Host "Inno Setup not found: no installer (choco install innosetup)"
}
