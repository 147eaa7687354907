#!/usr/bin/env bash
# Install what the product needs (Debian/Ubuntu): system packages, a virtualenv in .venv and the
# package with its starter models. With --test, also what the test suite needs.
# Safe to run again: it only installs what is missing. Runs as root, or uses sudo.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
        echo "install: run as root or install sudo (system packages are needed)" >&2; exit 2
    fi
fi

packages() { grep -hvE '^\s*(#|$)' "$@" | awk '{print $1}'; }
lists=(scripts/apt-runtime.txt)
[[ $WITH_TEST -eq 1 ]] && lists+=(scripts/apt-test.txt)
mapfile -t wanted < <(packages "${lists[@]}")
missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    say "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python 3.11 or newer: the PATH's python3, else a versioned one.
PY=""
for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then PY=$candidate; break; fi
done
[[ -n "$PY" ]] || { echo "install: Python 3.11 or newer is needed (apt-get install python3)" >&2; exit 2; }

VENV="$ROOT/.venv"
if [[ ! -x "$VENV/bin/python" ]]; then
    say "Creating virtual environment in .venv ($($PY --version))"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
fi
extras="starter-models"
[[ $WITH_TEST -eq 1 ]] && extras="starter-models,test"
say "Installing Python packages (.[$extras])"
if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[$extras]" \
        >"$VENV/pip-install.log" 2>&1; then
    tail -n 30 "$VENV/pip-install.log" >&2
    echo "install: pip failed (full log: .venv/pip-install.log)" >&2
    exit 1
fi
"$VENV/bin/python" -c "import assistant" || { echo "install: the package did not install" >&2; exit 1; }

# Post-install steps that build data from what was just installed.
for step in scripts/post-install.d/*.sh; do
    [[ -e "$step" ]] || continue
    say "Running $(basename "$step")"
    VENV="$VENV" bash "$step"
done
say "Installed. Run: .venv/bin/assistant doctor"
