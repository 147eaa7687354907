"""The panel's sentence about an insertion (what was sent where, and how sure we are)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    # The DictationController context: the sentences were the controller's, their translations stay.
    return QCoreApplication.translate("DictationController", text)


def insert_report(result) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    """The panel's sentence about an insertion: what was sent where, and how sure we are.
    "Indsat og kontrolleret" only when the field was read back; otherwise "Sendt, ikke
    kontrolleret"."""
    parts: list[str] = []
    problem = False
    where = result.where
    if result.interrupted:
        problem = True
        why = getattr(result, "stop_reason", "focus")
        if why == "keyboard":
            cause = _tr(
                "Skrivningen stoppede, fordi en tast blev holdt nede eller et andet program tog tastaturet."
            )
        elif why == "keymap":
            cause = _tr("Skrivningen stoppede, fordi nogle tegn ikke kunne skrives med tastaturet.")
        else:
            cause = _tr("Skrivningen stoppede, fordi fokus flyttede.")
        parts.append(
            cause
            + " "
            + _tr(
                "{0} af {1} tegn nåede {2}; resten er bevaret (vist uden markering). Klik tilbage i "
                "vinduet, og tryk Indsæt for resten."
            ).format(result.sent, result.sent + result.unsent, where)
        )
    elif result.read_back:
        parts.append(_tr("Indsat og kontrolleret ({0} tegn i {1}).").format(result.typed, where))
    elif result.typed:
        parts.append(_tr("Sendt, ikke kontrolleret ({0} tegn til {1}).").format(result.typed, where))
    if getattr(result, "check_failed", False):
        problem = True
        parts.append(_tr("Feltet viste noget andet, da det blev læst tilbage – se teksten efter."))
    if result.corrected:
        parts.append(_tr("Rettelserne er skrevet ind i stedet for de gamle ord."))
    if result.skipped_corrections:
        problem = True
        fixes = ", ".join(f"»{c.old}« → »{c.new}«" for c in result.skipped_corrections[:5])
        parts.append(_tr("Kunne ikke rette i vinduet; ret selv: {0}.").format(fixes))
    if result.dropped:
        parts.append(_tr("{0} styretegn blev fjernet.").format(result.dropped))
    if getattr(result, "breaks_as_spaces", 0):
        parts.append(
            _tr("Feltet har kun én linje: {0} linjeskift blev til mellemrum.").format(result.breaks_as_spaces)
        )
    if not parts:
        parts.append(_tr("Alt er allerede indsat."))
    return " ".join(parts), problem
