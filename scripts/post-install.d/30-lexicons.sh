#!/usr/bin/env bash
# Build the spelling lexicons from hunspell-da/-en, wordfreq and the Debian Edu manual (about a
# minute on two cores); skipped quickly when they are up to date.
set -euo pipefail
"$VENV/bin/python" -m assistant.text.build --if-needed
