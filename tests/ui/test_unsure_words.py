"""Words the recogniser doubted are marked in the dictation panel in their own style (a blue
dotted line, apart from spelling's red wave); clicking one offers to read it aloud and shows the
engine's alternatives, if it had any."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCharFormat, QTextCursor

from assistant.app import App
from assistant.stt.base import Segment
from assistant.stt.confidence import mark
from assistant.stt.session import TextChanged
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import UNSURE_COLOUR, DictationPanel
from assistant.ui.workers import Workers


def _format_at(panel: DictationPanel, position: int) -> QTextCharFormat:
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def _words(*spec: tuple[str, float]) -> tuple:
    return tuple(mark("whisper", text, i * 0.3, i * 0.3 + 0.25, p) for i, (text, p) in enumerate(spec))


def test_unsure_words_get_their_own_mark_read_aloud_and_alternatives(xvfb, qtbot) -> None:
    from assistant.text.service import from_app

    app = App.create()
    controller = DictationController(app, Workers(TaskBridge()), spelling=from_app(app, "da"))
    panel = DictationPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    # The engine's raw words; the shown text went through the transcript (capitals, full stop).
    words = _words(
        ("hvad", 0.9), ("synes", 0.95), ("du", 0.8), ("om", 0.7), ("den", 0.9), ("ny", 0.3), ("bank", 0.2)
    )
    words = (*words[:6], mark("whisper", "bank", 1.8, 2.0, 0.2, alternatives=("bænk", "banke")))
    controller.bridge(
        TextChanged(
            "Hvad synes du om den ny bank.",
            True,
            segment=Segment("hvad synes du om den ny bank", 0, 2, words),
        )
    )
    assert [(s.word, controller.text[s.start : s.end]) for s in controller.unsure] == [
        ("ny", "ny"),
        ("bank", "bank"),
    ]
    ny = controller.unsure[0]
    fmt = _format_at(panel, ny.start)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert fmt.underlineColor().name() == UNSURE_COLOUR and fmt.anchorHref() == "unsure:0"
    assert _format_at(panel, 0).underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert "blåt prikkede" in panel.suggestion_label.text()

    # Clicking it: read it aloud on request.
    panel._on_anchor(QUrl("unsure:0"))
    assert panel.listen_word_button.isVisible() and "»ny«" in panel.suggestion_label.text()
    assert not any(b.isVisible() for b in panel.suggestion_buttons)  # the engine offered none here
    with qtbot.waitSignal(panel.read_aloud, timeout=2000) as said:
        panel.listen_word_button.click()
    assert said.args == ["ny"]

    # A word with the engine's alternatives: they show, and picking one corrects the text.
    panel._on_anchor(QUrl("unsure:1"))
    shown = [b.text() for b in panel.suggestion_buttons if b.isVisible()]
    assert len(shown) == 2 and "bænk" in shown[0]
    panel.suggestion_buttons[0].click()
    assert controller.text == "Hvad synes du om den ny bænk."
    assert [s.word for s in controller.unsure] == ["ny"]  # the corrected word is no longer marked

    # The next utterance: its unsure words are found in its own text only; a spelling mistake
    # keeps the red wave, apart from the blue dots.
    more = _words(("jeg", 0.9), ("skal", 0.4), ("bedere", 0.9))
    controller.bridge(
        TextChanged(
            "Hvad synes du om den ny bank. Jeg skal bedere.",
            True,
            segment=Segment("jeg skal bedere", 2, 4, more),
        )
    )
    assert controller.text == "Hvad synes du om den ny bænk. Jeg skal bedere."
    assert [controller.text[s.start : s.end] for s in controller.unsure] == ["ny", "skal"]
    assert controller.unsure[1].start == controller.text.index("skal")
    wrong = next(d for d in controller.doubts if d.word == "bedere")
    assert _format_at(panel, wrong.start).underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    controller.undo()  # back before the correction: the marks that still fit stay
    assert "bank" in controller.text and [s.word for s in controller.unsure][:1] == ["ny"]
    panel.close()
