"""Watchlist services: listing, editing (versioned), delisting, names, identifiers, import;
who may do it (a denied write changes nothing and writes no audit event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking.models import Entity, EntityIdentifier, EntityName, EntityNameToken
from accord.trafficking.services import watchlist as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "rus_plain": make_user("RUS", roles=[], username="rus.plain"),
        "rus_low": make_user(
            "RUS",
            clearance=Classification.UNCLASSIFIED,
            roles=["customs_officer"],
            username="rus.low",
        ),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
        "kaz_low": make_user(
            "KAZ",
            clearance=Classification.CONFIDENTIAL,
            roles=["customs_officer"],
            username="kaz.low",
        ),
        "blr": make_user("BLR", roles=["customs_officer"], username="blr.customs"),
        "sec": make_user("SEC", roles=["secretariat_officer"], username="sec.officer"),
        "irn": make_user("IRN", roles=["customs_officer"], username="irn.customs"),
    }


def make_entity(actor: Any, **overrides: Any) -> Entity:
    fields: dict[str, Any] = {
        "kind": Entity.Kind.PERSON,
        "name": "Сергей Иванов",
        "reason": "Fictional broker of controlled components.",
        "nationality": "rus",
        "aliases": ["Sergei Ivanov"],
        "identifiers": [("passport", "72 1234567")],
    }
    fields.update(overrides)
    return services.entity_create(actor=actor, **fields)


def test_create_indexes_every_name(officers: dict[str, Any]) -> None:
    entity = make_entity(officers["rus"])
    assert entity.owner.code == "RUS"
    assert entity.nationality == "RUS"
    names = list(entity.names.order_by("-is_primary"))
    assert [(n.name, n.script, n.is_alias, n.is_primary) for n in names] == [
        ("Сергей Иванов", "cyrillic", False, True),
        ("Sergei Ivanov", "latin", True, False),
    ]
    assert names[0].key == names[1].key == "ivanov sergei"
    assert set(EntityNameToken.objects.filter(entity=entity).values_list("token", flat=True)) == {
        "ivanov",
        "sergei",
    }
    identifier = entity.identifiers.get()
    assert identifier.value_norm == "721234567"
    assert AuditEvent.objects.filter(action="trafficking.entity.create").count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "dragon"), ("nationality", "RU"), ("reason", ""), ("name", "  ")],
)
def test_create_rejects_bad_input(officers: dict[str, Any], field: str, value: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        make_entity(officers["rus"], **{field: value})
    assert field in caught.value.errors
    assert not Entity.objects.exists()


def test_cannot_mark_above_own_clearance(officers: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        make_entity(officers["rus_low"], classification=Classification.RESTRICTED)
    assert not Entity.objects.exists()


@pytest.mark.parametrize("who", ["rus_plain", "sec_no_role"])
def test_create_needs_the_role(officers: dict[str, Any], make_user: Any, who: str) -> None:
    actor = officers.get(who) or make_user("SEC", roles=["auditor"])
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        make_entity(actor)
    assert not Entity.objects.exists()
    assert AuditEvent.objects.count() == before


# Access matrix for a change to a RUS entity, per marking: who sees (404 otherwise) and
# who may change it (only a RUS officer).
MATRIX = [
    # release, classification, actor, expected
    (Release.OWNER, Classification.RESTRICTED, "rus", "ok"),
    (Release.OWNER, Classification.RESTRICTED, "rus_plain", "denied"),
    (Release.OWNER, Classification.RESTRICTED, "rus_low", "not_found"),
    (Release.OWNER, Classification.RESTRICTED, "kaz", "not_found"),
    (Release.OWNER, Classification.RESTRICTED, "sec", "not_found"),
    (Release.MEMBERS, Classification.RESTRICTED, "kaz", "denied"),
    (Release.MEMBERS, Classification.RESTRICTED, "sec", "denied"),
    (Release.MEMBERS, Classification.RESTRICTED, "irn", "not_found"),
    (Release.MEMBERS_OBSERVERS, Classification.RESTRICTED, "irn", "denied"),
    (Release.LISTED, Classification.RESTRICTED, "kaz", "denied"),
    (Release.LISTED, Classification.RESTRICTED, "blr", "not_found"),
    (Release.MEMBERS, Classification.SECRET, "kaz_low", "not_found"),
]


@pytest.mark.parametrize(("release", "classification", "who", "expected"), MATRIX)
def test_update_access_matrix(
    officers: dict[str, Any],
    party: Any,
    release: str,
    classification: int,
    who: str,
    expected: str,
) -> None:
    entity = make_entity(
        officers["rus"],
        release=release,
        classification=classification,
        released_to=[party("KAZ")] if release == Release.LISTED else [],
    )
    events = AuditEvent.objects.count()
    errors = {"denied": PermissionDenied, "not_found": NotFound}
    operations = [
        lambda: services.entity_update(
            actor=officers[who], entity=entity, version=1, reason="Changed."
        ),
        lambda: services.entity_name_add(actor=officers[who], entity=entity, name="Serge Ivanoff"),
        lambda: services.entity_identifier_add(
            actor=officers[who], entity=entity, kind="tax_id", value="7701"
        ),
        lambda: services.entity_delist(
            actor=officers[who], entity=entity, version=entity.version, reason="Done."
        ),
    ]
    for operation in operations:
        if expected == "ok":
            operation()
            entity.refresh_from_db()
        else:
            with pytest.raises(errors[expected]):
                operation()
    entity.refresh_from_db()
    if expected != "ok":
        assert entity.version == 1
        assert entity.reason == "Fictional broker of controlled components."
        assert entity.names.count() == 2
        assert entity.identifiers.count() == 1
        assert entity.status == Entity.Status.LISTED
        assert AuditEvent.objects.count() == events
    else:
        assert entity.status == Entity.Status.DELISTED


def test_update_is_versioned_and_keeps_the_old_name(officers: dict[str, Any]) -> None:
    entity = make_entity(officers["rus"], aliases=[])
    services.entity_update(actor=officers["rus"], entity=entity, version=1, name="Sergei Ivanov")
    assert entity.version == 2
    names = {n.name: (n.is_primary, n.is_alias) for n in entity.names.all()}
    assert names == {"Sergei Ivanov": (True, False), "Сергей Иванов": (False, True)}
    with pytest.raises(Conflict):
        services.entity_update(actor=officers["rus"], entity=entity, version=1, reason="Stale.")
    entity.refresh_from_db()
    assert entity.reason == "Fictional broker of controlled components."


def test_names_and_identifiers(officers: dict[str, Any]) -> None:
    entity = make_entity(officers["rus"])
    alias = services.entity_name_add(actor=officers["rus"], entity=entity, name="Серж Иванофф")
    assert alias.script == "cyrillic"
    assert alias.tokens.count() == 2
    with pytest.raises(ValidationFailed):
        services.entity_name_add(actor=officers["rus"], entity=entity, name="серж иванофф")
    with pytest.raises(ValidationFailed):
        services.entity_name_remove(
            actor=officers["rus"], entity_name=entity.names.get(is_primary=True)
        )
    services.entity_name_remove(actor=officers["rus"], entity_name=alias)
    assert not EntityName.objects.filter(pk=alias.pk).exists()
    assert not EntityNameToken.objects.filter(entity_name_id=alias.pk).exists()
    identifier = services.entity_identifier_add(
        actor=officers["rus"], entity=entity, kind="imo", value="IMO 9123456", country="pan"
    )
    assert identifier.value_norm == "IMO9123456" and identifier.country == "PAN"
    with pytest.raises(ValidationFailed):
        services.entity_identifier_add(
            actor=officers["rus"], entity=entity, kind="imo", value="imo-9123456"
        )
    services.entity_identifier_remove(actor=officers["rus"], identifier=identifier)
    assert not EntityIdentifier.objects.filter(pk=identifier.pk).exists()


def test_delist(officers: dict[str, Any]) -> None:
    entity = make_entity(officers["rus"])
    with pytest.raises(ValidationFailed):
        services.entity_delist(actor=officers["rus"], entity=entity, version=1, reason=" ")
    services.entity_delist(
        actor=officers["rus"],
        entity=entity,
        version=1,
        reason="Court ruling.",
        delisted_on=dt.date(2026, 1, 5),
    )
    assert entity.status == Entity.Status.DELISTED and entity.delisted_on == dt.date(2026, 1, 5)
    with pytest.raises(Conflict):
        services.entity_delist(actor=officers["rus"], entity=entity, version=2, reason="Again.")
    with pytest.raises(Conflict):
        services.entity_update(actor=officers["rus"], entity=entity, version=2, reason="No.")


IMPORT_CSV = (
    "kind,name,nationality,reason,listed_on,aliases,identifiers,classification,release\n"
    "person,Олег Смирнов,RUS,Fictional courier.,2025-03-01,Oleg Smirnov,passport:45 0011223,"
    "restricted,members\n"
    "organisation,ООО «Тайга Электроникс»,RUS,Fictional front company.,,Taiga Electronics Ltd,"
    "tax_id:7701000001,,\n"
    "vessel,Капитан Белоусов,PAN,Fictional vessel.,2025-04-02,Kapitan Belousov,imo:IMO 9000001,,\n"
)


def test_import_csv(officers: dict[str, Any]) -> None:
    created = services.watchlist_import(
        actor=officers["rus"], data=IMPORT_CSV.encode(), filename="list.csv"
    )
    assert [e.kind for e in created] == ["person", "organisation", "vessel"]
    assert created[0].release == Release.MEMBERS
    assert created[0].listed_on == dt.date(2025, 3, 1)
    assert EntityName.objects.count() == 6
    assert AuditEvent.objects.filter(action="trafficking.entity.import").count() == 1


def test_import_xlsx(officers: dict[str, Any]) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kind", "name", "nationality", "reason", "listed_on"])
    sheet.append(["aircraft", "Беркут Авиа", "KGZ", "Fictional operator.", dt.date(2025, 5, 5)])
    buffer = io.BytesIO()
    book.save(buffer)
    created = services.watchlist_import(
        actor=officers["rus"], data=buffer.getvalue(), filename="list.xlsx"
    )
    assert created[0].listed_on == dt.date(2025, 5, 5)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("dragon,Смауг,RUS,Fictional.,,,,,", "Row 4"),
        ("person,Смауг,RUS,Fictional.,05/03/2025,,,,", "Row 4"),
        ("person,Смауг,RUS,Fictional.,,,pin:123,,", "Row 4"),
        ("person,Смауг,RUSSIA,Fictional.,,,,,", "Row 4"),
        ("person,Смауг,RUS,,,,,,", "Row 4"),
    ],
)
def test_import_bad_row_stores_nothing(
    officers: dict[str, Any], bad_row: str, message: str
) -> None:
    data = (IMPORT_CSV.rsplit("\n", 2)[0] + "\n" + bad_row + "\n").encode()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.watchlist_import(actor=officers["rus"], data=data, filename="list.csv")
    assert message in str(caught.value.errors["file"][0])
    assert not Entity.objects.exists()
    assert not EntityName.objects.exists()
    assert AuditEvent.objects.count() == events


def test_import_refuses_a_file_without_columns(officers: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        services.watchlist_import(actor=officers["rus"], data=b"a,b\n1,2\n", filename="x.csv")
    with pytest.raises(ValidationFailed):
        services.watchlist_import(actor=officers["rus"], data=b"\xff\xfe\x00", filename="x.csv")
    with pytest.raises(PermissionDenied):
        services.watchlist_import(
            actor=officers["rus_plain"], data=IMPORT_CSV.encode(), filename="x.csv"
        )
