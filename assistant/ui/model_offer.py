"""The first-run guide's offer of the recommended Danish model for this computer.

Shown when Danish dictation has only the starter models: it names the model the recommender picks
for this machine, its size and what it improves, and downloads it in the background (progress,
cancel) through the catalog's verified download (IT's mirror when set). Once the model is
installed and checked, Danish dictation switches to it. Where the policy forbids downloads it
names the model for IT instead. The guide can be finished while the download runs.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from assistant.app import App
from assistant.storage.catalog import Catalog, CatalogEntry, choose_model, load_catalog
from assistant.ui.bridge import TaskBridge
from assistant.ui.workers import Workers

TAG = "first-run-model"


def offered_model(app: App, catalog: Catalog | None = None) -> CatalogEntry | None:
    """The model to offer for Danish, or None when Danish dictation needs none (another language,
    or a recommended Danish model is already installed)."""
    from assistant.storage.models import discover, model_dirs
    from assistant.storage.recommend import recommend
    from assistant.storage.speed import measured

    if app.config["general.language"] != "da":
        return None
    catalog = catalog or load_catalog()
    user_dir, system_dirs = model_dirs(app.paths, app.config)
    choice = choose_model(
        "da", discover(user_dir, system_dirs), preferred=app.config["stt.model_da"], catalog=catalog
    )
    if not choice.needs_better_model:
        return None
    found = recommend("da", catalog=catalog, measured=measured(app.paths.data_dir))
    return found.entry if found is not None else None


def _size(entry: CatalogEntry) -> str:
    size = entry.published_bytes
    return f"{size / 1e6:.0f} MB" if size else ""


class ModelOffer(QWidget):
    """One page of the guide: the offer, a download button, progress and cancel."""

    installed = Signal(str)  # the model's name, once installed, checked and chosen for Danish

    def __init__(self, app: App, workers: Workers, entry: CatalogEntry) -> None:
        super().__init__()
        from assistant.storage.catalog_files import may_fetch
        from assistant.storage.mirror import install_options

        self.app = app
        self.workers = workers
        self.entry = entry
        self._cancel: threading.Event | None = None
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error, self._on_progress)
        box = QVBoxLayout(self)
        size = _size(entry)
        self.offer = QLabel(
            self.tr(
                "Til denne computer anbefaler vi talemodellen {0} ({1}). Den giver færre fejl i dansk diktat "
                "end den model, der følger med."
            ).format(entry.name, size or self.tr("størrelse ukendt"))
        )
        self.offer.setWordWrap(True)
        box.addWidget(self.offer)
        self.get_button = QPushButton(self.tr("Hent {0}").format(entry.name))
        self.get_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Annullér"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.get_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        box.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        box.addWidget(self.progress)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        box.addWidget(self.state)
        box.addStretch(1)
        allowed = entry.install_route == "download" and may_fetch(install_options(app.config))
        if not allowed:
            self.get_button.hide()
            self.state.setText(
                self.tr(
                    "Hentning af modeller er slået fra på denne computer. Bed din it-afdeling om at installere "
                    "talemodellen {0} ({1}); de kan se den med kommandoen »assistant models list«."
                ).format(entry.name, entry.page)
            )

    @Slot()
    def start(self) -> None:
        from assistant.storage.mirror import install_options

        if self._cancel is not None:
            return
        self._cancel = threading.Event()
        tasks, entry, paths = self.tasks, self.entry, self.app.paths
        options = install_options(
            self.app.config,
            progress=lambda stage, done, total: tasks.on_progress(TAG, stage, done, total),
            cancel=self._cancel,
        )

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.model_install import install_catalog_entry

            return install_catalog_entry(entry, paths.models_dir, paths.cache_dir, options=options)

        self.get_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.setValue(0)
        self.progress.show()
        self.state.setText(self.tr("Henter … du kan godt gøre guiden færdig imens."))
        self.workers.run(TAG, job, self.tasks)

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    @Slot(str, str, "qint64", "qint64")
    def _on_progress(self, tag: str, stage: str, done: int, total: int) -> None:
        if total > 0 and stage.startswith("download"):
            # One bar for the whole model: bytes of the files before this one plus this one's.
            before = 0
            leaf = stage.split(" ", 1)[-1]
            for name in self.entry.files:
                if name == leaf:
                    break
                before += self.entry.file_bytes.get(name, 0)
            whole = self.entry.published_bytes or total
            self.progress.setValue(min(100, int((before + done) * 100 / max(1, whole))))

    @Slot(str, object)
    def _on_done(self, tag: str, model: object) -> None:
        self._cancel = None
        self.cancel_button.hide()
        self.progress.setValue(100)
        name = getattr(model, "name", self.entry.name)
        config = self.app.config
        if not config.is_locked("stt.model_da"):
            config.set("stt.model_da", name)
        self.state.setText(self.tr("Hentet og kontrolleret. Dansk diktat bruger nu {0}.").format(name))
        self.installed.emit(name)

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        self._cancel = None
        self.cancel_button.hide()
        self.get_button.setEnabled(True)
        self.progress.hide()
        self.state.setText(message)
