"""History: every dictation, newest first; show, insert again, copy, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from assistant.storage.history import History
from assistant.storage.kept_history import KeptHistory
from assistant.ui.messages import user_message


class HistoryWindow(QDialog):
    insert_again = Signal(str, str)  # the text and its language, for the dictation panel

    def __init__(
        self, history: History | KeptHistory | None, retention_days: int, enabled: bool = True
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Historik"))
        self.history = history
        layout = QVBoxLayout(self)
        note = (
            self.tr("Dikteringer slettes automatisk efter {0} dage.").format(retention_days)
            if retention_days
            else self.tr("Dikteringer gemmes, til du selv sletter dem.")
        )
        if not enabled:
            note = self.tr("Historik er slået fra i indstillingerne. Tidligere dikteringer vises herunder.")
        self._note = note
        self.note = QLabel(note)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setObjectName("readingText")
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setSizes([300, 500])
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        # This window takes focus like any other, so Alt+letter (underlined on the button) works.
        self.insert_button = QPushButton(self.tr("&Indsæt igen"))
        self.insert_button.clicked.connect(self._insert)
        self.copy_button = QPushButton(self.tr("&Kopiér"))
        self.copy_button.clicked.connect(self._copy)
        self.delete_button = QPushButton(self.tr("&Slet"))
        self.delete_button.clicked.connect(self._delete)
        close = QPushButton(self.tr("&Luk"))
        close.clicked.connect(self.close)
        self.close_button = close
        for button in (self.insert_button, self.copy_button, self.delete_button, close):
            button.setToolTip(button.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        for button in (self.insert_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.entries: list = []
        self.resize(860, 480)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.list.clear()
        self.entries = self.history.list(limit=500) if self.history is not None else []
        # A full disk or read-only folder: the dictations kept in memory are listed (marked ⚠,
        # negative ids) and the note says why they are not saved yet.
        problem = getattr(self.history, "problem", None)
        self.note.setText(f"{self._note}\n{user_message(problem)}" if problem is not None else self._note)
        for entry in self.entries:
            when = entry.started_local.strftime("%d-%m-%Y %H:%M")
            first = entry.text.strip().splitlines()[0] if entry.text.strip() else self.tr("(tom)")
            mark = "✔ " if entry.inserted else ("… " if entry.status == "recording" else "")
            if entry.id < 0:
                mark = "⚠ " + mark
            item = QListWidgetItem(f"{mark}{when}  {first[:40]}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(self.tr("Ingen dikteringer endnu."))
        for button in (self.insert_button, self.copy_button, self.delete_button):
            button.setEnabled(bool(self.entries))

    def _current(self):  # type: ignore[no-untyped-def]
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    @Slot(int)
    def _show(self, row: int) -> None:
        entry = self._current()
        self.text.setPlainText(entry.text if entry else "")

    @Slot()
    def _insert(self) -> None:
        entry = self._current()
        if entry is not None:
            self.insert_again.emit(entry.text, entry.language)

    @Slot()
    def _copy(self) -> None:
        entry = self._current()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.text)

    @Slot()
    def _delete(self) -> None:
        entry = self._current()
        if entry is None or self.history is None:
            return
        answer = QMessageBox.question(self, self.tr("Slet"), self.tr("Slet denne diktering?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_entry(entry.id)

    def delete_entry(self, entry_id: int) -> None:
        if self.history is not None:
            self.history.delete(entry_id)
        self.refresh()
