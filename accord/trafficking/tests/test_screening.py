"""Screening: ranked candidates with features, only from what the actor may see."""

from __future__ import annotations

from typing import Any

import pytest

from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking.models import Entity
from accord.trafficking.screening import screen_name, screen_names
from accord.trafficking.services import watchlist as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user: Any, party: Any) -> dict[str, Any]:
    people = {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
        "blr": make_user("BLR", roles=["customs_officer"], username="blr.customs"),
        "irn": make_user("IRN", roles=["customs_officer"], username="irn.customs"),
        "sec": make_user("SEC", roles=["secretariat_officer"], username="sec.officer"),
        "kaz_low": make_user("KAZ", roles=["customs_officer"], clearance=Classification.RESTRICTED),
        "rus_plain": make_user("RUS", roles=[], username="rus.plain"),
    }

    def listed(name: str, *, release: str = Release.OWNER, **fields: Any) -> Entity:
        fields.setdefault("kind", Entity.Kind.PERSON)
        fields.setdefault("reason", "Fictional.")
        return services.entity_create(actor=people["rus"], name=name, release=release, **fields)

    people["own"] = listed("Сергей Иванов", aliases=["Серж Иванофф"], nationality="RUS")
    people["members"] = listed("Сергей Иванов", release=Release.MEMBERS, nationality="KAZ")
    people["listed_kaz"] = listed(
        "Sergei Ivanov", release=Release.LISTED, released_to=[party("KAZ")]
    )
    people["secret"] = listed(
        "Ivanov Sergey Petrovich", release=Release.MEMBERS, classification=Classification.SECRET
    )
    people["company"] = listed(
        "ООО «Ромашка»",
        kind=Entity.Kind.ORGANISATION,
        release=Release.MEMBERS_OBSERVERS,
        identifiers=[("tax_id", "7701 000 001")],
    )
    return people


def ids(candidates: list[Any]) -> set[int]:
    return {candidate.entity.pk for candidate in candidates}


def test_own_party_sees_its_whole_watchlist(world: dict[str, Any]) -> None:
    found = screen_name(actor=world["rus"], name="Sergey Ivanov")
    assert ids(found) == {world[k].pk for k in ("own", "members", "listed_kaz", "secret")}
    assert found[0].score == 100
    assert found[-1].entity.pk == world["secret"].pk  # the patronymic costs a little
    features = {str(f) for f in found[0].features}
    assert "same name in another script" in features or found[0].entity == world["listed_kaz"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("kaz", {"members", "listed_kaz", "secret"}),
        ("kaz_low", {"members", "listed_kaz"}),
        ("blr", {"members", "secret"}),
        ("sec", {"members", "secret"}),
        ("irn", set()),
    ],
)
def test_other_parties_screen_only_what_is_released_to_them(
    world: dict[str, Any], who: str, expected: set[str]
) -> None:
    found = screen_name(actor=world[who], name="Сергей Иванов")
    assert ids(found) == {world[k].pk for k in expected}
    assert world["own"].pk not in ids(found)


def test_identifier_not_released_is_not_found(world: dict[str, Any]) -> None:
    own = world["own"]
    services.entity_identifier_add(actor=world["rus"], entity=own, kind="passport", value="72 55")
    assert ids(screen_name(actor=world["kaz"], name="", identifiers=["7255"])) == set()
    found = screen_name(actor=world["rus"], name="", identifiers=["72-55"])
    assert ids(found) == {own.pk}
    assert [str(f) for f in found[0].features] == ["identifier"]


