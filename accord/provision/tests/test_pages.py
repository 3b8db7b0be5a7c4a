"""The pages: the desk, a requirement and its commitments, the chain on one page with its
timeline, the step forms, in English and Russian; and the demo, safe to run twice."""

from __future__ import annotations

import io

from django.urls import reverse

from accord.core.tests.queries import assert_flat
from accord.provision import services
from accord.provision.models import Commitment, Discrepancy, Requirement, RetransferRequest, Return
from accord.provision.tests.world import TODAY


def test_the_chain_on_one_page_in_both_languages(world, client):
    world.clear()
    commitment = world.authorise(world.commit())
    consignment = world.deliver(commitment, ["S-1", "S-2"])
    services.inspection_record(
        actor=world.kaz, consignment=consignment, inspected_on=TODAY, received_serials=["S-1"]
    )
    client.force_login(world.kaz)
    page = client.get(reverse("provision:commitment-detail", args=[commitment.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Only under human control." in body and 'data-testid="timeline"' in body
    assert "provision.inspection.record" in body and 'data-testid="sign"' in body
    russian = client.get(
        reverse("provision:commitment-detail", args=[commitment.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert "Приёмочный осмотр" in russian.content.decode()
    desk = client.get(reverse("provision:index"))
    assert consignment.reference in desk.content.decode()
    client.force_login(world.arm)
    hidden = client.get(reverse("provision:commitment-detail", args=[commitment.pk]))
    assert hidden.status_code == 404


def test_forms_run_the_services_and_show_refusals(world, client):
    client.force_login(world.sec)
    new = reverse("provision:requirement-new")
    assert client.get(new).status_code == 200
    bad = client.post(new, {"capability": ""})
    assert bad.status_code == 400
    made = client.post(
        new,
        {
            "capability": "From the page",
            "quantity": 2,
            "needed_by": "2026-12-01",
            "receiving_parties": [world.requirement.receiving_parties.get().pk],
            "classification": 1,
            "release": "members",
        },
    )
    requirement = Requirement.objects.get(capability="From the page")
    assert made.status_code == 302 and made["Location"].endswith(f"/{requirement.pk}/")
    client.force_login(world.rus)
    form = client.get(reverse("provision:requirement-commit", args=[requirement.pk]))
    assert form.status_code == 200 and 'name="system_version"' in form.content.decode()
    commit = client.post(
        reverse("provision:requirement-commit", args=[requirement.pk]),
        {
            "system_version": world.version.pk,
            "quantity": 1,
            "terms": "loan",
            "classification": 1,
            "release": "listed",
        },
    )
    commitment = Commitment.objects.get(requirement=requirement)
    assert commit.status_code == 302
    client.force_login(world.rus_legal)
    gate = client.post(reverse("provision:commitment-gate", args=[commitment.pk]), follow=True)
    assert "no concluded joint review" in gate.content.decode()
    commitment.refresh_from_db()
    assert commitment.state == "gate_refused"
    refused = client.post(
        reverse("provision:commitment-consignment", args=[commitment.pk]),
        {"reference": "X", "dispatched_on": "2026-06-01"},
    )
    assert refused.status_code == 400 and 'data-testid="form-errors"' in refused.content.decode()
    client.force_login(world.kaz)
    assert client.get(reverse("provision:requirement-new")).status_code == 403


def test_requirement_list_stays_flat(world, client):
    client.force_login(world.sec)
    count = iter(range(100))

    def grow() -> None:
        for _ in range(3):
            services.requirement_create(
                actor=world.sec,
                capability=f"Cap {next(count)}",
                quantity=1,
                needed_by=TODAY,
                receiving_parties=[world.requirement.receiving_parties.get()],
                release="members",
            )

    assert_flat(
        lambda: client.get(reverse("provision:requirement-list")),
        grow,
        rows=lambda r: r.content.decode().count('data-testid="requirement-'),
        at_most=30,
    )


def test_demo_is_safe_to_run_twice(db):
    from accord.accounts import demo as accounts_demo
    from accord.expertise import demo as expertise_demo
    from accord.provision import demo

    accounts_demo.load(io.StringIO())
    expertise_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        Requirement.objects.count(),
        Commitment.objects.count(),
        Return.objects.count(),
        RetransferRequest.objects.count(),
    )
    assert counts == (2, 4, 3, 1)
    assert Commitment.objects.filter(state="gate_refused").count() == 1
    assert Discrepancy.objects.filter(kind="shortage").count() == 1
    assert Discrepancy.objects.filter(kind="documentation").count() == 1
    from accord.provision.models import Disposal

    assert list(Disposal.objects.values_list("kind", "serials")) == [("return", ["K7-0102"])]
    unroca = {r.owner.code: r.rows for r in Return.objects.filter(kind="unroca")}
    assert [row["counterpart"] for row in unroca["RUS"]] == ["KAZ"]  # not the owned one
    demo.load(io.StringIO())
    assert counts == (
        Requirement.objects.count(),
        Commitment.objects.count(),
        Return.objects.count(),
        RetransferRequest.objects.count(),
    )


def test_the_overview_counts_what_the_secretariat_may_not_see_in_detail(world, client):
    from accord.core.models import Release
    from accord.provision import selectors

    world.commit(
        quantity=4, price_basis="Hidden basis zqhidden", release=Release.OWNER, released_to=[]
    )
    world.commit(quantity=3)
    row = next(
        r for r in selectors.overview(actor=world.sec) if r["requirement"] == world.requirement
    )
    assert (row["commitments"], row["committed"], row["delivered"]) == (2, 7, 0)
    assert selectors.commitment_list(actor=world.sec).count() == 1
    client.force_login(world.sec)
    page = client.get(reverse("provision:index")).content.decode()
    assert 'data-testid="provision-overview"' in page and "zqhidden" not in page
