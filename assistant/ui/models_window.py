"""The model manager: installed and recommended speech models; install with progress and cancel;
remove. Installs and discovery run on worker threads."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal, Slot
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
)

from assistant.app import App
from assistant.ui.bridge import TaskBridge
from assistant.ui.flow import FlowLayout
from assistant.ui.model_texts import ModelTexts
from assistant.ui.placement import scrolling_layout
from assistant.ui.workers import Workers


class ModelsWindow(QDialog):
    refreshed = Signal()
    install_finished = Signal(bool, str)  # ok, message

    def __init__(self, app: App, workers: Workers, catalog=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.catalog = catalog  # None: the product's own catalog (another one in tests)
        self.setWindowTitle(self.tr("Talemodeller"))
        self.app = app
        self.workers = workers
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error, self._on_progress)
        self._cancel: threading.Event | None = None
        self.texts = ModelTexts(self)
        self._best = None  # the recommended Danish model to get (or to ask IT for)
        layout = scrolling_layout(self)
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
        # The next step, in one place: get the best Danish model, or whom to ask for it.
        self.advice = QLabel("")
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        self.get_button = QPushButton("")
        self.get_button.clicked.connect(self.get_recommended)
        self.get_button.hide()
        layout.addWidget(self.get_button)
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
        row = FlowLayout()
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
        row.add_right(close)
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
        # The name keeps its width; the other columns share the rest and wrap their words, so
        # the table never scrolls sideways on a small screen or at a large text size.
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    # -- listing ----------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        paths, config, given = self.app.paths, self.app.config, self.catalog

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.catalog import choose_model, load_catalog
            from assistant.storage.models import discover, model_dirs

            catalog = given or load_catalog()
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
            t = self.texts
            cells = [
                model.name,
                t.language_names(model.languages),
                t.size_text(
                    model.size_bytes / 1_000_000 if model.size_bytes else (entry.size_mb if entry else None)
                ),
                t.licence_name(model.licence or (entry.licence if entry else "")),
                self._source_name(model.source),
                t.accuracy_text(entry) if entry else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry is not None:
                    item.setToolTip(t.description(entry))
                self.installed.setItem(row, col, item)
        self.installed.resizeRowsToContents()
        names = {m.name for m in installed}
        recommended = [e for e in catalog.recommended("da") if e.name not in names]
        self.recommended.setRowCount(len(recommended))
        for row, entry in enumerate(recommended):
            t = self.texts
            cells = [
                entry.name,
                t.language_names(entry.languages),
                t.size_text(entry.size_mb),
                t.licence_name(entry.licence),
                t.accuracy_text(entry),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(t.description(entry))
                self.recommended.setItem(row, col, item)
        self.recommended.resizeRowsToContents()
        self.note.setText(self._model_note(note))
        self._show_next_step(recommended)
        if self.isVisible():  # the rows came after the window was sized: room for them, on screen
            from assistant.ui.placement import fit_to_area, screen_area

            fit_to_area(self, screen_area(window=self), self.size())
        self.refreshed.emit()

    def _show_next_step(self, recommended: list) -> None:  # type: ignore[type-arg]
        """One step to the best Danish model: "Hent" (with its size) where downloads are allowed
        and the catalog has a link; otherwise whom to ask, and for which model, by name."""
        self._best = recommended[0] if recommended else None
        if self._best is None:
            self.advice.setText("")
            self.get_button.hide()
            return
        if self.app.config["models.allow_download"] and self._best.downloadable:
            self.advice.setText(self.texts.description(self._best))
            self.get_button.setText(
                self.tr("Hent {0} ({1})").format(self._best.name, self.texts.size_text(self._best.size_mb))
            )
            self.get_button.show()
        else:
            self.advice.setText(self.texts.ask_it_text(self._best))
            self.get_button.hide()

    @Slot()
    def get_recommended(self) -> None:
        if self._best is not None:
            self.install(self._best.name)

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
                    "færre fejl."
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
        config, paths, tasks, catalog = self.app.config, self.app.paths, self.tasks, self.catalog
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
                source,
                paths.models_dir,
                paths.cache_dir,
                options=options,
                default_languages=language,
                catalog=catalog,
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
        doing = {
            "download": self.tr("Henter"),
            "verify": self.tr("Kontrollerer"),
            "extract": self.tr("Pakker ud"),
        }
        got = self.texts.size_text(done / 1_000_000) if done else "0 MB"
        if total > 0:
            got = self.tr("{0} af {1}").format(got, self.texts.size_text(total / 1_000_000))
        self.progress_label.setText(f"{doing.get(stage.split(' ')[0], self.tr('Installerer'))} … {got}")

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
