"""The facilities demo: loads after the drafting demo, through the services, twice safely."""

import io

import pytest

from accord.standards.models import Action, Assessment, Facility

pytestmark = pytest.mark.django_db


def test_demo_loads_twice(make_user):
    from accord.standards.demo import drafting, facilities

    out = io.StringIO()
    drafting.load(out)
    facilities.load(out)
    counts = (Facility.objects.count(), Assessment.objects.count(), Action.objects.count())
    facilities.load(out)
    assert (Facility.objects.count(), Assessment.objects.count(), Action.objects.count()) == counts
    assert counts[0] == 4
    states = sorted(Assessment.objects.values_list("state", flat=True))
    assert states.count("complete") == 4 and states.count("in_progress") == 1
    plant = Facility.objects.get(name__startswith="Northern Hydro")
    history = list(plant.assessments.order_by("completed_at"))
    assert history[1].previous == history[0]
    assert history[1].score > history[0].score
    assert any(a.is_overdue for a in Action.objects.all())
    # The Secretariat's dashboard shows figures: three facilities are complete.
    from accord.accounts.models import User
    from accord.standards.selectors.facilities import aggregates

    secretariat = User.objects.get(username="sec.standards")
    result = aggregates(actor=secretariat)
    assert result.across_parties and result.selected and not result.selected.suppressed
