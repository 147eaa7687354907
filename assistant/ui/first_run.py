"""The first-run guide: what the program does, a microphone check, a voice sample, and (for Danish
with only the starter models) the recommended Danish model for this computer."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from assistant.app import App
from assistant.ui.placement import scrolling_layout
from assistant.ui.reading import ReaderController
from assistant.ui.settings_window import SettingsWindow


class FirstRunGuide(QDialog):
    finished_guide = Signal()

    def __init__(self, app: App, settings: SettingsWindow, reader: ReaderController, catalog=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.setWindowTitle(self.tr("Velkommen"))
        self.app = app
        self.settings = settings
        self.reader = reader
        layout = scrolling_layout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        from assistant.ui.settings_window import combo_text

        keys = combo_text(app.config["hotkeys.dictate"]) or self.tr("(ingen)")
        self._page(
            self.tr("Velkommen til Assistent"),
            self.tr(
                "Assistent skriver det, du siger, og læser tekst højt.\n\n"
                "Tryk {0} for at diktere. Ordene vises i et lille vindue.\n"
                "Tryk Indsæt, så kommer teksten ind, hvor du skrev.\n\n"
                "Alt sker på din computer. Intet sendes på internettet."
            ).format(keys),
        )
        mic_page = self._page(
            self.tr("Tjek mikrofonen"),
            self.tr("Tryk på knappen og sig et par ord. Du hører optagelsen bagefter."),
        )
        self.mic_button = QPushButton(self.tr("Prøv mikrofonen"))
        self.mic_button.clicked.connect(settings.test_microphone)
        self.mic_result = QLabel("")
        self.mic_result.setWordWrap(True)
        mic_page.layout().addWidget(self.mic_button)
        mic_page.layout().addWidget(settings.level)
        mic_page.layout().addWidget(self.mic_result)
        settings.mic_test_done.connect(self._on_mic)
        voice_page = self._page(
            self.tr("Hør stemmen"), self.tr("Tryk for at høre, hvordan oplæsningen lyder.")
        )
        self.voice_button = QPushButton(self.tr("Afspil en prøve"))
        self.voice_button.clicked.connect(self.play_sample)
        voice_page.layout().addWidget(self.voice_button)
        from assistant.ui.model_offer import ModelOffer, offered_model

        entry = offered_model(app, catalog)
        self.model_offer: ModelOffer | None = None
        if entry is not None:
            offer_page = self._page(self.tr("Bedre dansk diktat"), "")
            self.model_offer = ModelOffer(app, settings.workers, entry)
            offer_page.layout().insertWidget(2, self.model_offer)
        self._page(
            self.tr("Klar"),
            self.tr("Du finder Assistent i statuslinjen. Højreklik på ikonet for menuen."),
        )
        row = QHBoxLayout()
        self.back = QPushButton(self.tr("Tilbage"))
        self.back.clicked.connect(self.previous)
        self.next = QPushButton(self.tr("Næste"))
        self.next.clicked.connect(self.advance)
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.next)
        layout.addLayout(row)
        self._update()
        self.resize(640, 420)

    def _page(self, title: str, text: str) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        box.addWidget(heading)
        box.addWidget(body)
        box.addStretch(1)
        self.pages.addWidget(page)
        return page

    @Slot(float)
    def _on_mic(self, peak: float) -> None:
        self.mic_result.setText(self.settings.test_result.text())

    @Slot()
    def play_sample(self) -> None:
        sample = (
            self.tr("Hej. Sådan lyder jeg, når jeg læser op.")
            if self.app.config["general.language"] == "da"
            else "Hello. This is how I sound when I read aloud."
        )
        self.reader.read(sample, "sample")

    @Slot()
    def advance(self) -> None:
        if self.pages.currentIndex() == self.pages.count() - 1:
            self.finish()
            return
        self.pages.setCurrentIndex(self.pages.currentIndex() + 1)
        self._update()

    @Slot()
    def previous(self) -> None:
        self.pages.setCurrentIndex(max(0, self.pages.currentIndex() - 1))
        self._update()

    def _update(self) -> None:
        last = self.pages.currentIndex() == self.pages.count() - 1
        self.next.setText(self.tr("Færdig") if last else self.tr("Næste"))
        self.back.setEnabled(self.pages.currentIndex() > 0)

    def finish(self) -> None:
        if not self.app.config.is_locked("ui.first_run_guide"):
            self.app.config.set("ui.first_run_guide", False)
        self.finished_guide.emit()
        self.close()
