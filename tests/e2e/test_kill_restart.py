"""SIGKILL at random moments of a dictation, again and again, then a restart: no word the panel
had shown as final is missing from history.

The tray's dictation controller (bench/soak.py's child: the real TrayController, Qt panel,
SQLite history, ALSA file microphone) dictates real speech; the test kills it at seeded random
moments: right after the dictation starts (the microphone delivering, the model loading), at a
random time while it decodes, and from inside SQLite while a history write is under way. The
child journals, unbuffered, every text the panel showed as final; after each kill the history
(opened by the next launch, which is the restart) must hold that text.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.text.wer import normalise
from tests.support import wait_until

pytestmark = [pytest.mark.display, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SEED = 1616


def _soak():
    spec = importlib.util.spec_from_file_location("bench_soak", REPO / "bench" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_soak", module)  # dataclasses look their module up there
    spec.loader.exec_module(sys.modules["bench_soak"])
    return sys.modules["bench_soak"]


class Child:
    """One launch of the dictation child; its stdout lines are collected by a thread."""

    def __init__(self, plan: Path, env: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "bench" / "soak.py"), "--child", str(plan)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def started(self) -> str | None:
        return next((line for line in self.lines if line.startswith("started")), None)

    def alive(self) -> bool:
        ended = self.proc.poll() is not None and "done" not in self.lines
        if ended and self.proc.returncode != -signal.SIGKILL:
            pytest.fail(f"child exited {self.proc.returncode}: {''.join(self.stderr)[-3000:]}")
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)


def _shown(journal: Path) -> dict[int, str]:
    """The last text the panel showed as final, per history entry (a torn last line ignored)."""
    last: dict[int, str] = {}
    if journal.exists():
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if item["id"] is not None:
                last[int(item["id"])] = item["text"]
    return last


def _history(home: Path) -> dict[int, str]:
    db = sqlite3.connect(str(home / "assistant" / "data" / "history.sqlite3"))
    try:
        return dict(db.execute("SELECT id, text FROM dictations").fetchall())
    finally:
        db.close()


def test_sigkill_at_random_moments_then_restart_loses_no_shown_word(xvfb, tmp_path: Path) -> None:
    soak = _soak()
    recordings = soak.load_recordings()
    rng = random.Random(SEED)
    home, plan = tmp_path / "home", tmp_path / "plan"
    home.mkdir()
    plan.mkdir()
    raw = tmp_path / "vmic.s16le"
    soak.write_asoundrc(home, raw)
    # One dictation of speech with short pauses (about 90 s: it outlasts every kill).
    noise = np.random.default_rng(SEED)
    parts = [soak._quiet(noise, 0.3)]
    while sum(len(p) for p in parts) < 90 * soak.RATE:
        parts += [rng.choice(recordings).samples, soak._quiet(noise, rng.uniform(0.8, 2.0))]
    audio = np.concatenate(parts)
    np.save(plan / "d0.npy", audio)
    entry = {"file": "d0.npy", "seconds": len(audio) / soak.RATE}
    env = {
        **os.environ,
        "HOME": str(home),
        "ASSISTANT_HOME": str(home / "assistant"),
        "DISPLAY": xvfb.display,
    }
    env.pop("QT_QPA_PLATFORM", None)
    journal = plan / "journal.jsonl"
    # The moments: early (microphone and model starting), while decoding (after the first words
    # are shown), inside a history write.
    moments = ["early"] * 3 + ["decoding"] * 4 + ["in-write"] * 3
    rng.shuffle(moments)
    kills: list[tuple[str, float | str, int]] = []
    started_at = time.monotonic()
    for moment in moments:
        spec = {"raw": str(raw), "dictations": [entry], "services": False}
        if moment == "in-write":
            # The n-th history write (the first names the model), at a random SQLite VM step.
            spec["die_in_write"] = [rng.randint(1, 6), rng.randint(1, 40)]
        (plan / "plan.json").write_text(json.dumps(spec), encoding="utf-8")
        child = Child(plan, env)
        try:
            line = wait_until(
                lambda c=child: c.alive() is not None and c.started(), timeout=90, message="dictation started"
            )
            entry_id = int(line.split()[2])
            if moment == "in-write":
                delay: float | str = "write {}, step {}".format(*spec["die_in_write"])
                wait_until(
                    lambda c=child: not c.alive(), timeout=90, message="the kill inside a history write"
                )
            else:
                if moment == "decoding":  # once the panel shows words, a random moment later
                    wait_until(
                        lambda c=child, i=entry_id: c.alive() is not None and i in _shown(journal),
                        timeout=90, message="the first words shown",
                    )  # fmt: skip
                delay = rng.uniform(0.0, 0.8) if moment == "early" else rng.uniform(0.0, 2.5)
                time.sleep(delay)  # the random moment itself, not a synchronisation
                child.kill()
        finally:
            child.kill()
        assert child.proc.returncode == -signal.SIGKILL, f"{moment}: the dictation ended before the kill"
        kills.append((moment, delay, entry_id))
        shown, saved = _shown(journal), _history(home)
        for shown_id, text in shown.items():
            assert shown_id in saved, f"entry {shown_id} shown but not in history after {moment}"
            words, kept = normalise(text, "en"), normalise(saved[shown_id], "en")
            assert kept[: len(words)] == words, f"{moment} kill lost words the panel had shown"
    # The restart proper: the product's own history command, then a whole dictation.
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "history", "list", "--limit", "0", "--text", "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    listed = {e["id"]: e["text"] for e in json.loads(result.stdout)["entries"]}
    shown = _shown(journal)
    for shown_id, text in shown.items():
        assert normalise(listed[shown_id], "en")[: len(normalise(text, "en"))] == normalise(text, "en")
    jfk = next(r for r in recordings if "jfk" in r.name)
    np.save(plan / "d1.npy", np.concatenate([soak._quiet(noise, 0.3), jfk.samples, soak._quiet(noise, 1.0)]))
    short = {"file": "d1.npy", "seconds": (len(jfk.samples) + 1.3 * soak.RATE) / soak.RATE}
    (plan / "plan.json").write_text(json.dumps({"raw": str(raw), "dictations": [short]}), encoding="utf-8")
    after = Child(plan, env)
    try:
        wait_until(lambda: "done" in after.lines, timeout=120, message="a whole dictation after the kills")
        assert after.proc.wait(timeout=30) == 0
    finally:
        after.kill()
    final_id = int(after.started().split()[2])
    assert "country" in _history(home)[final_id].lower()
    words_shown = sum(len(normalise(t, "en")) for t in shown.values())
    with_words = sum(1 for t in shown.values() if t.strip())
    print(
        f"{len(kills)} kills ({', '.join(f'{m}@{d:.2f}s' if isinstance(d, float) else f'{m}@{d}' for m, d, _ in kills)}); "
        f"{with_words} killed dictations had shown words ({words_shown} words), all in history; "
        f"{time.monotonic() - started_at:.0f} s"
    )
