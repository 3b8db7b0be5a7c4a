"""Audit action codes are shown as sentences in the reader's language: every action code
recorded anywhere in the code base has a registered label (each module registers its own
from its AppConfig), and the home and audit pages show the label, in Russian too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import accord
from accord.core.action_labels import action_label, labelled_codes
from accord.core.audit import record_event

ACCORD = Path(accord.__file__).resolve().parent
CODE = r"[a-z_]+(?:\.[a-z_]+)+"  # dotted: argparse's action="store_true" is no audit code
# action="trafficking.item.register", record_event(actor, "x.y"), EVENT_ACTION = "x.y"
LITERAL = re.compile(rf"""\baction=["']({CODE})["']|_ACTION\s*=\s*["']({CODE})["']""")
# action=f"expertise.review.{to}": a family made from a workflow's states
FAMILY = re.compile(r"""\baction=f["']([a-z_]+(?:\.[a-z_]+)*\.)\{""")


def _sources() -> list[Path]:
    return [
        path
        for path in ACCORD.rglob("*.py")
        if "tests" not in path.parts and "app_template" not in path.parts
    ]


def recorded_codes() -> tuple[set[str], set[str]]:
    codes: set[str] = set()
    families: set[str] = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for found in LITERAL.finditer(text):
            codes.add(found.group(1) or found.group(2))
        families.update(FAMILY.findall(text))
    return codes, families


def test_the_scan_finds_the_codes_the_issue_names() -> None:
    codes, families = recorded_codes()
    assert {"session.sign_in", "trafficking.screening.screen", "standards.vote.replace"} <= codes
    assert {"expertise.review.", "trafficking.tracing.", "trafficking.operation."} <= families


def test_every_recorded_action_code_has_a_label() -> None:
    codes, families = recorded_codes()
    labelled = labelled_codes()
    assert not sorted(codes - labelled), "codes without a label"
    assert "view" in labelled  # core.audit.record_view's one undotted code
    for prefix in families:
        assert any(code.startswith(prefix) for code in labelled), prefix
    # the families label every state of their workflow
    from accord.trafficking.models import Operation, TracingRequest

    for value in TracingRequest.State.values:
        assert f"trafficking.tracing.{value}" in labelled
    for value in Operation.Status.values:
        assert f"trafficking.operation.{value}" in labelled


def test_labels_are_sentences_in_both_languages() -> None:
    with translation.override("en"):
        assert action_label("standards.vote.replace") == "Changed a vote in a ballot"
        assert (
            action_label("trafficking.tracing.answered") == "Moved a tracing request to: Answered"
        )
        assert action_label("no.such.code") == "no.such.code"
    with translation.override("ru"):
        assert action_label("session.sign_in") == "Вход в систему"
        assert action_label("standards.vote.replace") == "Изменение голоса"


@pytest.mark.django_db
def test_home_and_audit_pages_show_sentences_in_russian(client, make_user) -> None:
    auditor = make_user("RUS", roles=["auditor"])
    record_event(actor=auditor, action="standards.vote.replace", object_repr="ACC-PS 1")
    client.force_login(auditor)
    for url in (reverse("core:home"), reverse("core:audit")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        cells = re.findall(r'data-testid="event-action"><span title="([^"]+)">([^<]+)<', page)
        assert ("standards.vote.replace", "Изменение голоса") in cells, (url, cells)
        assert all(code != text for code, text in cells), cells
