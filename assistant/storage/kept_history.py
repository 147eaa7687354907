"""The tray's dictation history: never raises on a write, never loses one.

A write the file refuses (full disk, read-only folder) is kept in memory and saved later;
:class:`KeptHistory` wraps :class:`~assistant.storage.history.History`, which does the SQL.
User text is never logged.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import StorageError
from assistant.fsutil import storage_error
from assistant.log import log_failure
from assistant.storage.history import Entry, History, is_corrupt, utc_now

log = logging.getLogger(__name__)

# A write waits this long for another process's transaction, then is kept and retried: the
# dictation's worker writes each final segment, and must not stall for SQLite's usual 10 s.
BUSY_TIMEOUT_S = 1.0


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
        if is_corrupt(cause) and self._db is not None:
            # The file turned out damaged: the next try opens it again, which moves it aside
            # and starts a new one (History), so what is kept is saved then, not never.
            self._db.close()
            self._db = None
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
                fresh = History(self.path, busy_timeout=BUSY_TIMEOUT_S)  # again: there may be room now
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
            now = utc_now()
            fields = {"started": now, "updated": now, "language": language, "engine": engine, "model": model}
            self._kept[entry_id] = _Kept(entry_id, create=True, fields=fields)
            self._schedule_retry()
            return entry_id

    def update(
        self, entry_id: int, text: str, *, engine: str | None = None, model: str | None = None
    ) -> None:
        fields: dict[str, Any] = {"text": text, "updated": utc_now()}
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
        fields = {"text": text, "updated": utc_now(), "status": "failed" if failed else "done"}
        self._write(
            entry_id,
            lambda db, real: db.finish(real, text, failed),
            lambda kept: kept.fields.update(fields),
        )

    def mark_inserted(self, entry_id: int, backend: str = "") -> None:
        def keep(kept: _Kept) -> None:
            kept.inserted += 1
            kept.fields.update(inserted_at=utc_now(), backend=backend)

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
