"""OSCAL catalog export: valid against NIST's schema, and it imports back unchanged."""

from __future__ import annotations

import copy

import pytest

from accord.core.errors import NotFound, ValidationFailed
from accord.core.models import AuditEvent, Release
from accord.standards.models import Standard, StandardVersion
from accord.standards.oscal import catalog as oscal
from accord.standards.oscal.validation import schema
from accord.standards.tests.conftest import make_standard

pytestmark = pytest.mark.django_db


def _tree(version: StandardVersion) -> list[tuple]:
    """Everything the round trip must keep, keyed by uid (pk-free)."""
    rows = []
    for c in version.clauses.select_related("parent").prefetch_related("parameters"):
        rows.append(
            (
                c.uid,
                c.parent.uid if c.parent else None,
                c.order,
                c.kind,
                c.number,
                c.title_en,
                c.title_ru,
                c.text_en,
                c.text_ru,
                c.guidance_en,
                c.guidance_ru,
                c.normative_level,
                c.conformity,
                c.conformity_note_en,
                c.conformity_note_ru,
                sorted((p.name, p.protection_class, p.value, p.unit) for p in c.parameters.all()),
            )
        )
    return sorted(rows)


def test_schema_is_nists_catalog_schema():
    loaded = schema(oscal.SCHEMA)
    assert loaded["$id"] == "http://csrc.nist.gov/ns/oscal/1.2.0/oscal-catalog-schema.json"
    assert "oscal-catalog-oscal-catalog:control" in loaded["definitions"]


def test_export_validates(standards_people, adopted_version):
    document = oscal.catalog_export(actor=standards_people["kaz"], version=adopted_version)
    assert oscal.validate(document) == []
    catalog = document["catalog"]
    assert catalog["metadata"]["version"] == "1"
    groups = catalog["groups"]
    assert [g["title"] for g in groups] == ["Detection", "Response"]
    sensors = groups[0]["controls"][0]
    assert sensors["class"] == "requirement"
    levels = {p["name"]: p["value"] for p in sensors["props"]}
    assert levels["normative-level"] == "shall"
    assert levels["label"] == "4.1"
    assert {(p["class"], p["values"][0]) for p in sensors["params"]} == {
        ("PC1", "1000"),
        ("PC2", "2000"),
        ("PC3", "3000"),
    }
    statement = next(p for p in sensors["parts"] if p["name"] == "statement")
    assert statement["prose"].startswith("The operator shall detect")
    assert statement["parts"][0]["prose"].startswith("Оператор должен")


def test_validator_catches_a_broken_document(standards_people, adopted_version):
    document = oscal.catalog_export(actor=standards_people["kaz"], version=adopted_version)
    broken = copy.deepcopy(document)
    del broken["catalog"]["metadata"]["oscal-version"]
    broken["catalog"]["groups"][0]["controls"][0]["id"] = "4.1 bad id"
    problems = oscal.validate(broken)
    assert any("oscal-version" in p for p in problems)
    assert any(p.startswith("catalog/groups/0") for p in problems)


def test_round_trip_into_new_standard(standards_people, adopted_version):
    editor = standards_people["editor"]
    document = oscal.catalog_export(actor=editor, version=adopted_version)
    original = adopted_version.standard
    Standard.objects.filter(pk=original.pk).update(code="PS-UAS 1 (old)")
    imported = oscal.catalog_import(actor=editor, document=document)
    assert imported.standard.code == "PS-UAS 1"
    assert imported.standard.protection_classes == original.protection_classes
    assert imported.standard.threat_categories == original.threat_categories
    assert imported.standard.title_ru == original.title_ru
    assert imported.standard.scope_ru == original.scope_ru
    assert _tree(imported) == _tree(adopted_version)
    # and it exports to the same clauses again
    again = oscal.catalog_export(actor=editor, version=imported)
    assert again["catalog"]["groups"] == document["catalog"]["groups"]


def test_round_trip_into_existing_standard(standards_people, adopted_version):
    editor = standards_people["editor"]
    document = oscal.catalog_export(actor=editor, version=adopted_version)
    imported = oscal.catalog_import(
        actor=editor, document=document, standard=adopted_version.standard
    )
    assert imported.number == 2 and imported.stage == StandardVersion.Stage.WORKING_DRAFT
    assert _tree(imported) == _tree(adopted_version)
    assert AuditEvent.objects.filter(action="standards.version.import").count() == 1


def test_bad_file_leaves_nothing(standards_people, adopted_version):
    editor = standards_people["editor"]
    document = oscal.catalog_export(actor=editor, version=adopted_version)
    bad = copy.deepcopy(document)
    bad["catalog"]["groups"][1]["controls"][0]["params"] = [
        {
            "id": "p1",
            "label": "range",
            "values": ["10"],
            "props": [{"name": "protection-class", "ns": oscal.NS, "value": "PC9"}],
        }
    ]
    versions = StandardVersion.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        oscal.catalog_import(actor=editor, document=bad, standard=adopted_version.standard)
    assert "PC9" in str(exc.value.errors)
    assert StandardVersion.objects.count() == versions
    with pytest.raises(ValidationFailed):
        oscal.catalog_import(actor=editor, document={"catalog": {}})


def test_export_of_hidden_standard_is_not_found(standards_people):
    standard = make_standard(standards_people["editor"], code="PS-O", release=Release.OWNER)
    with pytest.raises(NotFound):
        oscal.catalog_export(actor=standards_people["kaz"], version=standard.versions.get())
