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
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from assistant.errors import AssistantError


# Danish sentences, one table: (None, msgid) for an exact message, (kind, None) for a class of
# problem. Built on each call, as QCoreApplication.translate needs the translator installed.
def _texts(params: dict[str, object]) -> dict[tuple[str | None, str | None], Callable[[], str]]:
    return {
        (None, "reader.no-text"): lambda: QCoreApplication.translate(
            "messages", "Der er ingen tekst at læse op. Markér eller skriv noget tekst først."
        ),
        (None, "reader.no-voice"): lambda: QCoreApplication.translate(
            "messages", "Der er ingen stemme til sproget. Vælg en anden stemme i Indstillinger."
        ),
        (None, "reader.unknown-voice"): lambda: QCoreApplication.translate(
            "messages", "Stemmen findes ikke. Vælg en anden stemme i Indstillinger."
        ),
        (None, "reader.rate"): lambda: QCoreApplication.translate(
            "messages", "Farten skal være mellem {0} og {1} ord i minuttet."
        ).format(params.get("minimum", 80), params.get("maximum", 450)),
        (None, "reader.failed"): lambda: QCoreApplication.translate(
            "messages", "Oplæsningen stoppede på grund af en fejl. Prøv igen."
        ),
        (None, "audio.no-output"): lambda: QCoreApplication.translate(
            "messages", "Der er ingen højttaler eller hovedtelefoner. Tjek lydindstillingerne."
        ),
        (None, "audio.output-failed"): lambda: QCoreApplication.translate(
            "messages", "Højttaleren kunne ikke bruges. Tjek lydindstillingerne."
        ),
        (None, "focus.changed"): lambda: QCoreApplication.translate(
            "messages",
            "Et andet vindue er aktivt nu. Klik i vinduet, du dikterede til, og tryk Indsæt igen. "
            "Teksten er gemt.",
        ),
        (None, "inject.secret-field"): lambda: QCoreApplication.translate(
            "messages",
            "Feltet er et kodeordsfelt, så teksten blev ikke skrevet ind. Klik i det felt, du mente, "
            "og tryk Indsæt igen. Teksten er gemt.",
        ),
        (None, "inject.clipboard-not-kept"): lambda: QCoreApplication.translate(
            "messages",
            "Udklipsholderen indeholder noget, der ikke kunne gemmes imens, så teksten blev ikke "
            "sat ind, og udklipsholderen er urørt. Teksten er gemt: sæt den ind på en anden måde.",
        ),
        (None, "model.folder-link"): lambda: QCoreApplication.translate(
            "messages",
            "Modelmappen indeholder en genvej ({0}), så intet blev installeret. Kopiér selve filerne "
            "til en mappe, og installér den.",
        ).format(params.get("file", "")),
        (None, "focus.text-elsewhere"): lambda: QCoreApplication.translate(
            "messages",
            "Intet blev sendt: et andet vindue er aktivt, men teksten står i vinduet »{0}«. Klik i det "
            "vindue, og tryk Indsæt igen.",
        ).format(params.get("title", "")),
        (None, "keyboard.busy-key"): lambda: QCoreApplication.translate(
            "messages",
            "En tast blev holdt nede, så intet blev sendt. Slip alle taster, og tryk Indsæt igen. "
            "Teksten er gemt.",
        ),
        (None, "keyboard.busy-grab"): lambda: QCoreApplication.translate(
            "messages",
            "Et andet program holder tastaturet (en menu, en låst skærm eller et fjernskrivebord), "
            "så intet blev sendt. Luk det, og tryk Indsæt igen. Teksten er gemt.",
        ),
        (None, "selection.empty"): lambda: QCoreApplication.translate(
            "messages", "Der er ikke markeret noget. Markér teksten, og prøv igen."
        ),
        (None, "config.locked"): lambda: QCoreApplication.translate(
            "messages", "Indstillingen er låst af din IT-afdeling."
        ),
        (None, "hotkey.taken"): lambda: QCoreApplication.translate(
            "messages", "Et andet program bruger allerede tastekombinationen. Vælg en anden."
        ),
        (None, "file.missing"): lambda: QCoreApplication.translate(
            "messages", "Filen eller mappen findes ikke. Vælg en anden."
        ),
        (None, "model.download-off"): lambda: (
            QCoreApplication.translate("messages", "Din IT-afdeling har slået download af modeller fra.")
            if params.get("locked", True)
            else QCoreApplication.translate(
                "messages", "Download af modeller er slået fra i dine indstillinger."
            )
        ),
        (None, "model.cancelled"): lambda: QCoreApplication.translate(
            "messages",
            "Installationen blev afbrudt. Start den igen for at fortsætte, hvor den slap.",
        ),
        (None, "model.web-page"): lambda: QCoreApplication.translate(
            "messages",
            "Filen er en webside, ikke en model. Hent selve modelfilen, eller bed din IT-afdeling om hjælp.",
        ),
        (None, "model.disk-full"): lambda: QCoreApplication.translate(
            "messages",
            "Disken er fuld. Hentningen eller udpakningen er stoppet; de installerede modeller er uændrede. Gør plads, og prøv igen.",
        ),
        (None, "model.write-failed"): lambda: QCoreApplication.translate(
            "messages",
            "Modellen kunne ikke gemmes. Tjek, at mappen er din, og at disken ikke er skrivebeskyttet.",
        ),
        (None, "model.no-room"): lambda: QCoreApplication.translate(
            "messages",
            "Der er ikke plads nok på disken til modellen. Intet er skrevet. Gør plads, og prøv igen.",
        ),
        (None, "model.archive-unsafe"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet indeholder et link, en enhed eller en sti uden for modelmappen. Intet er installeret.",
        ),
        (None, "model.archive-damaged"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet er beskadiget eller kan ikke læses. Hent modellen igen.",
        ),
        (None, "model.archive-bomb"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet pakker sig ud til langt mere, end en model fylder. Intet er installeret.",
        ),
        (None, "model.archive-too-big"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet er større, end modellen må fylde. Intet er installeret.",
        ),
        (None, "model.archive-too-many"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet indeholder for mange filer til at være en model. Intet er installeret.",
        ),
        (None, "model.archive-method"): lambda: QCoreApplication.translate(
            "messages",
            "Arkivet er pakket på en måde, der ikke kan bruges. Pak modelmappen som en almindelig .zip eller .tar.gz.",
        ),
        (None, "model.checksum"): lambda: QCoreApplication.translate(
            "messages",
            "Modellen bestod ikke kontrollen (SHA-256): filen er beskadiget eller ikke den udgivne. Intet er installeret.",
        ),
        (None, "model.mirror-missing"): lambda: QCoreApplication.translate(
            "messages",
            "IT-afdelingens kopi af modellerne mangler en af modellens filer. Intet er installeret. Bed din IT-afdeling om hjælp.",
        ),
        (None, "model.mirror-unreadable"): lambda: QCoreApplication.translate(
            "messages",
            "IT-afdelingens kopi af modellerne kan ikke læses lige nu. Tjek netværksdrevet, eller bed din IT-afdeling om hjælp.",
        ),
        (None, "model.download-too-big"): lambda: QCoreApplication.translate(
            "messages",
            "Serveren sendte mere, end modellen må fylde. Hentningen er stoppet og slettet.",
        ),
        (None, "model.download-refused"): lambda: QCoreApplication.translate(
            "messages",
            "Serveren afviste hentningen. Tjek adressen, eller bed din IT-afdeling om hjælp.",
        ),
        (None, "model.download-stalled"): lambda: QCoreApplication.translate(
            "messages",
            "Hentningen gik i stå. Tjek netværket, og prøv igen; den fortsætter, hvor den slap.",
        ),
        (None, "model.download-interrupted"): lambda: QCoreApplication.translate(
            "messages",
            "Hentningen blev afbrudt. Prøv igen; den fortsætter, hvor den slap.",
        ),
        (None, "model.exists"): lambda: QCoreApplication.translate(
            "messages",
            "Der er allerede en model med det navn. Fjern den først, eller vælg et andet navn.",
        ),
        (None, "model.not-a-model"): lambda: QCoreApplication.translate(
            "messages",
            "Det er ikke en talemodel. Vælg selve modelmappen eller et arkiv af den.",
        ),
        (None, "model.needs-conversion"): lambda: QCoreApplication.translate(
            "messages",
            "Modellen skal konverteres, før den kan bruges. Bed din IT-afdeling om hjælp.",
        ),
        (None, "storage.full"): lambda: QCoreApplication.translate(
            "messages", "Disken er fuld, så det kunne ikke gemmes. Frigør plads på disken, og prøv igen."
        ),
        (None, "storage.read-only"): lambda: QCoreApplication.translate(
            "messages", "Mappen er skrivebeskyttet, så det kunne ikke gemmes. Bed din IT-afdeling om adgang."
        ),
        (None, "storage.missing"): lambda: QCoreApplication.translate(
            "messages",
            "Mappen findes ikke og kan ikke oprettes, så det kunne ikke gemmes. Bed din IT-afdeling om hjælp.",
        ),
        (None, "storage.missing.kept"): lambda: QCoreApplication.translate(
            "messages",
            "Historikken kan ikke gemmes, fordi mappen ikke findes. Teksten er ikke tabt, så længe "
            "Assistent kører. Bed din IT-afdeling om hjælp.",
        ),
        (None, "storage.failed"): lambda: QCoreApplication.translate(
            "messages", "Det kunne ikke gemmes. Tjek, at der er plads på disken, og prøv igen."
        ),
        (None, "storage.full.kept"): lambda: QCoreApplication.translate(
            "messages",
            "Disken er fuld, så dikteringer kan ikke gemmes i historikken. Teksten er ikke tabt: den "
            "gemmes, så snart der er plads. Frigør plads på disken.",
        ),
        (None, "storage.read-only.kept"): lambda: QCoreApplication.translate(
            "messages",
            "Historikken kan ikke gemmes, fordi mappen er skrivebeskyttet. Teksten er ikke tabt, så "
            "længe Assistent kører. Bed din IT-afdeling om adgang.",
        ),
        (None, "storage.failed.kept"): lambda: QCoreApplication.translate(
            "messages",
            "Historikken kan ikke gemmes lige nu. Teksten er ikke tabt: den gemmes, så snart det virker "
            "igen.",
        ),
        ("usage", None): lambda: QCoreApplication.translate(
            "messages", "Det valg kan ikke bruges. Vælg et andet."
        ),
        ("config", None): lambda: QCoreApplication.translate(
            "messages", "En indstilling kan ikke bruges. Ret den i Indstillinger."
        ),
        ("audio", None): lambda: QCoreApplication.translate(
            "messages", "Mikrofonen eller højttaleren kan ikke bruges. Tjek lydindstillingerne."
        ),
        ("model", None): lambda: QCoreApplication.translate(
            "messages", "En talemodel eller stemme mangler eller virker ikke. Åbn Modeller i menuen."
        ),
        ("engine", None): lambda: QCoreApplication.translate(
            "messages", "Det virker ikke på denne computer. Åbn Diagnose i menuen for at se hvorfor."
        ),
        ("injection", None): lambda: QCoreApplication.translate(
            "messages", "Teksten kunne ikke indsættes. Den er gemt: prøv igen, eller tryk Kopiér."
        ),
        ("storage", None): lambda: QCoreApplication.translate(
            "messages", "Noget kunne ikke gemmes. Tjek, at der er plads på disken."
        ),
    }


def _lookup(kind: str, msgid: str | None, params: dict[str, object]) -> str:
    texts = _texts(params)
    make = texts.get((None, msgid)) if msgid else None
    if make is None:
        make = texts.get((kind, None))
    if make is None:
        return QCoreApplication.translate("messages", "Noget gik galt. Åbn Diagnose i menuen for at se mere.")
    return make()


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
    return _lookup(kind, msgid, params)


def user_message(exc: BaseException) -> str:
    """What to show for ``exc``: translated when it is an AssistantError, else a plain sentence."""
    if isinstance(exc, AssistantError):
        return message_for(exc.kind, exc.msgid, exc.params, exc.message, exc.hint)
    return message_for(
        "general", None, {}, f"Internal error ({type(exc).__name__})", "Details are in the log file"
    )
