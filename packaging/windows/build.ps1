# Builds the Windows installer on a Windows machine with Python >= 3.11 and Inno Setup 6 installed:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Steps: frozen one-folder app (PyInstaller) -> smoke test of the frozen exe -> installer (Inno Setup).
param(
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

if (-not (Get-Command uv -ErrorAction SilentlyContinue)) {
    # pip --user puts uv.exe in a versioned Scripts folder that is rarely on PATH; call it as a module.
    python -m pip install --user uv
    if ($LASTEXITCODE -ne 0) { throw "pip install uv failed" }
    function uv { python -m uv @args }
}
if (-not (Test-Path $Iscc)) { throw "Inno Setup (ISCC.exe) not found at $Iscc; pass -Iscc <path>." }

uv sync --locked --group build
if ($LASTEXITCODE -ne 0) { throw "uv sync failed" }

uv run pyinstaller --noconfirm --clean packaging\hosho-navi.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The exe is windowed (no console), so wait for it explicitly and read its exit code.
$smokeDir = Join-Path $env:TEMP "hosho-navi-smoke"
$smoke = Start-Process -FilePath "dist\hosho-navi\hosho-navi.exe" -ArgumentList "--smoke", "`"$smokeDir`"" -Wait -PassThru
if ($smoke.ExitCode -ne 0) { throw "Frozen smoke test failed (exit $($smoke.ExitCode)); see $smokeDir" }

$version = (uv run python -c "import importlib.metadata as m; print(m.version('hosho-navi'))").Trim()
& $Iscc "/DAppVersion=$version" "packaging\windows\hosho-navi.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Installer: dist\installer\hosho-navi-setup-$version.exe"
