"""Settings, built from the schema: one row per setting, grouped in tabs. A change is saved at
once (Config.set validates it). Keys locked by IT policy are shown disabled with the reason.
Extra tabs: microphone test with a live level meter, vocabulary and user dictionary editing."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.app import App
from assistant.config.schema import HOTKEY_KEYS, SCHEMA
from assistant.errors import AssistantError
from assistant.ui.bridge import TaskBridge
from assistant.ui.live_settings import RESTART_KEYS
from assistant.ui.messages import user_message
from assistant.ui.mic_test import MicTestPage
from assistant.ui.reading import voice_label
from assistant.ui.settings_parts import Pages, combo_setting, combo_text, hotkey_problem_text
from assistant.ui.settings_rows import SpecialRows
from assistant.ui.settings_words import WordsPage
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)


class SettingsWindow(SpecialRows, QDialog):
    setting_changed = Signal(str)
    history_cleared = Signal(int)
    mic_test_done = Signal(float)  # peak dBFS
    devices_loaded = Signal()

    def __init__(self, app: App, workers: Workers, hotkey_problems: dict[str, str] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Indstillinger"))
        self.app = app
        self.workers = workers
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error)
        self.widgets: dict[str, QWidget] = {}
        self.lock_labels: dict[str, QLabel] = {}
        self.hotkey_problems = dict(hotkey_problems or {})
        layout = QVBoxLayout(self)
        # A list of pages with horizontal titles: vertical tab text is hard to read.
        self.tabs = Pages()
        layout.addWidget(self.tabs, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QPushButton(self.tr("Luk"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

        self._tab(
            self.tr("Sprog og tale"),
            [
                "general.language",
                "general.ui_language",
                "stt.engine",
                "stt.model_da",
                "stt.model_en",
                "stt.pause_ms",
                "dictation.auto_insert",
            ],
        )
        self._mic_tab()
        self._tab(
            self.tr("Oplæsning"),
            [
                "tts.engine",
                "tts.voice_da",
                "tts.voice_en",
                "tts.rate",
                *self._echo_keys(),
                "audio.output_device",
            ],
        )
        self._tab(
            self.tr("Genveje"),
            [
                "hotkeys.dictate",
                "hotkeys.push_to_talk",
                "hotkeys.read_selection",
                "hotkeys.stop_reading",
                "hotkeys.pause_reading",
                "hotkeys.next_sentence",
                "hotkeys.previous_sentence",
            ],
            note=self.tr("Klik i feltet og tryk tasterne, fx Ctrl+Alt+D. »Fra« slår genvejen fra."),
        )
        self._tab(self.tr("Indsættelse"), ["inject.backends", "inject.delay_ms", "inject.paste_apps"])
        self._words_tab()
        privacy = self._tab(self.tr("Privatliv"), ["privacy.history", "privacy.retention_days"])
        clear = QPushButton(self.tr("Slet al historik nu"))
        clear.clicked.connect(self._clear_history)
        privacy.layout().addRow("", clear)
        self._tab(self.tr("Udseende"), ["ui.font_size", "ui.line_spacing", "ui.tint", "ui.first_run_guide"])
        self.resize(820, 560)
        self._load_model_names()

    def _echo_keys(self) -> list[str]:
        """Read-as-you-type is offered only where key presses can be followed (X11)."""
        from assistant.tts.typing import X11TypingWatcher

        here = X11TypingWatcher(lambda c: None, self.app.environ).available() is None
        return ["tts.echo", "writing.assist"] if here else []

    # -- generic rows -----------------------------------------------------------------------------
    def _tab(self, title: str, keys: list[str], note: str = "") -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setVerticalSpacing(12)
        if note:
            hint = QLabel(note)
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            form.addRow(hint)
        for key in keys:
            if key in SCHEMA:
                form.addRow(self._label(key), self._row(key))
        self.tabs.addTab(page, title)
        return page

    def _label(self, key: str) -> QLabel:
        label = QLabel(self._title(key))
        label.setWordWrap(True)  # a long title at a large size wraps instead of being cut
        label.setToolTip(self._help(key))
        return label

    def _help(self, key: str) -> str:
        """The schema's help line: written in English for `assistant config`, so shown only in the
        English UI (the Danish titles say what each setting is)."""
        from assistant.ui.messages import english_ui

        return SCHEMA[key].help if english_ui() else ""

    def _title(self, key: str) -> str:
        titles = {
            "general.language": self.tr("Sprog du dikterer på"),
            "general.ui_language": self.tr("Sprog i menuer"),
            "stt.engine": self.tr("Talegenkendelse"),
            "stt.model_da": self.tr("Model til dansk"),
            "stt.model_en": self.tr("Model til engelsk"),
            "stt.pause_ms": self.tr("Pause der afslutter en sætning (ms)"),
            "dictation.auto_insert": self.tr("Indsæt efter hver sætning"),
            "audio.input_device": self.tr("Mikrofon"),
            "tts.engine": self.tr("Oplæsning med"),
            "tts.voice_da": self.tr("Dansk stemme"),
            "tts.voice_en": self.tr("Engelsk stemme"),
            "tts.rate": self.tr("Fart (ord pr. minut)"),
            "tts.echo": self.tr("Læs op mens du skriver (i alle programmer)"),
            "writing.assist": self.tr("Skrivehjælp: ordforslag og stavning ved markøren (i alle programmer)"),
            "audio.output_device": self.tr("Højttaler"),
            "hotkeys.dictate": self.tr("Start/stop diktering"),
            "hotkeys.push_to_talk": self.tr("Hold for at tale"),
            "hotkeys.read_selection": self.tr("Læs markering op"),
            "hotkeys.stop_reading": self.tr("Stop oplæsning"),
            "hotkeys.pause_reading": self.tr("Pause/fortsæt oplæsning"),
            "hotkeys.next_sentence": self.tr("Næste sætning"),
            "hotkeys.previous_sentence": self.tr("Forrige sætning"),
            "inject.backends": self.tr("Indsæt med (rækkefølge)"),
            "inject.delay_ms": self.tr("Pause mellem tegn (ms)"),
            "inject.paste_apps": self.tr("Programmer der får tekst ved indsæt"),
            "privacy.history": self.tr("Gem historik"),
            "privacy.retention_days": self.tr("Slet historik efter (dage)"),
            "ui.font_size": self.tr("Tekststørrelse"),
            "ui.line_spacing": self.tr("Linjeafstand (%)"),
            "ui.tint": self.tr("Baggrundsfarve til tekst"),
            "ui.first_run_guide": self.tr("Vis velkomstguiden ved start"),
        }
        return titles.get(key, key)

    def _row(self, key: str) -> QWidget:
        setting = SCHEMA[key]
        config = self.app.config
        value = config[key]
        widget: QWidget
        if setting.type is bool:
            widget = QCheckBox()
            widget.setChecked(bool(value))
            widget.toggled.connect(lambda on, k=key: self.save(k, on))
        elif setting.choices is not None:
            widget = QComboBox()
            for choice in setting.choices:
                widget.addItem(self._choice_text(str(choice)), choice)
            widget.setCurrentIndex(max(0, widget.findData(value)))
            widget.currentIndexChanged.connect(lambda i, k=key, w=widget: self.save(k, w.itemData(i)))
        elif key in ("stt.model_da", "stt.model_en", "audio.input_device", "tts.voice_da", "tts.voice_en"):
            widget = QComboBox()
            widget.setEditable(False)
            widget.addItem(self.tr("Automatisk"), "")
            if value:
                widget.addItem(str(value), value)
                widget.setCurrentIndex(1)
            widget.currentIndexChanged.connect(lambda i, k=key, w=widget: self.save(k, w.itemData(i) or ""))
        elif key in HOTKEY_KEYS:
            widget = self._hotkey_row(key, str(value))
        elif key == "ui.tint":
            widget = self._colour_row(key, str(value))
        elif key == "audio.output_device":
            widget = QComboBox()
            widget.addItem(self.tr("Standard"), "")
            if value:
                widget.addItem(str(value), value)
                widget.setCurrentIndex(1)
            widget.currentIndexChanged.connect(lambda i, k=key, w=widget: self.save(k, w.itemData(i) or ""))
        elif key == "inject.backends":
            widget = self._order_row(key, list(value))
        elif setting.type is int:
            widget = QSpinBox()
            widget.setRange(setting.minimum if setting.minimum is not None else 0, setting.maximum or 100000)
            widget.setValue(int(value))
            widget.editingFinished.connect(lambda k=key, w=widget: self.save(k, w.value()))
        elif setting.type is list:
            widget = QLineEdit(", ".join(value))
            widget.editingFinished.connect(
                lambda k=key, w=widget: self.save(k, [p.strip() for p in w.text().split(",") if p.strip()])
            )
        else:
            widget = QLineEdit(str(value))
            widget.editingFinished.connect(lambda k=key, w=widget: self.save(k, w.text().strip()))
        widget.setToolTip(self._help(key))
        self.widgets[key] = widget
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        widget.setAccessibleName(self._title(key))
        if config.is_locked(key):
            widget.setEnabled(False)
            for child in widget.findChildren(QWidget):
                child.setEnabled(False)
            lock = QLabel(self.tr("Låst af din IT-afdeling."))
            lock.setObjectName("locked")
            lock.setWordWrap(True)
            lock.setMinimumHeight(lock.sizeHint().height())
            box.addWidget(lock)
            self.lock_labels[key] = lock
        if key in RESTART_KEYS:
            later = QLabel(self.tr("Gælder efter genstart."))
            later.setObjectName("hint")
            later.setWordWrap(True)
            box.addWidget(later)
        if key in self.hotkey_problems:
            problem = QLabel(
                self.tr("Virker ikke: {0}").format(hotkey_problem_text(self, self.hotkey_problems[key]))
            )
            problem.setStyleSheet("color: #a00000; font-weight: bold;")
            problem.setWordWrap(True)
            box.addWidget(problem)
        return holder

    def _choice_text(self, choice: str) -> str:
        names = {
            "da": self.tr("Dansk"),
            "en": self.tr("Engelsk"),
            "auto": self.tr("Automatisk"),
            "off": self.tr("Fra"),
            "word": self.tr("Hvert ord"),
            "sentence": self.tr("Hver sætning"),
            # Speech recognisers by what they are like to use, not only by their program names.
            "whisper": self.tr("Whisper (nøjagtig)"),
            "vosk": self.tr("Vosk (let)"),
            "transducer": self.tr("NeMo (hurtig)"),
        }
        return names.get(choice, choice)

    # -- special rows: keys, colour, ordered list -----------------------------------------------------
    def _hotkey_row(self, key: str, value: str) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QKeySequenceEdit(QKeySequence(combo_text(value)))
        edit.setMaximumSequenceLength(1)
        edit.setAccessibleName(self._title(key))
        edit.editingFinished.connect(lambda k=key, e=edit: self._save_hotkey(k, e))
        off = QPushButton(self.tr("Fra"))
        off.setAccessibleName(self.tr("Slå {0} fra").format(self._title(key)))
        off.clicked.connect(lambda _=False, k=key, e=edit: (e.clear(), self._save_hotkey(k, e)))
        row.addWidget(edit, 1)
        row.addWidget(off)
        holder.edit = edit  # type: ignore[attr-defined]
        return holder

    def _save_hotkey(self, key: str, edit: QKeySequenceEdit) -> None:
        value = combo_setting(edit.keySequence())
        if value and not any(m in value for m in ("<ctrl>", "<alt>", "<super>")) and "<f" not in value:
            # A plain key grabbed globally would stop it from typing anywhere.
            self._show(self.tr("Brug Ctrl, Alt eller Windows-tasten sammen med tasten."), True)
            edit.setKeySequence(QKeySequence(combo_text(self.app.config[key])))
            return
        if not self.save(key, value):
            edit.setKeySequence(QKeySequence(combo_text(self.app.config[key])))

    def save(self, key: str, value: Any) -> bool:
        """Validate and save ``key``; a refusal is shown in the window, never raised."""
        if self.app.config[key] == value:
            return True
        try:
            self.app.config.set(key, value)
        except AssistantError as exc:
            self._show(f"{self._title(key)}: {user_message(exc)}", True)
            return False
        self._show(self.tr("Gemt."), False)
        self.setting_changed.emit(key)
        return True

    def _show(self, message: str, problem: bool) -> None:
        from assistant.ui.style import announce

        self.status.setText(message)
        announce(self, message)
        self.status.setStyleSheet("color: #a00000; font-weight: bold;" if problem else "")

    # -- model, device, voice names (found on a worker thread) ---------------------------------------
    def _load_model_names(self) -> None:
        paths, config = self.app.paths, self.app.config

        def job():  # type: ignore[no-untyped-def]
            from assistant.storage.models import discover, model_dirs

            user_dir, system_dirs = model_dirs(paths, config)
            models = [(m.name, tuple(m.languages)) for m in discover(user_dir, system_dirs)]
            devices: list[str] = []
            try:
                from assistant.audio.devices import list_input_devices

                devices = [d.name for d in list_input_devices(probe_rates=())]
            except AssistantError:
                pass
            voices: list[tuple[str, str, tuple[str, ...]]] = []
            try:
                from assistant.tts import choose_synthesizer

                synth = choose_synthesizer(config["tts.engine"])
                voices = [(v.id, v.name, tuple(v.languages)) for v in synth.voices()]
            except AssistantError:
                pass
            outputs: list[str] = []
            try:
                from assistant.audio.playback import list_output_devices

                outputs = list_output_devices()
            except AssistantError:
                pass
            return models, devices, voices, outputs

        self.workers.run("names", job, self.tasks)

    def _fill_combo(self, key: str, items: list[tuple[str, str]], empty: str = "") -> None:
        combo = self.widgets.get(key)
        if not isinstance(combo, QComboBox):
            return
        current = self.app.config[key]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(empty or self.tr("Automatisk"), "")
        for data, text in items:
            combo.addItem(text, data)
        if current and combo.findData(current) < 0:
            combo.addItem(str(current), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # -- microphone tab ---------------------------------------------------------------------------
    def _mic_tab(self) -> None:
        page = MicTestPage(
            self.app, self.workers, (self._label("audio.input_device"), self._row("audio.input_device"))
        )
        page.done.connect(self.mic_test_done)
        self.mic_page = page
        self.level, self.test_button, self.test_result = page.level, page.test_button, page.test_result
        self.tabs.addTab(page, self.tr("Mikrofon"))

    def test_microphone(self, play_back: bool = True) -> None:
        self.mic_page.test_microphone(play_back)

    # -- words tab ----------------------------------------------------------------------------------
    def _words_tab(self) -> None:
        page = WordsPage(self.app)
        page.message.connect(self._show)
        page.saved.connect(self._words_saved)
        self.words_page = page
        self.terms, self.replacements, self.user_words = page.terms, page.replacements, page.user_words
        if page.load_error:
            self._show(page.load_error, True)
        self.tabs.addTab(page, self.tr("Ord"))

    def save_words(self) -> None:
        self.words_page.save_words()

    @Slot()
    def _words_saved(self) -> None:
        self.setting_changed.emit("words")

    # -- privacy ------------------------------------------------------------------------------------
    @Slot()
    def _clear_history(self) -> None:
        answer = QMessageBox.question(self, self.tr("Slet historik"), self.tr("Slet alle gemte dikteringer?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_history()

    def clear_history(self) -> int:
        from assistant.storage.history import History

        try:
            history = History(self.app.paths.history_db)
            try:
                count = history.delete_all()
            finally:
                history.close()
        except AssistantError as exc:
            # A full or read-only disk: nothing was deleted, and the window says so.
            self._show(user_message(exc), True)
            return 0
        self._show(self.tr("{0} dikteringer er slettet.").format(count), False)
        self.history_cleared.emit(count)
        return count

    # -- worker results -----------------------------------------------------------------------------
    @Slot(str, object)
    def _on_done(self, tag: str, result: object) -> None:
        if tag == "names":
            models, devices, voices, outputs = result  # type: ignore[misc]
            for language in ("da", "en"):
                self._fill_combo(
                    f"stt.model_{language}", [(n, n) for n, langs in models if language in langs or not langs]
                )
                self._fill_combo(
                    f"tts.voice_{language}",
                    [
                        (vid, voice_label(name))
                        for vid, name, langs in voices
                        if any(str(x).split("/")[-1].startswith(language) for x in langs)
                    ],
                )
            self._fill_combo("audio.input_device", [(d, d) for d in devices])
            self._fill_combo("audio.output_device", [(d, d) for d in outputs], self.tr("Standard"))
            self.devices_loaded.emit()

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        self._show(f"{message}. {hint}" if hint else message, True)
