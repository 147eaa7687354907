"""One object per language that the CLI and the UI use: lexicon + user words + checker +
predictor, wired from the paths and settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError
from assistant.text import lexicon as lexicon_module
from assistant.text.checker import Checker
from assistant.text.context import Confusions
from assistant.text.prediction import Predictor
from assistant.text.spelling import Speller
from assistant.text.userdict import UserDictionary, read_term_list

MACHINE_TERMS_KEY = "spelling.machine_terms"


@dataclass
class Spelling:
    language: str
    lexicon: lexicon_module.Lexicon
    user: UserDictionary | None
    speller: Speller
    checker: Checker
    predictor: Predictor
    machine_terms: dict[str, str]

    def refresh_user_words(self) -> None:
        """Apply user dictionary changes (added words, accepted suggestions) to the ranking."""
        self.speller.extra_words.clear()
        self.speller.extra_words.update(self.machine_terms)
        self.speller.boosts.clear()
        if self.user is not None:
            self.speller.boosts.update(self.user.boosts())
            self.speller.extra_words.update({w.lower(): w for w in self.user.words})

    def accept(self, word: str) -> None:
        if self.user is not None:
            self.user.accept(word)
            self.refresh_user_words()


def user_dictionary_dir(data_dir: Path) -> Path:
    return data_dir / "dictionary"


def open_spelling(
    language: str,
    *,
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
    machine_terms: Path | None = None,
    lexicon: lexicon_module.Lexicon | None = None,
) -> Spelling:
    lex = lexicon if lexicon is not None else lexicon_module.load(language, cache_dir)
    speller = Speller(lex)
    machine: dict[str, str] = {}
    if machine_terms is not None:
        if not machine_terms.is_file():
            raise ConfigError(
                f"The machine term list {machine_terms} does not exist",
                f"Fix or clear the setting {MACHINE_TERMS_KEY}",
            )
        machine = {w.lower(): w for w in read_term_list(machine_terms)}
    user = UserDictionary(user_dictionary_dir(data_dir), language) if data_dir is not None else None
    checker = Checker(speller, Confusions(language, bigrams=lex.bigrams))
    spelling = Spelling(language, lex, user, speller, checker, Predictor(speller), machine)
    spelling.refresh_user_words()
    return spelling


def from_app(app: object, language: str | None = None) -> Spelling:
    """Build from an :class:`assistant.app.App` (paths and config)."""
    paths = app.paths  # type: ignore[attr-defined]
    config = app.config  # type: ignore[attr-defined]
    lang = language or config["general.language"]
    terms = None
    try:
        value = config.get(MACHINE_TERMS_KEY)
    except ConfigError:  # the setting is not in this build's schema
        value = None
    if value:
        terms = Path(value).expanduser()
    return open_spelling(lang, data_dir=paths.data_dir, cache_dir=paths.cache_dir, machine_terms=terms)
