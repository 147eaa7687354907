"""Storage that cannot lose a write (issue 16, item 3).

Concurrent writers are real processes started together; full and read-only disks are real tmpfs
mounts (tests/support/disk.py), so every failure is the kernel's ENOSPC or EROFS, not a patch.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant.fsutil import locked
from assistant.storage.history import History
from assistant.storage.kept_history import KeptHistory
from tests.support import wait_until
from tests.support.cli import run_cli
from tests.support.disk import fill, free, full_filesystem, set_read_only, small_filesystem

SETTINGS = {  # key: (as typed on the command line, as saved)
    "stt.pause_ms": ("700", 700),
    "tts.rate": ("200", 200),
    "inject.delay_ms": ("5", 5),
    "privacy.retention_days": ("10", 10),
    "ui.font_size": ("18", 18),
    "ui.line_spacing": ("170", 170),
    "privacy.history": ("false", False),
    "dictation.auto_insert": ("true", True),
    "ui.first_run_guide": ("false", False),
    "models.allow_download": ("false", False),
    "audio.input_device": ("vmic", "vmic"),
    "audio.output_device": ("speaker", "speaker"),
}


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "ASSISTANT_HOME": str(home)}


def _assistant(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=_env(home), timeout=120)


def _in_process(capfd, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (no interpreter start-up): exit code, stdout, stderr."""
    from assistant.__main__ import run

    capfd.readouterr()
    code = run(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def _drop_log_handlers() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_assistant", False)]:
        root.removeHandler(handler)
        handler.close()


def _parallel(commands: list[list[str]], env: dict[str, str]) -> list[tuple[int, str, str]]:
    """Start every command at once (real processes), then wait for all of them."""
    procs = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        out.append((proc.returncode, stdout, stderr))
    return out


# -- concurrent writers --------------------------------------------------------------------------


def test_twelve_parallel_config_sets_all_land(assistant_home) -> None:
    home = assistant_home.home
    results = _parallel(
        [[sys.executable, "-m", "assistant", "config", "set", k, v] for k, (v, _) in SETTINGS.items()],
        _env(home),
    )
    assert all(code == 0 for code, _, _ in results), results
    import tomllib

    saved = tomllib.loads((home / "config" / "config.toml").read_text(encoding="utf-8"))
    flat = {f"{section}.{name}": v for section, body in saved.items() for name, v in body.items()}
    assert flat == {key: value for key, (_, value) in SETTINGS.items()}
    assert stat.S_IMODE((home / "config" / "config.toml").stat().st_mode) == 0o600


def test_eight_parallel_dictionary_adds_all_land(assistant_home) -> None:
    home = assistant_home.home
    words = [f"ordnummer{n}" for n in range(8)]
    results = _parallel(
        [[sys.executable, "-m", "assistant", "dictionary", "-l", "da", "add", w] for w in words], _env(home)
    )
    assert all(code == 0 and "1 added" in out for code, out, _ in results), results
    listed = _assistant("dictionary", "-l", "da", "list", home=home).stdout.split()
    assert sorted(listed) == sorted(words)


_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from assistant.storage.history import History
    from assistant.text.userdict import UserDictionary
    from assistant.text.vocabulary import update_vocabulary
    home, n, start = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    while time.time() < start:  # every writer begins at the same moment
        time.sleep(0.001)
    update_vocabulary(home, "da", lambda v: v.terms.append(f"term{n}"))
    update_vocabulary(home, "da", lambda v: v.replacements.update({f"hørt {n}": f"skrevet {n}"}))
    UserDictionary(home / "dictionary", "da").accept(f"ord{n % 3}")
    history = History(home / "history.sqlite3")
    for i in range(20):
        history.add(f"diktat {n}-{i}", "da")
    history.close()
    """
)


def test_parallel_vocabulary_acceptance_and_history_writers_all_land(tmp_path: Path) -> None:
    """Eight processes at once, each: two vocabulary edits, a suggestion accepted, 20 dictations."""
    start = time.time() + 2.0
    results = _parallel(
        [[sys.executable, "-c", _WRITER, str(tmp_path), str(n), str(start)] for n in range(8)],
        {**os.environ},
    )
    assert all(code == 0 for code, _, _ in results), results
    from assistant.text.userdict import UserDictionary
    from assistant.text.vocabulary import load_vocabulary

    vocabulary = load_vocabulary(tmp_path, "da")
    assert sorted(vocabulary.terms) == sorted(f"term{n}" for n in range(8))
    assert vocabulary.replacements == {f"hørt {n}": f"skrevet {n}" for n in range(8)}
    assert UserDictionary(tmp_path / "dictionary", "da").accepted == {"ord0": 3, "ord1": 3, "ord2": 2}
    texts = sorted(e.text for e in History(tmp_path / "history.sqlite3").list())
    assert texts == sorted(f"diktat {n}-{i}" for n in range(8) for i in range(20))


def test_a_lock_held_elsewhere_makes_a_writer_wait_not_lose(tmp_path: Path) -> None:
    from assistant.text.userdict import UserDictionary

    words = UserDictionary(tmp_path, "da")
    script = (
        "import sys, time; from pathlib import Path; from assistant.fsutil import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(1.0)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(words.path)], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    began = time.monotonic()
    assert words.add("ventetid")
    waited = time.monotonic() - began
    holder.wait(timeout=30)
    assert waited > 0.3, "the writer did not wait for the lock"
    assert UserDictionary(tmp_path, "da").words == ["ventetid"]
    with pytest.raises(TimeoutError), locked(words.path), locked(words.path, timeout=0.2):
        pass  # flock locks are per open file: a second open waits even in the same process


# -- broken settings file, private modes ---------------------------------------------------------


def test_runs_against_a_broken_config_keep_one_private_copy(assistant_home, capfd) -> None:
    home = assistant_home.home
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[general]\nlanguage = "en\n', encoding="utf-8")
    os.chmod(config, 0o644)
    for _ in range(2):
        code, _, err = _in_process(capfd, "config", "get", "ui.font_size")
        assert code == 0, err
    copies = list(config.parent.glob("config.toml.broken-*"))
    assert len(copies) == 1, copies
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    # Another broken content gets its own copy; never more than three are kept.
    for n in range(3):
        config.write_text(f'[general]\nlanguage = "en{n}\n', encoding="utf-8")
        assert _in_process(capfd, "config", "get", "ui.font_size")[0] == 0
    _drop_log_handlers()
    copies = list(config.parent.glob("config.toml.broken-*"))
    assert len(copies) == 3 and all(stat.S_IMODE(c.stat().st_mode) == 0o600 for c in copies)
    assert {c.read_text(encoding="utf-8") for c in copies} == {
        f'[general]\nlanguage = "en{n}\n' for n in (0, 1, 2)
    }


def test_every_file_a_settings_dictionary_history_run_makes_is_private(assistant_home) -> None:
    """Settings, words, vocabulary, accepted suggestions, history (with its WAL files), logs."""
    home = assistant_home.home
    assert _assistant("config", "set", "ui.font_size", "18", home=home).returncode == 0
    assert _assistant("dictionary", "-l", "da", "add", "tandsten", home=home).returncode == 0
    script = textwrap.dedent(
        """
        from assistant.app import App
        from assistant.log import setup_logging
        from assistant.storage.kept_history import KeptHistory
        from assistant.ui.dictation_history import HistoryRecorder
        from assistant.stt.session import Stopped, TextChanged
        from assistant.text.userdict import UserDictionary
        from assistant.text.vocabulary import Vocabulary, save_vocabulary
        import logging
        app = App.create()
        setup_logging(app.paths.log_dir, "DEBUG")
        logging.getLogger("assistant.test").info("a line")
        history = KeptHistory(app.paths.history_db)
        recorder = HistoryRecorder(history, lambda e: None, "da")
        recorder(TextChanged("Patienten har ondt.", True))
        save_vocabulary(app.paths.data_dir, "da", Vocabulary(["karies"], {"para dontitis": "parodontitis"}))
        UserDictionary(app.paths.data_dir / "dictionary", "da").accept("tandsten")
        import os, stat
        # the file is still open: its -wal and -shm files exist now
        for path in sorted(os.scandir(app.paths.data_dir), key=lambda p: p.name):
            if path.name.startswith("history"):
                print(path.name, oct(stat.S_IMODE(path.stat().st_mode)))
        recorder(Stopped("Patienten har ondt."))
        history.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(home), timeout=60
    )
    assert result.returncode == 0, result.stderr
    open_files = dict(line.split() for line in result.stdout.splitlines())
    assert set(open_files) >= {"history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"}
    assert set(open_files.values()) == {"0o600"}, open_files
    made = {p.relative_to(home).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in home.rglob("*")}
    for name in ("config/config.toml", "data/history.sqlite3", "logs/assistant.log", "data/dictionary/da.txt",
                 "data/dictionary/da.accepted.tsv", "data/vocabulary/da.toml"):  # fmt: skip
        assert name in made, sorted(made)
    wrong = {
        name: oct(mode) for name, mode in made.items() if mode != (0o700 if (home / name).is_dir() else 0o600)
    }
    assert wrong == {}, wrong


