"""The narrowing step of screening: rarest words first, common words flagged and skipped
(counted over what the actor may see only), the intersection when a name holds nothing
but common words, and a bulk file whose rows share their work (one audit event, a query
count that does not grow with the rows)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from accord.core.models import AuditEvent, Release
from accord.trafficking.models import Entity
from accord.trafficking.screening import MATCH_THRESHOLD, screen_name, screen_names
from accord.trafficking.services import watchlist as services

pytestmark = pytest.mark.django_db

OTHER_SERGEIS = ("Сергей Петров", "Сергей Сидоров", "Сергей Козлов", "Сергей Морозов")


@pytest.fixture(autouse=True)
def small_common_limit(settings: Any) -> Iterator[None]:
    """A word carried by more than three visible entities is common here."""
    settings.ACCORD_TRAFFICKING_SCREENING_COMMON_LIMIT = 3
    yield


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
    }


def listed(actor: Any, name: str, release: str = Release.OWNER, **fields: Any) -> Entity:
    fields.setdefault("kind", Entity.Kind.PERSON)
    return services.entity_create(
        actor=actor, name=name, release=release, reason="Fictional.", **fields
    )


def test_common_words_follow_what_the_actor_sees_now(people: dict[str, Any]) -> None:
    """Which words are common is counted over the actor's current view: after their
    party's standing changes, nothing remembered from the old view is used (it would
    flag "sergei" as common and so tell an observer of Sergeis it may not see)."""
    from accord.accounts.models import User
    from accord.core.models import Party

    for name in OTHER_SERGEIS:
        listed(people["rus"], name, release=Release.MEMBERS)
    target = listed(people["rus"], "Сергей Жуковский", release=Release.MEMBERS_OBSERVERS)
    member = screen_name(actor=people["kaz"], name="Sergei Zhukovsky")
    assert member.common_words == ["sergei"]
    Party.objects.filter(code="KAZ").update(standing=Party.Standing.OBSERVER)
    observer = User.objects.get(pk=people["kaz"].pk)
    found = screen_name(actor=observer, name="Sergei Zhukovsky")
    assert found.common_words == []
    assert [c.entity.pk for c in found] == [target.pk]


def test_a_common_word_is_flagged_and_the_rare_word_narrows(people: dict[str, Any]) -> None:
    for name in OTHER_SERGEIS:
        listed(people["rus"], name)
    target = listed(people["rus"], "Сергей Жуковский")
    found = screen_name(actor=people["rus"], name="Sergei Zhukovsky")
    assert found[0].entity == target
    assert found[0].score >= MATCH_THRESHOLD
    assert found.common_words == ["sergei"]
    assert not found.truncated
    # The other Sergeis were not candidates at all: only the rare word narrowed.
    assert {c.entity.pk for c in found} == {target.pk}


def test_commonness_is_counted_over_visible_entities_only(people: dict[str, Any]) -> None:
    """Four Sergeis the Kazakh officer may not see do not make the word common for him
    (the flag would tell him they exist)."""
    for name in OTHER_SERGEIS:
        listed(people["rus"], name)  # OWNER: Russian eyes only
    target = listed(people["rus"], "Сергей Жуковский", release=Release.MEMBERS)
    kaz = screen_name(actor=people["kaz"], name="Sergei Zhukovsky")
    assert [c.entity for c in kaz] == [target]
    assert kaz.common_words == []
    rus = screen_name(actor=people["rus"], name="Sergei Zhukovsky")
    assert rus.common_words == ["sergei"]


def test_a_name_of_common_words_only_takes_entities_carrying_all(
    people: dict[str, Any],
) -> None:
    for name in (*OTHER_SERGEIS, "Павел Иванов", "Олег Иванов", "Пётр Иванов", "Иван Иванов"):
        listed(people["rus"], name)
    target = listed(people["rus"], "Сергей Иванов")
    found = screen_name(actor=people["rus"], name="Ivanov Sergey")
    assert found.common_words == ["ivanov", "sergei"]
    assert found[0].entity == target
    assert found[0].score == 100
    assert all(c.score < MATCH_THRESHOLD for c in found[1:])


def test_a_rare_word_nobody_carries_leaves_no_candidates(people: dict[str, Any]) -> None:
    for name in OTHER_SERGEIS:
        listed(people["rus"], name)
    found = screen_name(actor=people["rus"], name="Sergei Qwertyuiop")
    assert list(found) == []
    assert found.common_words == ["sergei"]


def test_the_page_shows_the_common_words_in_russian(client: Any, people: dict[str, Any]) -> None:
    for name in OTHER_SERGEIS:
        listed(people["rus"], name)
    listed(people["rus"], "Сергей Жуковский")
    client.force_login(people["rus"])
    page = client.get(
        "/trafficking/screening/", {"name": "Sergei Zhukovsky"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert page.status_code == 200
    assert 'data-testid="common-words"' in page.content.decode()


def csv_file(names: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name"])
    writer.writerows([name] for name in names)
    return buffer.getvalue().encode()


def test_bulk_shares_its_work_and_writes_one_audit_event(
    people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    surnames = ("Жуковский", "Баранов", "Лебедев", "Соколов", "Новиков", "Фёдоров")
    entities = [listed(people["rus"], f"Сергей {surname}") for surname in surnames]
    names = [f"Sergei {e.name.split()[1]}" for e in entities] * 5  # 30 rows
    names += ["Sergei Qwertyuiop", "Unknown Person"] * 5  # 40 rows in all
    before = AuditEvent.objects.count()
    # Session and party (2), the probes (1 per 200 words), names (1), entities (1),
    # the audit event (about 4): not one query per row.
    with django_assert_max_num_queries(14):
        rows = screen_names(actor=people["rus"], data=csv_file(names), filename="names.csv")
    assert AuditEvent.objects.count() == before + 1
    assert len(rows) == 40
    for row, entity in zip(rows[:6], entities, strict=True):
        assert row.best is not None
        assert row.best.entity == entity
        assert row.candidates.common_words == ["sergei"]
    assert all(not row.candidates for row in rows[30:])


@pytest.mark.parametrize("limit", [1, 2])
def test_labelled_set_keeps_its_floors_when_words_count_as_common(
    make_user: Any, settings: Any, limit: int
) -> None:
    """The labelled set again, with a limit so low that every word shared by two listed
    names is common: the narrowing by the rarer words keeps precision and recall."""
    from accord.trafficking.tests.test_screening_quality import (
        PRECISION_FLOOR,
        RECALL_FLOOR,
        load_pairs,
        measure,
    )

    settings.ACCORD_TRAFFICKING_SCREENING_COMMON_LIMIT = limit
    officer = make_user("RUS", roles=["customs_officer"])
    pairs = load_pairs()
    entities: dict[tuple[str, str], Entity] = {}
    for pair in pairs:
        key = (pair["listed"], pair["kind"])
        if key not in entities:
            entities[key] = listed(officer, pair["listed"], kind=pair["kind"])
    outcomes = []
    flagged = 0
    for pair in pairs:
        wanted = entities[(pair["listed"], pair["kind"])]
        found = screen_name(actor=officer, name=pair["query"], limit=50)
        flagged += bool(found.common_words)
        hit = any(c.entity.pk == wanted.pk and c.score >= MATCH_THRESHOLD for c in found)
        outcomes.append((pair["match"] == "1", hit))
        if hit != (pair["match"] == "1"):
            print("disagreement:", pair["query"], "/", pair["listed"], found.common_words)
    precision, recall = measure(outcomes, f"screening, common limit {limit}")
    assert flagged > 0  # the cap was exercised
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR
