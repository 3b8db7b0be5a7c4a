"""Shared fixtures of the standards module, built through the drafting services.

- `standards_people`: "editor" (SEC standards editor), "officer" (SEC Secretariat
  officer), "rus_editor" (RUS standards editor, another party), "kaz" (KAZ facility
  assessor), "sec_plain" (SEC, no role), "observer" (IRN, no role).
- `standard`: owned by SEC, released to MEMBERS, protection classes PC1–PC3.
- `draft_version`: version 1 of it, a working draft with two sections and four
  requirements (shall, shall, should, may), the first with detection range parameters.
- `adopted_version`: the same version moved through committee draft and ballot, and
  adopted (frozen).
- `build_tree(actor, version)`: the small tree used above (returns {name: clause}).
"""

from __future__ import annotations

from typing import Any

import pytest

from accord.core.models import Classification, Release
from accord.standards.models import Clause, Standard, StandardVersion
from accord.standards.services import drafting as services

PROTECTION_CLASSES = [
    {"code": "PC1", "name_en": "Basic", "name_ru": "Базовый"},
    {"code": "PC2", "name_en": "Enhanced", "name_ru": "Повышенный"},
    {"code": "PC3", "name_en": "High", "name_ru": "Высокий"},
]


@pytest.fixture
def standards_people(make_user: Any) -> dict[str, Any]:
    return {
        "editor": make_user("SEC", roles=["standards_editor"], username="sec.std.editor"),
        "officer": make_user("SEC", roles=["secretariat_officer"], username="sec.std.officer"),
        "rus_editor": make_user("RUS", roles=["standards_editor"], username="rus.std.editor"),
        "kaz": make_user("KAZ", roles=["facility_assessor"], username="kaz.std.assessor"),
        "sec_plain": make_user("SEC", username="sec.std.plain"),
        "observer": make_user("IRN", username="irn.std.observer"),
    }


def make_standard(actor: Any, code: str = "PS-UAS 1", **fields: Any) -> Standard:
    values: dict[str, Any] = {
        "title_en": "Protection of critical facilities against uncrewed aerial systems",
        "title_ru": "Защита критически важных объектов от беспилотных авиационных систем",
        "scope_en": "Detection, delay, response and resilience (fictional test standard).",
        "scope_ru": "Обнаружение, задержка, реагирование и устойчивость (тестовый стандарт).",
        "threat_categories": ["uncrewed_aerial", "electronic_warfare"],
        "protection_classes": PROTECTION_CLASSES,
        "classification": Classification.UNCLASSIFIED,
        "release": Release.MEMBERS,
    }
    values.update(fields)
    return services.standard_create(actor=actor, code=code, **values)


def build_tree(actor: Any, version: StandardVersion) -> dict[str, Clause]:
    """Two sections, four requirements; detection range differs by protection class."""
    c: dict[str, Clause] = {}
    c["detection"] = services.clause_add(
        actor=actor,
        version=version,
        kind="section",
        number="4",
        title_en="Detection",
        title_ru="Обнаружение",
    )
    c["sensors"] = services.clause_add(
        actor=actor,
        version=version,
        kind="requirement",
        parent=c["detection"],
        title_en="Sensor coverage",
        title_ru="Охват датчиками",
        text_en="The operator shall detect an uncrewed aircraft approaching the perimeter.",
        text_ru="Оператор должен обнаруживать беспилотный аппарат, приближающийся к периметру.",
        guidance_en="Combine radar and radio-frequency sensors.",
        guidance_ru="Сочетайте радиолокационные и радиочастотные датчики.",
        normative_level="shall",
        conformity="test",
    )
    for pc, value in (("PC1", "1000"), ("PC2", "2000"), ("PC3", "3000")):
        services.parameter_set(
            actor=actor,
            clause=c["sensors"],
            name="detection_range",
            protection_class=pc,
            value=value,
            unit="m",
        )
    c["logging"] = services.clause_add(
        actor=actor,
        version=version,
        kind="requirement",
        parent=c["detection"],
        title_en="Detection log",
        text_en="Every detection shall be logged with its time and bearing.",
        text_ru="Каждое обнаружение должно регистрироваться со временем и пеленгом.",
        normative_level="shall",
        conformity="inspection",
    )
    c["response"] = services.clause_add(
        actor=actor,
        version=version,
        kind="section",
        number="5",
        title_en="Response",
        title_ru="Реагирование",
    )
    c["drills"] = services.clause_add(
        actor=actor,
        version=version,
        kind="requirement",
        parent=c["response"],
        text_en="The operator should hold a response drill every quarter.",
        text_ru="Оператору следует проводить учения по реагированию ежеквартально.",
        normative_level="should",
        conformity="document_review",
    )
    c["liaison"] = services.clause_add(
        actor=actor,
        version=version,
        kind="requirement",
        parent=c["response"],
        text_en="The operator may agree liaison procedures with the local air defence.",
        text_ru="Оператор может согласовать порядок взаимодействия с местной ПВО.",
        normative_level="may",
        conformity="document_review",
    )
    for clause in c.values():
        clause.refresh_from_db()
    return c


def adopt(actor: Any, version: StandardVersion) -> StandardVersion:
    """Working draft → committee draft → ballot → adopted, through the services."""
    services.version_set_stage(actor=actor, version=version, stage="committee_draft")
    services.version_set_stage(actor=actor, version=version, stage="ballot")
    services.version_adopt(actor=actor, version=version)
    version.refresh_from_db()
    return version


@pytest.fixture
def standard(standards_people: dict[str, Any]) -> Standard:
    return make_standard(standards_people["editor"])


@pytest.fixture
def draft_version(standards_people: dict[str, Any], standard: Standard) -> StandardVersion:
    version = standard.versions.get()
    build_tree(standards_people["editor"], version)
    return version


@pytest.fixture
def adopted_version(
    standards_people: dict[str, Any], draft_version: StandardVersion
) -> StandardVersion:
    return adopt(standards_people["editor"], draft_version)
