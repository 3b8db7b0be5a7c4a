"""Words with two meanings carry a context, so Russian tells them apart: a workflow's
"State" is «Состояние», not the nation («Государство»); a marking's "Release" is «Круг
доступа», not the user's "Clearance" («Допуск»)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

import accord

ACCORD = Path(accord.__file__).resolve().parent
# A bare {% translate "State" %} / gettext("Release"): the context is missing.
BARE = re.compile(
    r"""(\{%\s*translate\s+["'](State|Release)["']\s*%\}|"""
    r"""\b(?:gettext|gettext_lazy|_)\(\s*["'](State|Release)["']\s*\))"""
)


def test_no_bare_state_or_release_in_pages_and_forms() -> None:
    found = []
    for path in [*ACCORD.rglob("*.html"), *ACCORD.rglob("*.py")]:
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BARE.search(line) and "STATE = " not in line:  # Party.Kind.STATE: the nation
                found.append(f"{path.relative_to(ACCORD)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_russian_words_differ() -> None:
    with translation.override("ru"):
        assert pgettext("workflow", "State") == "Состояние"
        assert pgettext("marking", "Release") == "Круг доступа"
        assert translation.gettext("Clearance") == "Допуск"
        assert translation.gettext("State") == "Государство"


@pytest.mark.django_db
def test_incident_form_and_tracing_list_in_russian(client, make_user) -> None:
    client.force_login(make_user("RUS", clearance=2, roles=["customs_officer"]))
    form = client.get(reverse("trafficking:incident-new"), HTTP_ACCEPT_LANGUAGE="ru")
    page = form.content.decode()
    assert "Круг доступа" in page and ">Допуск<" not in page
    listing = client.get(reverse("trafficking:tracing"), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Состояние" in listing.content.decode()
    assert "Государство" not in listing.content.decode()
