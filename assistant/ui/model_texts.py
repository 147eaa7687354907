"""The model catalog as the models window shows it, in the UI's language: language names, sizes
and error rates in the locale's number format ("11,8 %"), test sets and what each recommended
model is for in plain words, licences by name only. The catalog itself is written for IT (in
English, with sources and caveats) and is shown by ``assistant models`` on the command line."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, QObject


class ModelTexts(QObject):
    """One per window (``tr`` needs a QObject); every method returns text to show."""

    def language_names(self, codes: tuple[str, ...] | list[str]) -> str:
        names = {"da": self.tr("dansk"), "en": self.tr("engelsk")}
        return ", ".join(names.get(code) or self.tr("sprogkode {0}").format(code) for code in codes)

    @staticmethod
    def number(value: float, decimals: int = 1) -> str:
        """``value`` in the UI locale's format (Danish: decimal comma)."""
        return QLocale().toString(float(value), "f", decimals)

    def size_text(self, mb: float | None) -> str:
        if not mb:
            return self.tr("ukendt")
        if mb >= 1000:
            return self.tr("{0} GB").format(self.number(mb / 1000))
        return self.tr("{0} MB").format(self.number(mb, 0))

    def licence_name(self, licence: str) -> str:
        """The licence's name(s) without the catalog's notes: "openrail", "MIT", "CC-BY-4.0"."""
        parts = [re.sub(r"\s*\(.*?\)", "", part).strip() for part in licence.split("+")]
        parts = [p for p in parts if p and not p.lower().endswith(" terms")]
        if not parts:
            return self.tr("ukendt")
        return parts[0] if len(parts) == 1 else self.tr("{0} m.fl. (se modellens side)").format(parts[0])

    def dataset_name(self, dataset: str) -> str:
        """A published test set in plain words."""
        low = dataset.lower()
        if low.startswith("mean of"):
            return self.tr("gennemsnit af flere danske testsæt")
        if "coral" in low:
            return self.tr("CoRal, oplæst dansk") if "read" in low else self.tr("CoRal, dansk tale")
        if "common voice" in low:
            return self.tr("Common Voice, dansk")
        if "fleurs" in low:
            return self.tr("FLEURS, dansk")
        return self.tr("en offentlig test")

    def accuracy_text(self, entry) -> str:  # type: ignore[no-untyped-def]
        """Published word error rates: "11,8 % ordfejl (CoRal, dansk tale)"."""
        return "; ".join(
            self.tr("{0} % ordfejl ({1})").format(self.number(w.percent), self.dataset_name(w.dataset))
            for w in entry.wer
        )

    def description(self, entry) -> str:  # type: ignore[no-untyped-def]
        """What the model is for, for the user (the catalog's description is for IT)."""
        known = {
            "ekko-v1-tiny": self.tr("Lille og hurtig dansk model. Anbefalet til almindelige bærbare."),
            "hviske-tiske": self.tr("Hurtig dansk Whisper-model med få fejl."),
            "hviske-v2": self.tr("Stor dansk Whisper-model med få fejl. Kræver en hurtig computer."),
            "roest-v1-whisper-1.5b": self.tr(
                "Stor dansk Whisper-model med meget få fejl. Kræver en hurtig computer."
            ),
            "roest-v3-whisper-1.5b": self.tr(
                "Stor dansk model, også til dialekter og samtale. Kræver en hurtig computer."
            ),
            "parakeet-tdt-0.6b-v3": self.tr("Flersproget model med tegnsætning. Vælger selv sproget."),
            "whisper-base": self.tr("Startmodel på mange sprog. Forstår kun dansk groft."),
            "whisper-tiny.en": self.tr("Lille engelsk model, der følger med programmet."),
        }
        if entry.name in known:
            return known[entry.name]
        if entry.engine == "vosk":
            return self.tr("Engelsk model til Vosk.")
        return self.tr("Whisper-model på mange sprog.")

    def ask_it_text(self, entry) -> str:  # type: ignore[no-untyped-def]
        """Where downloads are off: who to ask, and for what, by name."""
        return self.tr("Bed din IT-afdeling om at installere den danske talemodel »{0}«. {1}").format(
            entry.name, self.description(entry)
        )