# -- full and read-only disks: the CLI ----------------------------------------------------------


@pytest.mark.parametrize("problem", ["full", "read-only"])
def test_cli_writes_on_a_full_or_read_only_disk_fail_in_one_line(
    tmp_path: Path, problem: str, capfd, monkeypatch
) -> None:
    home = tmp_path / "home"
    with small_filesystem(home, 256) as mounted:
        monkeypatch.setenv("ASSISTANT_HOME", str(mounted))
        assert _in_process(capfd, "config", "set", "ui.font_size", "18")[0] == 0
        assert _in_process(capfd, "dictionary", "-l", "da", "add", "karies", "tandsten")[0] == 0
        saved = History(mounted / "data" / "history.sqlite3")
        saved.add("Gemt før.", "da")
        saved.close()
        _drop_log_handlers()  # a log file open for writing would keep the remount from happening
        if problem == "full":
            fill(mounted)
        else:
            set_read_only(mounted)
        said = "the disk is full" if problem == "full" else "the folder is read-only"
        for args in (
            ("config", "set", "ui.font_size", "20"),
            ("dictionary", "-l", "da", "add", "parodontitis"),
            ("dictionary", "-l", "da", "remove", "karies"),
        ):
            code, _, err = _in_process(capfd, *args)
            assert code == 2, (args, err)
            lines = err.splitlines()
            assert len(lines) == 1 and said in lines[0], (args, err)
        # Nothing was lost: what was saved before is still there and still readable.
        assert _in_process(capfd, "config", "get", "ui.font_size")[1].strip() == "18"
        assert _in_process(capfd, "dictionary", "-l", "da", "list")[1].split() == ["karies", "tandsten"]
        code, out, err = _in_process(capfd, "history", "list", "--text")
        assert code == 0 and "Gemt før." in out, err  # SQLite could not open it to write, but reads
        _drop_log_handlers()
        if problem == "read-only":
            set_read_only(mounted, False)
        else:
            free(mounted)
        assert _in_process(capfd, "config", "set", "ui.font_size", "20")[0] == 0
        _drop_log_handlers()


