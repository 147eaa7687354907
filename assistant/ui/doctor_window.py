"""A window showing the diagnostics report; the checks run on a worker thread.

The report (``assistant.doctor``) is plain data with English sentences for the CLI and for IT.
This window shows each part in the UI's language: what it is, whether it works, and what to do;
the English technical lines are behind a button, for IT.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from assistant.app import App

_MARK = {"ok": "✔", "warning": "!", "error": "✘"}


class _DoctorWorker(QObject):
    finished = Signal(list, str)  # [(key, status)], technical report

    def __init__(self, app: App) -> None:
        super().__init__()
        self._app = app

    @Slot()
    def run(self) -> None:
        from assistant.doctor import run_checks

        lines = []
        parts = []
        for key, section in run_checks(self._app).items():
            parts.append((key, section.status))
            lines.append(f"{_MARK[section.status]} {section.title}: {section.summary}")
            if section.hint and section.status != "ok":
                lines.append(f"    → {section.hint}")
        self.finished.emit(parts, "\n".join(lines))


class DoctorWindow(QDialog):
    """Shows 'checking…' at once, then the report when the worker is done."""

    report_ready = Signal()

    def __init__(self, app: App) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Diagnose"))
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Kontrollerer mikrofon, stemmer og modeller …"))
        self.status.setWordWrap(True)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setAccessibleName(self.tr("Resultat af diagnosen"))
        self.details_button = QPushButton(self.tr("Vis tekniske detaljer til IT (engelsk)"))
        self.details_button.setCheckable(True)
        self.details_button.setEnabled(False)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setAccessibleName(self.tr("Tekniske detaljer til IT"))
        self.details.setVisible(False)
        self.details_button.toggled.connect(self.details.setVisible)
        close = QPushButton(self.tr("&Luk"))
        close.clicked.connect(self.close)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.details_button)
        layout.addWidget(self.details, 1)
        layout.addWidget(close)
        self._thread = QThread(self)
        self._worker = _DoctorWorker(app)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._show_report)
        self._worker.finished.connect(self._thread.quit)
        self._thread.start()

    def _title(self, key: str) -> str:
        titles = {
            "settings": self.tr("Indstillinger"),
            "audio": self.tr("Mikrofon"),
            "speech": self.tr("Talegenkendelse"),
            "voices": self.tr("Oplæsning"),
            "injection": self.tr("Indsættelse af tekst"),
            "hotkeys": self.tr("Genvejstaster"),
            "tray": self.tr("Ikon i statuslinjen"),
        }
        return titles.get(key, key)

    def _state(self, status: str) -> str:
        states = {
            "ok": self.tr("virker."),
            "warning": self.tr("virker, men kan blive bedre."),
            "error": self.tr("virker ikke."),
        }
        return states.get(status, status)

    def _advice(self, key: str, status: str) -> str:
        if status == "ok":
            return ""
        advice = {
            "settings": self.tr("Der er fejl i en indstillingsfil. Kontakt din IT-afdeling."),
            "audio": self.tr("Sæt en mikrofon eller et headset i, og prøv igen."),
            "speech": self.tr(
                "Dansk forstås kun groft med startmodellen. Bed IT om en anbefalet dansk model."
            )
            if status == "warning"
            else self.tr("Der er ingen talemodel. Åbn Modeller i menuen."),
            "voices": self.tr("Der mangler en stemme. Bed IT om at installere en dansk stemme."),
            "injection": self.tr("Tekst kan ikke indsættes her. Du kan stadig kopiere teksten fra panelet."),
            "hotkeys": self.tr("Genvejstasterne virker ikke her. Brug menuen eller knapperne i panelet."),
            "tray": self.tr("Der er ingen statuslinje på skrivebordet. Bed IT om hjælp."),
        }
        return advice.get(key, self.tr("Bed din IT-afdeling om hjælp."))

    @Slot(list, str)
    def _show_report(self, parts: list, technical: str) -> None:
        lines = []
        for key, status in parts:
            lines.append(f"{_MARK.get(status, '?')} {self._title(key)}: {self._state(status)}")
            advice = self._advice(key, status)
            if advice:
                lines.append(f"    → {advice}")
        self.status.setText(self.tr("Resultat:"))
        self.text.setPlainText("\n".join(lines))
        self.details.setPlainText(technical)
        self.details_button.setEnabled(True)
        self.report_ready.emit()

    def closeEvent(self, event) -> None:
        self._thread.quit()
        self._thread.wait(5000)
        super().closeEvent(event)
