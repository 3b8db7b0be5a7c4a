"""Home, module placeholders, the audit trail pages and API; who reads which events."""

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification
from accord.core.navigation import modules
from tests.markedapp.services import dossier_create


@pytest.fixture
def activity(make_user):
    """Events by users of three parties, one about a SECRET record."""
    rus = make_user("RUS", clearance=Classification.SECRET)
    kaz = make_user("KAZ", clearance=Classification.SECRET)
    dossier_create(actor=rus, title="rus-restricted", classification=Classification.RESTRICTED)
    dossier_create(actor=rus, title="rus-secret", classification=Classification.SECRET)
    dossier_create(actor=kaz, title="kaz-restricted", classification=Classification.RESTRICTED)
    return rus, kaz


def _visible_reprs(client):
    response = client.get(reverse("core:audit"))
    assert response.status_code == 200
    return {e.object_repr for e in response.context["page"].object_list}


def test_a_user_reads_their_own_partys_events(activity, make_user, client):
    colleague = make_user("RUS", clearance=Classification.SECRET)
    client.force_login(colleague)
    reprs = _visible_reprs(client)
    assert {"rus-restricted", "rus-secret"} <= reprs
    assert "kaz-restricted" not in reprs


def test_events_about_records_above_clearance_stay_hidden(activity, make_user, client):
    client.force_login(make_user("RUS", clearance=Classification.RESTRICTED))
    reprs = _visible_reprs(client)
    assert "rus-restricted" in reprs
    assert "rus-secret" not in reprs


@pytest.mark.parametrize(("code", "sees_kaz"), [("SEC", True), ("RUS", False)])
def test_only_the_secretariats_auditors_read_the_whole_chain(
    activity, make_user, client, code, sees_kaz
):
    client.force_login(make_user(code, roles=["auditor"]))
    assert ("kaz-restricted" in _visible_reprs(client)) == sees_kaz


@pytest.mark.parametrize(("roles", "status"), [([], 403), (["auditor"], 200)])
def test_verify_is_for_auditors(activity, make_user, api_client, roles, status):
    response = api_client(make_user("RUS", roles=roles)).post(reverse("api:audit-verify"))
    assert response.status_code == status
    if status == 200:
        assert response.json()["ok"] is True
        assert AuditEvent.objects.filter(action="audit.verify").exists()


def test_a_party_auditor_is_not_told_which_foreign_event_broke(activity, make_user, api_client):
    from accord.core.tests.test_audit import tampering

    kaz_event = AuditEvent.objects.filter(actor_party_code="KAZ").order_by("id").first()
    with tampering() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [kaz_event.pk])
    rus = api_client(make_user("RUS", roles=["auditor"])).post(reverse("api:audit-verify"))
    sec = api_client(make_user("SEC", roles=["auditor"])).post(reverse("api:audit-verify"))
    assert rus.json()["ok"] is False and rus.json()["broken_event_id"] is None
    assert sec.json()["ok"] is False and sec.json()["broken_event_id"] == kaz_event.pk


def test_verify_page_reports_the_result(activity, make_user, client):
    client.force_login(make_user("SEC", roles=["auditor"]))
    response = client.post(reverse("core:audit-verify"), follow=True)
    assert "The audit chain is intact" in response.content.decode()


def test_home_shows_party_roles_and_recent_events(activity, client):
    rus, _kaz = activity
    client.force_login(rus)
    body = client.get(reverse("core:home")).content.decode()
    assert "Russian Federation" in body
    assert "rus-restricted" in body
    assert "kaz-restricted" not in body


def test_home_in_russian(activity, client):
    rus, _kaz = activity
    client.force_login(rus)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    body = client.get(reverse("core:home")).content.decode()
    assert 'lang="ru"' in body
    assert "Российская Федерация" in body
    assert "Совместная правовая экспертиза" in body


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.slug)
def test_every_module_has_a_page_that_says_whether_it_is_built(make_user, client, module):
    client.force_login(make_user("ARM"))
    response = client.get(module.url)
    assert response.status_code == 200
    if not module.built:
        assert "This module is not built yet." in response.content.decode()


def test_a_planned_module_page_says_it_is_not_built(make_user, client, monkeypatch):
    from accord.core import navigation

    registered = {k: v for k, v in navigation._registered.items() if k != "provision"}
    monkeypatch.setattr(navigation, "_registered", registered)
    client.force_login(make_user("ARM"))
    response = client.get(reverse("core:module", args=["provision"]))
    assert response.status_code == 200
    assert "This module is not built yet." in response.content.decode()


def test_unknown_module_is_404(make_user, client):
    client.force_login(make_user("ARM"))
    assert client.get(reverse("core:module", args=["weather"])).status_code == 404


def test_audit_api_lists_only_visible_events(activity, api_client):
    _rus, kaz = activity
    response = api_client(kaz).get(reverse("api:audit-events"))
    assert response.status_code == 200
    reprs = {event["object_repr"] for event in response.json()["results"]}
    assert "kaz-restricted" in reprs and "rus-restricted" not in reprs


def test_party_list_api(make_user, api_client):
    response = api_client(make_user("IRN", clearance=0)).get(reverse("api:parties"))
    body = response.json()
    codes = {p["code"]: p for p in body["results"]}
    assert set(codes) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "SEC", "IRN"}
    assert body["count"] == 8 and body["count_exact"] is True
    observers = api_client(make_user("KAZ")).get(reverse("api:parties"), {"standing": "observer"})
    assert [p["code"] for p in observers.json()["results"]] == ["IRN"]
    assert codes["IRN"]["standing"] == "observer"
    assert codes["SEC"]["kind"] == "organisation"


def test_openapi_schema_is_served(make_user, api_client):
    response = api_client(make_user("RUS")).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/tokens/" in paths and "/api/v1/audit/verify/" in paths
