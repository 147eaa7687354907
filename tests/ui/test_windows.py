"""Every window with pytest-qt on the Xvfb display: panel, reader bar, settings, models, history,
first-run guide; and global hotkeys (conflicts reported, NumLock ignored)."""

from __future__ import annotations

import queue
import subprocess

from PySide6.QtCore import Qt

from assistant.app import App
from assistant.storage.history import History
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.workers import Workers


def _workers() -> Workers:
    return Workers(TaskBridge())


def test_panel_suggestions_pick_by_click_then_undo(xvfb, qtbot) -> None:
    from assistant.text.service import from_app

    app = App.create()
    controller = DictationController(app, _workers(), spelling=from_app(app, "da"))
    panel = DictationPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    flags = panel.windowFlags()
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus and flags & Qt.WindowType.Tool
    assert panel.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    controller.load_text("Tandlægn sagde at jeg skal børste bedere.")
    assert [d.word for d in controller.doubts] == ["Tandlægn", "bedere"]
    controller.select_doubt(0)
    first = controller.doubts[0].suggestions[0]
    assert first.startswith("Tandlæge")  # "Tandlæge" or "Tandlægen": both one edit away
    assert panel.suggestion_buttons[0].isVisible() and first in panel.suggestion_buttons[0].text()
    qtbot.mouseClick(panel.suggestion_buttons[0], Qt.MouseButton.LeftButton)
    assert controller.text.startswith(f"{first} sagde")
    # By mouse only: no key is grabbed while a word is selected (see test_inject_panel.py).
    controller.select_doubt(0)
    assert controller.doubts[0].word == "bedere"
    button = panel.suggestion_buttons[controller.doubts[0].suggestions.index("bedre")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "bedre." in controller.text, timeout=5000)
    assert controller.doubts == []
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert controller.text == f"{first} sagde at jeg skal børste bedere."
    panel.close()


def test_hotkeys_conflict_is_reported_not_raised_and_numlock_ignored(xvfb) -> None:
    from assistant.hotkeys.x11 import X11HotkeyGrabber

    events: queue.Queue = queue.Queue()
    first = X11HotkeyGrabber(lambda name, pressed: events.put((name, pressed)))
    second = X11HotkeyGrabber(lambda name, pressed: None)
    try:
        results = first.start({"dictate": "<ctrl>+<alt>+j", "bad": "<ctrl>+<nope>", "off": ""})
        assert [(r.name, r.ok) for r in results] == [("dictate", True), ("bad", False)]
        clash = second.start({"mine": "<ctrl>+<alt>+j"})
        assert clash[0].problem == "another program already uses this key combination"
        subprocess.run(["xdotool", "key", "Num_Lock", "ctrl+alt+j", "Num_Lock"], check=True, timeout=10)
        assert events.get(timeout=5) == ("dictate", True)
        assert events.get(timeout=5) == ("dictate", False)
    finally:
        second.stop()
        first.stop()
    assert not first.running


def test_settings_window_saves_and_shows_locked_keys(xvfb, qtbot, assistant_home) -> None:
    from PySide6.QtWidgets import QLabel

    from assistant.ui.settings_window import SettingsWindow

    assistant_home.write_policy("[locked.privacy]\nretention_days = 7\n")
    app = App.create()
    window = SettingsWindow(app, _workers())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.devices_loaded, timeout=30000):
        pass
    retention = window.widgets["privacy.retention_days"]
    assert not retention.isEnabled()
    labels = [w.text() for w in window.findChildren(QLabel)]
    assert "Låst af din IT-afdeling." in labels
    assert not any(str(assistant_home.policy) in t for t in labels)  # no file path for the user
    assert window.save("tts.rate", 200) and App.create().config["tts.rate"] == 200
    assert not window.save("hotkeys.dictate", "<ctrl>++")
    assert window.status.text().startswith("Start/stop diktering:")
    window.terms.setPlainText("parodontitis\ntandsten")
    window.replacements.setPlainText("para dontitis = parodontitis")
    window.user_words.setPlainText("Ærøskøbing")
    window.save_words()
    from assistant.text.vocabulary import load_vocabulary

    vocabulary = load_vocabulary(app.paths.data_dir, "da")
    assert vocabulary.terms == ["parodontitis", "tandsten"]
    assert vocabulary.replacements == {"para dontitis": "parodontitis"}
    window.close()


