"""Signed checkpoints (issue 17, point 11): a history rewritten with every later hash
recomputed, a tail cut off, a forged checkpoint or deleted checkpoint rows all fail
`accord audit verify` — none of which the hash chain alone can see."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from accord.core import checkpoints
from accord.core.audit import (
    EXTENSION_FIELDS,
    HASHED_FIELDS,
    compute_hash,
    record_event,
    verify_chain,
)
from accord.core.models import AuditCheckpoint, AuditCheckpointSignature, AuditEvent
from accord.core.tests.test_audit import on_postgres, tampering


@pytest.fixture
def keys(tmp_path: Path, settings) -> dict[str, Path]:
    """The deployment's key and a Kazakh auditor's, set up as the README says."""
    trusted = tmp_path / "trusted"
    trusted.mkdir()
    deployment = tmp_path / "deployment.key"
    auditor = tmp_path / "kaz-auditor.key"
    call_command("audit", "keygen", str(deployment), stdout=_Sink())
    public = checkpoints.generate_key(auditor)
    (trusted / "KAZ.pub").write_text(public)
    settings.ACCORD_AUDIT_SIGNING_KEY = str(deployment)
    settings.ACCORD_AUDIT_TRUSTED_KEYS = str(trusted)
    settings.ACCORD_AUDIT_CHECKPOINT_DIR = str(tmp_path / "published")
    return {"deployment": deployment, "auditor": auditor, "trusted": trusted}


class _Sink:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@contextlib.contextmanager
def tampering_with(table: str):
    """As `tampering`, for a checkpoint table (deferred foreign keys checked first: a table
    with pending trigger events cannot be altered)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER accord_audit_append_only")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER accord_audit_append_only")


def _events(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        record_event(actor=None, action="test.event", object_id=i, after={"n": i})


def _verify(*extra: str) -> str:
    out = _Sink()
    call_command("audit", "verify", *extra, stdout=out)
    return out.text


def _rewrite_from(event_id: int) -> None:
    """The attack the chain cannot see: alter an event, then recompute its hash and every
    later one, so that the chain links up again."""
    events = list(AuditEvent.objects.filter(id__gte=event_id).order_by("id"))
    prev = AuditEvent.objects.filter(id__lt=event_id).order_by("-id").first()
    prev_hash = prev.hash if prev else "0" * 64
    with tampering() as cursor:
        for i, event in enumerate(events):
            if i == 0:
                event.after = '{"n":"forged"}'
            new_hash = compute_hash(
                prev_hash,
                tuple(getattr(event, f) for f in HASHED_FIELDS),
                tuple(getattr(event, f) for f in EXTENSION_FIELDS),
            )
            cursor.execute(
                "UPDATE core_auditevent SET after = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [event.after, prev_hash, new_hash, event.pk],
            )
            prev_hash = new_hash


@pytest.mark.django_db
def test_a_checkpoint_signs_the_head_and_verify_checks_it(keys):
    _events(5)
    checkpoint = checkpoints.create_checkpoint()
    head = AuditEvent.objects.order_by("-id").first()
    assert (checkpoint.event_id, checkpoint.head_hash, checkpoint.event_count) == (
        head.pk,
        head.hash,
        AuditEvent.objects.count(),
    )
    assert "1 signed checkpoints hold" in _verify()
    # Nothing new: no second checkpoint of the same head.
    assert checkpoints.create_checkpoint() is None


@pytest.mark.django_db
def test_a_rewritten_history_with_recomputed_hashes_fails_verify(keys):
    _events(6)
    checkpoints.create_checkpoint()
    _events(2, start=6)
    second = AuditEvent.objects.order_by("id")[1].pk
    _rewrite_from(second)
    assert verify_chain().ok  # the chain alone is fooled
    with pytest.raises(CommandError, match="no longer has the signed hash"):
        _verify()


@pytest.mark.django_db
def test_a_tail_cut_through_a_checkpoint_fails_verify_without_an_anchor(keys):
    _events(6)
    checkpoints.create_checkpoint()
    last_two = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:2])
    with tampering() as cursor:
        cursor.execute(
            "DELETE FROM core_auditevent WHERE id IN (%s, %s)", [last_two[0], last_two[1]]
        )
    assert verify_chain().ok
    with pytest.raises(CommandError, match="no longer in the chain"):
        _verify()


@pytest.mark.django_db
def test_a_checkpoint_signed_with_another_key_is_not_trusted(keys):
    _events(3)
    checkpoints.create_checkpoint(key=Ed25519PrivateKey.generate())
    with pytest.raises(CommandError, match="not trusted"):
        _verify()


@pytest.mark.django_db
def test_an_altered_checkpoint_fails_its_signature(keys):
    _events(3)
    checkpoint = checkpoints.create_checkpoint()
    _events(1, start=3)
    new_head = AuditEvent.objects.order_by("-id").first()
    # Moving the checkpoint to the new head without the key: the signature no longer fits.
    with tampering_with("core_auditcheckpoint") as cursor:
        cursor.execute(
            "UPDATE core_auditcheckpoint SET event_id = %s, head_hash = %s, event_count = %s "
            "WHERE id = %s",
            [new_head.pk, new_head.hash, AuditEvent.objects.count(), checkpoint.pk],
        )
    with pytest.raises(CommandError, match="signature does not match"):
        _verify()


