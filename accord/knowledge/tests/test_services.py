"""The services: who may write, what is validated, the audit trail and the version."""

from __future__ import annotations

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.knowledge import services
from accord.knowledge.models import Record

EDITOR = ["secretariat_officer"]


def test_create_records_an_event_and_releases(make_user, party):
    owner = make_user("RUS", roles=EDITOR)
    record = services.record_create(
        actor=owner, title_en="First", release=Release.LISTED, released_to=[party("KAZ")]
    )
    assert record.owner.code == "RUS" and record.version == 1
    assert [p.code for p in record.released_to.all()] == ["KAZ"]
    event = AuditEvent.objects.get(action="knowledge.record.create")
    assert event.object_id == str(record.pk)


def test_create_is_refused_without_a_role_and_writes_nothing(make_user):
    with pytest.raises(PermissionDenied):
        services.record_create(actor=make_user("RUS"), title_en="No")
    assert not Record.objects.exists()
    assert not AuditEvent.objects.filter(action="knowledge.record.create").exists()


def test_create_validates(make_user):
    owner = make_user("RUS", roles=EDITOR, clearance=Classification.RESTRICTED)
    with pytest.raises(ValidationFailed):
        services.record_create(actor=owner, title_en="")
    with pytest.raises(ValidationFailed):  # above the actor's clearance
        services.record_create(actor=owner, title_en="X", classification=Classification.SECRET)
    with pytest.raises(ValidationFailed):
        services.record_create(actor=owner, title_en="X", unknown="y")
    assert not Record.objects.exists()


def test_update_checks_owner_visibility_and_version(make_user):
    owner = make_user("RUS", roles=EDITOR)
    record = services.record_create(actor=owner, title_en="Draft", release=Release.MEMBERS)
    updated = services.record_update(actor=owner, record=record, version=1, title_en="Final")
    assert (updated.title_en, updated.version) == ("Final", 2)
    assert AuditEvent.objects.filter(action="knowledge.record.update").count() == 1

    with pytest.raises(Conflict):
        services.record_update(actor=owner, record=record, version=1, title_en="Stale")
    other_editor = make_user("KAZ", roles=EDITOR)
    with pytest.raises(PermissionDenied):  # sees it (members) but does not own it
        services.record_update(actor=other_editor, record=record, version=2, title_en="No")
    observer = make_user("IRN", roles=EDITOR)
    with pytest.raises(NotFound):  # an observer does not see a members-only record
        services.record_update(actor=observer, record=record, version=2, title_en="No")
    record.refresh_from_db()
    assert (record.title_en, record.version) == ("Final", 2)


def test_demo_is_safe_to_run_twice(db):
    import io

    from accord.accounts import demo as accounts_demo
    from accord.knowledge import demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    first = Record.objects.count()
    demo.load(io.StringIO())
    assert first == len(demo.RECORDS) == Record.objects.count()
