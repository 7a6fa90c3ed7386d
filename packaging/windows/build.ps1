# Builds the Windows installer on a Windows machine with Python >= 3.11 and Inno Setup 6 or 7:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Steps: frozen one-folder app (PyInstaller) -> smoke tests of the frozen exe (offscreen and on the
# native Windows platform plugin) -> optional code signing -> installer (Inno Setup).
#
# Optional signing: set HOSHO_SIGN_CERT (path to a .pfx) and HOSHO_SIGN_PASSWORD, or
# HOSHO_SIGN_THUMBPRINT (a certificate in the user's store), and HOSHO_SIGN_TIMESTAMP_URL; signtool.exe from the Windows SDK must
# be on PATH or given as HOSHO_SIGNTOOL. Without them the build is unsigned (README: SmartScreen).
param(
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

# Python: the py launcher first; a bare `python` may be the Microsoft Store alias, which opens the
# Store instead of running anything.
$python = $null
if (Get-Command py -ErrorAction SilentlyContinue) {
    $python = @("py", "-3")
} elseif (Get-Command python -ErrorAction SilentlyContinue) {
    $candidate = (Get-Command python).Source
    if ($candidate -like "*\WindowsApps\*") {
        throw "python は Microsoft Store の案内用エイリアスです。python.org から Python 3.11 以上を入れるか、設定 > アプリ > アプリ実行エイリアス で python.exe をオフにしてください。"
    }
    $python = @($candidate)
} else {
    throw "Python 3.11 以上が見つかりません（py ランチャーも python もありません）。"
}
function Invoke-Python { & $python[0] @($python | Select-Object -Skip 1) @args }

if (-not (Get-Command uv -ErrorAction SilentlyContinue)) {
    # pip --user puts uv.exe in a versioned Scripts folder that is rarely on PATH; call it as a module.
    Invoke-Python -m pip install --user uv
    if ($LASTEXITCODE -ne 0) { throw "pip install uv failed" }
    function uv { Invoke-Python -m uv @args }
}

if (-not $Iscc) {
    $candidates = @("${env:ProgramFiles(x86)}\Inno Setup 7\ISCC.exe", "${env:ProgramFiles}\Inno Setup 7\ISCC.exe",
                    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "${env:ProgramFiles}\Inno Setup 6\ISCC.exe",
                    "${env:LOCALAPPDATA}\Programs\Inno Setup 6\ISCC.exe")
    $Iscc = $candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $Iscc -and (Get-Command ISCC -ErrorAction SilentlyContinue)) { $Iscc = (Get-Command ISCC).Source }
}
if (-not $Iscc -or -not (Test-Path $Iscc)) { throw "Inno Setup 6 または 7 の ISCC.exe が見つかりません。-Iscc <path> で指定してください。" }

uv sync --locked --group build
if ($LASTEXITCODE -ne 0) { throw "uv sync failed" }

uv run pyinstaller --noconfirm --clean packaging\hosho-navi.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The console companion waits and returns the exit code by itself. Offscreen first, then on the
# real Windows platform plugin (qwindows.dll, the style plugins) as an adviser's laptop runs it.
foreach ($mode in @("offscreen", "native")) {
    $smokeDir = Join-Path $env:TEMP "hosho-navi-smoke-$mode"
    $smokeArgs = @("--smoke", $smokeDir)
    if ($mode -eq "native") { $smokeArgs += "--native" }
    & "dist\hosho-navi\hosho-navi-cli.exe" @smokeArgs
    if ($LASTEXITCODE -ne 0) { throw "Frozen smoke test ($mode) failed (exit $LASTEXITCODE); see $smokeDir\smoke.log" }
}
& "dist\hosho-navi\hosho-navi-cli.exe" --help | Out-Null
if ($LASTEXITCODE -ne 0) { throw "hosho-navi-cli --help failed" }

$version = (uv run python -c "import importlib.metadata as m; print(m.version('hosho-navi'))").Trim()
$isccArgs = @("/DAppVersion=$version")

$signtool = if ($env:HOSHO_SIGNTOOL) { $env:HOSHO_SIGNTOOL } else { "signtool.exe" }
# A timestamp keeps the signature valid after the certificate expires: the certificate vendor
# names its RFC 3161 server (HOSHO_SIGN_TIMESTAMP_URL).
$stamp = if ($env:HOSHO_SIGN_TIMESTAMP_URL) { "/tr $env:HOSHO_SIGN_TIMESTAMP_URL /td SHA256" } else { "" }
$signArgs = $null
if ($env:HOSHO_SIGN_CERT) {
    $signArgs = "sign /fd SHA256 $stamp /f `"$env:HOSHO_SIGN_CERT`" /p `"$env:HOSHO_SIGN_PASSWORD`""
} elseif ($env:HOSHO_SIGN_THUMBPRINT) {
    $signArgs = "sign /fd SHA256 $stamp /sha1 $env:HOSHO_SIGN_THUMBPRINT"
}
if ($signArgs) {
    foreach ($exe in @("dist\hosho-navi\hosho-navi.exe", "dist\hosho-navi\hosho-navi-cli.exe")) {
        Start-Process -FilePath $signtool -ArgumentList "$signArgs `"$exe`"" -Wait -NoNewWindow
    }
    # Inno signs the installer and its uninstaller with the same command ($f is the file).
    $isccArgs += "/Ssigntool=`"$signtool`" $signArgs `$f"
    $isccArgs += "/DSignTool=signtool"
} else {
    Write-Warning "署名なしでビルドします（SmartScreen の警告が出ます。README を参照）。"
}

& $Iscc @isccArgs "packaging\windows\hosho-navi.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Installer: dist\installer\hosho-navi-setup-$version.exe"
