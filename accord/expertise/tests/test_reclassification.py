"""Raising a system's classification raises its reviews' with it: a review shows the
system's designation to its participants, so a participant no longer cleared for the
system must not read it on the review (found by the access meta-test, issue 20)."""

from django.urls import reverse

from accord.core.access import can_see
from accord.core.models import AuditEvent, Classification
from accord.expertise import services


def test_a_raised_system_takes_its_reviews_along(make_user, party, client, api_client):
    rus = make_user("RUS", clearance=Classification.SECRET, roles=["legal_adviser"])
    blr = make_user(
        "BLR", clearance=Classification.RESTRICTED, roles=["legal_adviser", "lead_reviewer"]
    )
    system = services.system_register(
        actor=rus,
        designation="Raised Zqdesignation",
        category="novel_munition",
        classification=Classification.RESTRICTED,
    )
    review = services.review_open(actor=rus, version=system.versions.get(), invited=[party("BLR")])
    assert can_see(blr, review)
    client.force_login(blr)
    assert "Zqdesignation" in client.get(reverse("expertise:review", args=[review.pk])).text

    services.system_update(
        actor=rus, system=system, version=system.version, classification=Classification.SECRET
    )
    review.refresh_from_db()
    assert review.classification == Classification.SECRET
    assert not can_see(blr, review)
    for name in ("expertise:review", "expertise:system"):
        target = review if name == "expertise:review" else system
        response = client.get(reverse(name, args=[target.pk]))
        assert response.status_code == 404 and "Zqdesignation" not in response.text
    assert "Zqdesignation" not in client.get(reverse("expertise:index")).text
    api = api_client(blr)
    assert api.get(reverse("expertise-api:review-detail", args=[review.pk])).status_code == 404
    event = AuditEvent.objects.filter(action="expertise.system.update").get()
    assert f'"reviews_reclassified":[{review.pk}]' in event.after
    # The owner still sees both; lowering the system leaves the review where it is.
    assert can_see(rus, review)
    system.refresh_from_db()
    services.system_update(
        actor=rus, system=system, version=system.version, classification=Classification.RESTRICTED
    )
    review.refresh_from_db()
    assert review.classification == Classification.SECRET
