"""The whole-programme JSON export re-imports: replayed through the services, the same
programme comes out (figures, shares, parts, conversions); a broken file stores nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from accord.core.errors import ValidationFailed
from accord.programmes import services
from accord.programmes.interchange import export_programme, import_programme
from accord.programmes.models import Programme
from accord.programmes.tests.conftest import financed


def _comparable(data):
    data = {**data, "programme": {**data["programme"]}}
    data["programme"].pop("identifier")
    data["steps"] = [
        {k: v for k, v in s.items() if k not in ("signed_at", "signed_by")} for s in data["steps"]
    ]
    return data


def test_the_demo_programme_round_trips(db):
    from accord.accounts import demo as accounts_demo
    from accord.accounts.models import User
    from accord.programmes import demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    original = Programme.objects.get(identifier=demo.IDENTIFIER)
    data = export_programme(original)
    officer = User.objects.get(username="sec.officer")
    copy = import_programme(actor=officer, data=data, identifier="COPY-1")
    again = export_programme(copy)
    assert _comparable(again) == _comparable(data)
    assert len(data["contributions"]) == 5 and len(data["evm"]) == 6


def test_the_api_exports_and_imports(officer, api_client, party):
    programme = financed(officer)
    services.rate_set(
        actor=officer, currency="KZT", quote="RUB", rate_date=dt.date(2026, 1, 1), rate="0.18"
    )
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("KAZ"),
        kind="cash",
        amount="1000.00",
        currency="KZT",
        value_date=dt.date(2026, 2, 1),
    )
    client = api_client(officer)
    data = client.get(reverse("programmes-api:programme-json", kwargs={"pk": programme.pk})).json()
    made = client.post(
        reverse("programmes-api:programme-import") + "?identifier=COPY-2", data, format="json"
    )
    assert made.status_code == 201, made.json()
    copy = Programme.objects.get(identifier="COPY-2")
    assert copy.contributions.get().converted == programme.contributions.get().converted
    broken = {**data, "keys": [{"basis": "fixed"}]}
    refused = client.post(
        reverse("programmes-api:programme-import") + "?identifier=COPY-3", broken, format="json"
    )
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert not Programme.objects.filter(identifier="COPY-3").exists()


def test_a_foreign_file_is_refused(officer):
    with pytest.raises(ValidationFailed):
        import_programme(actor=officer, data={"format": "other"})
    assert not Programme.objects.exists()
