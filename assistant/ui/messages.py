"""Core errors in the UI's language.

The core raises :class:`~assistant.errors.AssistantError` with an English one-liner for the CLI,
a ``kind`` (its class) and sometimes a ``msgid``. The UI never shows that English in the Danish
UI: :func:`user_message` picks the translated sentence for the ``msgid`` (or for a known English
message from a module that has no ids yet), else the sentence for the ``kind``. Each says what
happened and what to do, in one or two short sentences. In the English UI the core's own
one-liner is shown. Safe to call from any thread (``QCoreApplication.translate`` is).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from assistant.errors import AssistantError


def _by_id(msgid: str, params: dict[str, object]) -> str | None:
    texts = {
        "reader.no-text": lambda: QCoreApplication.translate(
            "messages", "Der er ingen tekst at læse op. Markér eller skriv noget tekst først."
        ),
        "reader.no-voice": lambda: QCoreApplication.translate(
            "messages", "Der er ingen stemme til sproget. Vælg en anden stemme i Indstillinger."
        ),
        "reader.unknown-voice": lambda: QCoreApplication.translate(
            "messages", "Stemmen findes ikke. Vælg en anden stemme i Indstillinger."
        ),
        "reader.rate": lambda: QCoreApplication.translate(
            "messages", "Farten skal være mellem {0} og {1} ord i minuttet."
        ).format(params.get("minimum", 80), params.get("maximum", 450)),
        "reader.failed": lambda: QCoreApplication.translate(
            "messages", "Oplæsningen stoppede på grund af en fejl. Prøv igen."
        ),
        "audio.no-output": lambda: QCoreApplication.translate(
            "messages", "Der er ingen højttaler eller hovedtelefoner. Tjek lydindstillingerne."
        ),
        "audio.output-failed": lambda: QCoreApplication.translate(
            "messages", "Højttaleren kunne ikke bruges. Tjek lydindstillingerne."
        ),
        "focus.changed": lambda: QCoreApplication.translate(
            "messages",
            "Et andet vindue er aktivt nu. Klik i vinduet, du dikterede til, og tryk Indsæt igen. "
            "Teksten er gemt.",
        ),
        "selection.empty": lambda: QCoreApplication.translate(
            "messages", "Der er ikke markeret noget. Markér teksten, og prøv igen."
        ),
        "config.locked": lambda: QCoreApplication.translate(
            "messages", "Indstillingen er låst af din IT-afdeling."
        ),
        "hotkey.taken": lambda: QCoreApplication.translate(
            "messages", "Et andet program bruger allerede tastekombinationen. Vælg en anden."
        ),
        "file.missing": lambda: QCoreApplication.translate(
            "messages", "Filen eller mappen findes ikke. Vælg en anden."
        ),
        "model.download-off": lambda: QCoreApplication.translate(
            "messages", "Din IT-afdeling har slået download af modeller fra."
        ),
    }
    make = texts.get(msgid)
    return make() if make is not None else None


# English one-liners from modules without message ids yet -> msgid (matched at the start).
_KNOWN = [
    (re.compile(r"Another window has focus", re.I), "focus.changed"),
    (re.compile(r"The focused window changed", re.I), "focus.changed"),
    (re.compile(r"Nothing is selected", re.I), "selection.empty"),
    (re.compile(r"There is no text to read", re.I), "reader.no-text"),
    (re.compile(r"The setting \S+ is locked", re.I), "config.locked"),
    (re.compile(r"another program already uses this key", re.I), "hotkey.taken"),
    (re.compile(r"The reading speed", re.I), "reader.rate"),
    (re.compile(r"No loudspeaker", re.I), "audio.no-output"),
    (re.compile(r"The loudspeaker could not be opened", re.I), "audio.output-failed"),
    (re.compile(r"Downloading models is turned off", re.I), "model.download-off"),
    (re.compile(r"does not exist|not found: no such file", re.I), "file.missing"),
]


def _by_kind(kind: str) -> str:
    texts = {
        "usage": lambda: QCoreApplication.translate("messages", "Det valg kan ikke bruges. Vælg et andet."),
        "config": lambda: QCoreApplication.translate(
            "messages", "En indstilling kan ikke bruges. Ret den i Indstillinger."
        ),
        "audio": lambda: QCoreApplication.translate(
            "messages", "Mikrofonen eller højttaleren kan ikke bruges. Tjek lydindstillingerne."
        ),
        "model": lambda: QCoreApplication.translate(
            "messages", "En talemodel eller stemme mangler eller virker ikke. Åbn Modeller i menuen."
        ),
        "engine": lambda: QCoreApplication.translate(
            "messages", "Det virker ikke på denne computer. Åbn Diagnose i menuen for at se hvorfor."
        ),
        "injection": lambda: QCoreApplication.translate(
            "messages", "Teksten kunne ikke indsættes. Den er gemt: prøv igen, eller tryk Kopiér."
        ),
        "storage": lambda: QCoreApplication.translate(
            "messages", "Noget kunne ikke gemmes. Tjek, at der er plads på disken."
        ),
    }
    make = texts.get(kind)
    return (
        make()
        if make is not None
        else QCoreApplication.translate("messages", "Noget gik galt. Åbn Diagnose i menuen for at se mere.")
    )


def english_ui() -> bool:
    from assistant.ui.translations import current_language

    return current_language() == "en"


def message_for(
    kind: str, msgid: str | None, params: dict[str, object], message: str, hint: str | None
) -> str:
    """The text to show for an error with these parts, in the UI's language."""
    if english_ui():
        text = message.rstrip(".")
        return f"{text}. {hint.rstrip('.')}." if hint else f"{text}."
    if msgid is None:
        for pattern, known in _KNOWN:
            if pattern.search(message):
                msgid = known
                break
    text = _by_id(msgid, params) if msgid else None
    return text if text is not None else _by_kind(kind)


def user_message(exc: BaseException) -> str:
    """What to show for ``exc``: translated when it is an AssistantError, else a plain sentence."""
    if isinstance(exc, AssistantError):
        return message_for(exc.kind, exc.msgid, exc.params, exc.message, exc.hint)
    return message_for(
        "general", None, {}, f"Internal error ({type(exc).__name__})", "Details are in the log file"
    )
