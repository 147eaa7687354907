<#
.SYNOPSIS
  Build the Windows installer (MSI) of assistant on a Windows build machine.

.DESCRIPTION
  1. python installer\build.py            -> build\bundle\dist\assistant\ (PyInstaller one-folder app)
  2. signtool: sign assistant.exe         (antivirus tools flag unsigned PyInstaller apps that read
                                           the keyboard; sign every release)
  3. python installer\windows\wxs_files.py -> build\files.wxs (one component per bundle file)
  4. WiX 3: candle + light                -> build\assistant-<version>-x64.msi
  5. signtool: sign the MSI

  Needs: Python 3.11+ with the project installed (pip install -e .[starter-models,package]),
  the lexicons and translations built (scripts\post-install.d does it on Linux; build.py runs the
  same steps), WiX Toolset 3.14 (candle.exe, light.exe on PATH) and, for signing, signtool.exe
  from the Windows SDK with a code-signing certificate.

  This script has not been run in this repository's CI (Linux). The MSI is built and tested there
  by installer/windows/build_msi.py (wixl + msibuild; tests/e2e/test_msi.py, test_msi_wine.py),
  which also compiles RunCli.dll from runcli.c and writes rows wixl cannot express. Before using
  this script, compile runcli.c to installer\windows\RunCli.dll (mingw-w64 or MSVC, linked with
  msi.lib); WiX 3 writes the other rows from assistant.wxs itself only where the source has them.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -CertificateThumbprint 0123ABCD...
#>
param(
    [string]$Python = "python",
    [string]$Out = "build",
    # Code signing: the thumbprint of a certificate in the machine's store, or a .pfx file.
    [string]$CertificateThumbprint = "",
    [string]$PfxFile = "",
    [string]$PfxPassword = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

function Sign-File([string]$Path) {
    if (-not $CertificateThumbprint -and -not $PfxFile) {
        Write-Warning "not signed: $Path (pass -CertificateThumbprint or -PfxFile)"
        return
    }
    $args = @("sign", "/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256", "/d", "Assistent")
    if ($CertificateThumbprint) { $args += @("/sha1", $CertificateThumbprint) }
    else { $args += @("/f", $PfxFile, "/p", $PfxPassword) }
    Invoke-Checked "signtool.exe" ($args + @($Path))
}

$started = Get-Date
Invoke-Checked $Python @("installer\build.py", "--out", "$Out\bundle")
$bundle = Join-Path $Out "bundle\dist\assistant"
Sign-File (Join-Path $bundle "assistant.exe")

$version = & $Python -c "import assistant; print(assistant.__version__)"
Invoke-Checked $Python @("installer\windows\wxs_files.py", $bundle, "$Out\files.wxs")
Invoke-Checked "candle.exe" @("-nologo", "-arch", "x64", "-dVersion=$version", "-dWindowsDir=installer\windows\", "-out", "$Out\",
    "installer\windows\assistant.wxs", "$Out\files.wxs")
$msi = Join-Path $Out "assistant-$version-x64.msi"
Invoke-Checked "light.exe" @("-nologo", "-out", $msi, "$Out\assistant.wixobj", "$Out\files.wixobj")
Sign-File $msi

$minutes = [math]::Round(((Get-Date) - $started).TotalMinutes, 1)
Write-Host "MSI: $msi ($minutes min)"
Write-Host "Silent install: msiexec /i $msi /qn UI_LANGUAGE=da POLICY_FILE=<policy.toml> MODELS_DIR=<folder>"
