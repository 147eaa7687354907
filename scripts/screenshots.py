"""Regenerate every screenshot in docs/screenshots/ (Danish UI) on a private 1366x768 Xvfb with
openbox as the window manager.

    .venv/bin/python scripts/screenshots.py

Panel (a dictated journal note with a doubtful word and its suggestions), reader bar (caught
while it really reads into a private PulseAudio null sink, sentence and word highlighted),
settings, models, history, first-run guide and tray menu; for the user guides
(docs/brugervejledning.md, docs/user-guide.md) also the reading and appearance settings and the
Diagnose window. No image is taken by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.display import start_xvfb  # noqa: E402
from tests.support.playback_sink import PulseNullSink  # noqa: E402
from tests.support.procs import wait_until  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="shots-"))
    # An ordinary laptop screen, with a real window manager framing and placing the windows.
    server = start_xvfb(work, screen="1366x768x24")
    os.environ["DISPLAY"] = server.display
    wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(
        lambda: (
            "window id"
            in subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True
            ).stdout
        ),
        timeout=20,
        message="openbox",
    )
    os.environ["ASSISTANT_HOME"] = str(work / "home")
    os.environ["ASSISTANT_POLICY"] = str(work / "policy.toml")
    (work / "policy.toml").write_text("[locked.privacy]\nretention_days = 30\n", encoding="utf-8")
    sink = PulseNullSink(work / "speaker").start()
    os.environ["PULSE_SERVER"] = sink.server
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
        from assistant.ui.translations import install_translator
        from assistant.ui.workers import Workers

        qt = QApplication([])
        app = App.create()
        install_translator(qt, "da")
        apply_style(qt, app.config)  # the tray's own readable font and spacing
        workers = Workers(TaskBridge())

        def settle(ms: int = 800) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        from PySide6.QtCore import QSize

        from assistant.ui.placement import show_window

        settings = SettingsWindow(app, workers)
        show_window(settings, QSize(820, 560))
        # The hotkeys page: keys are pressed, not typed, and shown as "Ctrl+Alt+D".
        settings.tabs.setCurrentIndex(
            next(i for i in range(settings.tabs.count()) if settings.tabs.tabText(i) == "Genveje")
        )
        settle(1500)
        settings.grab().save(str(OUT / "settings.png"))
        settings.close()

        models = ModelsWindow(app, workers)
        show_window(models, QSize(980, 600))
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
        show_window(window, window.size())
        settle()
        window.grab().save(str(OUT / "history.png"))
        window.close()
        shoot_panel_reader_guide_menu(app, qt, workers, settle)
        shoot_guide_pictures(app, workers, settle)
        workers.join_all()
        qt.quit()
    finally:
        sink.stop()
        wm.terminate()
        wm.wait(timeout=10)
        server.stop()


def shoot_panel_reader_guide_menu(app, qt, workers, settle) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QPixmap

    from assistant.text.service import from_app
    from assistant.ui.first_run import FirstRunGuide
    from assistant.ui.main import TrayController
    from assistant.ui.settings_window import SettingsWindow

    tray = TrayController(app, qt)
    tray.dictation.spelling = from_app(app)
    tray.dictation.load_text(
        "Patienten har ondt i tand 36 og skal komme igen om 14 dage. Hun vil gerne have en tid "
        "om formidagen, for eksempel kl. 9.30."
    )
    if tray.dictation.doubts:
        tray.dictation.select_doubt(0)
    settle()  # the window closed before no longer has the focus
    tray.panel.show_near_bottom()
    settle()
    tray.panel.grab().save(str(OUT / "panel.png"))
    tray.panel.hide()

    bar = tray.reader_bar
    painted: list[str] = []
    bar.painted.connect(lambda *_: painted.append(bar.current_word))
    tray.reader.read(
        "Læs mere på side 3. Borgeren blev besøgt kl. 9.15 af hjemmeplejen, som »hjalp« med morgenmaden. "
        "Datteren ringer hver dag og kommer på besøg i weekenden.",
        "bar",
        "da",
    )
    for _ in range(200):  # until the second sentence is well under way
        settle(50)
        if len(painted) >= 9:
            break
    tray.reader.toggle_pause()
    settle(300)
    bar.grab().save(str(OUT / "reader.png"))
    tray.reader.stop()
    bar.hide()

    from assistant.ui.placement import show_window

    guide = FirstRunGuide(app, SettingsWindow(app, workers), tray.reader)
    show_window(guide, guide.size())
    settle()
    guide.grab().save(str(OUT / "first-run.png"))
    guide.close()

    tray.grab_hotkeys(quiet=True)  # the menu shows the keys it has
    tray.menu.popup(QPoint(900, 300))
    settle()
    geometry: QRect = tray.menu.geometry()
    screen = qt.primaryScreen()
    shot: QPixmap = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
    shot.save(str(OUT / "tray-menu.png"))
    tray.menu.hide()
    tray.shutdown()


def shoot_guide_pictures(app, workers, settle) -> None:  # type: ignore[no-untyped-def]
    """The pictures only the user guides show: voice and speed, text size and colour, Diagnose."""
    from assistant.ui.doctor_window import DoctorWindow
    from assistant.ui.settings_window import SettingsWindow

    settings = SettingsWindow(app, workers)
    settings.show()
    for title, name in (("Oplæsning", "settings-reading.png"), ("Udseende", "settings-look.png")):
        settings.tabs.setCurrentIndex(
            next(i for i in range(settings.tabs.count()) if settings.tabs.tabText(i) == title)
        )
        settle(1000)
        settings.grab().save(str(OUT / name))
    settings.close()

    doctor = DoctorWindow(app)
    doctor.show()
    for _ in range(1200):  # the checks run on a worker thread; at most a minute
        settle(50)
        if not doctor.status.text().startswith("Kontrollerer"):
            break
    settle(300)
    doctor.grab().save(str(OUT / "doctor.png"))
    doctor.close()


if __name__ == "__main__":
    main()
