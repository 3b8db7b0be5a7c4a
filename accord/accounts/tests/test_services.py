"""Account services: who may manage users and parties, and that refusals change nothing."""

import pytest

from accord.accounts.models import User
from accord.accounts.services import role_policy_set, user_create, user_update
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification
from accord.core.services import party_update

ACTORS = [
    ("SEC", ["administrator"], True),
    ("SEC", ["auditor"], False),
    ("RUS", ["administrator"], False),
    ("RUS", [], False),
]


@pytest.mark.parametrize(("code", "roles", "allowed"), ACTORS)
def test_only_secretariat_administrators_manage_users(make_user, party, code, roles, allowed):
    actor = make_user(code, roles=roles)
    target = make_user("KAZ", clearance=Classification.RESTRICTED)
    events = AuditEvent.objects.count()
    if allowed:
        user_update(actor=actor, user=target, clearance=Classification.SECRET)
        created = user_create(actor=actor, username="new.one", party=party("BLR"))
        assert created.party.code == "BLR"
        target.refresh_from_db()
        assert target.clearance == Classification.SECRET
        assert AuditEvent.objects.count() == events + 2
    else:
        with pytest.raises(PermissionDenied):
            user_update(actor=actor, user=target, clearance=Classification.SECRET)
        with pytest.raises(PermissionDenied):
            user_create(actor=actor, username="new.one", party=party("BLR"))
        with pytest.raises(PermissionDenied):
            party_update(actor=actor, party=party("IRN"), active=False)
        with pytest.raises(PermissionDenied):
            role_policy_set(actor=actor, role="auditor", require_second_factor=True)
        target.refresh_from_db()
        assert target.clearance == Classification.RESTRICTED
        assert not User.objects.filter(username="new.one").exists()
        assert party("IRN").active
        assert AuditEvent.objects.count() == events


def test_unknown_role_is_a_validation_error(db, party):
    with pytest.raises(ValidationFailed) as error:
        user_create(actor=None, username="x", party=party("RUS"), roles=["wizard"])
    assert "roles" in error.value.errors
    assert not User.objects.filter(username="x").exists()


def test_duplicate_username_is_a_validation_error(make_user, party):
    make_user("RUS", username="same")
    with pytest.raises(ValidationFailed) as error:
        user_create(actor=None, username="same", party=party("KAZ"))
    assert "username" in error.value.errors


def test_roles_exist_as_groups_with_permissions(db):
    from django.contrib.auth.models import Group

    from accord.core.roles import Role

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    auditor = Group.objects.get(name="auditor")
    assert set(auditor.permissions.values_list("codename", flat=True)) >= {
        "view_auditevent",
        "verify_chain",
    }


def test_admin_writes_go_through_services(make_user, client, party):
    admin = make_user("SEC", roles=["administrator"])
    client.force_login(admin)
    irn = party("IRN")
    response = client.post(
        f"/admin/core/party/{irn.pk}/change/",
        {
            "name_en": "Iran",
            "name_ru": irn.name_ru,
            "kind": irn.kind,
            "standing": irn.standing,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    irn.refresh_from_db()
    assert irn.name_en == "Iran"
    event = AuditEvent.objects.get(action="party.update")
    assert event.actor_username == admin.username
    assert event.before_data["name_en"] == "Iran (Islamic Republic of)"


def test_admin_creates_a_user_through_the_service(make_user, client, party):
    client.force_login(make_user("SEC", roles=["administrator"]))
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "kgz.customs",
            "email": "",
            "first_name": "",
            "last_name": "",
            "party": party("KGZ").pk,
            "clearance": 1,
            "is_active": "on",
            "roles": ["customs_officer"],
            "new_password": "a-long-enough-pass-77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="kgz.customs")
    assert user.role_codes == {"customs_officer"}
    assert user.check_password("a-long-enough-pass-77")
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_demo_is_safe_to_run_twice(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", stdout=StringIO())
    users = User.objects.count()
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert User.objects.count() == users
    assert AuditEvent.objects.count() == events
    assert "sec.admin" in out.getvalue() and "(existing)" in out.getvalue()
