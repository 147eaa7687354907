"""A word that is correct Danish but likely not the one meant (issue 21) is asked about, not
called a misspelling: the panel says it is a real word and asks "Mente du …?"."""

from __future__ import annotations

from assistant.app import App
from assistant.stt.session import TextChanged
from assistant.text.service import from_app
from assistant.ui.bridge import TaskBridge
from assistant.ui.dictation import DictationController
from assistant.ui.dictation_panel import DictationPanel
from assistant.ui.workers import Workers


def test_a_doubt_is_a_question_and_a_misspelling_is_not(xvfb, qtbot) -> None:
    app = App.create()
    controller = DictationController(app, Workers(TaskBridge()), spelling=from_app(app, "da"))
    panel = DictationPanel(controller)
    qtbot.addWidget(panel)
    controller.bridge(TextChanged("Det er egenlig fint, men bedere i morgen.", True))
    kinds = {d.word: d.kind for d in controller.doubts}
    assert kinds == {"egenlig": "doubt", "bedere": "spelling"}, kinds

    controller.select_doubt(next(i for i, d in enumerate(controller.doubts) if d.word == "egenlig"))
    assert panel.suggestion_label.text() == "»egenlig« er et rigtigt ord. Mente du et af disse?"
    assert "egentlig" in controller.doubts[controller.selected].suggestions

    controller.select_doubt(next(i for i, d in enumerate(controller.doubts) if d.word == "bedere"))
    assert panel.suggestion_label.text().startswith("Forslag til »bedere« – klik på det rigtige ord")
    panel.close()
