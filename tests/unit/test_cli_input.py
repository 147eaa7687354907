"""Issue 16: odd command-line input is one line on stderr and exit 2, never "internal error" or a
traceback. Real ``assistant`` processes; cases that need no model run side by side to stay fast."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from tests.support.disk import fill, free, full_filesystem, set_read_only, small_filesystem


@dataclass
class Case:
    args: tuple[str | bytes, ...]
    expect: str  # in the one stderr line
    stdin: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    code: int = 2


def _run(case: Case) -> tuple[Case, int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", *case.args],
        input=case.stdin if case.stdin is not None else b"",
        capture_output=True,
        env={**os.environ, **case.env},
        timeout=120,
    )
    return case, done.returncode, done.stderr.decode("utf-8", "replace")


def _run_in_process(case: Case, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """The same entry point as the ``assistant`` command, without the 1-5 s of a new interpreter."""
    from assistant.__main__ import run

    with monkeypatch.context() as patch:
        for key, value in case.env.items():
            patch.setenv(key, value)
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(case.stdin or b""), encoding="utf-8"))
        capsys.readouterr()
        code = run([a if isinstance(a, str) else os.fsdecode(a) for a in case.args])
        return case, code, capsys.readouterr().err


def check_all(
    cases: list[Case], in_process: tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch] | None = None
):
    """Run every case and check: its exit code, exactly one stderr line, the expected words in it,
    and no trace of a Python failure. Real processes (three at a time) unless ``in_process`` is
    given (capsys, monkeypatch): then ``assistant.__main__.run`` is called here."""
    if in_process is None:
        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(_run, cases))
    else:
        results = [_run_in_process(case, *in_process) for case in cases]
    failures = []
    for case, code, stderr in results:
        lines = [line for line in stderr.splitlines() if not line.startswith("assistant: note:")]
        ok = (
            code == case.code
            and len(lines) == 1
            and lines[0].startswith("assistant: error: ")
            and case.expect in lines[0]
            and "internal error" not in stderr
            and "Traceback" not in stderr
        )
        if not ok:
            failures.append(f"{case.args!r}: exit {code}, stderr {stderr!r}")
    assert not failures, "\n".join(failures)
    return [stderr for _, _, stderr in results]


Inline = tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch]


@pytest.fixture
def inline(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Inline:
    return capsys, monkeypatch


SECRET = b"CPR 010203-1234 \xff\xfe"


def test_stdin_that_is_not_utf8_text_is_refused_with_the_byte_offset(tmp_path: Path, inline: Inline) -> None:
    out = tmp_path / "speech.wav"
    real = [
        Case(("spell",), "not valid UTF-8 (byte 16 cannot be decoded)", stdin=SECRET),
        # Bytes that are not UTF-8 in an argument (Python keeps them as lone surrogates).
        Case(("type", b"hej \xff"), "argument 2 is not valid UTF-8 (character 4"),
    ]
    here = [
        Case(("spell",), "binary file, not text (a NUL byte at byte 3)", stdin=b"hej\0med\n"),
        Case(("speak", "-", "--out", str(out)), "byte 16 cannot be decoded); nothing was read", stdin=SECRET),
        Case(
            ("type", "-", "--backend", "clipboard"),
            "byte 16 cannot be decoded); nothing was typed",
            stdin=SECRET,
        ),
        Case(("speak", b"hej \xff", "--out", str(out)), "argument 2 is not valid UTF-8 (character 4"),
        Case(("spell", b"hej\xff"), "argument 2 is not valid UTF-8"),
        Case(("dictionary", "add", b"\xff"), "argument 3 is not valid UTF-8"),
    ]
    errors = check_all(real) + check_all(here, inline)
    assert not out.exists()
    for stderr in errors:
        assert "010203" not in stderr  # the offset is named, never the content


def test_stdin_larger_than_the_limit_is_refused_without_reading_it_all() -> None:
    from assistant.cli._input import MAX_STDIN_BYTES, read_stdin_text
    from assistant.errors import UsageError

    class Endless(io.RawIOBase):  # like /dev/zero
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    with pytest.raises(UsageError, match="larger than 16 MB") as caught:
        read_stdin_text(stream=io.BufferedReader(Endless()))
    assert caught.value.msgid == "input.too-large"
    assert (
        read_stdin_text(
            stream=io.BytesIO(
                b"\xef\xbb\xbfHej \0",
            ),
            allow_nul=True,
        )
        == "Hej \0"
    )
    assert MAX_STDIN_BYTES == 16 * 1024 * 1024


def test_argparse_errors_are_one_line_naming_the_help_to_read(inline: Inline) -> None:
    real = [
        Case(("spell", "--top", "x"), "argument --top: invalid int value: 'x' (see assistant spell --help)")
    ]
    here = [
        Case(("nope",), "invalid choice: 'nope'"),
        Case(("history",), "required: ACTION (see assistant history --help)"),
        Case(("--log-level", "LOUD", "doctor"), "(see assistant --help)"),
        Case(("speak",), "required: TEXT (see assistant speak --help)"),
        Case(("transcribe",), "(see assistant transcribe --help)"),
        Case(("doctor", "--bogus"), "unrecognized arguments: --bogus (see assistant doctor --help)"),
    ]
    for stderr in check_all(real) + check_all(here, inline):
        assert "usage:" not in stderr and stderr.rstrip().endswith("--help)")


def test_numbers_and_paths_out_of_range_are_usage_errors(inline: Inline) -> None:
    check_all(
        [
            Case(
                ("dictate", "--seconds", "nan"), "argument --seconds: must be more than 0 and at most 86400"
            ),
            Case(("history", "show", "99999999999999999999"), "must be from 1 to 9223372036854775807"),
        ]
    )
    check_all(
        [
            *(
                Case(
                    ("dictate", f"--seconds={value}"),
                    "argument --seconds: must be more than 0 and at most 86400",
                )
                for value in ("inf", "-1", "0", "1e400", "-inf")
            ),
            Case(("dictate", "--seconds", "lang"), "a number of seconds is needed"),
            Case(("history", "show", "0"), "must be from 1"),
            Case(("dictionary", "add", ""), "An empty word cannot be added"),
            Case(("dictionary", "add", "tandsten", "  "), "An empty word cannot be added"),
            Case(("history", "delete", "3", "99999999999999999999"), "argument ID: must be from 1"),
            Case(("history", "purge", "--days", "-1"), "argument --days: must be from 0 to 36500, not -1"),
            Case(("history", "purge", "--days", "99999999999"), "must be from 0 to 36500"),
            Case(("history", "list", "--limit", "-5"), "argument --limit: must be from 0"),
            Case(
                ("type", "--delay-ms", "99999999999999999999999", "x"),
                "argument --delay-ms: must be from 0 to 1000",
            ),
            # A path longer than the system allows: one line whichever module meets it first.
            Case(("models", "install", "x" * 5000), ""),
            Case(("transcribe", "x" * 5000), "File name too long"),
        ],
        inline,
    )


def test_speak_out_where_it_cannot_write_says_so(tmp_path: Path, inline: Inline) -> None:
    check_all([Case(("speak", "hej", "--out", str(tmp_path / "missing" / "x.wav")), "does not exist")])
    check_all(
        [
            Case(("speak", "hej", "--marks", str(tmp_path / "missing" / "x.json")), "does not exist"),
            Case(("speak", "hej", "--out", str(tmp_path)), "is a folder"),
            # Renaming over a device would replace it: refused, and /dev/null is still a device.
            Case(("speak", "hej", "--out", "/dev/null"), "is not a regular file"),
            # Only invisible characters: the speech engine's word timing had nothing to hold on to.
            Case(("speak", "--out", str(tmp_path / "z.wav"), "\u200d\ufeff"), "There is no text to read"),
            Case(
                ("speak", "--out", str(tmp_path / "z.wav"), "-"),
                "There is no text to read",
                stdin=b"\x01\x02\xc2\xad",
            ),
        ],
        inline,
    )
    assert Path("/dev/null").is_char_device()
    assert list(tmp_path.iterdir()) == []


def test_speak_out_on_a_full_disk_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, inline: Inline
) -> None:
    where = tmp_path / "disk"
    with small_filesystem(where, size_kib=512) as disk:
        old = disk / "speech.wav"
        old.write_bytes(b"old recording")
        with full_filesystem(disk / "full", size_kib=64) as full:
            fresh = full / "new.wav"
            check_all(
                [
                    Case(("speak", "Hej med dig", "--out", str(fresh)), "No space left on device"),
                    Case(("speak", "Hej med dig", "--marks", str(full / "m.json")), "nothing was changed"),
                ]
            )
            assert sorted(p.name for p in full.iterdir()) == [".filler"]  # no temp file, no 0-byte WAV
        fill(disk)
        check_all([Case(("speak", "Hej med dig", "--out", str(old)), "No space left on device")], inline)
        assert old.read_bytes() == b"old recording"
        assert sorted(p.name for p in disk.iterdir() if p.name != "full") == [".filler", "speech.wav"]
        free(disk)
        set_read_only(disk)
        try:
            check_all([Case(("speak", "Hej", "--out", str(old)), "Read-only file system")], inline)
        finally:
            set_read_only(disk, False)
        assert old.read_bytes() == b"old recording"


def test_tray_with_an_unreachable_display_is_one_line_exit_2(tmp_path: Path) -> None:
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env = {"DISPLAY": f":{number}", "WAYLAND_DISPLAY": "", "XDG_SESSION_TYPE": "x11", "QT_QPA_PLATFORM": ""}
    wayland = {
        "DISPLAY": "",
        "WAYLAND_DISPLAY": "wayland-gone",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "QT_QPA_PLATFORM": "",
    }
    check_all(
        [
            Case(("tray",), f"cannot connect to X display :{number}", env=env),
            Case((), f"cannot connect to X display :{number}", env=env),
            Case(("tray",), "cannot connect to Wayland display wayland-gone", env=wayland),
        ]
    )


def _wav(
    path: Path,
    *,
    tag: int = 1,
    channels: int = 1,
    rate: int = 16000,
    bits: int = 16,
    data: bytes | None = None,
    declared: int | None = None,
) -> Path:
    width = (bits + 7) // 8
    if data is None:
        data = np.random.default_rng(1).integers(-2000, 2000, 8000 * channels).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * channels * width, channels * width, bits)
    size = len(data) if declared is None else declared
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def test_undecodable_audio_files_are_clear_errors_before_any_model_loads(
    tmp_path: Path, inline: Inline
) -> None:
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    good = _wav(tmp_path / "good.wav").read_bytes()
    (tmp_path / "truncated.wav").write_bytes(good[:1000])
    (tmp_path / "header-only.wav").write_bytes(good[:30])
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "noise.mp3").write_bytes(os.urandom(4096))
    real = {
        _wav(tmp_path / "tag.wav", tag=0x63): "WAV format tag 0x0063) is unknown",
        _wav(tmp_path / "7bit.wav", bits=7): "7-bit samples",
        fifo: "not a regular file",
    }
    here = {
        _wav(tmp_path / "0ch.wav", channels=0): "0 channels",
        _wav(tmp_path / "0hz.wav", rate=0): "sample rate of 0 Hz",
        _wav(tmp_path / "nodata.wav", data=b""): "holds no audio samples",
        _wav(tmp_path / "long.wav", rate=1000, declared=0x7FFFFFF0): "cut short",
        tmp_path / "truncated.wav": "cut short (the header promises 16000 bytes",
        tmp_path / "header-only.wav": "header is cut short",
        tmp_path / "empty.wav": "the file is empty",
        tmp_path / "noise.mp3": "unknown or not supported",
        Path("/dev/zero"): "not a regular file",
        # A file name in an old encoding (not UTF-8) is still a path that works.
        _wav(Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xe6ble.wav")), bits=7): "7-bit samples",
    }
    started = time.monotonic()
    check_all([Case(("transcribe", str(path)), expect) for path, expect in real.items()])
    assert time.monotonic() - started < 100  # a FIFO used to block for ever
    check_all([Case(("transcribe", str(path)), expect) for path, expect in here.items()], inline)


def test_closed_standard_output_is_refused_before_anything_is_done() -> None:
    """Dictated or transcribed words printed to a closed stdout would be lost without a word."""
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "history", "list", "--json"],
        capture_output=False,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(1),
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == "assistant: error: Standard output is closed, so nothing was done.\n"
