"""Dictation in the tray: the controller (session, history, insertion); the panel is in
:mod:`assistant.ui.dictation_panel`.

The dictation is in history before it is inserted: the history recorder
(:mod:`assistant.ui.dictation_history`) saves each final segment on the session's worker
thread, before the panel even hears of it.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from assistant.app import App
from assistant.errors import AssistantError
from assistant.inject.ledger import InsertionLedger
from assistant.log import describe
from assistant.text.unsure import UnsureSpan, locate, still_there
from assistant.ui.bridge import DictationBridge, TaskBridge
from assistant.ui.dictation_edits import MAX_SUGGESTIONS, DictationEdits, Doubt
from assistant.ui.insert_report import insert_report
from assistant.ui.messages import user_message
from assistant.ui.workers import Workers

log = logging.getLogger(__name__)

__all__ = ["MAX_SUGGESTIONS", "DictationController", "Doubt"]

STOP_TAIL_SECONDS = 0.2  # recording goes on this long after stop, so the last word is not cut


class DictationController(DictationEdits, QObject):
    """Starts and stops dictations, keeps the panel's text, inserts it. GUI thread only."""

    state_changed = Signal(str)  # idle | listening | working | error
    text_updated = Signal(str)  # the panel's text (corrections included)
    doubts_updated = Signal()
    status = Signal(str, bool)  # message, is_problem
    inserted = Signal(int)  # chars
    insert_failed = Signal(str)
    session_stopped = Signal(str)
    level = Signal(float)

    def __init__(self, app: App, workers: Workers, history=None, inserter=None, spelling=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.app = app
        self.workers = workers
        self.history = history
        self._inserter = inserter
        self.spelling = spelling  # set when loaded in the background
        self.bridge = DictationBridge(self)
        self.bridge.text_changed.connect(self._on_text)
        self.bridge.words_recognised.connect(self._on_words)
        self.bridge.behind.connect(self._on_behind)
        self.bridge.level.connect(self._on_level)
        self.bridge.listening.connect(self._on_listening)
        self.bridge.model_ready.connect(self._on_model_ready)
        self.bridge.failed.connect(self._on_failed)
        self.bridge.stopped.connect(self._on_stopped)
        self.bridge.no_sound.connect(self._on_no_sound)
        self.tasks = TaskBridge.connected(self, self._on_task_done, self._on_task_error)
        self.session = None
        self._key_held = False
        self._auto_insert_waiting = False
        self.recorder = None
        self._entry_id: int | None = None
        self._stopping = False
        # Each dictation ends by itself after this much audio (None: only when asked to stop);
        # bench/soak.py sets it, as its file microphone never runs dry.
        self.max_seconds: float | None = None
        # The panel's document: the session's text with the user's corrections applied.
        self.text = ""
        self.partial_from = 0  # text[partial_from:] may still change
        self.unstable_chars = 0  # of that, the last unstable_chars are a tail still in doubt
        self._base = ""  # the session text the corrections were made on
        self.undo_stack: list[str] = []
        self.doubts: list[Doubt] = []
        self.selected: int | None = None
        self.unsure: list[UnsureSpan] = []  # words the recogniser doubted (not spelling marks)
        self.selected_unsure: int | None = None
        self._words: tuple = ()  # the next final utterance's words, until its text arrives
        # What of the text is already in which window: Indsæt, auto-insert and corrections
        # all go through it, so nothing is sent twice.
        self.ledger = InsertionLedger()
        self._resend_offered = False  # Indsæt offered to send unchecked text again
        self.text_updated.connect(self.ledger.sync)

    # -- helpers -----------------------------------------------------------------------------------
    @property
    def entry_id(self) -> int | None:
        """The panel text's history row: the dictation's (made on its worker thread), or its own."""
        if self._entry_id is None and self.recorder is not None:
            return self.recorder.entry_id
        return self._entry_id

    @entry_id.setter
    def entry_id(self, value: int | None) -> None:
        self._entry_id = value

    @property
    def listening(self) -> bool:
        return self.session is not None

    def inserter(self):  # type: ignore[no-untyped-def]
        if self._inserter is None:
            from assistant.inject.inserter import Inserter

            self._inserter = Inserter(self.app.config, self.app.environ)
        return self._inserter

    # -- start / stop ------------------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        if self.session is None:
            self.start()
        else:
            self.stop()

    @Slot()
    def start(self) -> None:
        if self.session is not None or self._stopping:
            return
        from assistant.audio.capture import Capture

        # The microphone first, before anything that can block (a locked history, the focus, the
        # vocabulary, the model, imports): what is said from the key press on waits in its queue.
        config = self.app.config
        capture = Capture(config["audio.input_device"] or None)
        try:
            capture.start()
        except AssistantError as exc:
            self.state_changed.emit("error")
            self.status.emit(user_message(exc), True)
            return
        from assistant.stt.session import DictationSession
        from assistant.text.transcript import Transcript
        from assistant.text.vocabulary import Vocabulary, load_vocabulary
        from assistant.ui.dictation_history import HistoryRecorder

        language = config["general.language"]
        try:
            target = self.inserter().begin()
        except AssistantError as exc:
            target = None
            log.info("focus tracking unavailable: %s", exc.message)
        log.info("dictation start; target window %s", getattr(target, "id", None))
        try:
            vocabulary = load_vocabulary(self.app.paths.data_dir, language)
        except AssistantError as exc:
            self.status.emit(user_message(exc), True)
            vocabulary = Vocabulary()
        history = self.history if config["privacy.history"] else None
        # Its row is made on the session's worker: a locked database must not hold up the GUI.
        self.recorder = HistoryRecorder(history, self.bridge, language, begin_now=False)
        self.entry_id = None  # the recorder's, once its row exists
        recorder, app = self.recorder, self.app

        def recognizer():  # runs on the session's worker thread
            from assistant.stt.select import choose_speech

            recorder.begin()
            choice = choose_speech(app, language)
            if recorder.history is not None and recorder.entry_id is not None:
                recorder.history.update(
                    recorder.entry_id, "", engine=choice.engine.name, model=choice.model_name
                )
            return choice.engine.recognizer(choice.model_path, choice.language, prompt=vocabulary.prompt())

        self.session = DictationSession(
            capture,
            recognizer,
            Transcript(language, vocabulary.replacer()),
            self.recorder,
            max_seconds=self.max_seconds,
            tail_seconds=STOP_TAIL_SECONDS,
        )
        self.text, self._base, self.partial_from = "", "", 0
        self.undo_stack.clear()
        self.doubts, self.selected = [], None
        self.unsure, self.selected_unsure, self._words = [], None, ()
        self.ledger.reset()
        self._resend_offered = False
        self.session.start()  # the microphone is open already; the model loads on the worker
        self.state_changed.emit("listening")
        self.text_updated.emit(self.text)
        self.doubts_updated.emit()

    @Slot()
    def stop(self) -> None:
        """Stop listening. Decoding the last words can take a moment: done on a worker thread."""
        session = self.session
        if session is None or self._stopping:
            return
        self._stopping = True
        self.state_changed.emit("working")
        self.status.emit(self.tr("Skriver de sidste ord …"), False)
        self.workers.run("dictation-stop", session.stop, self.tasks)

    def shutdown(self) -> None:
        """On quit: stop the session and wait for it (its words are saved by then)."""
        if self.session is not None:
            self.session.stop()
            self.session = None
        if self._inserter is not None:
            self._inserter.close()

    # -- session events (queued from the worker thread by the bridge) -------------------------------
    @Slot(str)
    def _on_listening(self, device: str) -> None:
        self.status.emit(self.tr("Lytter … (talemodellen indlæses)"), False)

    @Slot(float)
    def _on_behind(self, seconds: float) -> None:
        """Decoding lags behind the speech: say that it works, and how much is left."""
        if self.session is None:
            return
        if seconds > 0:
            self.status.emit(self.tr("Arbejder … {0} s tale tilbage").format(f"{seconds:.0f}"), False)
        elif not self._stopping:
            self.status.emit(self.tr("Lytter – tal nu"), False)

    @Slot(bool)
    def _on_no_sound(self, silent: bool) -> None:  # only silence from the microphone (or sound again)
        if self.session is not None and not self._stopping:
            self.status.emit(self.tr("Mikrofonen giver ingen lyd – er den slået fra?") if silent else self.tr("Lytter – tal nu"), silent)  # fmt: skip

    @Slot(float)
    def _on_model_ready(self, seconds: float) -> None:
        self.status.emit(self.tr("Lytter – tal nu"), False)

    @Slot(float)
    def _on_level(self, dbfs: float) -> None:
        self.level.emit(dbfs)

    @Slot(str, bool, int)
    def _on_text(self, text: str, final: bool, stable_chars: int = 0) -> None:
        if self._base and text.startswith(self._base) and self.text != self._base:
            merged = self.text[: self._final_len()] + text[len(self._base) :]
        else:
            merged = text
        if final:
            self._base = text
            self.unsure = still_there(self.unsure, merged) + locate(merged, self._final_len(), self._words)
            self._words = ()
            self.text = merged
            self.partial_from = len(merged)
            self.unstable_chars = 0
            self._check_spelling()
            if self.app.config["dictation.auto_insert"]:
                if self._key_held:
                    self._auto_insert_waiting = True  # typed at the key's release, see key_held
                else:
                    self._auto_insert(merged)
        else:
            self.text = merged
            self.partial_from = min(self.partial_from, len(merged))
            # Counted from the end: the tail is the same in the session's text and in the merged
            # one, and corrections (always before partial_from) do not move it.
            self.unstable_chars = len(text) - min(max(stable_chars, 0), len(text))
        self.text_updated.emit(self.text)

    @Slot(object)
    def _on_words(self, words: tuple) -> None:
        self._words = words

    def _final_len(self) -> int:
        return self.partial_from

    def unstable_from(self) -> int:
        """Where the preview's unstable tail starts: words before it no longer change."""
        return min(len(self.text), max(self.partial_from, len(self.text) - self.unstable_chars))

    @Slot(str, str)
    def _on_failed(self, message: str, hint: str) -> None:
        self.state_changed.emit("error")
        self.status.emit(f"{message}. {hint}".strip(". ") if hint else message, True)

    @Slot(str)
    def _on_stopped(self, text: str) -> None:
        failed = self.session is not None and self.session.error is not None
        mute = self.session is not None and self.session.mute and not text.strip()
        self.session = None
        self._stopping = False
        if text and not self.text:
            self.text = text
        self.partial_from = len(self.text)
        self._check_spelling()
        self.text_updated.emit(self.text)
        # Not saved (full disk, read-only folder): say so at the end of every such dictation.
        recorder = self.recorder
        problem = (recorder.error or getattr(recorder.history, "problem", None)) if recorder else None
        if problem is not None:
            self.status.emit(user_message(problem), True)
        elif mute and not failed:  # not "Færdig": nothing was heard at all
            self.status.emit(self.tr("Mikrofonen giver ingen lyd – er den slået fra?"), True)
        elif not failed and not self.app.config["dictation.auto_insert"]:
            self.status.emit(self.tr("Færdig. Tjek teksten, og tryk Indsæt."), False)
        elif not failed and not self.text.strip():
            self.status.emit(self.tr("Færdig. Der blev ikke sagt noget."), False)
        # With auto-insert on, the last insertion's own report ("Indsat og kontrolleret …",
        # "Sendt …") is the status: there is nothing to press, and it must not be covered.
        if not failed:
            self.state_changed.emit("idle")
        self.session_stopped.emit(self.text)
        log.info("dictation stopped: %s", describe(self.text))

    @Slot(str)
    def load_text(self, text: str) -> None:
        """Show ``text`` (from history) to insert again into whichever window has focus."""
        if self.session is not None:
            return
        self.undo_stack.clear()
        self.text, self._base, self.partial_from = text, "", len(text)
        self.unsure, self.selected_unsure = [], None
        self.recorder, self.entry_id = None, None
        self.ledger.reset(text, look_before=True)
        self._resend_offered = False
        with contextlib.suppress(AssistantError):
            self.inserter().target = None
        self._check_spelling()
        self.text_updated.emit(text)

    # -- insert, copy --------------------------------------------------------------------------------
    @Slot()
    def insert(self) -> None:
        """Send what the window does not have yet (the whole text the first time, afterwards
        only new words and corrections), into the window the text went to before."""
        text = self.text
        if not text.strip():
            self.status.emit(self.tr("Der er ingen tekst at indsætte."), True)
            return
        if self.session is not None:
            self.status.emit(self.tr("Stop dikteringen først."), True)
            return
        if not self.ledger.pending():
            if self.ledger.checked():
                self.status.emit(self.tr("Alt er allerede indsat – intet blev sendt igen."), False)
                return
            if not self._resend_offered:
                # Sent but never read back (a terminal, a remote desktop): the user may see it
                # missing, so offer to send it again rather than refuse.
                self._resend_offered = True
                self.status.emit(
                    self.tr(
                        "Teksten er sendt, men kunne ikke kontrolleres. Mangler den i vinduet, så tryk "
                        "Indsæt igen for at sende den en gang til."
                    ),
                    False,
                )
                return
            self.ledger.resend()
        self._resend_offered = False
        history, entry_id = self.history, self.entry_id
        if history is not None and self.app.config["privacy.history"]:
            try:
                if entry_id is None:
                    entry_id = history.add(text, self.app.config["general.language"])
                    self.entry_id = entry_id
                else:
                    history.finish(entry_id, text)  # the corrected text, saved before it is typed
            except AssistantError as exc:  # not saved: the text is still inserted
                self.status.emit(user_message(exc), True)
        self.state_changed.emit("working")
        self._send("insert", text, history, entry_id)

    @Slot(bool)
    def key_held(self, held: bool) -> None:
        """The dictation key is down (push-to-talk) or was let go. While it is down no key can be
        typed (it would mix with the held modifiers), so a sentence that became final waits
        quietly for the release instead of failing with "a key was held down"."""
        self._key_held = held
        if not held and self._auto_insert_waiting:
            self._auto_insert_waiting = False
            self._auto_insert(self.text)

    def _auto_insert(self, text: str) -> None:
        """After each sentence: the same model as Indsæt (only the unsent tail, corrections
        where the window allows), queued behind any insertion still running."""
        self._send("auto-insert", text, None, None)

    def _send(self, tag: str, text: str, history, entry_id: int | None) -> None:  # type: ignore[no-untyped-def]
        inserter, ledger, environ = self.inserter(), self.ledger, self.app.environ
        target = inserter.target

        def job():  # type: ignore[no-untyped-def]
            result = ledger.insert(inserter, text, target, environ)
            # "inserted" only for text read back or sent without any sign of trouble.
            landed = result.typed and not result.interrupted and not result.doubtful
            if history is not None and entry_id is not None and landed:
                history.mark_inserted(entry_id, result.backend)
            return result

        self.workers.serial("insert", tag, job, self.tasks)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.status.emit(self.tr("Teksten er kopieret."), False)

    def insert_report(self, result) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
        return insert_report(result)

    # -- worker results --------------------------------------------------------------------------------
    @Slot(str, object)
    def _on_task_done(self, tag: str, result: object) -> None:
        if tag in ("insert", "auto-insert"):
            if tag == "insert":
                self.state_changed.emit("idle")
            message, problem = self.insert_report(result)
            self.status.emit(message, problem)
            self.text_updated.emit(self.text)  # repaint what is now in the window
            if not getattr(result, "interrupted", False):
                self.inserted.emit(getattr(result, "typed", 0))

    @Slot(str, str, str)
    def _on_task_error(self, tag: str, message: str, hint: str) -> None:
        if tag in ("insert", "auto-insert"):
            self.state_changed.emit("idle" if self.session is None else "listening")
            sent, window = self.ledger.state()
            if message.startswith(("Another window has focus", "No window has keyboard focus")):
                from assistant.inject.ledger import InsertionLedger

                message = self.tr("Et andet vindue end dit har fokus, så intet blev sendt")
                title = InsertionLedger.title_of(self.inserter(), window) if sent else ""
                hint = (
                    self.tr("Klik tilbage i {0}, hvor teksten blev indsat, og tryk Indsæt").format(
                        f"»{title}«" if title else self.tr("vinduet")
                    )
                    if sent
                    else self.tr("Teksten er bevaret: klik tilbage i feltet, og tryk Indsæt")
                )
            self.status.emit(f"{message}. {hint}" if hint else message, True)
            self.insert_failed.emit(message)
        elif tag == "dictation-stop":
            self._stopping = False
            self.status.emit(message, True)