def test_logging_to_a_full_disk_is_quiet_and_resumes(tmp_path: Path, capfd) -> None:
    import assistant.log as log_module

    with small_filesystem(tmp_path / "logs", 256) as mounted:
        log_file = log_module.setup_logging(mounted, "INFO")
        assert log_file is not None
        logger = logging.getLogger("assistant.test")
        logger.info("before")
        fill(mounted)
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_assistant", False))
        handler.RETRY_S = 0.2  # type: ignore[attr-defined]
        for n in range(200):
            logger.warning("line %d %s", n, "x" * 200)
        assert log_module.problem is not None and "No space left" in log_module.problem
        err = capfd.readouterr().err
        assert "Logging error" not in err and "Traceback" not in err, err[:500]
        free(mounted)
        wait_until(
            lambda: logger.warning("after") or log_module.problem is None,
            timeout=5,
            message="logging resumed",
        )
        handler.flush()
        assert "after" in log_file.read_text(encoding="utf-8")
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_logging_into_a_read_only_folder_is_quiet(tmp_path: Path, capfd) -> None:
    import assistant.log as log_module

    with small_filesystem(tmp_path / "ro", 64) as mounted:
        set_read_only(mounted)
        assert log_module.setup_logging(mounted / "logs", "INFO") is None
        logging.getLogger("assistant.test").warning("nowhere to go")
        assert "Read-only" in (log_module.problem or "")
        assert capfd.readouterr().err == ""
        set_read_only(mounted, False)


# -- the tray's history: kept in memory, saved when there is room ------------------------------


