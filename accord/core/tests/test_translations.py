"""The Russian catalogue is complete, consistent with its English source, up to date with the
code, and compiled.

When `test_catalogue_is_up_to_date_with_the_code` fails, regenerate and translate:

    cd accord && ../.venv/bin/accord makemessages -l ru --no-obsolete --no-wrap --ignore 'static/*'

then translate the new entries in accord/locale/ru/LC_MESSAGES/django.po (no "fuzzy" left)
and compile with `make messages`.

No database is needed. Extraction runs from inside the accord/ package only, so strings of
the test-only apps under the top-level tests/ folder never reach the catalogue.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import accord

ACCORD_DIR = Path(accord.__file__).resolve().parent
PO_PATH = ACCORD_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

MAKEMESSAGES = (
    "cd accord && ../.venv/bin/accord makemessages -l ru --no-obsolete --no-wrap "
    "--ignore 'static/*'"
)
RUSSIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
    "&& (n%100<10 || n%100>=20) ? 1 : 2);"
)

# %(name)s, %(count)d, %(total)05.2f ... : the named python-format placeholders.
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _load() -> polib.POFile:
    assert PO_PATH.is_file(), f"{PO_PATH} is missing: run `{MAKEMESSAGES}`"
    return polib.pofile(str(PO_PATH))


def _names(text: str) -> set[str]:
    return set(NAMED_PLACEHOLDER.findall(text))


def _label(entry: polib.POEntry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r}"


def _keys(catalogue: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete}


def test_header_is_russian() -> None:
    catalogue = _load()
    assert not catalogue.metadata_is_fuzzy, "remove the 'fuzzy' flag from the header"
    assert catalogue.metadata.get("Language") == "ru"
    assert "charset=UTF-8" in catalogue.metadata.get("Content-Type", "")
    plural_forms = " ".join(catalogue.metadata.get("Plural-Forms", "").split())
    assert plural_forms == " ".join(RUSSIAN_PLURAL_FORMS.split())


def test_every_entry_is_translated_and_not_fuzzy() -> None:
    catalogue = _load()
    entries = [e for e in catalogue if not e.obsolete]
    assert entries, "the catalogue has no entries"
    untranslated = [_label(e) for e in catalogue.untranslated_entries()]
    # A plural entry needs all three Russian forms.
    untranslated += [
        _label(e)
        for e in entries
        if e.msgid_plural and e.translated() and len(e.msgstr_plural) != 3
    ]
    fuzzy = [_label(e) for e in catalogue.fuzzy_entries()]
    problems = [f"untranslated: {m}" for m in untranslated] + [f"fuzzy: {m}" for m in fuzzy]
    assert not problems, f"{PO_PATH}:\n" + "\n".join(problems)


def test_placeholders_match_the_source() -> None:
    problems = []
    for entry in _load():
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            allowed = _names(entry.msgid) | _names(entry.msgid_plural)
            for index, text in sorted(entry.msgstr_plural.items()):
                if text and not _names(text) <= allowed:
                    problems.append(
                        f"{_label(entry)} msgstr[{index}] uses {sorted(_names(text) - allowed)}"
                    )
        elif entry.msgstr and _names(entry.msgstr) != _names(entry.msgid):
            problems.append(
                f"{_label(entry)}: source has {sorted(_names(entry.msgid))}, "
                f"translation has {sorted(_names(entry.msgstr))}"
            )
    assert not problems, "placeholders differ from the source:\n" + "\n".join(problems)


def test_catalogue_holds_accord_strings_only() -> None:
    """Every reference points inside accord/ (never at ../tests or another tree)."""
    leaked = sorted(
        {
            path
            for entry in _load()
            for path, _line in entry.occurrences
            if path.startswith(("..", "/", "tests/"))
        }
    )
    assert not leaked, f"strings from outside accord/ are in the catalogue: {leaked}"


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (xgettext, msgmerge) is not installed",
)
def test_catalogue_is_up_to_date_with_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-extract into the real file, compare, and always put the committed file back
    (copy2 keeps its mtime, so the compiled-catalogue check is not disturbed)."""
    saved = tmp_path / "django.po"
    shutil.copy2(PO_PATH, saved)
    try:
        monkeypatch.chdir(ACCORD_DIR)
        call_command(
            "makemessages",
            locale=["ru"],
            no_obsolete=True,
            no_wrap=True,
            ignore_patterns=["static/*"],
            verbosity=0,
        )
        in_code = _keys(polib.pofile(str(PO_PATH)))
    finally:
        shutil.copy2(saved, PO_PATH)
    in_catalogue = _keys(polib.pofile(str(saved)))

    def listing(keys: set[tuple[str | None, str]]) -> str:
        return "\n".join(
            f"  [{ctx}] {msgid!r}" if ctx else f"  {msgid!r}"
            for ctx, msgid in sorted(keys, key=lambda k: (k[0] or "", k[1]))
        )

    missing = in_code - in_catalogue
    stale = in_catalogue - in_code
    message = [
        f"The Russian catalogue is out of date. Run\n    {MAKEMESSAGES}\n"
        "and translate the new entries (then `make messages`)."
    ]
    if missing:
        message.append(f"In the code but missing from the catalogue:\n{listing(missing)}")
    if stale:
        message.append(f"In the catalogue but no longer in the code:\n{listing(stale)}")
    assert not (missing or stale), "\n".join(message)


def test_compiled_catalogue_is_fresh() -> None:
    assert MO_PATH.is_file(), f"{MO_PATH} is missing: run `make messages`"
    assert MO_PATH.stat().st_mtime >= PO_PATH.stat().st_mtime, (
        f"{MO_PATH.name} is older than {PO_PATH.name}: run `make messages`"
    )
