"""The drafting demo loads through the services, twice without change."""

from __future__ import annotations

import io

import pytest

from accord.accounts.models import User
from accord.standards.demo import drafting as demo
from accord.standards.domain.compare import compare_versions, summary
from accord.standards.models import Clause, Standard, StandardVersion
from accord.standards.oscal import catalog as oscal

pytestmark = pytest.mark.django_db


def test_demo_loads_twice():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    standard = Standard.objects.get(code=demo.CODE)
    first, second = standard.versions.order_by("number")
    assert first.stage == StandardVersion.Stage.ADOPTED and first.frozen
    assert second.stage == StandardVersion.Stage.COMMITTEE_DRAFT and second.previous == first
    requirements = first.clauses.filter(kind=Clause.Kind.REQUIREMENT)
    assert requirements.count() >= 40
    assert set(requirements.values_list("normative_level", flat=True)) == {"shall", "should", "may"}
    assert not requirements.filter(text_ru="").exists()
    counts = summary(compare_versions(first, second))
    assert counts["added"] == 1 and counts["removed"] == 1 and counts["changed"] == 3
    document = oscal.catalog_export(actor=User.objects.get(username="sec.standards"), version=first)
    assert oscal.validate(document) == []
