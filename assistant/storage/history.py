"""Dictation history: every dictation in SQLite in the user data dir, saved as it is spoken.

A dictation row is created when dictation starts and rewritten each time a final segment
arrives (one small transaction each, WAL journal), so a crash or a kill loses nothing that was
already recognised. It is marked inserted after the text reached the target window. Rows older
than ``privacy.retention_days`` are purged at start-up and once a day by the tray.

No Qt here; the tray and ``assistant history`` both use :class:`History`. User text is never
logged, only lengths (:func:`assistant.log.describe`).
"""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.errors import StorageError
from assistant.log import describe

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS dictations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,            -- UTC ISO 8601
    updated TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    engine TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'recording',  -- recording | done | failed
    inserted INTEGER NOT NULL DEFAULT 0,       -- times inserted into a window
    inserted_at TEXT,
    backend TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS dictations_started ON dictations(started);
"""


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Entry:
    id: int
    started: str
    updated: str
    language: str
    engine: str
    model: str
    text: str
    status: str
    inserted: int
    inserted_at: str | None
    backend: str

    @property
    def started_local(self) -> _dt.datetime:
        return _dt.datetime.fromisoformat(self.started).astimezone()

    def to_json(self, with_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["chars"] = len(self.text)
        data["words"] = len(self.text.split())
        if not with_text:
            del data["text"]
        return data


class History:
    """One SQLite file; safe to use from several threads (one connection behind a lock)."""

    def __init__(self, path: Path | str) -> None:
        path = Path(path)
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a committed transaction survives a crash or kill of the process.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_DDL)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise StorageError(
                f"The history file {path} cannot be opened ({type(exc).__name__}: {exc})",
                "Check the folder's permissions, or turn history off in the settings",
            ) from exc

    @classmethod
    def for_paths(cls, paths: Any) -> History:
        return cls(paths.history_db)

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            try:
                return self._db.execute(sql, params)
            except sqlite3.Error as exc:
                raise StorageError(
                    f"The history file {self.path} cannot be written ({type(exc).__name__})",
                    "Check free disk space and the folder's permissions",
                ) from exc

    # -- writing -------------------------------------------------------------------------------
    def begin(self, language: str = "", engine: str = "", model: str = "") -> int:
        now = _now()
        cur = self._exec(
            "INSERT INTO dictations(started, updated, language, engine, model) VALUES (?,?,?,?,?)",
            (now, now, language, engine, model),
        )
        return int(cur.lastrowid or 0)

    def update(
        self, entry_id: int, text: str, *, engine: str | None = None, model: str | None = None
    ) -> None:
        """Store the text as it reads now (one committed transaction)."""
        sets, params = ["text=?", "updated=?"], [text, _now()]
        if engine is not None:
            sets.append("engine=?")
            params.append(engine)
        if model is not None:
            sets.append("model=?")
            params.append(model)
        self._exec(f"UPDATE dictations SET {', '.join(sets)} WHERE id=?", (*params, entry_id))

    def finish(self, entry_id: int, text: str, failed: bool = False) -> None:
        self._exec(
            "UPDATE dictations SET text=?, updated=?, status=? WHERE id=?",
            (text, _now(), "failed" if failed else "done", entry_id),
        )
        log.info("history: dictation %d saved (%s)", entry_id, describe(text))

    def mark_inserted(self, entry_id: int, backend: str = "") -> None:
        self._exec(
            "UPDATE dictations SET inserted=inserted+1, inserted_at=?, backend=? WHERE id=?",
            (_now(), backend, entry_id),
        )

    def add(self, text: str, language: str = "", engine: str = "", model: str = "") -> int:
        entry_id = self.begin(language, engine, model)
        self.finish(entry_id, text)
        return entry_id

    def delete(self, entry_id: int) -> bool:
        return self._exec("DELETE FROM dictations WHERE id=?", (entry_id,)).rowcount > 0

    def delete_all(self) -> int:
        count = self._exec("DELETE FROM dictations").rowcount
        self._vacuum()
        return count

    def purge(self, retention_days: int, now: _dt.datetime | None = None) -> int:
        """Delete dictations older than ``retention_days`` (0 keeps everything)."""
        if retention_days <= 0:
            return 0
        now = now or _dt.datetime.now(_dt.UTC)
        cutoff = (now - _dt.timedelta(days=retention_days)).isoformat(timespec="milliseconds")
        count = self._exec("DELETE FROM dictations WHERE started < ?", (cutoff,)).rowcount
        if count:
            self._vacuum()
            log.info("history: %d dictation(s) older than %d days deleted", count, retention_days)
        return count

    def _vacuum(self) -> None:
        # Deleted text must not linger in free pages or the write-ahead log.
        self._exec("PRAGMA wal_checkpoint(TRUNCATE)")
        self._exec("VACUUM")

    # -- reading -------------------------------------------------------------------------------
    def list(self, limit: int | None = None, search: str | None = None) -> list[Entry]:
        sql = "SELECT * FROM dictations"
        params: tuple[Any, ...] = ()
        if search:
            sql += " WHERE text LIKE ?"
            params = (f"%{search}%",)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [Entry(*row) for row in self._exec(sql, params).fetchall()]

    def get(self, entry_id: int) -> Entry | None:
        row = self._exec("SELECT * FROM dictations WHERE id=?", (entry_id,)).fetchone()
        return Entry(*row) if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()


class HistoryRecorder:
    """Wraps a dictation session's event callback: saves the text at each final segment (on the
    session's worker thread, before the UI hears of it) and the whole text when it stops.

    ``history`` None (history turned off) makes it a plain pass-through.
    """

    def __init__(
        self,
        history: History | None,
        forward: Callable[[object], None],
        language: str = "",
        engine: str = "",
        model: str = "",
    ) -> None:
        self.history = history
        self._forward = forward
        self.entry_id: int | None = None
        self.error: StorageError | None = None
        self._failed = False
        if history is not None:
            self.entry_id = history.begin(language, engine, model)

    def __call__(self, event: object) -> None:
        from assistant.stt.session import Failed, Stopped, TextChanged

        if self.history is not None and self.entry_id is not None:
            try:
                if isinstance(event, TextChanged) and event.final:
                    self.history.update(self.entry_id, event.text)
                elif isinstance(event, Failed):
                    self._failed = True  # Stopped follows, with the words heard so far
                elif isinstance(event, Stopped):
                    if event.text.strip():
                        self.history.finish(self.entry_id, event.text, failed=self._failed)
                    else:  # nothing was said: no empty row in the list
                        self.history.delete(self.entry_id)
                        self.entry_id = None
            except StorageError as exc:
                self.error = exc
                log.warning("history: %s", exc.message)
        self._forward(event)
