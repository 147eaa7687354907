"""Dictation history: every dictation in SQLite in the user data dir, saved as it is spoken.

A dictation row is created when dictation starts and rewritten each time a final segment
arrives (one small transaction each, WAL journal), so a crash or a kill loses nothing that was
already recognised. It is marked inserted after the text reached the target window. Rows older
than ``privacy.retention_days`` are purged at start-up and once a day by the tray.

No Qt here; the tray and ``assistant history`` both use :class:`History`. User text is never
logged, only lengths (:func:`assistant.log.describe`).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import StorageError
from assistant.fsutil import FILE_MODE, make_private, private_dir, storage_error
from assistant.log import describe, log_failure

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
    """One SQLite file; safe to use from several threads (one connection behind a lock) and from
    several processes (WAL journal, a busy timeout: a writer waits for another's transaction).
    Raises :class:`StorageError` when the file cannot be written; the tray wraps it in
    :class:`KeptHistory`, which keeps what was said in memory instead."""

    def __init__(self, path: Path | str) -> None:
        path = Path(path)
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            private_dir(path.parent)
            _create_private(path)
            self._db = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
            )
            self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
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
            if self._db is not None:
                self._db.close()


@dataclass
class _Kept:
    """A dictation's change that could not be written yet: the whole row for one begun while the
    file could not be written (``create``), else the columns to set on the saved row."""

    id: int
    create: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    inserted: int = 0
    delete: bool = False


class KeptHistory:
    """The tray's history: never raises on a write, never loses one.

    A write that fails (full disk, read-only folder, file that cannot be opened) is kept in
    memory, :attr:`problem` says why (a StorageError whose ``msgid`` is storage.full.kept,
    storage.read-only.kept or storage.failed.kept) and ``listeners`` hear of it (from any
    thread). Kept writes are saved, in order, before the next write and every ``retry_s`` seconds
    (a timer thread while anything is kept); listeners hear ``None`` when all is saved again.
    A dictation begun while nothing can be written gets a negative id until it is saved.
    :meth:`list` and :meth:`get` show kept changes, so the history window shows every dictation.
    """

    def __init__(self, path: Path | str, retry_s: float = 10.0) -> None:
        self.path = Path(path)
        self.retry_s = retry_s
        self.listeners: list[Callable[[StorageError | None], None]] = []
        self.problem: StorageError | None = None
        self._lock = threading.RLock()
        self._db: History | None = None
        self._kept: dict[int, _Kept] = {}
        self._saved_as: dict[int, int] = {}  # negative id -> id in the file
        self._next_id = -1
        self._timer: threading.Timer | None = None
        self._closed = False
        with self._lock:
            self._flush()

    @property
    def kept(self) -> int:
        """How many dictations have changes that are not in the file yet."""
        with self._lock:
            return len(self._kept)

    # -- the file ----------------------------------------------------------------------------------
    def _failed(self, exc: StorageError) -> None:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        problem = storage_error(cause, "What you dictated", self.path, kept=True)
        # The connection stays open: on a full disk reading still works through it (a new one
        # could not even create its -wal and -shm files), and the next write just tries again.
        changed = self.problem is None or self.problem.msgid != problem.msgid
        self.problem = problem
        self._schedule_retry()
        if changed:
            log.warning("history: %s; dictations are kept in memory", problem.message)
            self._tell(problem)

    def _tell(self, problem: StorageError | None) -> None:
        for listener in list(self.listeners):
            try:
                listener(problem)
            except Exception:  # a listener's bug must not lose the write
                log_failure(log, "history listener failed")

    def _flush(self) -> bool:
        """Write everything kept; True when nothing is kept any more (and the file is open)."""
        if self._closed:
            return False
        try:
            if self._db is None or self._db.write_error is not None:
                fresh = History(self.path)  # again: there may be room now
                if self._db is not None:
                    self._db.close()
                self._db = fresh
                if fresh.write_error is not None:
                    raise fresh.write_error
            while self._kept:
                key = next(iter(self._kept))
                kept = self._kept[key]
                if kept.delete:
                    if not kept.create:
                        self._db.delete(kept.id)
                elif kept.create:
                    row = dict(kept.fields)
                    row["inserted"] = kept.inserted
                    new_id = self._db.insert_row(row)
                    self._saved_as[kept.id] = new_id
                else:
                    self._db.update_row(kept.id, kept.fields, kept.inserted)
                del self._kept[key]
        except StorageError as exc:
            self._failed(exc)
            return False
        if self.problem is not None:
            self.problem = None
            log.info("history: every kept dictation is saved")
            self._tell(None)
        return True

    def _schedule_retry(self) -> None:
        if self._timer is not None or self._closed:
            return
        self._timer = threading.Timer(self.retry_s, self._retry_tick)
        self._timer.name = "history-retry"
        self._timer.daemon = True
        self._timer.start()

    def _retry_tick(self) -> None:
        with self._lock:
            self._timer = None
            if not self._flush():
                self._schedule_retry()

    def retry(self) -> bool:
        """Try to save what is kept now; True when everything is saved."""
        with self._lock:
            return self._flush()

    def _id(self, entry_id: int) -> int:
        return self._saved_as.get(entry_id, entry_id)

    def _write(
        self, entry_id: int, direct: Callable[[History, int], Any], keep: Callable[[_Kept], None]
    ) -> Any:
        with self._lock:
            real = self._id(entry_id)
            if real > 0 and self._flush():
                try:
                    return direct(self._db, real)  # type: ignore[arg-type]
                except StorageError as exc:
                    self._failed(exc)
            keep(self._kept.setdefault(real, _Kept(real)))
            return None

    # -- writing (never raises) ------------------------------------------------------------------
    def begin(self, language: str = "", engine: str = "", model: str = "") -> int:
        with self._lock:
            if self._flush():
                try:
                    return self._db.begin(language, engine, model)  # type: ignore[union-attr]
                except StorageError as exc:
                    self._failed(exc)
            entry_id = self._next_id
            self._next_id -= 1
            now = _now()
            fields = {"started": now, "updated": now, "language": language, "engine": engine, "model": model}
            self._kept[entry_id] = _Kept(entry_id, create=True, fields=fields)
            self._schedule_retry()
            return entry_id

    def update(
        self, entry_id: int, text: str, *, engine: str | None = None, model: str | None = None
    ) -> None:
        fields: dict[str, Any] = {"text": text, "updated": _now()}
        if engine is not None:
            fields["engine"] = engine
        if model is not None:
            fields["model"] = model
        self._write(
            entry_id,
            lambda db, real: db.update(real, text, engine=engine, model=model),
            lambda kept: kept.fields.update(fields),
        )

    def finish(self, entry_id: int, text: str, failed: bool = False) -> None:
        fields = {"text": text, "updated": _now(), "status": "failed" if failed else "done"}
        self._write(
            entry_id,
            lambda db, real: db.finish(real, text, failed),
            lambda kept: kept.fields.update(fields),
        )

    def mark_inserted(self, entry_id: int, backend: str = "") -> None:
        def keep(kept: _Kept) -> None:
            kept.inserted += 1
            kept.fields.update(inserted_at=_now(), backend=backend)

        self._write(entry_id, lambda db, real: db.mark_inserted(real, backend), keep)

    def add(self, text: str, language: str = "", engine: str = "", model: str = "") -> int:
        entry_id = self.begin(language, engine, model)
        self.finish(entry_id, text)
        return entry_id

    def delete(self, entry_id: int) -> bool:
        with self._lock:
            real = self._id(entry_id)
            kept = self._kept.get(real)
            if kept is not None and kept.create:
                del self._kept[real]
                return True

            def keep(kept: _Kept) -> None:
                kept.delete = True

            deleted = self._write(entry_id, lambda db, real: db.delete(real), keep)
            return True if deleted is None else bool(deleted)  # None: kept, deleted when it can be

    # -- raising (the user asked for them and must hear if they failed) --------------------------
    def delete_all(self) -> int:
        with self._lock:
            count = sum(1 for k in self._kept.values() if k.create)
            self._kept = {k: v for k, v in self._kept.items() if not v.create}
            for kept in self._kept.values():
                kept.fields.clear()  # their rows are about to go
            if self._db is None:
                self._db = History(self.path)
            count += self._db.delete_all()
            self._kept.clear()
            self._flush()
            return count

    def purge(self, retention_days: int, now: _dt.datetime | None = None) -> int:
        with self._lock:
            if not self._flush():
                raise self.problem or StorageError("The dictation history cannot be written")
            return self._db.purge(retention_days, now)  # type: ignore[union-attr]

    # -- reading ---------------------------------------------------------------------------------
    def list(self, limit: int | None = None, search: str | None = None) -> list[Entry]:
        with self._lock:
            self._flush()
            saved: list[Entry] = []
            if self._db is not None:
                extra = len(self._kept)
                with contextlib.suppress(StorageError):
                    saved = self._db.list(limit + extra if limit else None, search)
            entries = [e for e in (self._with_kept(e) for e in saved) if e is not None]
            fresh = [self._kept_entry(k) for k in reversed(self._kept.values()) if k.create and not k.delete]
            if search:
                fresh = [e for e in fresh if search.lower() in e.text.lower()]
            out = fresh + entries
            return out[:limit] if limit else out

    def get(self, entry_id: int) -> Entry | None:
        with self._lock:
            real = self._id(entry_id)
            kept = self._kept.get(real)
            if kept is not None and kept.create:
                return None if kept.delete else self._kept_entry(kept)
            self._flush()
            entry = None
            if self._db is not None:
                with contextlib.suppress(StorageError):
                    entry = self._db.get(real)
            return self._with_kept(entry) if entry is not None else None

    def _with_kept(self, entry: Entry) -> Entry | None:
        kept = self._kept.get(entry.id)
        if kept is None:
            return entry
        if kept.delete:
            return None
        return replace(entry, inserted=entry.inserted + kept.inserted, **kept.fields)

    @staticmethod
    def _kept_entry(kept: _Kept) -> Entry:
        f = kept.fields
        return Entry(
            id=kept.id,
            started=f["started"],
            updated=f.get("updated", f["started"]),
            language=f.get("language", ""),
            engine=f.get("engine", ""),
            model=f.get("model", ""),
            text=f.get("text", ""),
            status=f.get("status", "recording"),
            inserted=kept.inserted,
            inserted_at=f.get("inserted_at"),
            backend=f.get("backend", ""),
        )

    def close(self) -> None:
        """Save what is kept if it can be (it is lost otherwise: logged, without its text)."""
        with self._lock:
            timer, self._timer = self._timer, None
            self._flush()
            if self._kept:
                log.error("history: %d dictation(s) could not be saved before quitting", len(self._kept))
            self._closed = True
            if self._db is not None:
                self._db.close()
                self._db = None
        if timer is not None:
            timer.cancel()
            if timer is not threading.current_thread():
                timer.join(timeout=5)


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
            try:
                self.entry_id = history.begin(language, engine, model)
            except StorageError as exc:  # a plain History on a full disk: dictate anyway
                self.error = exc
                log.warning("history: %s", exc.message)

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
