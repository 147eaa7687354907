"""Regenerate the static window screenshots in docs/screenshots/ (Danish UI) on a private Xvfb.

    .venv/bin/python scripts/screenshots.py

The panel and reader-bar shots need live dictation and reading; they were taken during the
end-to-end runs and are kept as they are.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.display import start_xvfb  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="shots-"))
    server = start_xvfb(work)
    os.environ["DISPLAY"] = server.display
    os.environ["ASSISTANT_HOME"] = str(work / "home")
    os.environ["ASSISTANT_POLICY"] = str(work / "policy.toml")
    (work / "policy.toml").write_text("[locked.privacy]\nretention_days = 30\n", encoding="utf-8")
    try:
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        from assistant.app import App
        from assistant.storage.history import History
        from assistant.ui.bridge import TaskBridge
        from assistant.ui.history_window import HistoryWindow
        from assistant.ui.models_window import ModelsWindow
        from assistant.ui.settings_window import SettingsWindow
        from assistant.ui.style import apply_style
        from assistant.ui.workers import Workers

        qt = QApplication([])
        app = App.create()
        apply_style(qt, app.config)  # the tray's own readable font and spacing
        workers = Workers(TaskBridge())

        def settle(ms: int = 800) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        settings = SettingsWindow(app, workers)
        settings.show()
        settle(1500)
        settings.grab().save(str(OUT / "settings.png"))
        settings.close()

        models = ModelsWindow(app, workers)
        models.show()
        settle()
        models.grab().save(str(OUT / "models.png"))
        models.close()

        history = History(app.paths.history_db)
        for text in (
            "Patienten har ondt i tand 36. Kontrol om 14 dage.",
            "Tandsten fjernet. Ingen karies.",
        ):
            history.add(text, language="da", engine="whisper", model="whisper-base")
        window = HistoryWindow(history, 30)
        window.show()
        settle()
        window.grab().save(str(OUT / "history.png"))
        window.close()
        workers.join_all()
        qt.quit()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
