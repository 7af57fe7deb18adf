#!/bin/sh
# Writes the NSIS macro REMOVE_BUNDLE_ITEMS: one line per top-level file or folder of the
# bundle, removing it from $INSTDIR. crm_desktop.nsi runs this at compile time (!system), so
# an upgrade and the uninstaller remove exactly what the bundle put there, and nothing else
# that may be in the folder. Usage: list_bundle.sh BUNDLE_DIR OUTPUT_FILE
set -eu
bundle=$1
output=$2
{
    echo '!macro REMOVE_BUNDLE_ITEMS'
    for path in "$bundle"/* "$bundle"/.[!.]*; do
        [ -e "$path" ] || continue
        name=$(basename "$path" | sed 's/\$/$$/g')
        # printf, not echo: dash's echo would read the backslashes as escapes
        if [ -d "$path" ]; then
            printf '  IfFileExists "$INSTDIR\\%s\\*.*" 0 +2\n' "$name"
            printf '    RMDir /r "$INSTDIR\\%s"\n' "$name"
        else
            printf '  IfFileExists "$INSTDIR\\%s" 0 +2\n' "$name"
            printf '    Delete "$INSTDIR\\%s"\n' "$name"
        fi
    done
    echo '!macroend'
} >"$output"
