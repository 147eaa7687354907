"""History storage (SQLite) and the `assistant history` CLI: crash-safe, purged, no text unless asked."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.errors import AudioError
from assistant.storage.history import History
from assistant.stt.session import Failed, Stopped, TextChanged
from assistant.ui.dictation_history import HistoryRecorder


def test_recorder_saves_each_final_segment_and_the_end(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    seen: list[object] = []
    recorder = HistoryRecorder(history, seen.append, "da")
    recorder(TextChanged("Hej med", False))
    assert history.get(recorder.entry_id).text == ""  # partial words are not final
    recorder(TextChanged("Hej med dig.", True))
    assert history.get(recorder.entry_id).text == "Hej med dig."
    assert history.get(recorder.entry_id).status == "recording"
    recorder(Failed(AudioError("gone")))
    recorder(Stopped("Hej med dig. Farvel."))
    entry = history.get(recorder.entry_id)
    assert entry.text == "Hej med dig. Farvel." and entry.status == "failed" and entry.language == "da"
    assert len(seen) == 4  # every event is forwarded
    history.mark_inserted(entry.id, "xtest")
    assert history.get(entry.id).inserted == 1 and history.get(entry.id).backend == "xtest"


def test_empty_dictation_leaves_no_row(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    recorder = HistoryRecorder(history, lambda e: None)
    recorder(Stopped(""))
    assert history.list() == []


def test_history_off_is_a_pass_through(tmp_path: Path) -> None:
    seen: list[object] = []
    recorder = HistoryRecorder(None, seen.append)
    recorder(TextChanged("x", True))
    assert recorder.entry_id is None and len(seen) == 1


def test_purge_deletes_only_older_than_retention(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    old = history.add("gammel tekst")
    new = history.add("ny tekst")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    # Both are "old" 31 days from now with 30 days' retention; with 0 nothing goes.
    assert history.purge(0, now=later) == 0
    history._exec(
        "UPDATE dictations SET started=? WHERE id=?", ((later - dt.timedelta(days=5)).isoformat(), new)
    )
    assert history.purge(30, now=later) == 1
    assert [e.id for e in history.list()] == [new]
    assert history.get(old) is None
    # The deleted text is gone from the file too (VACUUM + WAL checkpoint).
    history.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("h.sqlite3*"))
    assert b"gammel tekst" not in raw


def test_kill_mid_dictation_loses_no_saved_segment(tmp_path: Path) -> None:
    """A process killed with SIGKILL right after a segment was saved: the text is in the file."""
    db = tmp_path / "h.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from assistant.storage.history import History
        from assistant.ui.dictation_history import HistoryRecorder
        from assistant.stt.session import TextChanged
        recorder = HistoryRecorder(History({str(db)!r}), lambda e: None, "da")
        recorder(TextChanged("Første sætning.", True))
        recorder(TextChanged("Første sætning. Anden sætning.", True))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    entries = History(db).list()
    assert [e.text for e in entries] == ["Første sætning. Anden sætning."]
    assert entries[0].status == "recording"


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "history", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )  # fmt: skip


def test_history_cli(assistant_home) -> None:
    home = assistant_home.home
    history = History(home / "data" / "history.sqlite3")
    first = history.add("Tandstenen er fjernet.", "da", "whisper", "whisper-base")
    second = history.add("Patienten har ondt i 36.", "da")
    history.close()

    listed = _cli("list", home=home)
    assert listed.returncode == 0, listed.stderr
    assert "Tandstenen" not in listed.stdout and "Patienten" not in listed.stdout  # no text unless asked
    assert f"{second:>5}" in listed.stdout.splitlines()[0]

    data = json.loads(_cli("list", "--json", home=home).stdout)
    assert data["schema"] == "assistant.history.list" and data["schema_version"] == 1
    assert [e["id"] for e in data["entries"]] == [second, first]
    assert "text" not in data["entries"][0] and data["entries"][1]["words"] == 3
    assert (
        json.loads(_cli("list", "--json", "--text", home=home).stdout)["entries"][1]["text"]
        == "Tandstenen er fjernet."
    )

    shown = _cli("show", str(first), home=home)
    assert shown.stdout == "Tandstenen er fjernet.\n"
    missing = _cli("show", "999", home=home)
    assert missing.returncode == 2 and missing.stderr.startswith("assistant: error: No dictation with id 999")

    deleted = json.loads(_cli("delete", str(first), "--json", home=home).stdout)
    assert deleted["deleted"] == 1
    purged = json.loads(_cli("purge", "--days", "30", "--json", home=home).stdout)
    assert purged == {
        "schema": "assistant.history.purge",
        "schema_version": 1,
        "deleted": 0,
        "retention_days": 30,
    }
    assert _cli("delete", "--all", home=home).stdout == "Deleted 1 dictation(s).\n"
    assert _cli("list", home=home).stdout == "No saved dictations.\n"
