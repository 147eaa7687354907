"""The models window gets the recommended Danish model in one step (issue 23, item 5): "Hent"
names the model and its size, shows progress in Danish and can be cancelled; where the policy
forbids downloads it names the model to ask IT for instead. The catalog entry points at a
loopback server (real HTTP, real install, no network)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PySide6.QtCore import Qt

from assistant.app import App
from assistant.storage.catalog import Catalog, parse_catalog
from assistant.ui.bridge import TaskBridge
from assistant.ui.models_window import ModelsWindow
from assistant.ui.workers import Workers
from tests.unit.test_model_install import ModelServer, make_whisper_folder, sha256

FILES = ("config.json", "model.bin", "vocabulary.txt")


def _catalog(folder: Path, base: str) -> Catalog:
    text = f"""
schema = 1
[[model]]
name = "dansk-test"
engine = "whisper"
format = "ctranslate2"
languages = ["da"]
licence = "MIT"
size_mb = 1.2
sha256 = "{sha256(folder / "model.bin")}"
sha256_of = "model.bin"
urls = ["https://example.invalid/repo/"]
files = {list(FILES)!r}
recommended = ["da"]
publisher = "test"
page = "https://example.invalid/"
description = "served from loopback"
""".replace("'", '"')
    entry = parse_catalog(text).entries[0]
    # The catalog accepts only https; the same entry, pointed at the loopback server.
    return Catalog(entries=(type(entry)(**{**entry.__dict__, "urls": (base,)}),))


def _window(qtbot, catalog: Catalog) -> ModelsWindow:  # type: ignore[no-untyped-def]
    window = ModelsWindow(App.create(), Workers(TaskBridge()), catalog)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=60000):
        window.show()
    return window


def test_hent_gets_the_recommended_model_with_size_and_progress(xvfb, qtbot, tmp_path: Path) -> None:
    folder = make_whisper_folder(tmp_path / "src", "dansk-test")
    server = ModelServer(files={f"/repo/{leaf}": folder / leaf for leaf in FILES}).start()
    try:
        window = _window(qtbot, _catalog(folder, server.url("/repo/")))
        assert window.get_button.isVisible()
        assert window.get_button.text() == "Hent dansk-test (1 MB)", window.get_button.text()
        labels: list[str] = []
        window.progress_label.setText("")
        window.tasks.progress.connect(lambda *_: labels.append(window.progress_label.text()))
        with qtbot.waitSignal(window.install_finished, timeout=60000) as done:
            qtbot.mouseClick(window.get_button, Qt.MouseButton.LeftButton)
        assert done.args[0] is True, done.args
        assert any(text.startswith("Henter … ") for text in labels), labels
        qtbot.waitUntil(lambda: window.installed.rowCount() >= 1 and not window.get_button.isVisible())
        names = [window.installed.item(r, 0).text() for r in range(window.installed.rowCount())]
        assert "dansk-test" in names
        window.close()
    finally:
        server.stop()


class _Trickle(BaseHTTPRequestHandler):
    """A slow link: 16 KB every 20 ms, so a cancel lands in the middle of the download."""

    body = b""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        try:
            for start in range(0, len(self.body), 16384):
                self.wfile.write(self.body[start : start + 16384])
                self.wfile.flush()
                time.sleep(0.02)  # the server's pace, not the test's synchronisation
        except OSError:
            pass  # the client hung up: cancelled


def test_cancel_stops_hent_and_the_policy_names_what_to_ask_it_for(
    xvfb, qtbot, tmp_path: Path, assistant_home
) -> None:
    folder = make_whisper_folder(tmp_path / "src", "dansk-test", size=4_000_000)
    _Trickle.body = (folder / "model.bin").read_bytes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
        catalog = _catalog(folder, base)
        window = _window(qtbot, catalog)
        with qtbot.waitSignal(window.install_finished, timeout=60000) as done:
            qtbot.mouseClick(window.get_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(
                lambda: window.cancel_button.isVisible() and window.progress.value() > 0, timeout=30000
            )
            qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        ok, message = done.args
        assert ok is False and message.startswith("Installationen blev afbrudt"), done.args
        assert not window.progress.isVisible() and not window.cancel_button.isVisible()
        window.close()

        assistant_home.write_policy("[locked.models]\nallow_download = false\n")
        window = _window(qtbot, catalog)
        assert not window.get_button.isVisible()
        assert window.advice.text().startswith(
            "Bed din IT-afdeling om at installere den danske talemodel »dansk-test«"
        )
        window.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
