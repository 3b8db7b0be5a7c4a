"""Guideline modules in editions: publishing with clause stable ids, "as at a date"
among the editions the reader sees, the clause comparison (a renumbered clause is moved,
not removed and added), lessons pointing at a clause and still shown on it after it
moved, and editions hidden by their marking (404, never in as-at or compare)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.knowledge import selectors, services
from accord.knowledge.domain.guidelines import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    ClauseText,
    compare_clauses,
    edition_as_at,
)
from accord.knowledge.tests.conftest import to_identified

OLD = [
    {"key": "scope", "number": "1", "heading": "Scope", "text": "Storage of ammunition."},
    {"key": "retire", "number": "4.2", "heading": "Retirement", "text": "Retire after 10 years."},
    {"key": "marks", "number": "5", "heading": "Markings", "text": "Mark every lot."},
]
NEW = [
    {"key": "scope", "number": "1", "heading": "Scope", "text": "Storage of ammunition."},
    {"key": "inspect", "number": "2", "heading": "Inspection", "text": "Inspect yearly."},
    {"key": "retire", "number": "5.1", "heading": "Retirement", "text": "Retire after 10 years."},
    {"key": "lots", "number": "6", "heading": "Lots", "text": "Record lots."},
]


@pytest.fixture
def editions(manager):
    first = services.guideline_publish(
        actor=manager,
        code="IATG 03.10",
        title="Inventory management",
        edition="2015",
        issued_on=dt.date(2015, 3, 1),
        clauses=OLD,
    )
    second = services.guideline_publish(
        actor=manager,
        code="IATG 03.10",
        title="Inventory management",
        edition="2021",
        issued_on=dt.date(2021, 6, 1),
        clauses=NEW,
        supersedes=first,
    )
    return first, second


def test_compare_matches_clauses_by_stable_id():
    def texts(rows):
        return [ClauseText(r["key"], r["number"], r["heading"], r["text"]) for r in rows]

    old = texts(OLD)
    new = texts(NEW)
    new[3] = ClauseText("lots", "6", "Lots", "Record lots.")
    changes = {c.key: c.change for c in compare_clauses(old, new)}
    assert changes == {
        "scope": UNCHANGED,
        "inspect": ADDED,
        "retire": MOVED,
        "lots": ADDED,
        "marks": REMOVED,
    }
    edited = [*old[:2], ClauseText("marks", "5", "Markings", "Mark every lot twice.")]
    changed = compare_clauses(old, edited)[2]
    assert changed.change == CHANGED
    assert "<ins>" in changed.marked and "twice." in changed.marked
    # A removed clause is placed after the clause that preceded it.
    order = [c.key for c in compare_clauses(old, new)]
    assert order.index("marks") == order.index("retire") + 1
    # Marked text is escaped.
    evil = [ClauseText("x", "1", "", "<script>")]
    assert "<script>" not in compare_clauses([], evil)[0].marked


def test_as_at_picks_the_latest_edition_issued_on_or_before():
    rows = [(dt.date(2015, 3, 1), "a"), (dt.date(2021, 6, 1), "b")]
    assert edition_as_at(rows, dt.date(2014, 1, 1)) is None
    assert edition_as_at(rows, dt.date(2015, 3, 1)) == "a"
    assert edition_as_at(rows, dt.date(2021, 5, 31)) == "a"
    assert edition_as_at(rows, dt.date(2030, 1, 1)) == "b"


def test_publishing_checks_and_audits(manager, author, editions):
    first, second = editions
    assert AuditEvent.objects.filter(action="knowledge.guideline.publish").count() == 2
    assert selectors.superseding(actor=manager, edition=first) == second
    with pytest.raises(PermissionDenied):  # not a lessons manager
        services.guideline_publish(
            actor=author, code="X", title="X", edition="1", issued_on=dt.date.today(), clauses=OLD
        )
    with pytest.raises(Conflict):  # already superseded
        services.guideline_publish(
            actor=manager,
            code="IATG 03.10",
            title="Inventory management",
            edition="2022",
            issued_on=dt.date(2022, 1, 1),
            clauses=NEW,
            supersedes=first,
        )
    for bad in (
        [],
        [{"key": "a", "number": "1", "text": "x"}, {"key": "a", "number": "2", "text": "y"}],
        [{"key": "bad key", "number": "1", "text": "x"}],
        [{"key": "a", "number": "1", "text": ""}],
        ["not a clause"],
    ):
        with pytest.raises(ValidationFailed):
            services.guideline_publish(
                actor=manager,
                code="IATG 05.20",
                title="Stockpile",
                edition="1",
                issued_on=dt.date(2020, 1, 1),
                clauses=bad,
            )
    with pytest.raises(ValidationFailed):  # dated before the edition it supersedes
        services.guideline_publish(
            actor=manager,
            code="IATG 03.10",
            title="Inventory management",
            edition="2010",
            issued_on=dt.date(2010, 1, 1),
            clauses=NEW,
            supersedes=second,
        )


def test_a_lesson_on_a_clause_that_moved_still_shows_on_it(author, manager, editions, client):
    first, second = editions
    lesson = to_identified(author, manager)
    clause = first.clauses.get(key="retire")
    lesson = services.item_link_clause(
        actor=manager, item=lesson, version=lesson.version, clause=clause
    )
    assert AuditEvent.objects.filter(action="knowledge.item.link_clause").exists()
    on_new = selectors.lessons_by_clause(actor=manager, edition=second)
    assert [i.pk for i in on_new["retire"]] == [lesson.pk]
    client.force_login(manager)
    page = client.get(reverse("knowledge:guideline-detail", args=[second.pk])).content.decode()
    assert f'data-testid="clause-lesson-{lesson.pk}"' in page
    compare = client.get(reverse("knowledge:guideline-compare", args=[first.pk]), {"to": second.pk})
    assert compare.status_code == 200
    assert 'data-testid="change-retire" data-change="moved"' in compare.content.decode()
    item_page = client.get(reverse("knowledge:item-detail", args=[lesson.pk])).content.decode()
    assert 'data-testid="item-clause"' in item_page and "4.2" in item_page


def test_hidden_editions_are_404_and_never_in_as_at_or_compare(
    manager, editions, make_user, api_client, client
):
    first, second = editions
    type(second).objects.filter(pk=second.pk).update(release=Release.OWNER)
    kaz = make_user("KAZ", clearance=Classification.SECRET, roles=["knowledge_editor"])
    # Kazakhstan sees the 2015 edition only (released to members); as at 2030 that is it.
    assert selectors.guideline_as_at(actor=kaz, code="IATG 03.10", on=dt.date(2030, 1, 1)) == first
    assert (
        selectors.guideline_as_at(actor=manager, code="IATG 03.10", on=dt.date(2030, 1, 1))
        == second
    )
    with pytest.raises(NotFound):
        selectors.guideline_get(actor=kaz, pk=second.pk)
    api = api_client(kaz)
    assert api.get(reverse("knowledge-api:guideline-detail", args=[second.pk])).status_code == 404
    compare = api.get(
        reverse("knowledge-api:guideline-compare", args=[first.pk]), {"to": second.pk}
    )
    assert compare.status_code == 404
    as_at = api.get(
        reverse("knowledge-api:guideline-as-at"), {"code": "IATG 03.10", "date": "2030-01-01"}
    )
    assert as_at.status_code == 200 and as_at.json()["id"] == first.pk
    assert as_at.json()["superseded_by"] is None  # the later edition is hidden from Kazakhstan
    listed = api.get(reverse("knowledge-api:guideline-list"), {"code": "IATG 03.10"}).json()
    assert [row["id"] for row in listed["results"]] == [first.pk]
    client.force_login(kaz)
    assert client.get(reverse("knowledge:guideline-detail", args=[second.pk])).status_code == 404


def test_api_publishes_compares_and_answers_bad_input_with_400(manager, api_client, editions):
    first, second = editions
    api = api_client(manager)
    created = api.post(
        reverse("knowledge-api:guideline-list"),
        {
            "code": "IATG 03.10",
            "title": "Inventory management",
            "edition": "2024",
            "issued_on": "2024-01-01",
            "supersedes": second.pk,
            "clauses": [{"key": "scope", "number": "1", "text": "Everything."}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert [c["key"] for c in created.json()["clauses"]] == ["scope"]
    changes = api.get(
        reverse("knowledge-api:guideline-compare", args=[first.pk]), {"to": second.pk}
    ).json()
    assert {c["key"]: c["change"] for c in changes}["retire"] == "moved"
    for query in ({}, {"to": "x"}, {"to": "-1"}, {"to": "99999999999"}):
        bad = api.get(reverse("knowledge-api:guideline-compare", args=[first.pk]), query)
        assert bad.status_code == 400, query
    for query in ({}, {"code": "X"}, {"code": "X", "date": "never"}):
        assert api.get(reverse("knowledge-api:guideline-as-at"), query).status_code == 400
    assert (
        api.get(
            reverse("knowledge-api:guideline-as-at"), {"code": "IATG 03.10", "date": "1990-01-01"}
        ).status_code
        == 404
    )
    for body in (
        {},
        {"code": "A", "title": "A", "edition": "1", "issued_on": "2020-01-01", "clauses": []},
        {"code": "A", "title": "A", "edition": "1", "issued_on": "2020-01-01", "clauses": "x"},
        {
            "code": "A",
            "title": "A",
            "edition": "1",
            "issued_on": "2020-01-01",
            "clauses": [{"key": "a b", "number": "1", "text": "x"}],
        },
    ):
        assert (
            api.post(reverse("knowledge-api:guideline-list"), body, format="json").status_code
            == 400
        )


def test_pages_publish_and_read_as_at(manager, client, editions):
    first, _second = editions
    client.force_login(manager)
    page = client.get(reverse("knowledge:guidelines"), {"code": "IATG 03.10", "on": "2018-01-01"})
    assert page.status_code == 200
    assert reverse("knowledge:guideline-detail", args=[first.pk]) in page.content.decode()
    assert (
        client.get(reverse("knowledge:guidelines"), {"code": "X", "on": "nope"}).status_code == 400
    )
    assert client.get(reverse("knowledge:guideline-compare", args=[first.pk])).status_code == 400
    response = client.post(
        reverse("knowledge:guideline-new"),
        {
            "code": "MOSAIC 05.10",
            "title": "Legislation",
            "edition": "1",
            "issued_on": "2020-01-01",
            "clauses": "scope | 1 | Scope | Small arms control.\nlaw | 2 | Law | A national law.",
            "classification": Classification.UNCLASSIFIED,
            "release": Release.MEMBERS,
        },
    )
    assert response.status_code == 302, response.content.decode()
    edition = selectors.guideline_list(actor=manager, code="MOSAIC 05.10").get()
    assert list(edition.clauses.values_list("key", flat=True)) == ["scope", "law"]
    bad = client.post(
        reverse("knowledge:guideline-new"),
        {
            "code": "M",
            "title": "M",
            "edition": "1",
            "issued_on": "2020-01-01",
            "clauses": "no bars",
        },
    )
    assert bad.status_code == 400
