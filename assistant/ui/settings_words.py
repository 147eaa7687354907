"""The Settings window's words page: specialist terms that help recognition, "heard = written"
corrections, and the user's own dictionary for the spelling check."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from assistant.app import App
from assistant.errors import AssistantError
from assistant.ui.messages import user_message


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class WordsPage(QWidget):
    """``message`` (text, is a problem) goes to the window's status line; ``saved`` after a save."""

    message = Signal(str, bool)
    saved = Signal()

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        box = QVBoxLayout(self)
        language = self.app.config["general.language"]
        box.addWidget(_wrapped(self.tr("Fagord (ét pr. linje) – hjælper talegenkendelsen:")))
        self.terms = QPlainTextEdit()
        box.addWidget(self.terms, 1)
        box.addWidget(_wrapped(self.tr("Rettelser (»hørt = skrevet«, én pr. linje):")))
        self.replacements = QPlainTextEdit()
        box.addWidget(self.replacements, 1)
        box.addWidget(_wrapped(self.tr("Min ordbog (ord stavekontrollen skal kende):")))
        self.user_words = QPlainTextEdit()
        box.addWidget(self.user_words, 1)
        save = QPushButton(self.tr("Gem ord"))
        save.clicked.connect(self.save_words)
        box.addWidget(save)
        self.load_error = ""
        try:
            from assistant.text.service import user_dictionary_dir
            from assistant.text.userdict import UserDictionary
            from assistant.text.vocabulary import load_vocabulary

            vocabulary = load_vocabulary(self.app.paths.data_dir, language)
            self.terms.setPlainText("\n".join(vocabulary.terms))
            self.replacements.setPlainText(
                "\n".join(f"{k} = {v}" for k, v in vocabulary.replacements.items())
            )
            words = UserDictionary(user_dictionary_dir(self.app.paths.data_dir), language).words
            self.user_words.setPlainText("\n".join(words))
        except AssistantError as exc:
            self.load_error = user_message(exc)  # the window shows it once it is connected

    @Slot()
    def save_words(self) -> None:
        from assistant.text.service import user_dictionary_dir
        from assistant.text.userdict import UserDictionary
        from assistant.text.vocabulary import Vocabulary, save_vocabulary

        language = self.app.config["general.language"]
        terms = [t.strip() for t in self.terms.toPlainText().splitlines() if t.strip()]
        replacements = {}
        for line in self.replacements.toPlainText().splitlines():
            heard, sep, written = line.partition("=")
            if sep and heard.strip() and written.strip():
                replacements[heard.strip()] = written.strip()
        try:
            save_vocabulary(self.app.paths.data_dir, language, Vocabulary(terms, replacements))
            user = UserDictionary(user_dictionary_dir(self.app.paths.data_dir), language)
            wanted = [w.strip() for w in self.user_words.toPlainText().splitlines() if w.strip()]
            for word in list(user.words):
                if word not in wanted:
                    user.remove(word)
            for word in wanted:
                user.add(word)
        except AssistantError as exc:
            self.message.emit(user_message(exc), True)
            return
        self.message.emit(self.tr("Ordene er gemt."), False)
        self.saved.emit()