@pytest.mark.django_db
def test_deleted_checkpoint_rows_are_caught_by_the_published_copies(keys, tmp_path):
    _events(3)
    checkpoint = checkpoints.create_checkpoint()
    published = Path(keys["trusted"]).parent / "published"
    document = json.loads((published / f"checkpoint-{checkpoint.pk:08d}.json").read_text())
    assert document["head_hash"] == checkpoint.head_hash
    assert document["signature"] == checkpoint.signature
    assert "1 signed checkpoints hold" in _verify("--published", str(published))
    with tampering_with("core_auditcheckpoint") as cursor:
        cursor.execute("DELETE FROM core_auditcheckpoint")
    assert "0 signed checkpoints hold" in _verify()  # without the copies, nothing to see
    with pytest.raises(CommandError, match="gone from the database"):
        _verify("--published", str(published))


@pytest.mark.django_db
def test_a_party_auditor_cosigns_and_a_forged_cosignature_fails(keys):
    _events(3)
    checkpoint = checkpoints.create_checkpoint()
    out = _Sink()
    call_command(
        "audit",
        "cosign",
        str(checkpoint.pk),
        "--signer",
        "KAZ",
        "--key",
        str(keys["auditor"]),
        stdout=out,
    )
    assert "co-signed by KAZ" in out.text
    assert "1 signed checkpoints hold" in _verify()
    # Someone without the auditor's key replaces the co-signature.
    forged = Ed25519PrivateKey.generate().sign(b"anything").hex()
    with tampering_with("core_auditcheckpointsignature") as cursor:
        cursor.execute("UPDATE core_auditcheckpointsignature SET signature = %s", [forged])
    with pytest.raises(CommandError, match="co-signature of 'KAZ' does not match"):
        _verify()


@pytest.mark.django_db
def test_cosigning_is_refused_to_an_untrusted_key_and_for_a_rewritten_history(keys, tmp_path):
    _events(3)
    checkpoint = checkpoints.create_checkpoint()
    stranger = tmp_path / "stranger.key"
    checkpoints.generate_key(stranger)
    with pytest.raises(CommandError, match="not a trusted signer"):
        call_command(
            "audit", "cosign", str(checkpoint.pk), "--signer", "KAZ", "--key", str(stranger)
        )
    _rewrite_from(AuditEvent.objects.order_by("id").first().pk)
    with pytest.raises(CommandError, match="does not hold"):
        call_command(
            "audit",
            "cosign",
            str(checkpoint.pk),
            "--signer",
            "KAZ",
            "--key",
            str(keys["auditor"]),
        )
    assert not AuditCheckpointSignature.objects.exists()


@pytest.mark.django_db
def test_the_worker_signs_every_n_events_or_m_minutes(keys, settings):
    settings.ACCORD_AUDIT_CHECKPOINT_EVERY = 5
    settings.ACCORD_AUDIT_CHECKPOINT_MINUTES = 60
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert checkpoints.checkpoint_if_due() is None  # no event yet
        _events(2)
        assert checkpoints.checkpoint_if_due() is not None  # the first one at once
        _events(4)
        assert checkpoints.checkpoint_if_due() is None  # 4 < 5, and not an hour yet
        _events(1)
        assert checkpoints.checkpoint_if_due() is not None  # 5 new events
        _events(1)
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert checkpoints.checkpoint_if_due() is not None  # an hour, with a new event
        assert checkpoints.checkpoint_if_due() is None  # nothing new
    assert AuditCheckpoint.objects.count() == 3


@pytest.mark.django_db
def test_without_a_signing_key_the_worker_signs_nothing_and_the_command_says_why(settings):
    settings.ACCORD_AUDIT_SIGNING_KEY = ""
    _events(2)
    assert checkpoints.checkpoint_if_due() is None
    with pytest.raises(CommandError, match="ACCORD_AUDIT_SIGNING_KEY is not set"):
        call_command("audit", "checkpoint")


@pytest.mark.django_db
def test_keygen_refuses_to_overwrite_a_key(keys):
    with pytest.raises(CommandError, match="refusing to overwrite"):
        call_command("audit", "keygen", str(keys["deployment"]))
    assert keys["deployment"].stat().st_mode & 0o777 == 0o600


@on_postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE core_auditevent CASCADE",
        "TRUNCATE core_auditcheckpoint CASCADE",
        "UPDATE core_auditcheckpoint SET event_count = 0",
        "DELETE FROM core_auditcheckpoint",
        "DELETE FROM core_auditcheckpointsignature",
    ],
)
def test_postgres_refuses_truncate_and_changes_to_checkpoints(keys, statement):
    _events(3)
    checkpoint = checkpoints.create_checkpoint()
    AuditCheckpointSignature.objects.create(
        checkpoint=checkpoint, signer="KAZ", signature="x", created_at=checkpoint.created_at
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # As a production connection: the test suite's own flush may truncate (settings).
        cursor.execute("SET LOCAL accord.test_flush = 'off'")
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 3
    assert AuditCheckpoint.objects.count() == 1
