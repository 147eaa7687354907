"""The reader bar on the Xvfb display, reading into a virtual loudspeaker: the highlighted word is
the word being read (emoji, quotes, accents), two colours at 7:1 or more, nothing reflows, the
keyboard and the buttons control it, it closes, stays on screen, and is on top only while reading."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QTextCursor

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.placement import place_bar
from assistant.ui.reader_bar import ReaderBar
from assistant.ui.reading import (
    SENTENCE_BACKGROUND,
    SENTENCE_TEXT,
    WORD_BACKGROUND,
    WORD_TEXT,
    ReaderController,
    Utf16Map,
    contrast,
)
from assistant.ui.workers import Workers
from tests.support.playback_sink import null_sink  # noqa: F401  (fixture)

TEXT = (
    "Hun sagde »hej« til 😀 og „farvel“ om ”tandsten”, f.eks. kl. 14.30. "
    "Det var 👍🏽 "
    + unicodedata.normalize("NFD", "café")
    + " i dag. Tredje sætning er her. Fjerde sætning slutter det hele."
)


def _bar(qtbot, app: App | None = None) -> tuple[ReaderController, ReaderBar]:
    controller = ReaderController(app or App.create(), Workers(TaskBridge()))
    bar = ReaderBar(controller)
    qtbot.addWidget(bar)
    return controller, bar


def test_colours_have_at_least_7_to_1_contrast() -> None:
    assert contrast(SENTENCE_TEXT, SENTENCE_BACKGROUND) >= 7.0
    assert contrast(WORD_TEXT, WORD_BACKGROUND) >= 7.0
    # The word stands out from its sentence, not only from the page.
    assert contrast(WORD_BACKGROUND, SENTENCE_BACKGROUND) >= 7.0
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0


def test_python_indices_become_utf16_positions() -> None:
    text = "a😀b👍🏽c"
    to_qt = Utf16Map(text)
    assert [to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert to_qt(len(text)) == len(text.encode("utf-16-le")) // 2


def test_the_bar_is_placed_on_screen_and_beside_the_window_read() -> None:
    screen = QRect(0, 0, 1280, 800)
    size = QSize(760, 300)
    for target in (
        QRect(100, 50, 600, 300),
        QRect(0, 0, 1280, 500),
        QRect(200, 450, 700, 350),
        QRect(0, 0, 500, 800),
    ):
        point = place_bar(screen, target, size)
        placed = QRect(point, size)
        assert screen.contains(placed), (target, placed)
        assert not placed.intersects(target), (target, placed)
    # A full-screen window: still fully on screen.
    assert screen.contains(QRect(place_bar(screen, QRect(0, 0, 1280, 800), size), size))
    # Nothing to avoid: bottom centre, inside the screen even when near its edge.
    point = place_bar(screen, None, size)
    assert screen.contains(QRect(point, size)) and point.x() == (1280 - 760) // 2
    assert place_bar(QRect(0, 0, 1280, 800), QRect(900, 700, 300, 90), QSize(760, 300)).y() + 300 <= 800


def test_reading_highlights_the_exact_word_and_sentence_without_reflow(xvfb, qtbot, null_sink) -> None:  # noqa: F811
    controller, bar = _bar(qtbot)
    bar.show_for(QRect(100, 100, 500, 200))
    assert bar.on_top
    painted: list[tuple[str, str, list[tuple[str, str]]]] = []

    def on_painted(start: int, end: int, heard_at: float, painted_at: float) -> None:
        painted.append((controller.text[start:end], bar.current_sentence, bar.highlighted()))

    bar.painted.connect(on_painted)
    geometry: list[list[QRect]] = []

    def layout() -> list[QRect]:
        cursor = QTextCursor(bar.text.document())
        rects = []
        for position in range(bar.text.document().characterCount() - 1):
            cursor.setPosition(position)
            rects.append(bar.text.cursorRect(cursor))
        return rects

    bar.painted.connect(lambda *_: geometry.append(layout()) if len(geometry) < 6 else None)
    with qtbot.waitSignal(controller.finished, timeout=90000):
        controller.read(TEXT, "bar", "da")
    words = [word for word, _, _ in painted]
    assert words[:12] == [
        "Hun", "sagde", "hej", "til", "😀", "og", "farvel", "om", "tandsten", "f.eks.", "kl. 14.30", "Det",
    ]  # fmt: skip
    assert unicodedata.normalize("NFD", "café") in words and "hele" in words
    for word, sentence, shown in painted:
        # What Qt shows highlighted is the word itself (UTF-16 positions right after emoji).
        assert (word, WORD_BACKGROUND) in shown, (word, shown)
        assert (sentence, SENTENCE_BACKGROUND) in shown and word in sentence
        assert word.strip() == word and word
    assert len({tuple(g) for g in geometry}) == 1, "the text moved when a word was highlighted"
    assert bar.play_button.text().replace("&", "") == "Afspil"
    assert not bar.on_top  # reading over: no longer on top of other windows
    controller.shutdown()


def test_keyboard_and_buttons_pause_skip_stop_and_close(xvfb, qtbot, null_sink) -> None:  # noqa: F811
    controller, bar = _bar(qtbot)
    bar.show_for(None)
    sentences: list[str] = []
    controller.sentence.connect(lambda s, e: sentences.append(controller.text[s:e]))
    text = "Første sætning er her. Anden sætning er her. Tredje sætning er her. Fjerde sætning er her."
    with qtbot.waitSignal(controller.word, timeout=60000):
        controller.read(text, "bar", "da")
    with qtbot.waitActive(bar, timeout=5000):
        bar.activateWindow()
    bar.text.setFocus()
    with qtbot.waitSignal(controller.paused_changed, timeout=5000) as paused:
        qtbot.keyClick(bar.text, Qt.Key.Key_Space)
    assert paused.args == [True] and bar.play_button.text().replace("&", "") == "Fortsæt"
    with qtbot.waitSignal(controller.paused_changed, timeout=5000) as resumed:
        qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert resumed.args == [False]
    with qtbot.waitSignal(controller.sentence, timeout=10000):
        qtbot.keyClick(bar.text, Qt.Key.Key_Right)
    assert sentences[-1] == "Anden sætning er her."
    with qtbot.waitSignal(controller.sentence, timeout=10000):
        qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert sentences[-1] == "Tredje sætning er her."
    with qtbot.waitSignal(controller.sentence, timeout=10000):
        qtbot.keyClick(bar.text, Qt.Key.Key_Left)
    assert sentences[-1] == "Anden sætning er her."
    with qtbot.waitSignal(controller.finished, timeout=10000):
        qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert bar.isVisible()
    with qtbot.waitSignal(controller.word, timeout=60000):
        controller.read(text, "bar", "da")
    with qtbot.waitSignal(controller.finished, timeout=10000):
        qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    # Every button says its key (an underlined letter) and has a name for screen readers.
    for button in (bar.play_button, bar.stop_button, bar.previous_button, bar.next_button, bar.close_button):
        assert "&" in button.text()
    assert bar.speed.accessibleName() and bar.voice.accessibleName() and bar.text.accessibleName()
    controller.shutdown()


def test_a_locked_speed_cannot_be_changed_on_the_bar(xvfb, qtbot, assistant_home) -> None:
    assistant_home.write_policy("[locked.tts]\nrate = 120\n")
    controller, bar = _bar(qtbot, App.create())
    assert not bar.speed.isEnabled() and bar.speed.value() == 120
    assert bar.lock_label.text() == "Låst af IT" and "/" not in bar.speed.toolTip()
    bar.speed.setValue(300)  # even programmatically nothing reaches the reader
    assert controller.rate_locked
    bar.show()
    assert bar.lock_label.isVisible()
    assert bar.lock_label.width() >= bar.lock_label.sizeHint().width()  # not clipped
