"""Download one file over http(s) into a ``.part`` file: resumable, bounded in size and in time.

- Resume: what is already in the ``.part`` is kept and the rest asked for with an HTTP Range
  request, after a dropped or stalled connection (``retries`` times by itself, then on the next
  run) and after a cancel. A ``.part`` nobody resumed for :data:`PART_MAX_AGE_S` is deleted.
- Size: a download stops, and its ``.part`` is deleted, once it grows past its limit: the
  catalog's published size plus a margin, else the hard cap, whatever the server announced or
  failed to announce. A server announcing more than the limit is refused before its first byte.
- Disk: a download that would not fit in the free space is refused before it starts; a write
  that fails (a full disk) stops it and deletes its ``.part``.
- Time: connecting and each wait are bounded by ``timeout``; a watchdog closes the connection
  when fewer than ``stall_bytes`` arrived in ``stall_timeout`` seconds (headers included), so a
  server trickling a byte now and then cannot hold a download open.
- Proxy: the system's proxy settings (variables, and the registry or System Configuration).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path, PurePosixPath

from assistant.errors import ModelError, StorageError, UsageError
from assistant.storage.install_base import (
    CHUNK,
    MIB,
    USER_AGENT,
    InstallCancelled,
    InstallOptions,
    check_cancel,
    free_space,
    html_error,
    megabytes,
    no_room,
    report,
    sha256_file,
    write_failed,
)

log = logging.getLogger(__name__)

# A catalog size is "as published" (MB or MiB, rounded): allow 10 % and 16 MiB more.
SIZE_MARGIN = 1.10
SIZE_SLACK = 16 * MIB
# The small files of a per-file download (config.json, tokenizer.json, vocabulary): a few MB.
SMALL_FILE_LIMIT = 64 * MIB
PART_MAX_AGE_S = 7 * 24 * 3600


def limit_for_size(size_mb: float | None) -> int | None:
    """The most a download the catalog says is ``size_mb`` may grow to (None: no catalog size)."""
    if not size_mb:
        return None
    return int(size_mb * MIB * SIZE_MARGIN) + SIZE_SLACK


def download_refused(options: InstallOptions) -> ModelError:
    who = "by IT's policy" if options.download_locked else "in your settings"
    return ModelError(
        f"Downloading models is turned off {who} (models.allow_download = false)",
        "Install from a folder or .zip that IT provides, or ask IT to pre-stage the model",
        msgid="model.download-off",
        params={"locked": options.download_locked},
    )


def check_url(url: str) -> None:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UsageError(f"'{url}' is not an http or https address")


def part_path(cache_dir: Path, url: str, suffix: str = "") -> Path:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    leaf = PurePosixPath(urllib.parse.urlparse(url).path).name or "download"
    return cache_dir / "downloads" / f"{key}-{leaf}{suffix}.part"


def verify_download(part: Path, expected: str, options: InstallOptions, what: str) -> str:
    actual = sha256_file(part, options)
    if expected and actual != expected:
        part.unlink(missing_ok=True)
        raise ModelError(
            f"The download of {what} failed its SHA-256 check (got {actual[:12]}…, expected {expected[:12]}…); "
            "it was deleted and nothing was installed",
            "The file on the server is not the published one: try again later or ask IT",
            msgid="model.checksum",
        )
    return actual


# -- the stall watchdog ----------------------------------------------------------------------------


class _Stalled(Exception):
    pass


class _Watchdog:
    """Shuts the connection's socket when fewer than ``stall_bytes`` arrived in ``stall_timeout``
    seconds; the blocked read then returns or fails, and the download sees ``stalled``."""

    def __init__(self, options: InstallOptions) -> None:
        self.timeout = options.stall_timeout
        self.need = max(1, options.stall_bytes)
        self.stalled = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._mark = time.monotonic()
        self._got = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="download-watchdog", daemon=True)

    def __enter__(self) -> _Watchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def restart(self) -> None:
        """A new request: its connection and headers get a full ``stall_timeout``."""
        with self._lock:
            self._mark, self._got, self.stalled, self._sockets = time.monotonic(), 0, False, []

    def attach(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.stalled:
                self._shut(sock)
        return sock

    def progress(self, count: int) -> None:
        with self._lock:
            self._got += count
            if self._got >= self.need:
                self._mark, self._got = time.monotonic(), 0

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # The plain socket's shutdown, also for an SSL socket: it only ends the connection, without
        # touching the SSL object that the reading thread is using.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def _watch(self) -> None:
        step = max(0.02, min(1.0, self.timeout / 8))
        while not self._done.wait(step):
            with self._lock:
                if not self.stalled and time.monotonic() - self._mark > self.timeout:
                    self.stalled = True
                    for sock in self._sockets:
                        self._shut(sock)


def _opener(url: str, watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    """An opener that goes through the system's proxy settings: the http_proxy / https_proxy /
    no_proxy variables, and on Windows and macOS the system's own settings (urllib reads the
    registry and System Configuration); its connections report their sockets to ``watchdog``."""
    proxies = urllib.request.getproxies()
    host = urllib.parse.urlparse(url).hostname or ""
    scheme = urllib.parse.urlparse(url).scheme
    if scheme in proxies and not urllib.request.proxy_bypass(host):
        proxy = urllib.parse.urlparse(proxies[scheme])
        log.info("download through the proxy %s:%s", proxy.hostname, proxy.port or "")  # no credentials

    def watched_connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        return watchdog.attach(socket.create_connection(*args, **kwargs))

    class WatchedHTTP(http.client.HTTPConnection):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._create_connection = watched_connect

    class WatchedHTTPS(http.client.HTTPSConnection):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._create_connection = watched_connect

        def connect(self) -> None:
            super().connect()
            watchdog.attach(self.sock)  # the TLS socket replaces the plain one

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):  # type: ignore[no-untyped-def]
            return self.do_open(WatchedHTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):  # type: ignore[no-untyped-def]
            extra = {"context": self._context}  # type: ignore[attr-defined]
            if hasattr(self, "_check_hostname"):  # Python 3.11
                extra["check_hostname"] = self._check_hostname
            return self.do_open(WatchedHTTPS, req, **extra)

    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies), HTTPHandler, HTTPSHandler)


# -- download --------------------------------------------------------------------------------------


def _parse_content_range(value: str | None) -> tuple[int, int | None] | None:
    # "bytes 100-199/1000" -> (100, 1000); "bytes 100-199/*" -> (100, None)
    if not value or not value.startswith("bytes "):
        return None
    try:
        span, _, total = value[6:].partition("/")
        start = int(span.split("-", 1)[0])
        return start, (int(total) if total.strip() != "*" else None)
    except ValueError:
        return None


def _too_big(url: str, size: int, limit: int, announced: bool) -> ModelError:
    host = urllib.parse.urlparse(url).netloc
    said = "announced" if announced else "sent"
    return ModelError(
        f"The server at {host} {said} more than the {megabytes(limit)} this model can be "
        f"({megabytes(size)} or more); the download was stopped and deleted",
        "Check the address, or ask IT to pre-stage the model",
        msgid="model.download-too-big",
        params={"limit": limit},
    )


def _purge_stale_parts(folder: Path, keep: Path) -> None:
    """Delete ``.part`` files nobody resumed for a week, so that given-up downloads do not stay."""
    now = time.time()
    with contextlib.suppress(OSError):
        for old in folder.glob("*.part"):
            with contextlib.suppress(OSError):
                if old != keep and now - old.stat().st_mtime > PART_MAX_AGE_S:
                    old.unlink()
                    log.info("deleted a download nobody resumed for a week")


def download(
    url: str,
    part: Path,
    *,
    options: InstallOptions,
    stage: str = "download",
    expected_size: int | None = None,
    limit: int | None = None,
) -> Path:
    """Download ``url`` into ``part`` (a ``.part`` file), resuming what is already there with an
    HTTP Range request. Returns ``part`` when complete.

    ``limit`` (else ``options.max_download_bytes``) caps its size. Raises :class:`StorageError`
    when the connection keeps failing or stalling (the partial file is kept, so the next call
    resumes), :class:`InstallCancelled` on cancel (kept too); a download too big, refused by the
    server, or that the disk cannot hold is deleted."""
    check_url(url)
    if not options.allow_download:
        raise download_refused(options)
    limit = min(limit or options.max_download_bytes, options.max_download_bytes)
    host = urllib.parse.urlparse(url).netloc
    try:
        part.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(exc, part.parent, "nothing was downloaded") from None
    _purge_stale_parts(part.parent, part)
    attempts = 0
    with _Watchdog(options) as watchdog:
        while True:
            check_cancel(options)
            have = part.stat().st_size if part.exists() else 0
            if have > limit:
                part.unlink(missing_ok=True)
                have = 0
            try:
                return _attempt(url, part, have, limit, options, stage, expected_size, watchdog)
            except InstallCancelled:
                raise
            except (ModelError, StorageError):
                part.unlink(missing_ok=True)
                raise
            except urllib.error.HTTPError as exc:
                if exc.code == 416 and have:
                    # Nothing left to send: the part file is already complete (the checksum decides).
                    return part
                part.unlink(missing_ok=True)
                raise ModelError(
                    f"The download failed: the server answered {exc.code} {exc.reason}",
                    "Check the address, or ask IT to pre-stage the model",
                    msgid="model.download-refused",
                    params={"status": exc.code},
                ) from None
            except (_Stalled, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                stalled = watchdog.stalled or isinstance(exc, _Stalled)
                attempts += 1
                got = part.stat().st_size if part.exists() else 0
                log.warning(
                    "download %s (%s) after %d bytes, attempt %d",
                    "stalled" if stalled else "interrupted",
                    type(exc).__name__,
                    got,
                    attempts,
                )
                if attempts > options.retries:
                    kept = f"{got // 1024} KiB are kept for resuming"
                    if stalled:
                        raise StorageError(
                            f"The download stalled: less than {options.stall_bytes // 1024 or 1} KiB arrived "
                            f"from {host} in {options.stall_timeout:g} s; {kept}",
                            "Check the network connection and run the same command again to continue",
                            msgid="model.download-stalled",
                        ) from None
                    reason = getattr(exc, "reason", None) or type(exc).__name__
                    raise StorageError(
                        f"The download was interrupted ({reason}); {kept}",
                        "Run the same command again to continue where it stopped",
                        msgid="model.download-interrupted",
                    ) from None


def _attempt(
    url: str,
    part: Path,
    have: int,
    limit: int,
    options: InstallOptions,
    stage: str,
    expected_size: int | None,
    watchdog: _Watchdog,
) -> Path:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    watchdog.restart()
    timeout = min(options.timeout, options.stall_timeout + 1)
    with _opener(url, watchdog).open(request, timeout=timeout) as response:
        if watchdog.stalled:
            raise _Stalled
        status = response.status
        if (response.headers.get("Content-Type") or "").lower().startswith("text/html"):
            raise html_error(f"What {urllib.parse.urlparse(url).netloc} sent")
        if status == 206:
            content_range = _parse_content_range(response.headers.get("Content-Range"))
            if content_range is None or content_range[0] != have:
                raise StorageError(
                    f"The server at {urllib.parse.urlparse(url).netloc} sent a wrong part of the file"
                )
            total = content_range[1]
            mode = "ab"
        else:  # 200: the server ignored Range (or there was nothing to resume): start over
            have = 0
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.strip().isdigit() else None
            mode = "wb"
        if total is not None and total > limit:
            raise _too_big(url, total, limit, announced=True)
        if total is not None:
            free = free_space(part.parent)
            if free is not None and total - have > free:
                raise no_room(part.parent, total - have, free, f"downloading {PurePosixPath(url).name}")
        total = total or expected_size
        done = have
        try:
            out = part.open(mode)
        except OSError as exc:
            raise write_failed(exc, part.parent, "nothing was downloaded") from None
        try:
            while True:
                check_cancel(options)
                # read1: return what one receive brings, so that a trickle never blocks here for
                # long and the stall watchdog and cancel are seen between receives.
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                watchdog.progress(len(chunk))
                done += len(chunk)
                if done > limit:
                    raise _too_big(url, done, limit, announced=False)
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise write_failed(exc, part.parent, "the download was stopped and deleted") from None
                report(options, stage, done, total)
        finally:
            try:
                out.close()
            except OSError as exc:  # the last buffered bytes did not fit
                raise write_failed(exc, part.parent, "the download was stopped and deleted") from None
        if watchdog.stalled:
            raise _Stalled
        if total is not None and done < total:
            raise http.client.IncompleteRead(b"", total - done)
        return part
