"""The API through HTTP: model acts (create, provisions, stages with four eyes), the
matrix (a state saves its own column; as at a date), national acts, and the refusals'
answers (400 naming the field, 403, 404, 409)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from accord.core.models import Classification, Release
from accord.core.tests.queries import assert_flat, rows_of
from accord.legislation import services
from accord.legislation.tests.conftest import DRAFTER

STATE = ["parliamentary_officer"]


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"legislation-api:{name}", kwargs=kwargs)


def test_an_act_from_draft_to_adoption(make_user, api_client):
    first, second = (
        api_client(make_user("SEC", roles=DRAFTER)),
        api_client(make_user("SEC", roles=DRAFTER)),
    )
    created = first.post(
        url("act-list"),
        {"number": "15-3", "title_en": "Model law", "release": "public", "classification": 0},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    bad = first.post(url("act-provisions", pk=pk), {"eid": "Art 1"}, format="json")
    assert bad.status_code == 400 and "eid" in bad.json()["errors"]
    for eid in ("art_1", "art_1__para_1"):
        ok = first.post(url("act-provisions", pk=pk), {"eid": eid, "text_en": eid}, format="json")
        assert ok.status_code == 200, ok.json()
    assert first.post(url("act-versions", pk=pk), {"note": "2nd"}, format="json").status_code == 201
    detail = first.get(url("act-detail", pk=pk)).json()
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    assert [p["eid"] for p in detail["versions"][1]["provisions"]] == ["art_1", "art_1__para_1"]

    def step(client: Any, action: str, version: int) -> Any:
        return client.post(
            url("act-transition", pk=pk), {"action": action, "version": version}, format="json"
        )

    assert step(first, "adopt", 1).status_code == 409  # not in commission
    assert step(first, "to_commission", 1).status_code == 200
    assert step(first, "propose", 2).status_code == 200
    assert step(first, "adopt", 3).status_code == 409  # the proposer cannot confirm
    assert step(second, "adopt", 2).status_code == 409  # stale version
    assert step(second, "fly", 3).status_code == 400
    adopted = step(second, "adopt", 3)
    assert adopted.status_code == 200 and adopted.json()["stage"] == "adopted"


def test_matrix_through_the_api(act, make_user, api_client):
    rus = api_client(make_user("RUS", roles=STATE))
    saved = rus.post(
        url("act-matrix", pk=act.pk),
        {
            "provision_eid": "art_1",
            "status": "transposed",
            "enacted_on": "2025-06-01",
            "in_force_on": "2026-06-01",
        },
        format="json",
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["state"] == "RUS" and saved.json()["version"] == 1
    stale = rus.post(
        url("act-matrix", pk=act.pk),
        {"provision_eid": "art_1", "status": "partially", "version": 5},
        format="json",
    )
    assert stale.status_code == 409
    bad = rus.post(
        url("act-matrix", pk=act.pk),
        {"provision_eid": "art_1", "status": "maybe", "version": 1},
        format="json",
    )
    assert bad.status_code == 400 and "status" in bad.json()["errors"]
    secretariat = api_client(make_user("SEC", roles=DRAFTER))
    refused = secretariat.post(
        url("act-matrix", pk=act.pk), {"provision_eid": "art_1", "status": "unknown"}, format="json"
    )
    assert refused.status_code == 403
    matrix = secretariat.get(url("act-matrix", pk=act.pk)).json()
    assert [c["state"] for c in matrix["cells"]] == ["RUS"]
    early = secretariat.get(url("act-matrix", pk=act.pk), {"at": "2026-01-01"}).json()
    assert early["as_at"]["art_1/RUS"] == "enacted_not_in_force"
    assert secretariat.get(url("act-matrix", pk=act.pk), {"at": "soon"}).status_code == 400
    cell = secretariat.get(url("cell-detail", pk=saved.json()["id"])).json()
    assert [e["action"] for e in cell["history"]] == ["legislation.cell.create"]


def test_national_acts_api(make_user, api_client):
    rus = api_client(make_user("RUS", roles=STATE))
    created = rus.post(
        url("national-list"),
        {
            "kind": "law",
            "title": "О правовой проверке новых видов оружия",
            "enacted_on": "2025-03-01",
            "in_force_on": "2026-01-01",
            "release": "public",
            "classification": 0,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    bad = rus.patch(
        url("national-detail", pk=pk), {"version": 1, "in_force_on": "2020-01-01"}, format="json"
    )
    assert bad.status_code == 400 and "in_force_on" in bad.json()["errors"]
    kaz = api_client(make_user("KAZ", roles=STATE))
    assert kaz.get(url("national-detail", pk=pk)).status_code == 200
    assert (
        kaz.patch(url("national-detail", pk=pk), {"version": 1}, format="json").status_code == 403
    )
    in_force = kaz.get(url("national-list"), {"in_force_on": "2025-12-31"}).json()["results"]
    assert in_force == []
    in_force = kaz.get(url("national-list"), {"in_force_on": "2026-01-01"}).json()["results"]
    assert [row["id"] for row in in_force] == [pk]
    assert kaz.get(url("national-list"), {"party": "XXX"}).status_code == 400


def test_hidden_is_404_and_lists_stay_flat(drafters, make_user, api_client):
    first, _second = drafters
    hidden = services.act_create(actor=first, number="9-9", title_en="Internal")
    reader = api_client(make_user("RUS"))
    assert reader.get(url("act-detail", pk=hidden.pk)).status_code == 404
    assert reader.get(url("act-matrix", pk=hidden.pk)).status_code == 404
    assert reader.get(url("act-detail", pk=987654)).status_code == 404
    assert api_client().get(url("act-list")).status_code in (401, 403)
    count = iter(range(100, 999))

    def grow() -> None:
        for _ in range(3):
            services.act_create(
                actor=first,
                number=f"1-{next(count)}",
                title_en="Public act",
                release=Release.PUBLIC,
                classification=Classification.UNCLASSIFIED,
            )

    grow()
    assert_flat(lambda: reader.get(url("act-list")), grow, rows=rows_of, at_most=12)
    rus = make_user("RUS", roles=STATE)

    def grow_national() -> None:
        for _ in range(3):
            services.national_create(
                actor=rus,
                kind="law",
                title="Закон",
                enacted_on=dt.date(2025, 1, 1),
                release=Release.PUBLIC,
                classification=Classification.UNCLASSIFIED,
            )

    grow_national()
    assert_flat(lambda: reader.get(url("national-list")), grow_national, rows=rows_of, at_most=12)
