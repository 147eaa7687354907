"""How much text the spelling, prediction and reading code will work on, in one place.

Any text a user pastes must be safe: a 120,000-letter "word" or a megabyte on one line must
neither eat the memory nor hang. Each limit below is far beyond real writing, so normal text
never meets one; beyond it the work is skipped or cut into pieces, never searched whole.
"""

from __future__ import annotations

# The longest word that spelling looks up (acceptance, suggestions, compound splits, run-together
# words). Danish compounds in real use stay under ~40 letters ("speciallægepraksisplanlægnings"
# is 30); a longer token is a pasted link, a hash or garbage and is reported as not checked.
MAX_WORD_CHARS = 64
# Prediction tries misspelt variants (one edit or one REP pattern) of the word being typed only up
# to this length: their number grows with the length, and a 24-letter prefix with no completion
# is no typing slip.
MAX_FUZZY_PREFIX = 24
# A sentence check (``assistant suggest``, the dictation panel) looks at this many characters
# (about 15,000 words, 30 pages; a couple of seconds): the rest is left unchecked and the CLI says so.
MAX_CHECK_CHARS = 100_000
# At most this many flagged words in one check get suggestions (about 10 ms each); further
# flagged words are still flagged, with no suggestions.
MAX_SUGGESTED_WORDS = 200
# Reading aloud: one synthesis chunk holds at most this many characters; a longer run without
# spaces (a link, a pasted blob) is cut at this length, so that no engine is handed megabytes.
MAX_CHUNK_CHARS = 400


def too_long(word: str) -> bool:
    """True for a token that spelling does not look up (see :data:`MAX_WORD_CHARS`)."""
    return len(word) > MAX_WORD_CHARS


def check_extent(text: str, limit: int = MAX_CHECK_CHARS) -> int:
    """How much of ``text`` a check covers: all of it, or up to the last space before ``limit``
    (a word is never cut in two; a text without spaces there is cut at ``limit``)."""
    if len(text) <= limit:
        return len(text)
    for cut in range(limit, max(limit - 2 * MAX_WORD_CHARS, 0), -1):
        if text[cut].isspace():
            return cut
    return limit
