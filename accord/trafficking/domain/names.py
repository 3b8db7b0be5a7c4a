"""Normalisation of the names of persons, organisations, vessels and aircraft, so that the
same name written in another script, another transliteration, another order or with
another legal-form word meets itself.

The pipeline of a name:

1. transliterate to Latin with `anyascii` (ISC licence; Cyrillic, Kazakh, Armenian and
   every other script; no GPL code in the core);
2. lower-case, split on punctuation and hyphens, drop quotes (`«Ромашка»` → `romashka`);
3. recognise legal-form words (ООО / LLC / Limited Liability Company, АО / JSC, ЗАО /
   CJSC, ПАО / PJSC, ОАО / OJSC, ИП, ТОО / LLP, ...) and set them aside as a canonical
   code;
4. fold each remaining token's spelling, so that the usual romanisations of one Cyrillic
   name meet (Sergey / Sergei, Yuliya / Iuliia / Julia, Fyodor / Fedor, Ivanoff / Ivanov,
   Khachatryan / Hachatrian);
5. sort the tokens, so that "Иванов Сергей" meets "Sergey Ivanov".

`name_key` is the result as one string: it is stored (indexed) next to every watchlist
name and incident entity, so equality of keys is an indexed SQL lookup. `name_tokens` and
`sound_key` give the per-token keys the screening narrows its candidates with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from anyascii import anyascii

__all__ = [
    "LEGAL_FORMS",
    "ParsedName",
    "detect_script",
    "fold_token",
    "name_key",
    "name_tokens",
    "normalise_identifier",
    "parse_name",
    "sound_key",
    "token_variants",
    "transliterate",
]

# Legal forms: canonical code → (label shown to users, written forms). Written forms are
# given as people write them, in either script; they go through the same pipeline as the
# names, so a form written "О.О.О." or "Obshchestvo s ogranichennoy otvetstvennostyu" is
# recognised too.
LEGAL_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "llc": (
        "LLC",
        (
            "ООО",
            "LLC",
            "L.L.C.",
            "Ltd",
            "Limited",
            "GmbH",
            "ТОВ",
            "МЧЖ",
            "Общество с ограниченной ответственностью",
            "Limited Liability Company",
            "Limited Liability Co",
        ),
    ),
    "alc": ("ALC", ("ОДО", "ALC", "Общество с дополнительной ответственностью")),
    "llp": (
        "LLP",
        (
            "ТОО",
            "ЖШС",
            "LLP",
            "Товарищество с ограниченной ответственностью",
            "Limited Liability Partnership",
        ),
    ),
    "jsc": ("JSC", ("АО", "АҚ", "JSC", "AG", "Акционерное общество", "Joint Stock Company")),
    "cjsc": (
        "CJSC",
        ("ЗАО", "CJSC", "Закрытое акционерное общество", "Closed Joint Stock Company"),
    ),
    "ojsc": (
        "OJSC",
        ("ОАО", "OJSC", "Открытое акционерное общество", "Open Joint Stock Company"),
    ),
    "pjsc": (
        "PJSC",
        ("ПАО", "PJSC", "Публичное акционерное общество", "Public Joint Stock Company"),
    ),
    "njsc": (
        "NJSC",
        ("НАО", "NJSC", "Непубличное акционерное общество", "Non-public Joint Stock Company"),
    ),
    "ie": (
        "IE",
        (
            "ИП",
            "Индивидуальный предприниматель",
            "Individual Entrepreneur",
            "Sole Proprietor",
        ),
    ),
    "fsue": ("FSUE", ("ФГУП", "FSUE", "Federal State Unitary Enterprise")),
    "sue": ("SUE", ("ГУП", "SUE", "State Unitary Enterprise")),
    "pue": ("PUE", ("ЧУП", "ЧТУП", "PUE", "Private Unitary Enterprise")),
    "plc": ("PLC", ("PLC", "Public Limited Company")),
    "inc": ("Inc.", ("Inc", "Incorporated", "Corp", "Corporation")),
}

_SPACE_RE = re.compile(r"\s+")
_INITIALISM_RE = re.compile(r"(?:\w\.){2,}\w?")  # L.L.C., О.О.О.
_SEPARATOR_RE = re.compile(r"[^0-9a-z]+")
_APOSTROPHE_RE = re.compile(r"['\"`]")


def transliterate(text: str) -> str:
    """`text` in Latin letters (any script; NFKC first, so compatibility forms fold)."""
    return anyascii(unicodedata.normalize("NFKC", text or ""))


def detect_script(text: str) -> str:
    """ "latin", "cyrillic" or "other": the script most of the letters of `text` are in
    ("latin" for a text without letters)."""
    counts = {"latin": 0, "cyrillic": 0, "other": 0}
    for char in text or "":
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            counts["latin"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        else:
            counts["other"] += 1
    if not any(counts.values()):
        return "latin"
    return max(counts, key=lambda script: counts[script])


def _raw_tokens(text: str) -> list[str]:
    """Lower-case Latin tokens of `text` before spelling folding."""
    words = []
    # Apostrophes and straight quotes are dropped, not split on: the soft and hard signs
    # transliterate to them (Григорьев → Grigor'ev).
    for word in _SPACE_RE.split(_APOSTROPHE_RE.sub("", transliterate(text).lower())):
        if _INITIALISM_RE.fullmatch(word.rstrip(".")) or _INITIALISM_RE.fullmatch(word):
            word = word.replace(".", "")
        words.append(word)
    return [token for token in _SEPARATOR_RE.split(" ".join(words)) if token]


# Spelling folds, applied in order to one lower-case Latin token. They make the common
# romanisations of a Cyrillic name (BGN/PCGN, ICAO Doc 9303 passports, GOST, German and
# French habits, and anyascii's own) one form. Both sides of a comparison are folded the
# same way, so an over-eager fold costs precision a little, never recall.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"tsch|tch", "ch"),
        (r"shch|sch|shh", "sh"),
        (r"ff$", "v"),
        (r"w", "v"),
        (r"kh", "h"),
        (r"ou", "u"),  # French habits: Kouznetsov
        (r"ph", "f"),
        (r"x", "ks"),
        (r"ck|q", "k"),
        (r"tz", "ts"),
        (r"j", "y"),  # Jurij, Sergej, Julia: j as й/ю/я
        (r"(?:ey|ei|eiy|eyi)$", "ei"),  # Sergey, Sergei
        (r"(?:iy|yy|ii|yi|y)$", "i"),  # Dmitriy, Dmitry, Dmitrii
        (r"(?:iiya|iia|iya|ia|ya)", "ya"),  # Mariya, Maria, Iuliia
        (r"(?:iu|yu)", "yu"),  # Iurii, Yury
        (r"(?:^ye|iye|ie|ye)", "e"),  # Yevgeny/Evgeny, Grigoriev/Grigoryev
        (r"(?:yo|io)", "e"),  # Fyodor/Fedor (ё written as e)
        (r"(.)\1+", r"\1"),  # Anna/Ana, Ivanoff/Ivanov after the ff fold
    )
)


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """The spelling-folded form of one lower-case Latin token."""
    for pattern, replacement in _FOLDS:
        token = pattern.sub(replacement, token)
    return token


_LONE_C_RE = re.compile(r"c(?!h)")


def token_variants(token: str) -> tuple[str, ...]:
    """The token and its reading with a lone "c" as ц ("ts"), as the GOST and Polish or
    Czech romanisations write it (Kuznecov = Kuznetsov); "c" is kept as written in the
    stored key, so English names (Vector) still read as they are."""
    if "c" not in token:
        return (token,)
    variant = fold_token(_LONE_C_RE.sub("ts", token))
    return (token,) if variant == token else (token, variant)


@lru_cache(maxsize=65536)
def sound_key(token: str) -> str:
    """A phonetic key of a folded token (Metaphone, from `jellyfish`): spellings that sound
    alike share it, which lets the screening find "Ivanow" or "Sergiy" by an indexed
    lookup too. Digits are kept as they are (vessel "Volga 3")."""
    if token.isdigit():
        return token
    return jellyfish.metaphone(token).lower() or token


@dataclass(frozen=True)
class ParsedName:
    """A name taken apart: its folded tokens in the written order (legal forms removed)
    and the legal forms it carried, as (code, the words as written)."""

    tokens: tuple[str, ...]
    legal_forms: tuple[tuple[str, str], ...]

    @property
    def key(self) -> str:
        return " ".join(sorted(self.tokens))


def _legal_form_table() -> tuple[dict[tuple[str, ...], str], int]:
    """Written legal forms as tuples of folded tokens → code, and the longest phrase."""
    table: dict[tuple[str, ...], str] = {}
    for code, (_label, forms) in LEGAL_FORMS.items():
        for form in forms:
            raw = _raw_tokens(form)
            table[tuple(raw)] = code
            table[tuple(fold_token(token) for token in raw)] = code
    return table, max(len(phrase) for phrase in table)


_LEGAL_TABLE, _LEGAL_LONGEST = _legal_form_table()


@lru_cache(maxsize=65536)
def parse_name(text: str) -> ParsedName:
    """Take `text` apart into folded tokens and legal forms (longest phrase first)."""
    raw = _raw_tokens(text)
    folded = [fold_token(token) for token in raw]
    tokens: list[str] = []
    forms: list[tuple[str, str]] = []
    position = 0
    while position < len(raw):
        for length in range(min(_LEGAL_LONGEST, len(raw) - position), 0, -1):
            # Abbreviations are compared as written (OOO must not fold to "o"), phrases
            # also in their folded spelling.
            code = _LEGAL_TABLE.get(tuple(raw[position : position + length]))
            if code is None and length > 1:
                code = _LEGAL_TABLE.get(tuple(folded[position : position + length]))
            if code is not None:
                forms.append((code, " ".join(raw[position : position + length])))
                position += length
                break
        else:
            tokens.append(folded[position])
            position += 1
    if not tokens:  # a name that is nothing but a legal form keeps its words
        tokens = folded
        forms = []
    return ParsedName(tokens=tuple(tokens), legal_forms=tuple(forms))


def name_key(text: str) -> str:
    """The normalised, script-independent key of a name: transliterated to Latin, case
    and punctuation folded, legal-form words removed, spelling folded, tokens sorted.

    >>> name_key("ООО «Ромашка»") == name_key("Romashka LLC")
    True
    >>> name_key("Иванов Сергей") == name_key("Sergei IVANOV")
    True
    """
    return parse_name(text).key


def name_tokens(text: str) -> list[str]:
    """The distinct folded tokens of a name (legal forms removed), in written order."""
    return list(dict.fromkeys(parse_name(text).tokens))


_HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХУІЈЅ",
    "ABEKMHOPCTXYIJS",
)


def normalise_identifier(value: str) -> str:
    """The matching form of an identifier (passport, registration, IMO or tail number):
    upper case, Cyrillic letters that look like Latin ones folded to them, everything but
    letters and digits dropped ("ЕК-123.45" and "ek 12345" meet)."""
    text = unicodedata.normalize("NFKC", value or "").upper().translate(_HOMOGLYPHS)
    return "".join(char for char in transliterate(text) if char.isalnum()).upper()
