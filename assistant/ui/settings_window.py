"""Settings, built from the schema: one row per setting, grouped in tabs. A change is saved at
once (Config.set validates it). Keys locked by IT policy are shown disabled with the reason.
Extra tabs: microphone test with a live level meter, vocabulary and user dictionary editing."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.app import App
from assistant.config.schema import HOTKEY_KEYS, SCHEMA
from assistant.errors import AssistantError
from assistant.ui.bridge import TaskBridge
from assistant.ui.messages import message_for, user_message
from assistant.ui.reading import voice_label
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

TEST_SECONDS = 3.0
_KEY_NAMES = {"space": "Space", "return": "Return", "escape": "Esc", "page_up": "PgUp", "page_down": "PgDown"}
_QT_MODIFIERS = {"ctrl": "ctrl", "alt": "alt", "shift": "shift", "meta": "super"}


def combo_text(setting: str) -> str:
    """A hotkey setting ("<ctrl>+<alt>+d") as people read it: "Ctrl+Alt+D" ("" when off)."""
    if not setting.strip():
        return ""
    parts = []
    for part in setting.split("+"):
        name = part.strip()
        name = name[1:-1] if name.startswith("<") and name.endswith(">") else name
        low = name.lower()
        if low in ("ctrl", "control"):
            parts.append("Ctrl")
        elif low in ("super", "cmd", "win", "meta"):
            parts.append("Meta")
        elif low in ("alt", "shift"):
            parts.append(low.capitalize())
        elif low in _KEY_NAMES:
            parts.append(_KEY_NAMES[low])
        else:
            parts.append(
                name.upper() if len(name) == 1 else name.capitalize() if len(name) > 3 else name.upper()
            )
    return "+".join(parts)


def combo_setting(sequence: QKeySequence) -> str:
    """What QKeySequenceEdit recorded (its first chord) as a setting: "Ctrl+Alt+D" -> "<ctrl>+<alt>+d"."""
    if sequence.isEmpty():
        return ""
    text = QKeySequence(sequence[0]).toString(QKeySequence.SequenceFormat.PortableText)
    parts = text.split("+") if text != "+" else ["+"]
    if text.endswith("++"):
        parts = [*text[:-2].split("+"), "+"]
    out = []
    for part in parts:
        low = part.lower()
        if low in _QT_MODIFIERS:
            out.append(f"<{_QT_MODIFIERS[low]}>")
        elif len(part) == 1:
            out.append(part.lower())
        else:
            named = {"esc": "esc", "pgup": "page_up", "pgdown": "page_down", "ins": "insert", "del": "delete"}
            out.append(f"<{named.get(low, low)}>")
    return "+".join(out)


class SettingsWindow(QDialog):
    setting_changed = Signal(str)
    history_cleared = Signal(int)
    mic_test_done = Signal(float)  # peak dBFS
    devices_loaded = Signal()

    def __init__(self, app: App, workers: Workers, hotkey_problems: dict[str, str] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Indstillinger"))
        self.app = app
        self.workers = workers
        self.tasks = TaskBridge.connected(self, self._on_done, self._on_error, self._on_progress)
        self.widgets: dict[str, QWidget] = {}
        self.lock_labels: dict[str, QLabel] = {}
        self.hotkey_problems = dict(hotkey_problems or {})
        layout = QVBoxLayout(self)
        # A list of pages with horizontal titles: vertical tab text is hard to read.
        self.tabs = _Pages()
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
            form.addRow(hint)
        for key in keys:
            if key in SCHEMA:
                form.addRow(self._label(key), self._row(key))
        self.tabs.addTab(page, title)
        return page

    def _label(self, key: str) -> QLabel:
        label = QLabel(self._title(key))
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

    def _colour_row(self, key: str, value: str) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("Vælg farve …"))
        swatch = QLabel()
        swatch.setFixedSize(48, 28)
        none = QPushButton(self.tr("Ingen farve"))

        def show(colour: str) -> None:
            swatch.setStyleSheet(f"background: {colour or '#ffffff'}; border: 1px solid #444444;")
            swatch.setAccessibleName(colour or self.tr("ingen"))

        def pick() -> None:
            chosen = QColorDialog.getColor(
                QColor(self.app.config[key] or "#ffffff"), self, self.tr("Baggrundsfarve")
            )
            if chosen.isValid() and self.save(key, chosen.name()):
                show(chosen.name())

        def clear() -> None:
            if self.save(key, ""):
                show("")

        button.clicked.connect(pick)
        none.clicked.connect(clear)
        show(value)
        row.addWidget(swatch)
        row.addWidget(button)
        row.addWidget(none)
        row.addStretch(1)
        holder.swatch = swatch  # type: ignore[attr-defined]
        return holder

    def _injection_name(self, name: str) -> str:
        names = {
            "xtest": self.tr("Tastetryk (X11)"),
            "clipboard": self.tr("Indsæt via udklipsholderen"),
            "wayland": self.tr("Tastetryk (Wayland)"),
            "sendinput": self.tr("Tastetryk (Windows)"),
            "macos": self.tr("Tastetryk (macOS)"),
        }
        return names.get(name, name)

    def _order_row(self, key: str, value: list[str]) -> QWidget:
        """Insertion methods: tick the ones to use, drag to order; none ticked is "automatic"."""
        items = QListWidget()
        items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        choices = list(SCHEMA[key].item_choices or ())
        for name in [*value, *[c for c in choices if c not in value]]:
            item = QListWidgetItem(self._injection_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in value else Qt.CheckState.Unchecked)
            items.addItem(item)
        items.setMaximumHeight(items.sizeHintForRow(0) * (len(choices) + 1) + 8)

        def changed(*_: object) -> None:
            chosen = [
                items.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(items.count())
                if items.item(i).checkState() == Qt.CheckState.Checked
            ]
            self.save(key, chosen)

        items.itemChanged.connect(changed)
        items.model().rowsMoved.connect(changed)
        items.setToolTip(
            self.tr("Sæt flueben ved de måder, der må bruges, og træk dem i rækkefølge. Ingen: automatisk.")
        )
        return items

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
        page = QWidget()
        form = QFormLayout(page)
        form.setVerticalSpacing(12)
        form.addRow(self._label("audio.input_device"), self._row("audio.input_device"))
        self.level = QProgressBar()
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        form.addRow(self.tr("Lydniveau"), self.level)
        self.test_button = QPushButton(self.tr("Prøv mikrofonen (3 sekunder)"))
        self.test_button.clicked.connect(self.test_microphone)
        form.addRow("", self.test_button)
        self.test_result = QLabel(
            self.tr("Sig et par ord efter du har trykket. Du hører optagelsen bagefter.")
        )
        self.test_result.setWordWrap(True)
        self.test_result.setObjectName("hint")
        form.addRow("", self.test_result)
        self.tabs.addTab(page, self.tr("Mikrofon"))

    @Slot()
    def test_microphone(self, play_back: bool = True) -> None:
        device = self.app.config["audio.input_device"] or None
        tasks = self.tasks

        def job() -> float:
            import numpy as np

            from assistant.audio.capture import Capture

            capture = Capture(device)
            blocks = []
            got = 0
            capture.start()
            try:
                while got < TEST_SECONDS * 16000:
                    block = capture.read(timeout=0.5)
                    if block is None:
                        continue
                    blocks.append(block)
                    got += len(block)
                    tasks.on_progress("level", "level", int(capture.level_dbfs * 100 + 10000), 10000)
            finally:
                capture.stop()
            samples = np.concatenate(blocks) if blocks else np.zeros(0, np.int16)
            peak = float(np.max(np.abs(samples.astype(np.int32)))) if len(samples) else 0.0
            if play_back and len(samples):
                try:
                    import sounddevice as sd

                    sd.play(samples, 16000)
                    sd.wait()
                except Exception as exc:  # no loudspeaker is not a microphone problem
                    log.info("test playback failed: %s", type(exc).__name__)
            return 20 * np.log10(peak / 32768.0) if peak > 0 else -100.0

        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Optager … sig noget nu."))
        self.workers.run("mic-test", job, self.tasks)

    @Slot(str, str, "qint64", "qint64")
    def _on_progress(self, tag: str, stage: str, done: int, total: int) -> None:
        if tag == "level":
            dbfs = (done - 10000) / 100.0
            self.level.setValue(int(max(0.0, min(60.0, dbfs + 60.0))))

    # -- words tab ----------------------------------------------------------------------------------
    def _words_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        language = self.app.config["general.language"]
        box.addWidget(QLabel(self.tr("Fagord (ét pr. linje) – hjælper talegenkendelsen:")))
        self.terms = QPlainTextEdit()
        box.addWidget(self.terms, 1)
        box.addWidget(QLabel(self.tr("Rettelser (»hørt = skrevet«, én pr. linje):")))
        self.replacements = QPlainTextEdit()
        box.addWidget(self.replacements, 1)
        box.addWidget(QLabel(self.tr("Min ordbog (ord stavekontrollen skal kende):")))
        self.user_words = QPlainTextEdit()
        box.addWidget(self.user_words, 1)
        save = QPushButton(self.tr("Gem ord"))
        save.clicked.connect(self.save_words)
        box.addWidget(save)
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
            self._show(user_message(exc), True)
        self.tabs.addTab(page, self.tr("Ord"))

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
            self._show(user_message(exc), True)
            return
        self._show(self.tr("Ordene er gemt."), False)
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
        elif tag == "mic-test":
            peak = float(result)  # type: ignore[arg-type]
            self.test_button.setEnabled(True)
            self.level.setValue(0)
            if peak < -50:
                self.test_result.setText(
                    self.tr("Der kom næsten ingen lyd ({0:.0f} dB). Tjek mikrofonen.").format(peak)
                )
            else:
                self.test_result.setText(self.tr("Mikrofonen virker ({0:.0f} dB).").format(peak))
            self.mic_test_done.emit(peak)

    @Slot(str, str, str)
    def _on_error(self, tag: str, message: str, hint: str) -> None:
        text = f"{message}. {hint}" if hint else message
        if tag == "mic-test":
            self.test_button.setEnabled(True)
            self.test_result.setText(text)
            self.mic_test_done.emit(-100.0)
        else:
            self._show(text, True)


class _Pages(QWidget):
    """Page titles in a list on the left, the chosen page on the right (QTabWidget's API subset)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setFixedWidth(190)
        self.list.setSpacing(6)  # big, separate targets
        self.stack = QStackedWidget()
        row.addWidget(self.list)
        row.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)

    def addTab(self, page: QWidget, title: str) -> int:
        self.stack.addWidget(page)
        self.list.addItem(title)
        if self.list.count() == 1:
            self.list.setCurrentRow(0)
        return self.stack.count() - 1

    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget:
        return self.stack.widget(index)

    def tabText(self, index: int) -> str:
        return self.list.item(index).text()

    def setCurrentIndex(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def currentIndex(self) -> int:
        return self.stack.currentIndex()


def hotkey_problem_text(context: QObject, problem: str) -> str:
    """The hotkey grabber's English reason in the UI's language."""
    return message_for("engine", None, {}, problem, None)