def test_models_window_lists_installed_and_recommended(xvfb, qtbot, tmp_path) -> None:
    from assistant.ui.models_window import ModelsWindow

    window = ModelsWindow(App.create(), _workers())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=60000):
        window.show()
    names = [window.installed.item(r, 0).text() for r in range(window.installed.rowCount())]
    assert "whisper-tiny.en" in names and "whisper-base" in names
    assert window.recommended.rowCount() >= 1
    with qtbot.waitSignal(window.install_finished, timeout=30000) as blocker:
        window.install(str(tmp_path / "missing.zip"))
    assert blocker.args[0] is False and "findes ikke" in blocker.args[1]
    assert not window.cancel_button.isVisible()
    window.close()


def test_history_window_lists_copies_and_deletes(xvfb, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    from assistant.ui.history_window import HistoryWindow

    app = App.create()
    history = History(app.paths.history_db)
    first = history.add("Første diktat.", "da")
    history.add("Anden diktat.", "da")
    window = HistoryWindow(history, 30)
    qtbot.addWidget(window)
    window.show()
    assert len(window.entries) == 2 and window.text.toPlainText() == "Anden diktat."
    with qtbot.waitSignal(window.insert_again, timeout=2000) as blocker:
        qtbot.mouseClick(window.insert_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["Anden diktat.", "da"]
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Anden diktat."
    window.delete_entry(window.entries[0].id)
    assert [e.id for e in window.entries] == [first]
    window.close()


def test_reader_bar_highlights_the_spoken_word(xvfb, qtbot, pulse_vmic) -> None:
    from assistant.ui.reader_bar import ReaderBar
    from assistant.ui.reading import ReaderController

    controller = ReaderController(App.create(), _workers())
    bar = ReaderBar(controller)
    qtbot.addWidget(bar)
    bar.show()
    words: list[str] = []
    bar.painted.connect(lambda *_: words.append(bar.current_word))
    with qtbot.waitSignal(controller.finished, timeout=60000):
        controller.read("Hej med dig. Jeg læser op.", "bar")
    assert words[:3] == ["Hej", "med", "dig"]
    assert bar.play_button.text().replace("&", "") == "Afspil"
    controller.shutdown()
    bar.close()


def test_first_run_guide_walks_through_and_is_not_shown_again(xvfb, qtbot) -> None:
    from assistant.ui.first_run import FirstRunGuide
    from assistant.ui.reading import ReaderController
    from assistant.ui.settings_window import SettingsWindow

    app = App.create()
    workers = _workers()
    guide = FirstRunGuide(app, SettingsWindow(app, workers), ReaderController(app, workers))
    qtbot.addWidget(guide)
    guide.show()
    for _ in range(guide.pages.count() - 1):
        qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    assert guide.next.text() == "Færdig"
    with qtbot.waitSignal(guide.finished_guide, timeout=2000):
        qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    assert App.create().config["ui.first_run_guide"] is False


def test_english_ui_from_the_built_translation(xvfb, qtbot) -> None:
    import subprocess
    import sys

    from PySide6.QtCore import QCoreApplication

    from assistant.ui.translations import HERE, install_translator, resolve_language

    subprocess.run([sys.executable, "-m", "assistant.ui.translations"], check=True, timeout=120)
    assert (HERE / "en.qm").stat().st_size > 1000
    assert resolve_language("auto", "da_DK") == "da" and resolve_language("auto", "en_GB.UTF-8") == "en"
    assert resolve_language("auto", "C.UTF-8") == "da" and resolve_language("auto", "de_DE") == "da"
    app = QCoreApplication.instance()
    try:
        assert install_translator(app, "en") == "en"
        panel = DictationPanel(DictationController(App.create(), _workers()))
        qtbot.addWidget(panel)
        assert panel.insert_button.text() == "Insert" and panel.listen_button.text() == "Read aloud"
    finally:
        install_translator(app, "da")
    assert DictationPanel(DictationController(App.create(), _workers())).insert_button.text() == "Indsæt"
