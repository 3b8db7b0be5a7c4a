"""A user's search text turned into full-text queries that cannot fail: words only (no
operator, quote or column filter of FTS5 or tsquery syntax survives), at most a few.

Both engines receive the same words, so the two databases answer the same question.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8
MAX_WORD = 64


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, without duplicates, in order (at most MAX_WORDS)."""
    seen: list[str] = []
    for match in WORD.finditer(text or ""):
        word = match.group(0).lower().replace("_", "")[:MAX_WORD]
        if word and word not in seen:
            seen.append(word)
        if len(seen) == MAX_WORDS:
            break
    return seen


def fts5_query(text: str, *, prefix: bool = False) -> str | None:
    """An FTS5 MATCH expression: every word, quoted (so it is never an operator); the last
    one a prefix when `prefix` (autocomplete). None when there is no word."""
    found = words(text)
    if not found:
        return None
    quoted = [f'"{word}"' for word in found]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def tsquery_text(text: str, *, prefix: bool = False) -> str | None:
    """A `to_tsquery` expression: the words ANDed, each a lexeme literal; the last one a
    prefix when `prefix`. None when there is no word."""
    found = words(text)
    if not found:
        return None
    parts = [f"'{word}'" for word in found]
    if prefix:
        parts[-1] += ":*"
    return " & ".join(parts)