def test_features(world: dict[str, Any]) -> None:
    company = screen_name(actor=world["irn"], name="Romashka LLC")
    assert ids(company) == {world["company"].pk}
    assert company[0].score == 100
    assert "legal form ООО = LLC" in company[0].feature_texts
    assert "same name in another script" in company[0].feature_texts
    by_tax = screen_name(actor=world["irn"], name="Romashka JSC", identifiers=["7701000001"])
    assert "identifier" in by_tax[0].feature_texts and by_tax[0].score == 100
    reordered = screen_name(actor=world["rus"], name="IVANOFF Serzh")
    best = reordered[0]
    assert best.entity.pk == world["own"].pk
    assert {"alias", "names reordered", "same name in another script"} <= set(best.feature_texts)
    assert best.matched_name == "Серж Иванофф"
    spelling = screen_name(actor=world["rus"], name="Sergey Ivonov Petrovich")
    assert "similar spelling" in spelling[0].feature_texts


def test_filters_and_delisting(world: dict[str, Any]) -> None:
    assert ids(screen_name(actor=world["rus"], name="Ivanov Sergei", kind="vessel")) == set()
    found = screen_name(actor=world["rus"], name="Ivanov Sergei", nationality="RUS")
    members = next(c for c in found if c.entity.pk == world["members"].pk)
    assert members.score == 90 and "different nationality" in members.feature_texts
    own = world["own"]
    services.entity_delist(actor=world["rus"], entity=own, version=own.version, reason="Done.")
    assert own.pk not in ids(screen_name(actor=world["rus"], name="Сергей Иванов"))


def test_permission_and_input(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        screen_name(actor=world["rus_plain"], name="Sergey Ivanov")
    with pytest.raises(ValidationFailed):
        screen_name(actor=world["rus"], name=" -- ")
    before = AuditEvent.objects.filter(action="trafficking.screening.screen").count()
    screen_name(actor=world["rus"], name="Nobody Known")
    assert AuditEvent.objects.filter(action="trafficking.screening.screen").count() == before + 1


def test_bulk_screening_csv(world: dict[str, Any]) -> None:
    data = (
        b"name,kind,nationality,identifier\n"
        b"Sergey Ivanov,person,,\n"
        b"Romashka LLC,organisation,,\n"
        b"Nobody Known,,,\n"
        b",,,7701000001\n"
    )
    rows = screen_names(actor=world["kaz"], data=data, filename="names.csv")
    assert [r.row for r in rows] == [2, 3, 4, 5]
    assert rows[0].best is not None and rows[0].best.score == 100
    assert world["own"].pk not in ids(rows[0].candidates)
    assert rows[1].best is not None and rows[1].best.entity.pk == world["company"].pk
    assert rows[2].candidates == []
    assert rows[3].best is not None and rows[3].best.entity.pk == world["company"].pk
    assert AuditEvent.objects.filter(action="trafficking.screening.bulk").count() == 1


def test_bulk_screening_xlsx_and_bad_rows(world: dict[str, Any]) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Kind"])
    sheet.append(["ООО Ромашка", "organisation"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = screen_names(actor=world["sec"], data=buffer.getvalue(), filename="names.xlsx")
    assert rows[0].best is not None and rows[0].best.entity.pk == world["company"].pk
    with pytest.raises(ValidationFailed) as caught:
        screen_names(actor=world["sec"], data=b"name,kind\nA,dragon\n", filename="x.csv")
    assert "Row 2" in str(caught.value.errors["file"][0])
    with pytest.raises(ValidationFailed) as caught:
        screen_names(actor=world["sec"], data=b"name\nSergey\n--\n", filename="x.csv")
    assert "Row 3" in str(caught.value.errors["file"][0])
    with pytest.raises(ValidationFailed):
        screen_names(actor=world["sec"], data=b"who\nSergey\n", filename="x.csv")
    with pytest.raises(PermissionDenied):
        screen_names(actor=world["rus_plain"], data=b"name\nSergey\n", filename="x.csv")


def test_bulk_screening_refuses_a_file_too_long(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from accord.trafficking import screening

    monkeypatch.setattr(screening, "MAX_BULK_ROWS", 2)
    with pytest.raises(ValidationFailed):
        screen_names(actor=world["sec"], data=b"name\nA B\nC D\nE F\n", filename="x.csv")
