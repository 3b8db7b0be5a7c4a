"""The tracing workflow through its services: each step, each side, each refusal (nothing
changed, no audit event), notifications, overdue, reminders, statistics."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Notification
from accord.core.roles import Role
from accord.trafficking.models import TracingRequest
from accord.trafficking.selectors import tracing as selectors
from accord.trafficking.services import tracing as services

S = TracingRequest.State
OFFICER = [Role.CUSTOMS_OFFICER]

ITEM = {
    "kind": "uncrewed",
    "manufacturer": "Fictional Aero",
    "model": "Sparrow-3",
    "serial_number": "SP3-000123",
    "other_markings": "Lot 7",
}


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "rus": make_user("RUS", roles=OFFICER, username="rus.customs"),
        "rus2": make_user("RUS", roles=OFFICER, username="rus.customs2"),
        "kaz": make_user("KAZ", roles=OFFICER, username="kaz.customs"),
        "arm": make_user("ARM", roles=OFFICER, username="arm.customs"),
        "kaz_plain": make_user("KAZ", roles=[], username="kaz.plain"),
        "rus_plain": make_user("RUS", roles=[Role.LEGAL_ADVISER], username="rus.plain"),
        "kaz_low": make_user("KAZ", clearance=0, roles=OFFICER, username="kaz.low"),
    }


def send(people: dict[str, Any], party: Any, **extra: Any) -> TracingRequest:
    values: dict[str, Any] = {
        "actor": people["rus"],
        "requested_party": party("KAZ"),
        "items": [ITEM],
        "circumstances": "Found in a lorry at a border crossing.",
        "grounds": "No export licence.",
        "intended_use": "Criminal investigation.",
        "legal_basis": "Article 5 of the agreement.",
        "requested_information": "Last legal holder and transfers.",
        **extra,
    }
    return services.tracing_request_send(**values)


@pytest.fixture
def sent(people: dict[str, Any], party: Any) -> TracingRequest:
    return send(people, party)


def events() -> int:
    return AuditEvent.objects.count()


def test_send_creates_request_with_reference_due_date_and_notifies(
    people, party, settings, time_machine
):
    # A second before midnight on New Year's Eve, the clock stopped: "today" and the year
    # read by the test are those the service read (a ticking clock could cross midnight).
    time_machine.move_to(dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=dt.UTC), tick=False)
    settings.ACCORD_TRACING_DUE_DAYS = 20
    request = send(people, party)
    assert request.state == S.SENT
    assert request.reference.startswith(f"TR-{timezone.localdate().year}-RUS-")
    assert request.due_date == timezone.localdate() + dt.timedelta(days=20)
    assert [i.serial_number for i in request.items.all()] == ["SP3-000123"]
    assert AuditEvent.objects.filter(action="trafficking.tracing.send").count() == 1
    received = Notification.objects.filter(kind="trafficking.tracing.received")
    # The requested party's officers cleared to open it: not its users without the role,
    # nor its officer below the marking, nor the sender's.
    assert {n.recipient.username for n in received} == {"kaz.customs"}
    assert request.reference in received[0].message_en
    assert request.reference in received[0].message_ru
    second = send(people, party)
    assert second.reference != request.reference


def test_whole_workflow_notifies_each_other_side(people, sent):
    kaz, rus = people["kaz"], people["rus"]
    services.tracing_request_acknowledge(actor=kaz, request=sent)
    assert Notification.objects.filter(
        kind="trafficking.tracing.acknowledged", recipient=rus
    ).exists()
    services.tracing_request_answer(
        actor=kaz,
        request=sent,
        outcome="full",
        answer="Exported under licence 12/2021 to a company in a third state.",
        last_legal_holder="Fictional Trading LLC",
        transfers=[
            {
                "date": "2021-03-01",
                "from_holder": "Fictional Aero",
                "to_holder": "Fictional Trading LLC",
                "document_reference": "EL-12/2021",
            },
            {"date": "", "from_holder": "", "to_holder": "", "document_reference": ""},
        ],
    )
    assert Notification.objects.filter(kind="trafficking.tracing.answered", recipient=rus).exists()
    services.tracing_request_close(actor=rus, request=sent)
    assert Notification.objects.filter(kind="trafficking.tracing.closed", recipient=kaz).exists()
    sent.refresh_from_db()
    assert sent.state == S.CLOSED
    assert sent.outcome == "full"
    assert sent.acknowledged_at and sent.answered_at and sent.closed_at
    assert [t.to_holder for t in sent.transfers.all()] == ["Fictional Trading LLC"]
    actions = list(
        AuditEvent.objects.filter(object_id=str(sent.pk), action__startswith="trafficking.tracing")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "trafficking.tracing.send",
        "trafficking.tracing.acknowledged",
        "trafficking.tracing.answered",
        "trafficking.tracing.closed",
    ]
    timeline = [step.label for step in selectors.tracing_timeline(sent)]
    assert timeline[0] == "Sent" and timeline[-1] == "Closed"


def test_answer_cannot_trace_straight_from_sent_acknowledges_too(people, sent):
    services.tracing_request_answer(
        actor=people["kaz"], request=sent, outcome="cannot_trace", answer="No record."
    )
    sent.refresh_from_db()
    assert sent.state == S.ANSWERED and sent.acknowledged_at == sent.answered_at


def test_withdraw_by_requesting_side(people, sent):
    services.tracing_request_withdraw(actor=people["rus2"], request=sent, reason="Item released.")
    sent.refresh_from_db()
    assert sent.state == S.WITHDRAWN and sent.withdrawal_reason == "Item released."
    assert Notification.objects.filter(
        kind="trafficking.tracing.withdrawn", recipient=people["kaz"]
    ).exists()
    with pytest.raises(Conflict):
        services.tracing_request_acknowledge(actor=people["kaz"], request=sent)


def _attempts(people):
    return {
        "acknowledge": lambda who, r: services.tracing_request_acknowledge(actor=who, request=r),
        "answer": lambda who, r: services.tracing_request_answer(
            actor=who, request=r, outcome="partial", answer="Some.", last_legal_holder="X"
        ),
        "withdraw": lambda who, r: services.tracing_request_withdraw(
            actor=who, request=r, reason="No."
        ),
    }


@pytest.mark.parametrize(
    ("who", "step", "error"),
    [
        ("rus", "acknowledge", PermissionDenied),  # the requesting side may not
        ("rus", "answer", PermissionDenied),
        ("kaz", "withdraw", PermissionDenied),  # the requested side may not
        ("kaz_plain", "acknowledge", PermissionDenied),  # no officer role
        ("rus_plain", "withdraw", PermissionDenied),
        ("arm", "acknowledge", NotFound),  # a third party does not see it
        ("arm", "withdraw", NotFound),
        ("kaz_low", "answer", NotFound),  # below the marking
    ],
)
def test_wrong_side_role_or_party_is_refused_and_nothing_changes(people, sent, who, step, error):
    before_events = events()
    before_notes = Notification.objects.count()
    with pytest.raises(error):
        _attempts(people)[step](people[who], sent)
    stored = TracingRequest.objects.get(pk=sent.pk)
    assert stored.state == S.SENT and stored.version == sent.version
    assert events() == before_events
    assert Notification.objects.count() == before_notes


def test_close_only_by_requesting_side_after_answer(people, sent):
    with pytest.raises(Conflict):
        services.tracing_request_close(actor=people["rus"], request=sent)
    services.tracing_request_answer(
        actor=people["kaz"], request=sent, outcome="partial", answer="Some."
    )
    before = events()
    with pytest.raises(PermissionDenied):
        services.tracing_request_close(actor=people["kaz"], request=sent)
    assert events() == before
    with pytest.raises(Conflict):
        services.tracing_request_withdraw(actor=people["rus"], request=sent, reason="Late.")


def test_stale_version_is_a_conflict(people, sent):
    with pytest.raises(Conflict):
        services.tracing_request_acknowledge(
            actor=people["kaz"], request=sent, expected_version=sent.version + 1
        )


def test_third_party_and_requesting_party_views(people, sent):
    assert selectors.tracing_request_get(user=people["kaz"], pk=sent.pk) == sent
    assert selectors.tracing_request_get(user=people["rus"], pk=sent.pk) == sent
    with pytest.raises(NotFound):
        selectors.tracing_request_get(user=people["arm"], pk=sent.pk)
    assert not selectors.tracing_request_list(user=people["arm"]).exists()
    assert list(selectors.tracing_request_list(user=people["kaz"], box="inbox")) == [sent]
    assert not selectors.tracing_request_list(user=people["kaz"], box="outbox").exists()
    assert list(selectors.tracing_request_list(user=people["rus"], box="outbox")) == [sent]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"items": []}, "items"),
        ({"items": [{"manufacturer": "X"}]}, "items"),
        ({"items": [{"serial_number": "1", "colour": "red"}]}, "items"),
        ({"items": [{"serial_number": "1", "kind": "starship"}]}, "items"),
        ({"circumstances": ""}, "circumstances"),
        ({"grounds": ""}, "grounds"),
        ({"due_date": dt.date(2000, 1, 1)}, "due_date"),
        ({"classification": Classification.SECRET + 1}, "classification"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(people, party, change, field):
    before = events()
    with pytest.raises(ValidationFailed) as caught:
        send(people, party, **change)
    assert field in caught.value.errors
    assert not TracingRequest.objects.exists()
    assert events() == before


def test_request_to_own_party_is_refused(people, party):
    with pytest.raises(ValidationFailed):
        send(people, party, requested_party=party("RUS"))


def test_answer_needs_outcome_and_holder_when_full(people, sent):
    with pytest.raises(ValidationFailed):
        services.tracing_request_answer(
            actor=people["kaz"], request=sent, outcome="maybe", answer="x"
        )
    with pytest.raises(ValidationFailed) as caught:
        services.tracing_request_answer(
            actor=people["kaz"], request=sent, outcome="full", answer="x"
        )
    assert "last_legal_holder" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        services.tracing_request_answer(
            actor=people["kaz"],
            request=sent,
            outcome="partial",
            answer="x",
            transfers=[{"date": "yesterday", "from_holder": "A"}],
        )
    assert "transfers" in caught.value.errors
    assert TracingRequest.objects.get(pk=sent.pk).state == S.SENT


def test_overdue_is_computed_and_filtered(people, sent):
    today = timezone.localdate()
    later = sent.due_date + dt.timedelta(days=3)
    assert not sent.is_overdue(today)
    assert sent.is_overdue(later) and sent.days_overdue(later) == 3
    assert list(selectors.tracing_request_list(user=people["kaz"], overdue=True, today=later)) == [
        sent
    ]
    assert not selectors.tracing_request_list(
        user=people["kaz"], overdue=True, today=today
    ).exists()
    services.tracing_request_answer(
        actor=people["kaz"], request=sent, outcome="partial", answer="Some."
    )
    sent.refresh_from_db()
    assert not sent.is_overdue(later)


def test_reminders_before_and_after_due_date_are_sent_once(people, sent, party):
    other = send(people, party, due_date=timezone.localdate() + dt.timedelta(days=60))
    near = sent.due_date - dt.timedelta(days=2)
    result = services.tracing_reminders_send(today=near)
    assert (result.before_due, result.overdue) == (1, 0)
    again = services.tracing_reminders_send(today=near)
    assert (again.before_due, again.overdue) == (0, 0)
    assert (
        Notification.objects.filter(kind="trafficking.tracing.reminder", object_id=str(sent.pk))
        .values("recipient")
        .count()
        == 1  # kaz.customs, once
    )
    late = sent.due_date + dt.timedelta(days=1)
    assert services.tracing_reminders_send(today=late).overdue == 1
    assert services.tracing_reminders_send(today=late).overdue == 0
    overdue_notes = Notification.objects.filter(kind="trafficking.tracing.overdue")
    assert {n.recipient.party.code for n in overdue_notes} == {"RUS", "KAZ"}
    assert overdue_notes.count() == 3  # two RUS officers and one cleared KAZ officer, once
    other.refresh_from_db()
    assert other.reminded_before_at is None and other.reminded_overdue_at is None
    assert AuditEvent.objects.filter(action="trafficking.tracing.remind_overdue").count() == 1


def test_remind_command_is_idempotent(people, sent):
    TracingRequest.objects.filter(pk=sent.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    out = io.StringIO()
    call_command("trafficking", "remind-tracing", stdout=out)
    assert "Reminders sent: 0 coming due, 1 overdue." in out.getvalue()
    call_command("trafficking", "remind-tracing", stdout=out)
    assert Notification.objects.filter(kind="trafficking.tracing.overdue").count() == 3


def test_remind_tracing_takes_a_date(people, sent):
    out = io.StringIO()
    late = (sent.due_date + dt.timedelta(days=2)).isoformat()
    call_command("trafficking", "remind-tracing", "--date", late, stdout=out)
    assert "1 overdue" in out.getvalue()


def test_stats_per_requested_party(people, party, sent):
    TracingRequest.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - dt.timedelta(days=10))
    services.tracing_request_acknowledge(actor=people["kaz"], request=sent)
    services.tracing_request_answer(
        actor=people["kaz"], request=sent, outcome="partial", answer="Some."
    )
    late = send(people, party, requested_party=party("ARM"))
    TracingRequest.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    stats = {s.party.code: s for s in selectors.tracing_stats(user=people["rus"])}
    assert stats["KAZ"].received == 1 and stats["KAZ"].answered == 1
    assert stats["KAZ"].median_answer == pytest.approx(10, abs=0.1)
    assert stats["KAZ"].mean_acknowledge == pytest.approx(10, abs=0.1)
    assert stats["ARM"].overdue == 1 and stats["ARM"].median_answer is None
    # Another party sees only what it takes part in.
    assert [s.party.code for s in selectors.tracing_stats(user=people["kaz"])] == ["KAZ"]
    assert selectors.tracing_stats(user=people["arm"])[0].received == 1


def test_demo_loads_every_state_once(db):
    import io

    from accord.accounts.demo import load as load_users
    from accord.trafficking.demo import tracing as demo

    load_users(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    states = set(TracingRequest.objects.values_list("state", flat=True))
    assert states == set(S.values)
    assert TracingRequest.objects.count() == len(demo.REQUESTS)
    assert sum(r.overdue for r in TracingRequest.objects.all()) == 1
