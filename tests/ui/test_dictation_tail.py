"""The dictation panel's live preview (issue 12): words that stayed the same over successive
decodes read as normal text, only the unstable tail after them is marked (blue, dotted underline; never italic)."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextDocument

from assistant.app import App
from assistant.stt.session import TextChanged
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.workers import Workers


def _runs(doc: QTextDocument) -> list[tuple[str, bool]]:
    """The document as (text, marked) runs; marked = shown as the unstable tail."""
    runs: list[tuple[str, bool]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            marked = fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
            assert not fmt.fontItalic()  # slanted letters are harder to read
            if runs and runs[-1][1] == marked:
                runs[-1] = (runs[-1][0] + fragment.text(), marked)
            else:
                runs.append((fragment.text(), marked))
            it += 1
        block = block.next()
    return runs


def test_only_the_unstable_tail_of_the_preview_is_marked(xvfb, qtbot) -> None:
    controller = DictationController(App.create(), Workers(TaskBridge()))
    panel = DictationPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    doc = panel.text.document()
    # Events come through the bridge, as from the session's worker thread.
    controller.bridge(TextChanged("Jeg skal til tandlæge", False, stable_chars=8))
    assert _runs(doc) == [("Jeg skal", False), (" til tandlæge", True)]
    assert '>Jeg skal<span style=" color:#0b4f9c;"> til tandlæge</span>' in doc.toHtml()

    # A preview without stable words (Vosk, or a first decode): all of it is the tail.
    controller.bridge(TextChanged("Jeg skal til tandlægen", False))
    assert _runs(doc) == [("Jeg skal til tandlægen", True)]

    # The final text: nothing marked. The next utterance's preview marks only its own tail.
    controller.bridge(TextChanged("Jeg skal til tandlægen.", True))
    assert _runs(doc) == [("Jeg skal til tandlægen.", False)]
    controller.bridge(TextChanged("Jeg skal til tandlægen. Hun siger", False, stable_chars=27))
    assert _runs(doc) == [("Jeg skal til tandlægen. Hun", False), (" siger", True)]
    panel.close()


def test_the_tail_stays_on_the_new_words_after_a_correction(xvfb, qtbot) -> None:
    from assistant.text.service import from_app

    app = App.create()
    controller = DictationController(app, Workers(TaskBridge()), spelling=from_app(app, "da"))
    panel = DictationPanel(controller)
    qtbot.addWidget(panel)
    doc = panel.text.document()
    controller.bridge(TextChanged("Jeg skal børste bedere.", True))
    controller.select_doubt(next(i for i, d in enumerate(controller.doubts) if d.word == "bedere"))
    controller.pick(controller.doubts[controller.selected].suggestions.index("bedre") + 1)
    assert controller.text == "Jeg skal børste bedre."
    # The session does not know the correction (its text is one letter longer): the tail is
    # counted from the end, so it still covers exactly the unstable words.
    controller.bridge(TextChanged("Jeg skal børste bedere. Nu i nye", False, stable_chars=26))
    assert controller.text == "Jeg skal børste bedre. Nu i nye"
    assert _runs(doc) == [("Jeg skal børste bedre. Nu", False), (" i nye", True)]
    panel.close()
