#!/usr/bin/env bash
# Build the spelling lexicons from hunspell-da/-en, wordfreq, the Debian Edu manual, Dasher's
# Danish prose and onboard's word counts (one to two minutes on two cores); skipped quickly when
# they are up to date.
set -euo pipefail
"$VENV/bin/python" -m assistant.text.build --if-needed
