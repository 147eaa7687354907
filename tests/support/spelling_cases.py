"""Spelling cases made from correct prose, shared by the spelling tests and bench/bench_context.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.text.service import Spelling


def compounds_written_apart(spelling: Spelling, sentences: list[str]) -> list[tuple[str, int, str, str]]:
    """(sentence with one compound written apart, its start, the compound, "dictionary" when the
    compound is one of the dictionary's own forms or "hunspell" when only hunspell's compound
    rules build it): every accepted compound of 7+ letters that splits into two dictionary words
    of 3+ letters, split at the first such place."""
    # The product is imported here, not at the top: tests/support never needs it to load.
    from assistant.text.affix import BEGIN, END
    from assistant.text.tokens import tokenize

    lex = spelling.lexicon
    acceptance = spelling.speller.acceptance
    known = acceptance.known_form
    cases = []
    for sentence in sentences:
        for token in tokenize(sentence):
            word = token.text
            if not token.is_word or not word.islower() or len(word) < 7 or not acceptance.accepts(word):
                continue
            kind = "dictionary" if known(word) else "hunspell"
            for cut in range(3, len(word) - 2):
                a, b = word[:cut], word[cut:]
                ia, ib = lex.find(a), lex.find(b)
                if ia is None or ib is None or not known(a) or not known(b):
                    continue
                if int(lex.roles[ia]) & BEGIN and int(lex.roles[ib]) & END:
                    changed = sentence[: token.start] + a + " " + b + sentence[token.end :]
                    cases.append((changed, token.start, word, kind))
                    break
    return cases
