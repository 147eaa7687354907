"""Dictation history: every dictation in SQLite in the user data dir, saved as it is spoken.

A dictation row is created when dictation starts and rewritten each time a final segment
arrives (one small transaction each, WAL journal), so a crash or a kill loses nothing that was
already recognised. It is marked inserted after the text reached the target window. Rows older
than ``privacy.retention_days`` are purged at start-up and once a day by the tray.

No Qt here; the tray and ``assistant history`` both use :class:`History` (the tray through
:class:`~assistant.storage.kept_history.KeptHistory`). A dictation is recorded from plain text
(:class:`DictationRecord`): the UI translates the session's events into it. User text is never
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
from assistant.fsutil import FILE_MODE, make_private, private_dir, storage_error
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


BUSY_TIMEOUT_S = 10.0
# Columns a kept (not yet saved) dictation can carry; ``inserted`` is counted separately.
_COLUMNS = ("started", "updated", "language", "engine", "model", "text", "status", "inserted_at", "backend")


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would make it 0644); its -wal and
    -shm files take the database file's mode."""
    import os

    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_RDONLY, FILE_MODE))
    make_private(path)


def utc_now() -> str:
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
    """One SQLite file; safe to use from several threads (one connection behind a lock) and from
    several processes (WAL journal, a busy timeout: a writer waits for another's transaction).
    Raises :class:`StorageError` when the file cannot be written; the tray wraps it in
    :class:`KeptHistory`, which keeps what was said in memory instead."""

    #: Where a corrupt file found at open was moved (the new, empty history is at ``path``).
    moved_aside: Path | None = None

    def __init__(self, path: Path | str, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        path = Path(path)
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self._open(busy_timeout)
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                raise
            # Not a database any more (random bytes, a torn copy): every write would fail for
            # ever. Keep it for IT to look at, private, and start a new one.
            self.close()
            try:
                self.moved_aside = move_aside(path)
            except OSError as error:  # a read-only folder: it cannot be moved, nor written
                raise storage_error(error, "The dictation history", path) from exc
            self._open(busy_timeout)

    def _open(self, busy_timeout: float) -> None:
        path = self.path
        try:
            private_dir(path.parent)
            _create_private(path)
            self._db = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=busy_timeout
            )
            self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a committed transaction survives a crash or kill of the process.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_DDL)
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            for suffix in ("-wal", "-shm", "-journal"):  # from older versions, made 0644
                make_private(path.with_name(path.name + suffix))
        except (sqlite3.Error, OSError) as exc:
            if self._db is not None:
                self._db.close()
                self._db = None
            if isinstance(exc, sqlite3.DatabaseError) and is_corrupt(exc):
                raise
            error = storage_error(exc, "The dictation history", path)
            if not self._open_to_read(error):
                raise error from exc

    # Why this connection can only read (a full disk or read-only folder at open), else None.
    write_error: StorageError | None = None

    def _open_to_read(self, error: StorageError) -> bool:
        """A full disk or read-only folder: SQLite cannot even create the -wal/-shm files to open
        the file normally, but what was saved can still be listed (``immutable``: the file as
        it is on disk). Writes then raise ``error``."""
        try:
            if not self.path.is_file() or self.path.stat().st_size == 0:
                return False
            uri = f"{self.path.resolve().as_uri()}?immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            self._db.execute("SELECT count(*) FROM dictations").fetchone()
        except (sqlite3.Error, OSError):
            if self._db is not None:
                self._db.close()
                self._db = None
            return False
        self.write_error = error
        return True

    @classmethod
    def for_paths(cls, paths: Any) -> History:
        return cls(paths.history_db)

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            if self.write_error is not None and not sql.lstrip().upper().startswith("SELECT"):
                raise self.write_error
            try:
                return self._db.execute(sql, params)  # type: ignore[union-attr]
            except sqlite3.Error as exc:
                raise storage_error(exc, "The dictation history", self.path) from exc

    def insert_row(self, fields: dict[str, Any]) -> int:
        """A whole row at once (a dictation kept in memory while the disk was full)."""
        names = [n for n in (*_COLUMNS, "inserted") if n in fields]
        cur = self._exec(
            f"INSERT INTO dictations({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            tuple(fields[n] for n in names),
        )
        return int(cur.lastrowid or 0)

    def update_row(self, entry_id: int, fields: dict[str, Any], inserted: int = 0) -> None:
        sets = [f"{n}=?" for n in _COLUMNS if n in fields]
        params = [fields[n] for n in _COLUMNS if n in fields]
        if inserted:
            sets.append("inserted=inserted+?")
            params.append(inserted)
        if sets:
            self._exec(f"UPDATE dictations SET {', '.join(sets)} WHERE id=?", (*params, entry_id))

    # -- writing -------------------------------------------------------------------------------
    def begin(self, language: str = "", engine: str = "", model: str = "") -> int:
        now = utc_now()
        cur = self._exec(
            "INSERT INTO dictations(started, updated, language, engine, model) VALUES (?,?,?,?,?)",
            (now, now, language, engine, model),
        )
        return int(cur.lastrowid or 0)

    def update(
        self, entry_id: int, text: str, *, engine: str | None = None, model: str | None = None
    ) -> None:
        """Store the text as it reads now (one committed transaction)."""
        sets, params = ["text=?", "updated=?"], [text, utc_now()]
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
            (text, utc_now(), "failed" if failed else "done", entry_id),
        )
        log.info("history: dictation %d saved (%s)", entry_id, describe(text))

    def mark_inserted(self, entry_id: int, backend: str = "") -> None:
        self._exec(
            "UPDATE dictations SET inserted=inserted+1, inserted_at=?, backend=? WHERE id=?",
            (utc_now(), backend, entry_id),
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
            if self._db is not None:
                self._db.close()
                self._db = None


def is_corrupt(exc: BaseException) -> bool:
    """SQLite says the file is not a database, or a damaged one."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def move_aside(path: Path) -> Path:
    """Rename a corrupt database (and its -wal/-shm) to ``<name>.corrupt-<UTC time>``, 0600, and
    say where in the log (a path, never its content)."""
    import os

    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            moved = target.with_name(target.name + suffix)
            os.replace(source, moved)
            make_private(moved)
    log.error("history: %s was not a readable database; moved aside to %s, a new one started", path, target)
    return target


class DictationRecord:
    """One dictation's row, written as it is spoken: the text at each final segment, then the
    whole text when it stops (no row at all when nothing was said).

    Plain text in: storage knows nothing of the dictation session. ``history`` None (history
    turned off) records nothing. A plain :class:`History` that cannot write (full disk) does
    not stop the dictation: :attr:`error` says why it was not saved.
    """

    def __init__(
        self,
        history: History | None,
        language: str = "",
        engine: str = "",
        model: str = "",
        *,
        begin_now: bool = True,
    ) -> None:
        self.history = history
        self.entry_id: int | None = None
        self.error: StorageError | None = None
        self._failed = False
        self._begun = False
        self._fields = (language, engine, model)
        if begin_now:
            self.begin()

    def begin(self) -> None:
        """Create the row (once). ``begin_now=False`` leaves this to the caller's worker thread,
        or to the first write: a locked database must not hold up the microphone."""
        if self._begun or self.history is None:
            return
        self._begun = True
        try:
            self.entry_id = self.history.begin(*self._fields)
        except StorageError as exc:  # a plain History on a full disk: dictate anyway
            self.error = exc
            log.warning("history: %s", exc.message)

    def segment(self, text: str) -> None:
        """A final segment arrived: ``text`` is the whole dictation as it reads now."""
        self._write(lambda history, entry_id: history.update(entry_id, text))

    def failed(self) -> None:
        """The dictation failed; :meth:`stopped` follows with the words heard so far."""
        if self.history is not None and self.entry_id is not None:
            self._failed = True

    def stopped(self, text: str) -> None:
        def write(history: History, entry_id: int) -> None:
            if text.strip():
                history.finish(entry_id, text, failed=self._failed)
            else:  # nothing was said: no empty row in the list
                history.delete(entry_id)
                self.entry_id = None

        self._write(write)

    def _write(self, write: Callable[[History, int], None]) -> None:
        self.begin()
        if self.history is None or self.entry_id is None:
            return
        try:
            write(self.history, self.entry_id)
        except StorageError as exc:
            self.error = exc
            log.warning("history: %s", exc.message)
