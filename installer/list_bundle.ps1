# The Windows twin of list_bundle.sh, run by a makensis on Windows (!system): writes the NSIS
# macro REMOVE_BUNDLE_ITEMS, one entry per top-level file or folder of the bundle, removing it
# from $INSTDIR. Usage: powershell -File list_bundle.ps1 BUNDLE_DIR OUTPUT_FILE
param([Parameter(Mandatory = $true)][string]$Bundle, [Parameter(Mandatory = $true)][string]$Output)
$ErrorActionPreference = "Stop"
$lines = @('!macro REMOVE_BUNDLE_ITEMS')
foreach ($item in Get-ChildItem -LiteralPath $Bundle -Force | Sort-Object Name) {
    $name = $item.Name.Replace('$', '$$')
    if ($item.PSIsContainer) {
        $lines += '  IfFileExists "$INSTDIR\' + $name + '\*.*" 0 +2'
        $lines += '    RMDir /r "$INSTDIR\' + $name + '"'
    } else {
        $lines += '  IfFileExists "$INSTDIR\' + $name + '" 0 +2'
        $lines += '    Delete "$INSTDIR\' + $name + '"'
    }
}
$lines += '!macroend'
# UTF-8 with a byte-order mark: makensis reads it as UTF-8 whatever the code page
[System.IO.File]::WriteAllLines($Output, [string[]]$lines, (New-Object System.Text.UTF8Encoding $true))
exit 0
