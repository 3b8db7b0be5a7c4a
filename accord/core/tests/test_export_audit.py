"""Issue 17, point 7: every file export is audited (5 of 7 export endpoints were not).

Every URL that is a file export (core/export_audit.is_file_export), downloaded as a user
who may read them all, leaves one event naming it; the trafficking table exports, which
record their own event (which tables), leave exactly that one.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accord.core.export_audit import is_file_export
from accord.core.models import AuditEvent
from accord.core.tests.marked import named_patterns


def _file_exports() -> list[tuple[str, str]]:
    from django.urls import resolve

    found = []
    for name, pattern in named_patterns():
        groups = set(pattern.pattern.regex.groupindex)
        if groups - {"code"}:
            continue  # exports of one record: through their record's pages
        kwargs = {"code": "items"} if groups else {}
        url = reverse(name, kwargs=kwargs)
        if is_file_export(resolve(url)):
            found.append((name, url))
    return found


def test_every_file_export_is_audited(client: Any, make_user: Any) -> None:
    user = make_user(
        "RUS", roles=["customs_officer", "legal_adviser", "standards_editor", "auditor"]
    )
    client.force_login(user)
    exports = _file_exports()
    assert len(exports) >= 20
    unaudited = []
    answered = 0
    for name, url in exports:
        head = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.get(url)
        if response.status_code != 200:
            continue
        answered += 1
        events = list(AuditEvent.objects.filter(id__gt=head, actor_id=user.pk))
        if len(events) != 1:
            unaudited.append((name, [e.action for e in events]))
        elif events[0].action == "export":
            assert events[0].object_id == name
    assert answered >= 20
    assert unaudited == []


def test_a_refused_export_records_nothing(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS", roles=["finance_officer"]))
    before = AuditEvent.objects.count()
    assert client.get(reverse("trafficking-api:item-export")).status_code == 403
    assert AuditEvent.objects.count() == before