def test_kept_history_on_a_full_disk_loses_nothing(tmp_path: Path) -> None:
    heard: list[object] = []
    with full_filesystem(tmp_path / "data", 512) as mounted:
        history = KeptHistory(mounted / "history.sqlite3", retry_s=0.1)
        history.listeners.append(heard.append)
        assert history.problem is not None and history.problem.msgid == "storage.full.kept"
        assert "disk is full" in history.problem.one_line()
        first = history.begin("da")
        history.update(first, "Første sætning.")
        history.finish(first, "Første sætning. Anden sætning.")
        history.mark_inserted(first, "xtest")
        gone = history.add("slettes igen", "da")
        assert history.delete(gone)
        assert first < 0 and [e.text for e in history.list()] == ["Første sætning. Anden sætning."]
        assert history.get(first).inserted == 1  # type: ignore[union-attr]
        free(mounted)
        wait_until(lambda: history.kept == 0, timeout=10, message="kept dictations saved by the timer")
        assert heard[-1] is None and history.problem is None
        saved = History(mounted / "history.sqlite3").list()
        assert [(e.text, e.status, e.inserted, e.backend) for e in saved] == [
            ("Første sætning. Anden sætning.", "done", 1, "xtest")
        ]
        # The disk fills again mid-dictation: the saved row gets its later words once there is room.
        second = history.begin("da")
        assert second > 0
        fill(mounted)
        history.update(second, "Tredje.")
        history.finish(second, "Tredje. Fjerde.")
        assert history.problem is not None and history.kept == 1
        assert history.list()[0].text == "Tredje. Fjerde."
        free(mounted)
        assert history.retry()
        assert History(mounted / "history.sqlite3").get(second).text == "Tredje. Fjerde."  # type: ignore[union-attr]
        history.close()


def test_kept_history_on_a_read_only_folder(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "data", 256) as mounted:
        set_read_only(mounted)
        history = KeptHistory(mounted / "history.sqlite3", retry_s=60)
        assert history.problem is not None and history.problem.msgid == "storage.read-only.kept"
        entry = history.add("Skrevet på en låst pc.", "da")
        assert history.get(entry).text == "Skrevet på en låst pc."  # type: ignore[union-attr]
        set_read_only(mounted, False)
        assert history.retry()
        assert [e.text for e in History(mounted / "history.sqlite3").list()] == ["Skrevet på en låst pc."]
        history.close()


# -- a locked or corrupt history (issue 20) ----------------------------------------------------------

_LOCKER = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "db.execute(\"INSERT INTO dictations(started, updated) VALUES ('x', 'x')\")\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_kept_history_with_the_database_locked_by_another_process(tmp_path: Path) -> None:
    """An open exclusive transaction in another process: each write waits at most the short
    busy timeout, is kept in memory, and is saved by the retry once the lock is gone."""
    path = tmp_path / "history.sqlite3"
    History(path).close()
    history = KeptHistory(path, retry_s=3600)
    locker = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        began = time.monotonic()
        entry = history.begin("da")
        history.update(entry, "Hej med dig.")
        history.finish(entry, "Hej med dig. Farvel.")
        took = time.monotonic() - began
        assert entry < 0 and history.kept == 1 and history.problem is not None
        assert took < 3.0, f"three writes took {took:.2f} s"
        assert [(e.text, e.status) for e in history.list()] == [("Hej med dig. Farvel.", "done")]
        assert not history.retry()  # still locked: still kept
    finally:
        locker.stdin.close()  # type: ignore[union-attr]
        locker.wait(timeout=10)
    assert history.retry() and history.problem is None and history.kept == 0
    history.close()
    assert [(e.text, e.status) for e in History(path).list()] == [("Hej med dig. Farvel.", "done")]


@pytest.mark.parametrize("when", ["at start", "while running"])
def test_a_corrupt_history_is_moved_aside_privately_and_a_new_one_started(
    when: str, tmp_path: Path, caplog
) -> None:
    path = tmp_path / "history.sqlite3"
    garbage = os.urandom(64 * 1024)
    if when == "at start":
        path.write_bytes(garbage)
    history = KeptHistory(path, retry_s=3600)
    if when == "while running":
        history.add("Før skaden.", "da")
        History(path)._exec("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the main file
        with open(path, "r+b") as damaged:  # overwritten in place under the open connection
            damaged.write(garbage)
    with caplog.at_level(logging.ERROR, logger="assistant.storage.history"):
        entry = history.begin("da")
        history.finish(entry, "Efter skaden.")
        if history.kept:
            assert history.retry()
    assert entry > 0 or history.kept == 0
    assert [e.text for e in history.list()] == ["Efter skaden."]
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert stat.S_IMODE(aside[0].stat().st_mode) == 0o600
    assert aside[0].name in caplog.text  # named in the log, so IT can find it
    history.close()
    assert [e.text for e in History(path).list()] == ["Efter skaden."]
