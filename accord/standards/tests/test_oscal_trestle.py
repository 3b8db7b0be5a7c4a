"""A second, independent check of the OSCAL exports: IBM's compliance-trestle models.

The JSON schemas in `accord/standards/oscal/schema/` were transcribed from NIST's published
files (they could not be downloaded here). Trestle's pydantic models are generated from
the same NIST schemas by a different project, so an export that both accept is OSCAL
whatever a transcription slip might have let through."""

import pytest
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog

from accord.standards.oscal import catalog as oscal
from accord.standards.oscal.assessment import export_assessment
from accord.standards.tests.test_oscal_assessment import (  # noqa: F401 - fixtures
    assessment,
    people,
    version,
)

pytestmark = pytest.mark.django_db


def test_catalog_export_is_a_trestle_catalog(standards_people, adopted_version):
    document = oscal.catalog_export(actor=standards_people["kaz"], version=adopted_version)
    catalog = Catalog.model_validate(document["catalog"])
    requirements = [c for g in catalog.groups or [] for c in g.controls or []]
    assert requirements, "the export has controls"


def test_catalog_that_trestle_rejects_is_rejected_by_ours_too(standards_people, adopted_version):
    document = oscal.catalog_export(actor=standards_people["kaz"], version=adopted_version)
    del document["catalog"]["metadata"]["title"]
    with pytest.raises(ValueError):
        Catalog.model_validate(document["catalog"])
    assert oscal.validate(document)


def test_assessment_results_export_is_trestle_assessment_results(assessment):  # noqa: F811
    document = export_assessment(assessment)
    results = AssessmentResults.model_validate(document["assessment-results"])
    assert results.results and results.results[0].findings
