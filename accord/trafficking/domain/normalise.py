"""Folding serial numbers and markings into one form for matching.

Officers type what they read off an item, in whichever keyboard layout they have: "АК-12
№ 04.51" typed in Cyrillic must find "ak12 no 0451" typed in Latin. `fold_marking` is the
exact fold stored in `Item.serial_norm` / `markings_norm`: Unicode compatibility form,
upper case, separators removed, Cyrillic letters that look like Latin ones replaced by the
Latin letter. It is idempotent (folding a folded text changes nothing).

Digits and letters that look alike (0/O, 1/I/L, 5/S, 8/B, 2/Z, 6/G) are *not* folded there:
"O1" and "01" are different serials in a register. `fold_lookalike_digits` folds them for
the fuzzy stage only, where a misread character is a reason to show a candidate.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic capital letters that look like Latin ones (upper case; lower case is upper-cased
# first). Also Ukrainian/Belarusian І and Ї, Kazakh Ү, and Greek look-alikes.
_LOOKALIKES = {
    "А": "A",
    "В": "B",
    "Е": "E",
    "Ё": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ү": "Y",
    "І": "I",
    "Ї": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Ԛ": "Q",
    "Ԝ": "W",
    # Greek capitals seen on imported equipment
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
_TABLE = str.maketrans(_LOOKALIKES)

# Everything that is not a letter or a digit separates parts of a marking (spaces, dashes
# of every kind, dots, slashes, the numero sign once NFKC has made it "No", ...).
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)

# For the fuzzy stage only: characters commonly misread for one another, to one form.
_DIGIT_LOOKALIKES = str.maketrans(
    {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"}
)


def fold_marking(text: str) -> str:
    """The exact fold of a serial number or marking (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():
        # The common case, and the same answer: NFKC, the look-alike table and combining
        # marks leave ASCII alone, so upper-casing and dropping separators is the fold.
        return _SEPARATORS.sub("", text.upper())
    # A few Unicode letters need more than one pass to settle (case mapping and
    # compatibility forms feed each other); repeating until nothing changes is what makes
    # the fold idempotent for every input, not only for the letters we thought of.
    for _round in range(4):
        folded = _fold_once(text)
        if folded == text:
            break
        text = folded
    return text


def _fold_once(text: str) -> str:
    # NFKC turns "№" into "No", full-width digits into digits, ligatures into letters.
    # Upper-casing can produce new compatibility forms (e.g. "ß" -> "SS"), hence twice.
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.upper()).upper()
    # Decompose to drop combining marks (Й -> И, Ё -> Е, é -> E), then recompose.
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    return _SEPARATORS.sub("", text)


def fold_lookalike_digits(folded: str) -> str:
    """`fold_marking`'s output with digit/letter look-alikes folded too (fuzzy stage)."""
    return folded.translate(_DIGIT_LOOKALIKES)


def fold_name(text: str) -> str:
    """Fold a manufacturer or model name for the make-and-model reference: the same fold
    as markings, so "Орлан-10" and "ОРЛАН 10" give one key (transliteration is what the
    reference table's aliases are for)."""
    return fold_marking(text)


def incident_marking_fold(text: str) -> str:
    """The stored fold of a serial number or marking read in an incident (the items
    part's fold: case, spaces, dashes, dots, look-alike Cyrillic and Latin letters), as
    the incidents service stores it and the incident filters look it up."""
    return str(fold_marking(text or ""))[:300]


def incident_name_fold(text: str) -> str:
    """The stored fold of a person's or organisation's name in an incident: the
    watchlist's `names.name_key` (case, punctuation, script and word order folded, so
    "Ivanov, Ivan" and "IVAN IVANOV" meet)."""
    from accord.trafficking.domain.names import name_key

    return str(name_key(text or ""))[:300]
