"""Correlation never shows another party's hidden text (issue 20's reproduction).

Russia reports an OWNER-only incident with serial "ab 7731" and a person "PETROV  ivan". A
Kazakh customs officer has two incidents of its own that share the same folded values
("AB-7731", "Petrov Ivan"). The reasons the officer is shown for linking them must read as
the officer's own incidents spell them: through the service, the incident page, the
network page and both API answers. Before the fix, the text was taken from the first row
holding the value in the whole table, which was Russia's hidden one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Release
from accord.trafficking import correlation
from accord.trafficking.services import incidents as services

pytestmark = pytest.mark.django_db

HIDDEN_SERIAL = "ab 7731"
HIDDEN_NAME = "PETROV  ivan"


def _report(actor: Any, *, serial: str, name: str, release: str) -> Any:
    return services.incident_report(
        actor=actor,
        kind="seizure",
        occurred_on=dt.date(2025, 6, 1),
        country="KAZ",
        route=[],
        items=[{"kind": "component", "serial_number": serial}],
        entities=[{"kind": "person", "name": name, "role": "courier"}],
        release=release,
    )


@pytest.fixture
def world(officers: dict[str, Any]) -> dict[str, Any]:
    # Russia's incident comes first, so it holds the lowest row ids.
    hidden = _report(officers["rus"], serial=HIDDEN_SERIAL, name=HIDDEN_NAME, release=Release.OWNER)
    first = _report(officers["kaz"], serial="AB-7731", name="Petrov Ivan", release=Release.OWNER)
    second = _report(officers["kaz"], serial="AB-7731", name="Petrov Ivan", release=Release.OWNER)
    return {"hidden": hidden, "first": first, "second": second, "kaz": officers["kaz"]}


def _assert_no_hidden_text(text: str) -> None:
    assert HIDDEN_SERIAL not in text
    assert HIDDEN_NAME not in text
    assert "PETROV" not in text


def test_link_reasons_read_the_viewers_own_spelling(world: dict[str, Any]) -> None:
    links, common = correlation.incident_links(actor=world["kaz"], incident=world["first"])
    assert [link.incident.pk for link in links] == [world["second"].pk]
    reasons = {r.dimension.code: r.display for r in links[0].reasons}
    assert reasons == {"serial": "AB-7731", "name": "Petrov Ivan"}
    # The counts are over what the viewer sees: two incidents, not three.
    assert {r.count for r in links[0].reasons} == {2}
    assert common == []


def test_network_reads_the_viewers_own_spelling(world: dict[str, Any]) -> None:
    net = correlation.network(actor=world["kaz"])
    assert {(s.dimension.code, s.display) for s in net.shared} == {
        ("serial", "AB-7731"),
        ("name", "Petrov Ivan"),
    }
    _assert_no_hidden_text(correlation.network_svg(net))


def test_pages_and_api_show_no_hidden_text(
    world: dict[str, Any], client: Any, api_client: Any
) -> None:
    client.force_login(world["kaz"])
    page = client.get(reverse("trafficking:incident", kwargs={"pk": world["first"].pk}))
    assert page.status_code == 200
    assert "AB-7731" in page.content.decode()
    _assert_no_hidden_text(page.content.decode())
    network = client.get(reverse("trafficking:correlation"))
    assert network.status_code == 200
    assert "Petrov Ivan" in network.content.decode()
    _assert_no_hidden_text(network.content.decode())

    api = api_client(world["kaz"])
    links = api.get(reverse("trafficking-api:incident-links", kwargs={"pk": world["first"].pk}))
    assert links.status_code == 200
    assert "AB-7731" in links.content.decode()
    _assert_no_hidden_text(links.content.decode())
    net = api.get(reverse("trafficking-api:correlation"))
    assert net.status_code == 200
    assert "Petrov Ivan" in net.content.decode()
    _assert_no_hidden_text(net.content.decode())


def test_the_owner_still_sees_its_own_spelling(world: dict[str, Any], officers: Any) -> None:
    """Russia's own second incident links to its hidden one with Russia's spelling."""
    again = _report(officers["rus"], serial="AB 7731", name="Ivan Petrov", release=Release.OWNER)
    links, _ = correlation.incident_links(actor=officers["rus"], incident=again)
    assert [link.incident.pk for link in links] == [world["hidden"].pk]
    reasons = {r.dimension.code: r.display for r in links[0].reasons}
    assert reasons == {"serial": HIDDEN_SERIAL, "name": HIDDEN_NAME}
