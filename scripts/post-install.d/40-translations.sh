#!/usr/bin/env bash
# Compile the Qt Linguist translations (.ts -> .qm) for the English user interface.
set -euo pipefail
"$VENV/bin/python" -m assistant.ui.translations
