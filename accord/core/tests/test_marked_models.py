"""The access meta-test: every real marked model, every release kind and classification,
users of several parties and clearances, against the oracle of `rule.py`.

For each model (built by its builder in `marked.py`; a model without one fails here):
`visible_to` and `can_see` agree with the rule as written; the detail page and the API
detail of a visible record answer 200 with its text, a hidden record and a missing id the
same 404; and no page or API answer a user reaches without an id — lists, searches,
counts, exports, dashboards, correlation, notifications, the audit trail — nor the detail
page of any record the user does see, carries the distinctive marker of a record hidden
from that user.

The world is built once for the module, inside a transaction rolled back at its end.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from accord.core.access import can_see
from accord.core.models import Classification, Party, Release
from accord.core.tests.marked import (
    BUILDERS,
    LISTED,
    OWNER,
    body_text,
    mark,
    named_patterns,
    parties,
    real_marked_models,
    same_404,
)
from accord.core.tests.rule import rule_as_written

CLASSIFICATIONS = [Classification.RESTRICTED, Classification.CONFIDENTIAL, Classification.SECRET]
STATE_ROLES = [
    "legal_adviser",
    "lead_reviewer",
    "customs_officer",
    "standards_editor",
    "facility_assessor",
]
# name: (party, clearance, roles). The owner's party at full and at low clearance, the
# listed member, an unlisted member, the joint procedures' participant, the Secretariat
# (not its auditors, who read the whole audit trail by design), the observer.
VIEWERS: dict[str, tuple[str, int, list[str]]] = {
    "owner": (OWNER, Classification.SECRET, STATE_ROLES),
    "owner_low": (OWNER, Classification.UNCLASSIFIED, STATE_ROLES),
    "listed": (LISTED, Classification.CONFIDENTIAL, STATE_ROLES),
    "member": ("ARM", Classification.CONFIDENTIAL, STATE_ROLES),
    "participant": ("BLR", Classification.CONFIDENTIAL, STATE_ROLES),
    "secretariat": (
        "SEC",
        Classification.CONFIDENTIAL,
        ["secretariat_officer", "standards_editor"],
    ),
    "observer": ("IRN", Classification.CONFIDENTIAL, ["legal_adviser", "customs_officer"]),
}
MISSING_PK = 987_654_321


class Record:
    def __init__(self, label: str, obj: Any, marker: str, participants: frozenset[str]) -> None:
        self.label, self.obj, self.marker, self.participants = label, obj, marker, participants

    def expected(self, user: Any) -> bool:
        all_parties = parties()
        obj = self.obj
        return rule_as_written(
            user_party=user.party,
            user_active=user.is_active,
            clearance=user.clearance,
            owner=obj.owner,
            classification=obj.classification,
            release=obj.release,
            listed=list(obj.released_to.all()),
            participants=[all_parties[code] for code in self.participants],
        )

    def __repr__(self) -> str:
        obj = self.obj
        return f"{self.label}#{obj.pk}({obj.release}, {obj.classification}, {self.marker})"


class World:
    def __init__(self) -> None:
        from accord.accounts.services import user_create

        self.users = {
            name: user_create(
                actor=None,
                username=f"meta.{name}",
                party=Party.objects.get(code=code),
                clearance=clearance,
                roles=roles,
            )
            for name, (code, clearance, roles) in VIEWERS.items()
        }
        all_parties = parties()
        self.records: dict[str, list[Record]] = {}
        for index, (label, builder) in enumerate(BUILDERS.items()):
            rows = []
            for r, release in enumerate(Release.values):
                for c, classification in enumerate(CLASSIFICATIONS):
                    marker = f"zq{index:02d}{r}{c}x"
                    obj, participants = builder.build(self.users["owner"], marker)
                    # LISTED names the listed member; any other release names the observer,
                    # whom it must not let in.
                    listed = [all_parties[LISTED if release == Release.LISTED else "IRN"]]
                    mark(obj, classification=classification, release=release, listed=listed)
                    rows.append(Record(label, obj, marker, participants))
            self.records[label] = rows

    def all_records(self) -> Iterator[Record]:
        return itertools.chain.from_iterable(self.records.values())

    def hidden_markers(self, user: Any) -> dict[str, Record]:
        return {r.marker: r for r in self.all_records() if not r.expected(user)}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield World()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- The registry is complete ----------------------------------------------------------------


def test_every_marked_model_has_a_builder() -> None:
    labels = {model._meta.label for model in real_marked_models()}
    missing = sorted(labels - set(BUILDERS))
    assert not missing, f"marked models without a builder in core/tests/marked.py: {missing}"
    assert set(BUILDERS) <= labels, sorted(set(BUILDERS) - labels)
    # The meta-test covers the models that widen the rule for participants.
    assert {"law.BilateralAgreement", "expertise.Review", "trafficking.TracingRequest"} <= labels


# --- visible_to and can_see ------------------------------------------------------------------


@pytest.mark.parametrize("label", list(BUILDERS))
def test_visible_to_and_can_see_follow_the_rule(world: World, db: Any, label: str) -> None:
    records = world.records[label]
    model = type(records[0].obj)
    ids = [r.obj.pk for r in records]
    for name, user in world.users.items():
        expected = {r.obj.pk for r in records if r.expected(user)}
        got = set(model.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        assert got == expected, (label, name, sorted(got ^ expected))
        for record in records:
            assert can_see(user, record.obj) == (record.obj.pk in expected), (name, record)
    # The matrix is not trivial: the owner sees all, its low clearance nothing, every
    # other viewer some records and not others.
    for name, user in world.users.items():
        seen = sum(r.expected(user) for r in records)
        bounds = {"owner": len(records), "owner_low": 0}
        assert seen == bounds[name] if name in bounds else 0 < seen < len(records), (name, seen)


# --- Detail page and API detail -------------------------------------------------------------


@pytest.mark.parametrize("label", [label for label, b in BUILDERS.items() if b.page or b.api])
def test_detail_answers_by_the_rule(
    world: World, db: Any, client: Any, api_client: Any, label: str
) -> None:
    builder = BUILDERS[label]
    records = world.records[label]
    for name, user in world.users.items():
        client.force_login(user)
        api = api_client(user)
        targets = [(client, builder.page), (api, builder.api)]
        for http, url_name in targets:
            if url_name is None:
                continue
            missing = http.get(reverse(url_name, args=[MISSING_PK]))
            assert missing.status_code == 404, (url_name, name)
            # The boundary (clearance equal to the classification) is in the matrix above.
            for record in records:
                if record.obj.classification == Classification.CONFIDENTIAL:
                    continue
                response = http.get(reverse(url_name, args=[record.obj.pk]))
                if record.expected(user):
                    assert response.status_code == 200, (url_name, name, record)
                    assert record.marker in body_text(response), (url_name, name, record)
                else:
                    assert same_404(response, missing), (url_name, name, record)


# --- Everything else a user reaches ----------------------------------------------------------


# URL arguments that are not record ids: every value a page takes.
def _slug_values() -> dict[str, list[str]]:
    from accord.trafficking.exports import TABLE_CODES

    return {"slug": ["expertise", "trafficking", "standards", "law"], "code": [*TABLE_CODES, "all"]}


SKIPPED = {"accounts:sign-out", "api:schema", "api:docs", "set_language"}


def reachable_without_an_id() -> list[tuple[str, str]]:
    """(name, url) of every named URL that takes no record id, each slug/code filled in."""
    values = _slug_values()
    found = []
    for name, pattern in named_patterns():
        if name in SKIPPED or name.startswith("dossier"):
            continue
        groups = list(pattern.pattern.regex.groupindex)
        if not groups:
            found.append((name, reverse(name)))
        elif groups == ["code"] and name.startswith("trafficking"):
            found += [(name, reverse(name, kwargs={"code": v})) for v in values["code"]]
        elif groups == ["slug"]:
            found += [(name, reverse(name, kwargs={"slug": v})) for v in values["slug"]]
    return found


# The audit trail shows a party's users every event of their party (core/selectors.py
# `audit_events_visible_to`), whatever the record's classification: a user of the owner
# party below a record's classification reads its title there (reported to the lead).
AUDIT_VIEWS = {"core:home", "core:audit", "api:audit-events"}


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_no_list_search_export_or_dashboard_shows_a_hidden_record(
    world: World, db: Any, client: Any, api_client: Any, viewer: str
) -> None:
    user = world.users[viewer]
    hidden = world.hidden_markers(user)
    assert bool(hidden) == (viewer != "owner")
    not_own = {m: r for m, r in hidden.items() if r.obj.owner_id != user.party_id}
    client.force_login(user)
    api = api_client(user)
    answered = 0
    for name, url in reachable_without_an_id():
        http = api if url.startswith("/api/") else client
        # Lists are searched too, for a prefix every marker shares.
        queries = [""] if "export" in name else ["", "?q=zq&search=zq"]
        for query in queries:
            response = http.get(url + query)
            assert response.status_code < 500, (name, url, response.status_code)
            answered += response.status_code == 200
            text = body_text(response)
            markers = not_own if name in AUDIT_VIEWS else hidden
            shown = [repr(markers[m]) for m in markers if m in text]
            assert not shown, (viewer, name, url + query, shown)
    assert answered > 40
    # The detail pages of the records the user sees show nothing of those they do not.
    for record in world.all_records():
        builder = BUILDERS[record.label]
        if (
            not record.expected(user)
            or builder.page is None
            or record.obj.classification != Classification.RESTRICTED
        ):
            continue
        text = body_text(client.get(reverse(builder.page, args=[record.obj.pk])))
        shown = [repr(hidden[m]) for m in hidden if m in text]
        assert not shown, (viewer, record, shown)
