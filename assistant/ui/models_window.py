"""The model manager: installed and recommended speech models; install with progress and cancel;
remove. Installs and discovery run on worker threads."""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.workers import Workers


def _size(mb: float | None) -> str:
    if not mb:
        return "?"
    return f"{mb / 1000:.1f} GB" if mb >= 1000 else f"{mb:.0f} MB"


class ModelsWindow(QDialog):
    refreshed = Signal()
    install_finished = Signal(bool, str)  # ok, message

    def __init__(self, app: App, workers: Workers) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Talemodeller"))
        self.app = app
        self.workers = workers
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error, self._on_progress)
        self._cancel: threading.Event | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Installerede modeller")))
        self.installed = self._table(
            [
                self.tr("Navn"),
                self.tr("Sprog"),
                self.tr("Størrelse"),
                self.tr("Licens"),
                self.tr("Fra"),
                self.tr("Nøjagtighed"),
            ]
        )
        layout.addWidget(self.installed, 1)
        layout.addWidget(QLabel(self.tr("Anbefalede modeller til dansk")))
        self.recommended = self._table(
            [
                self.tr("Navn"),
                self.tr("Sprog"),
                self.tr("Størrelse"),
                self.tr("Licens"),
                self.tr("Nøjagtighed"),
            ]
        )
        layout.addWidget(self.recommended, 1)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        layout.addWidget(self.note)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.hide()
        self.progress_label = QLabel("")
        self.cancel_button = QPushButton(self.tr("Annullér"))
        self.cancel_button.clicked.connect(self.cancel_install)
        self.cancel_button.hide()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        row = QHBoxLayout()
        self.file_button = QPushButton(self.tr("Installér fra fil …"))
        self.file_button.clicked.connect(self._pick_file)
        self.folder_button = QPushButton(self.tr("Installér fra mappe …"))
        self.folder_button.clicked.connect(self._pick_folder)
        self.url_button = QPushButton(self.tr("Installér fra adresse …"))
        self.url_button.clicked.connect(self._ask_url)
        self.url_button.setEnabled(bool(app.config["models.allow_download"]))
        if not app.config["models.allow_download"]:
            self.url_button.setToolTip(
                self.tr("Hentning er slået fra af indstillingerne eller din IT-afdeling.")
            )
        self.remove_button = QPushButton(self.tr("Fjern"))
        self.remove_button.clicked.connect(self._remove_selected)
        close = QPushButton(self.tr("Luk"))
        close.clicked.connect(self.close)
        for button in (self.file_button, self.folder_button, self.url_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.models: list = []
        self.resize(980, 600)
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- listing ----------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        paths, config = self.app.paths, self.app.config

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.catalog import choose_model, load_catalog
            from assistant.storage.models import discover, model_dirs

            catalog = load_catalog()
            user_dir, system_dirs = model_dirs(paths, config)
            installed = discover(user_dir, system_dirs)
            note = choose_model("da", installed, preferred=config["stt.model_da"]).message
            return catalog, installed, note

        self.workers.run("models-list", job, self.tasks)

    def _fill(self, catalog, installed, note: str) -> None:  # type: ignore[no-untyped-def]
        self.models = installed
        self.installed.setRowCount(len(installed))
        for row, model in enumerate(installed):
            entry = catalog.get(model.name)
            cells = [
                model.name,
                ", ".join(model.languages),
                _size(
                    model.size_bytes / 1_000_000 if model.size_bytes else (entry.size_mb if entry else None)
                ),
                model.licence or (entry.licence if entry else "?"),
                self._source_name(model.source),
                self._accuracy(entry) if entry else "",
            ]
            for col, text in enumerate(cells):
                self.installed.setItem(row, col, QTableWidgetItem(text))
        names = {m.name for m in installed}
        recommended = [e for e in catalog.recommended("da") if e.name not in names]
        self.recommended.setRowCount(len(recommended))
        for row, entry in enumerate(recommended):
            cells = [
                entry.name,
                ", ".join(entry.languages),
                _size(entry.size_mb),
                entry.licence,
                self._accuracy(entry),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.page)
                self.recommended.setItem(row, col, item)
        self.note.setText(self._model_note(note))
        self.refreshed.emit()

    def _accuracy(self, entry) -> str:  # type: ignore[no-untyped-def]
        """Published word error rates, in the UI's language ("89.3 % ordfejl på CoRal")."""
        return "; ".join(
            self.tr("{0} % ordfejl på {1}").format(f"{w.percent:g}", w.dataset) for w in entry.wer
        )

    def _model_note(self, note: str) -> str:
        from assistant.ui.translations import current_language

        if current_language() == "en" or not note:
            return note
        parts = []
        if note.startswith("The chosen"):
            parts.append(
                self.tr("Den valgte danske model er ikke installeret; den bedste installerede bruges.")
            )
        if note.startswith("No speech model"):
            parts.append(self.tr("Der er ingen dansk talemodel. Installér en af de anbefalede nedenfor."))
        elif "roughly" in note or "word errors" in note:
            parts.append(
                self.tr(
                    "Startmodellen forstår kun dansk groft. En anbefalet dansk model nedenfor giver langt "
                    "færre fejl: bed din IT-afdeling om at installere den."
                )
            )
        return " ".join(parts)

    def _source_name(self, source: str) -> str:
        names = {"user": self.tr("dig"), "system": self.tr("IT"), "package": self.tr("programmet")}
        return names.get(source, source)

    # -- install / remove -------------------------------------------------------------------------
    @Slot()
    def _pick_file(self) -> None:
        # The filter's label is format names, the same in both languages.
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Vælg model (.zip)"),
            "",
            "Zip, tar (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tbz2 *.tar.xz *.txz)",
        )
        if path:
            self.install(path)

    @Slot()
    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Vælg modelmappe"))
        if path:
            self.install(path)

    @Slot()
    def _ask_url(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Installér fra adresse"), self.tr("Adresse (https://…):")
        )
        if ok and url.strip():
            self.install(url.strip())

    def install(self, source: str) -> None:
        from assistant.storage.model_install import InstallOptions

        if self._cancel is not None:
            return
        self._cancel = threading.Event()
        config, paths, tasks = self.app.config, self.app.paths, self.tasks
        options = InstallOptions(
            allow_download=bool(config["models.allow_download"]),
            download_locked=config.is_locked("models.allow_download"),
            mirror=str(config["models.mirror"] or ""),
            progress=lambda stage, done, total: tasks.on_progress("install", stage, done, total),
            cancel=self._cancel,
        )

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.model_install import install_source

            # A multilingual model the catalog does not know serves the user's dictation language.
            language = [config["general.language"]]
            return install_source(
                source, paths.models_dir, paths.cache_dir, options=options, default_languages=language
            )

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.progress_label.setText(self.tr("Installerer …"))
        self.workers.run("install", job, self.tasks)

    @Slot()
    def cancel_install(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    @Slot()
    def _remove_selected(self) -> None:
        row = self.installed.currentRow()
        if not 0 <= row < len(self.models):
            return
        model = self.models[row]
        answer = QMessageBox.question(
            self, self.tr("Fjern"), self.tr("Fjern modellen {0}?").format(model.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(model.name)

    def remove(self, name: str) -> None:
        paths, config = self.app.paths, self.app.config

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.model_install import remove_model
            from assistant.storage.models import model_dirs

            user_dir, system_dirs = model_dirs(paths, config)
            return remove_model(name, user_dir, system_dirs)

        self.workers.run("remove", job, self.tasks)

    # -- results ----------------------------------------------------------------------------------
    @Slot(str, str, "qint64", "qint64")
    def _on_progress(self, tag: str, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(done * 1000 / total))
        else:
            self.progress.setRange(0, 0)
        self.progress_label.setText(f"{stage}: {done / 1_000_000:.1f} MB")

    @Slot(str, object)
    def _on_done(self, tag: str, result: object) -> None:
        if tag == "models-list":
            self._fill(*result)  # type: ignore[misc]
        elif tag == "install":
            self._end_install()
            message = self.tr("Modellen {0} er installeret.").format(getattr(result, "name", ""))
            self.note.setText(message)
            self.install_finished.emit(True, message)
            self.refresh()
        elif tag == "remove":
            self.note.setText(self.tr("Modellen er fjernet."))
            self.refresh()

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        text = f"{message}. {hint}" if hint else message
        if tag == "install":
            self._end_install()
            self.install_finished.emit(False, text)
        self.note.setText(text)

    def _end_install(self) -> None:
        self._cancel = None
        self.progress.hide()
        self.cancel_button.hide()
        self.progress_label.setText("")
