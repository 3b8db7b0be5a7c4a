"""Configurable display names of the classification levels.

The stored values and their order never change (the access rule compares them); only the
names shown to people do. `settings.ACCORD_CLASSIFICATION_NAMES` is either a mapping or a
JSON text of one (the environment variable of the same name), for example::

    {"1": {"en": "Official", "ru": "Для служебного пользования"}, "SECRET": "Top"}

Keys are level values ("0".."3") or member names (UNCLASSIFIED, RESTRICTED, ...). A value
is one name for every language, or a mapping from language code to name. A level (or a
language of a level) not given keeps its translated default.

The setting is read each time a label is rendered, so `override_settings` works. A bad
setting never breaks a page: labels fall back to the defaults, and the system check
`accord.E002` (`accord check`) says what is wrong. With no language active (translations
deactivated, as in `makemigrations` and `migrate`) the labels are the untranslated
defaults, exactly like `gettext_lazy`, so migrations never see a change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language

SETTING = "ACCORD_CLASSIFICATION_NAMES"

# value -> member name; kept here (not imported from models) to avoid an import cycle.
LEVELS = {0: "UNCLASSIFIED", 1: "RESTRICTED", 2: "CONFIDENTIAL", 3: "SECRET"}


def parse_names(raw: Any) -> tuple[dict[int, str | dict[str, str]], list[str]]:
    """The configured names by level value, and the problems found (empty when fine)."""
    if raw is None or raw == "" or raw == {}:
        return {}, []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            return {}, [f"{SETTING} is not valid JSON: {exc}"]
    if not isinstance(raw, Mapping):
        return {}, [f"{SETTING} must be a mapping of level to name, not {type(raw).__name__}"]
    by_name = {name: value for value, name in LEVELS.items()}
    known_languages = {code for code, _name in settings.LANGUAGES}
    names: dict[int, str | dict[str, str]] = {}
    problems: list[str] = []
    for key, value in raw.items():
        text = str(key).strip()
        level = int(text) if text.isdigit() else by_name.get(text.upper())
        if level not in LEVELS:
            problems.append(
                f"{SETTING}: unknown level {key!r}; use one of "
                + ", ".join(f"{v} ({n})" for v, n in LEVELS.items())
            )
            continue
        if isinstance(value, str) and value.strip():
            names[level] = value.strip()
        elif isinstance(value, Mapping) and value:
            per_language: dict[str, str] = {}
            for language, name in value.items():
                if language not in known_languages:
                    problems.append(
                        f"{SETTING}: level {key!r} names unknown language {language!r}; "
                        f"use one of {', '.join(sorted(known_languages))}"
                    )
                elif not isinstance(name, str) or not name.strip():
                    problems.append(
                        f"{SETTING}: level {key!r}, language {language!r} needs a non-empty name"
                    )
                else:
                    per_language[language] = name.strip()
            if per_language:
                names[level] = per_language
        else:
            problems.append(
                f"{SETTING}: level {key!r} needs a non-empty name or a mapping of "
                "language code to name"
            )
    return names, problems


def configured_names() -> dict[int, str | dict[str, str]]:
    """The valid part of the setting (problems are the system check's business)."""
    return parse_names(getattr(settings, SETTING, None))[0]


def _label(value: int, default: Any) -> str:
    language = get_language()
    if language is None:  # translations deactivated: makemigrations, migrate
        return str(default)
    try:
        name = configured_names().get(value)
    except Exception:  # never a 500 because of the configuration; the check reports it
        name = None
    if isinstance(name, dict):
        name = name.get(language) or name.get(language.split("-")[0])
    return name or str(default)


classification_label = lazy(_label, str)
"""`classification_label(value, gettext_lazy("Default"))`: a lazy label for choices."""
