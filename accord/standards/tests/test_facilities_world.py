"""A small world for facility tests (imported by the other facility test modules): an
adopted standard (built directly, so these tests do not depend on the drafting
workflow), and facility assessors of two parties.

Kept in a `test_` module so it sits with the tests it serves; it holds no tests itself.
"""

from __future__ import annotations

from typing import Any

from accord.core.models import Classification, Party, Release
from accord.standards.models import Clause, Standard, StandardVersion
from accord.standards.services import facilities as services

CLASSES = [
    {"code": "PC1", "name_en": "Class 1", "name_ru": "Класс 1"},
    {"code": "PC2", "name_en": "Class 2", "name_ru": "Класс 2"},
    {"code": "PC3", "name_en": "Class 3", "name_ru": "Класс 3"},
]
LEVELS = ("shall", "should", "may")


def build_standard(
    code: str = "TST-1", *, sections: int = 2, per_section: int = 3
) -> StandardVersion:
    """An adopted version 1 of a fictional standard: `sections` sections of
    `per_section` requirements, levels cycling shall / should / may."""
    standard = Standard.objects.create(
        owner=Party.objects.get(code="SEC"),
        classification=Classification.UNCLASSIFIED,
        release=Release.MEMBERS,
        code=code,
        title_en="Test protection standard (fictional)",
        title_ru="Тестовый стандарт защиты (вымышленный)",
        protection_classes=CLASSES,
    )
    version = StandardVersion.objects.create(
        standard=standard, number=1, stage=StandardVersion.Stage.ADOPTED, frozen=True
    )
    order = 0
    clauses = []
    for s in range(1, sections + 1):
        order += 1
        section = Clause.objects.create(
            version=version,
            kind=Clause.Kind.SECTION,
            number=str(s),
            order=order,
            title_en=f"Section {s}",
            title_ru=f"Раздел {s}",
        )
        for r in range(1, per_section + 1):
            order += 1
            clauses.append(
                Clause(
                    version=version,
                    parent=section,
                    kind=Clause.Kind.REQUIREMENT,
                    number=f"{s}.{r}",
                    order=order,
                    title_en=f"Requirement {s}.{r}",
                    title_ru=f"Требование {s}.{r}",
                    text_en=f"The operator shall do thing {s}.{r}.",
                    text_ru=f"Оператор обязан сделать {s}.{r}.",
                    normative_level=LEVELS[(r - 1) % 3],
                )
            )
    Clause.objects.bulk_create(clauses)
    return version


def next_version(
    old: StandardVersion, *, change: str = "", remove: str = "", add: bool = False
) -> StandardVersion:
    """Version n+1 copied from `old` (uids kept), adopted; optionally the requirement
    numbered `change` gets a new text, `remove` is left out, and one requirement is added."""
    new = StandardVersion.objects.create(
        standard=old.standard,
        number=old.number + 1,
        stage=StandardVersion.Stage.ADOPTED,
        frozen=True,
        previous=old,
    )
    sections: dict[int, Clause] = {}
    for clause in old.clauses.order_by("order", "id"):
        if clause.number == remove:
            continue
        copy = Clause(
            version=new,
            kind=clause.kind,
            number=clause.number,
            order=clause.order,
            uid=clause.uid,
            title_en=clause.title_en,
            title_ru=clause.title_ru,
            text_en=clause.text_en + (" Now also at night." if clause.number == change else ""),
            text_ru=clause.text_ru,
            normative_level=clause.normative_level,
            parent=sections.get(clause.parent_id or 0),
        )
        copy.save()
        if clause.kind == Clause.Kind.SECTION:
            sections[clause.pk] = copy
    if add:
        first = next(iter(sections.values()))
        Clause.objects.create(
            version=new,
            parent=first,
            kind=Clause.Kind.REQUIREMENT,
            number="1.99",
            order=999,
            title_en="New requirement",
            text_en="The operator shall also do a new thing.",
            normative_level="shall",
        )
    return new


def answer_all(actor: Any, assessment: Any, status: str = "implemented", maturity: int = 3) -> None:
    """Answer every unanswered requirement of `assessment` with `status`."""
    answered = set(assessment.answers.values_list("clause_id", flat=True))
    for clause in services.requirements_of(assessment.standard_version_id):
        if clause.pk in answered:
            continue
        services.answer_save(
            actor=actor,
            assessment=assessment,
            clause=clause,
            status=status,
            maturity=maturity,
            justification="Not on this site." if status == "not_applicable" else "",
        )


def make_people(make_user: Any) -> dict[str, Any]:
    """Facility assessors of Russia and Kazakhstan, a Russian user without the role, a
    Russian assessor cleared below CONFIDENTIAL, and a Secretariat officer."""
    return {
        "rus": make_user("RUS", roles=["facility_assessor"], username="rus.assessor"),
        "rus_plain": make_user("RUS", roles=["legal_adviser"], username="rus.plain"),
        "rus_low": make_user(
            "RUS",
            clearance=Classification.RESTRICTED,
            roles=["facility_assessor"],
            username="rus.low",
        ),
        "kaz": make_user("KAZ", roles=["facility_assessor"], username="kaz.assessor"),
        "sec": make_user("SEC", roles=["secretariat_officer"], username="sec.officer"),
    }


def register_facility(actor: Any, name: str = "Northern Power Station (fictional)") -> Any:
    return services.facility_register(
        actor=actor,
        name=name,
        sector="energy",
        protection_class="PC2",
        region="North",
        country="RUS",
    )
