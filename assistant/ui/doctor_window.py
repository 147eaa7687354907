"""A window showing the diagnostics report; the checks run on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from assistant.app import App

_MARK = {"ok": "✔", "warning": "!", "error": "✘"}


class _DoctorWorker(QObject):
    finished = Signal(str)

    def __init__(self, app: App) -> None:
        super().__init__()
        self._app = app

    @Slot()
    def run(self) -> None:
        from assistant.doctor import run_checks

        lines = []
        for section in run_checks(self._app).values():
            lines.append(f"{_MARK[section.status]} {section.title}: {section.summary}")
            if section.hint and section.status != "ok":
                lines.append(f"    → {section.hint}")
        self.finished.emit("\n".join(lines))


class DoctorWindow(QDialog):
    """Shows 'checking…' at once, then the report when the worker is done."""

    report_ready = Signal()

    def __init__(self, app: App) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Diagnose"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Kontrollerer mikrofon, stemmer og modeller …"))
        self.text = QPlainTextEdit(readOnly=True)
        close = QPushButton(self.tr("Luk"))
        close.clicked.connect(self.close)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self._thread = QThread(self)
        self._worker = _DoctorWorker(app)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._show_report)
        self._worker.finished.connect(self._thread.quit)
        self._thread.start()

    @Slot(str)
    def _show_report(self, text: str) -> None:
        self.status.setText(self.tr("Resultat:"))
        self.text.setPlainText(text)
        self.report_ready.emit()

    def closeEvent(self, event) -> None:
        self._thread.quit()
        self._thread.wait(5000)
        super().closeEvent(event)
