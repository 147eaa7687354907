"""Every setting the product knows: its key, type, default, allowed values and meaning.

Keys are ``section.name`` and map onto TOML tables (``[stt] engine = "whisper"``). A value that
fails validation is never fatal: the store reports it and uses the layer below instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    item_choices: tuple[str, ...] | None = None  # for list[str] settings
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)
    # The most private value of a privacy-relevant setting: forced (as if locked) when IT's policy
    # file cannot be trusted, so a broken policy never turns history or downloads back on.
    private: Any = field(default=None, compare=False)

    @property
    def privacy_relevant(self) -> bool:
        return self.private is not None

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    def validate(self, value: Any) -> str | None:
        """``None`` if ``value`` is acceptable, else why it is not (one short phrase)."""
        expected = self.type
        # bool is an int in Python; a TOML ``true`` must not pass as a number and vice versa.
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            return "is not a whole number"
        if expected is bool and not isinstance(value, bool):
            return "is not true or false"
        if expected is str and not isinstance(value, str):
            return "is not text"
        if expected is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return "is not a list of text values"
            if self.item_choices is not None:
                bad = [v for v in value if v not in self.item_choices]
                if bad:
                    return f"contains {', '.join(map(repr, bad))}, not one of {', '.join(self.item_choices)}"
        if self.choices is not None and value not in self.choices:
            return "is not one of " + ", ".join(str(c) for c in self.choices)
        if self.minimum is not None and value < self.minimum:
            return f"is below the minimum {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"is above the maximum {self.maximum}"
        if self.check is not None:
            return self.check(value)
        return None


def _hotkey(value: str) -> str | None:
    if value == "":
        return None  # disabled
    parts = [p.strip() for p in value.split("+")]
    if any(not p for p in parts):
        return "is not a key combination such as <ctrl>+<alt>+d"
    return None


def _colour(value: str) -> str | None:
    if value == "":
        return None
    ok = len(value) == 7 and value.startswith("#")
    if ok:
        try:
            int(value[1:], 16)
        except ValueError:
            ok = False
    return None if ok else "is not a colour such as #fdf6e3"


def _mirror(value: str) -> str | None:
    from assistant.storage.mirror import check_mirror  # stdlib only; keeps the rule in one place

    return check_mirror(value)


INJECTION_BACKENDS = ("xtest", "clipboard", "wayland", "sendinput", "macos")
LANGUAGES = ("da", "en")

_SETTINGS = [
    Setting("general.language", str, "da", "Language you dictate and write in", choices=LANGUAGES),
    Setting(
        "general.ui_language",
        str,
        "auto",
        "Language of menus and windows (auto follows the system)",
        choices=("auto", *LANGUAGES),
    ),
    Setting("audio.input_device", str, "", "Microphone name; empty means the system default"),
    Setting(
        "audio.output_device", str, "", "Speaker or headset for reading aloud; empty means the system default"
    ),
    Setting(
        "stt.engine",
        str,
        "auto",
        "Speech engine; auto picks Vosk where it has a model for the language, else the best-ranked "
        "Whisper or transducer model",
        choices=("auto", "vosk", "whisper", "transducer"),
    ),
    Setting("stt.model_da", str, "", "Model for Danish dictation; empty picks the best installed"),
    Setting("stt.model_en", str, "", "Model for English dictation; empty picks the best installed"),
    Setting(
        "stt.pause_ms",
        int,
        500,
        "A pause this long (milliseconds) ends a phrase and sends it for recognition; longer suits "
        "people who pause to think, shorter gives text sooner",
        minimum=250,
        maximum=3000,
    ),
    Setting(
        "tts.engine",
        str,
        "auto",
        "Read-aloud engine",
        choices=("auto", "espeak", "pyttsx3", "piper"),
    ),
    Setting("tts.voice_da", str, "", "Danish voice; empty picks the engine's Danish voice"),
    Setting("tts.voice_en", str, "", "English voice; empty picks the engine's English voice"),
    Setting("tts.rate", int, 160, "Reading speed in words per minute", minimum=80, maximum=450),
    Setting(
        "tts.echo",
        str,
        "off",
        "Read aloud as you type: each word, each sentence, or off",
        choices=("off", "word", "sentence"),
    ),
    Setting(
        "writing.assist",
        bool,
        False,
        "Writing help in any program: word suggestions and spelling beside the cursor while you type",
        private=False,
    ),
    Setting(
        "writing.ignore_apps",
        list,
        [],
        "Window classes where writing help offers nothing (IT lists programs such as the patient journal here)",
    ),
    Setting(
        "inject.backends",
        list,
        [],
        "Order of text insertion methods to try; empty means the best order for this desktop",
        item_choices=INJECTION_BACKENDS,
    ),
    Setting("inject.delay_ms", int, 0, "Pause between typed characters", minimum=0, maximum=200),
    Setting(
        "inject.paste_apps",
        list,
        ["xfreerdp", "rdesktop", "remmina", "mstsc", "vncviewer"],
        "Window classes that get text by paste instead of typing (remote desktops)",
    ),
    Setting("hotkeys.dictate", str, "<ctrl>+<alt>+d", "Start or stop dictation", check=_hotkey),
    Setting("hotkeys.push_to_talk", str, "", "Hold to dictate; empty turns it off", check=_hotkey),
    Setting("hotkeys.read_selection", str, "<ctrl>+<alt>+r", "Read the selected text aloud", check=_hotkey),
    Setting("hotkeys.stop_reading", str, "<ctrl>+<alt>+s", "Stop reading aloud", check=_hotkey),
    Setting("hotkeys.pause_reading", str, "<ctrl>+<alt>+p", "Pause or resume reading aloud", check=_hotkey),
    Setting(
        "hotkeys.next_sentence",
        str,
        "",
        "Skip to the next sentence while reading; empty turns it off",
        check=_hotkey,
    ),
    Setting(
        "hotkeys.previous_sentence",
        str,
        "",
        "Go back one sentence while reading; empty turns it off",
        check=_hotkey,
    ),
    Setting("privacy.history", bool, True, "Keep a history of dictations on this computer", private=False),
    Setting(
        "privacy.retention_days",
        int,
        30,
        "Delete history older than this many days (0 keeps it until you delete it)",
        minimum=0,
        maximum=3650,
    ),
    Setting("models.allow_download", bool, True, "Allow downloading models from a URL", private=False),
    Setting("models.system_dir", str, "", "Extra folder with models IT has pre-staged"),
    Setting(
        "models.mirror",
        str,
        "",
        "IT's copy of the model hub (https address or share folder) used instead of the public host",
        check=_mirror,
    ),
    Setting("ui.font_size", int, 14, "Text size in points", minimum=9, maximum=36),
    Setting("ui.tint", str, "", "Background tint for reading, e.g. #fdf6e3; empty for none", check=_colour),
    Setting(
        "spelling.machine_terms",
        str,
        "",
        "A machine-wide term list for spelling (UTF-8 file, one term per line); IT sets it",
    ),
    Setting(
        "logging.level",
        str,
        "INFO",
        "Detail in the log file (user text is never logged at any level)",
        choices=("ERROR", "WARNING", "INFO", "DEBUG"),
    ),
    Setting(
        "dictation.auto_insert",
        bool,
        False,
        "Insert each sentence into the window as soon as it is recognised (else press Insert)",
    ),
    Setting(
        "ui.line_spacing",
        int,
        150,
        "Line spacing of text in the panels, in percent",
        minimum=100,
        maximum=250,
    ),
    Setting(
        "ui.first_run_guide", bool, True, "Show the welcome guide (microphone check, voice sample) at start"
    ),
]

SCHEMA: dict[str, Setting] = {s.key: s for s in _SETTINGS}
# Every global hotkey, in the order the settings list them (the tray grabs them, the settings show them).
HOTKEY_KEYS: tuple[str, ...] = tuple(key for key in SCHEMA if key.startswith("hotkeys."))
