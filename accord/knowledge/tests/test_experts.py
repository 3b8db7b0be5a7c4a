"""The expert roster: nominated by a party's lessons manager, seen by default by the own
party and the Secretariat only (404 to any other party), validated by the Secretariat's
lessons manager, filtered by a domain subtree and language; bad input is a 400."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification
from accord.knowledge import selectors, services


@pytest.fixture
def people(make_user):
    return {
        code: make_user(code, clearance=Classification.SECRET, roles=["knowledge_editor"])
        for code in ("RUS", "KAZ", "SEC")
    }


@pytest.fixture
def expert(people):
    return services.expert_nominate(
        actor=people["RUS"],
        name="I. Petrov",
        position="Chief engineer",
        domains="disposal/demilitarisation; protection/counter-uas",
        languages="ru, EN",
    )


def test_the_own_party_and_the_secretariat_see_an_expert_others_get_404(
    people, expert, api_client, client
):
    assert expert.language_list == ["ru", "en"]
    for code in ("RUS", "SEC"):
        assert selectors.expert_get(actor=people[code], pk=expert.pk) == expert
        client.force_login(people[code])
        page = client.get(reverse("knowledge:expert-detail", args=[expert.pk]))
        assert page.status_code == 200 and "I. Petrov" in page.content.decode()
    with pytest.raises(NotFound):
        selectors.expert_get(actor=people["KAZ"], pk=expert.pk)
    kaz = api_client(people["KAZ"])
    assert kaz.get(reverse("knowledge-api:expert-detail", args=[expert.pk])).status_code == 404
    assert kaz.get(reverse("knowledge-api:expert-list")).json()["results"] == []
    client.force_login(people["KAZ"])
    assert "I. Petrov" not in client.get(reverse("knowledge:experts")).content.decode()


def test_validation_by_the_secretariat_only_and_once(people, expert, make_user):
    with pytest.raises(PermissionDenied):
        services.expert_validate(actor=people["RUS"], expert=expert, version=expert.version)
    with pytest.raises(PermissionDenied):  # the Secretariat, but not a lessons manager
        services.expert_validate(
            actor=make_user("SEC", roles=["secretariat_officer"]),
            expert=expert,
            version=expert.version,
        )
    expert = services.expert_validate(actor=people["SEC"], expert=expert, version=expert.version)
    assert expert.status == "validated"
    with pytest.raises(Conflict):
        services.expert_validate(actor=people["SEC"], expert=expert, version=expert.version)
    assert AuditEvent.objects.filter(action="knowledge.expert.validate").count() == 1
    with pytest.raises(PermissionDenied):  # only the nominating party sets availability
        services.expert_set_availability(
            actor=people["SEC"], expert=expert, version=expert.version, availability="limited"
        )
    expert = services.expert_set_availability(
        actor=people["RUS"], expert=expert, version=expert.version, availability="limited"
    )
    assert expert.availability == "limited"


def test_filters_and_bad_input(people, expert, api_client):
    sec = people["SEC"]
    assert list(selectors.expert_list(actor=sec, domain="disposal")) == [expert]
    assert expert.domains == ";disposal/demilitarisation;protection/counter-uas;"
    assert list(selectors.expert_list(actor=sec, domain="protection/counter-uas")) == [expert]
    assert list(selectors.expert_list(actor=sec, domain="disp")) == []
    assert list(selectors.expert_list(actor=sec, language="kk")) == []
    for bad in ({"domains": " / "}, {"languages": "russian"}, {"name": ""}):
        fields = {"name": "A", "domains": "use", "languages": "ru", **bad}
        with pytest.raises(ValidationFailed):
            services.expert_nominate(actor=people["RUS"], **fields)
    api = api_client(people["RUS"])
    created = api.post(
        reverse("knowledge-api:expert-list"),
        {"name": "A. Ivanova", "domains": "use/training", "languages": "ru"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["release"] == "listed"
    assert api.post(reverse("knowledge-api:expert-list"), {}, format="json").status_code == 400
    bad = api.get(reverse("knowledge-api:expert-list"), {"availability": "sometimes"})
    assert bad.status_code == 400
    validate = api_client(sec).post(
        reverse("knowledge-api:expert-validate", args=[expert.pk]), {}, format="json"
    )
    assert validate.status_code == 400


def test_nominate_and_validate_through_the_pages(people, client):
    client.force_login(people["RUS"])
    response = client.post(
        reverse("knowledge:expert-new"),
        {
            "name": "O. Smirnov",
            "domains": "dispose/explosives",
            "languages": "ru, en",
            "clearance": Classification.CONFIDENTIAL,
            "availability": "available",
        },
    )
    assert response.status_code == 302
    expert = selectors.expert_list(actor=people["RUS"]).get(name="O. Smirnov")
    client.force_login(people["SEC"])
    page = client.get(reverse("knowledge:expert-detail", args=[expert.pk])).content.decode()
    assert 'data-testid="expert-validate"' in page
    client.post(reverse("knowledge:expert-validate", args=[expert.pk]), {"version": expert.version})
    expert.refresh_from_db()
    assert expert.status == "validated"
