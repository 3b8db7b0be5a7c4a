"""Correlation never shows another party's hidden text (issue 20's reproduction).

Russia reports an OWNER-only incident with serial "ab 7731" and a person "PETROV  ivan". A
Kazakh customs officer has two incidents of its own that share the same folded values
("AB-7731", "Petrov Ivan"). The reasons the officer is shown for linking them must read as
the officer's own incidents spell them, counted over what the officer sees; Russia still
reads its own spelling. (The page, network and API answers of the same scenario are in
test_correlation.py.) Before the fix, the text was taken from the first row holding the
value in the whole table, which was Russia's hidden one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

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


def test_the_owner_still_sees_its_own_spelling(world: dict[str, Any], officers: Any) -> None:
    """Russia's own second incident links to its hidden one with Russia's spelling."""
    again = _report(officers["rus"], serial="AB 7731", name="Ivan Petrov", release=Release.OWNER)
    links, _ = correlation.incident_links(actor=officers["rus"], incident=again)
    assert [link.incident.pk for link in links] == [world["hidden"].pk]
    reasons = {r.dimension.code: r.display for r in links[0].reasons}
    assert reasons == {"serial": HIDDEN_SERIAL, "name": HIDDEN_NAME}
