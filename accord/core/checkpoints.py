"""Signed checkpoints of the audit chain.

The hash chain shows that nothing changed *by accident or by a careless hand*: an altered,
inserted or deleted event breaks it. It does not stop someone with write access to the
database from rewriting an event and recomputing every later hash, nor from cutting the
tail off. A checkpoint does: every `ACCORD_AUDIT_CHECKPOINT_EVERY` events or
`ACCORD_AUDIT_CHECKPOINT_MINUTES` minutes (whichever comes first, checked by
`accord worker`), the deployment signs the chain's head with its Ed25519 key, stores the
checkpoint, and drops a copy as a JSON file in `ACCORD_AUDIT_CHECKPOINT_DIR` for the
parties' auditors to collect. Each party's auditor may co-sign a checkpoint with their own
key (`accord audit cosign`). `accord audit verify` then also checks:

- every stored checkpoint's signatures, against the deployment's public key and the
  trusted keys of the co-signers (`ACCORD_AUDIT_TRUSTED_KEYS`, a directory of
  `<signer>.pub` PEM files);
- that each checkpoint's event is still in the chain with the signed hash (a rewrite or a
  cut tail after the checkpoint fails, without `--anchor`);
- with `--published DIR`, that every checkpoint file an auditor collected is still in the
  database, unchanged (deleting checkpoint rows to hide a rewrite fails).

A rewrite therefore needs the deployment's signing key *and* every co-signer's key *and*
every published copy: collusion, not one hand.

The signed text is `accord-audit-checkpoint/1` and the id, hash, count and time, each
`<length>:<text>`, joined by the unit separator (as the events' canonical form).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from accord.core.models import AuditCheckpoint, AuditCheckpointSignature, AuditEvent

PURPOSE = "accord-audit-checkpoint/1"
DEPLOYMENT = "deployment"
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


# --- Keys --------------------------------------------------------------------------------


def generate_key(path: Path) -> str:
    """Write a new Ed25519 private key (PEM, mode 0600) to `path`; return the public key
    in PEM. Refuses to overwrite a file."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return public_pem(key.public_key())


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def load_private_key(path: str | Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"Cannot read the Ed25519 key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} is not an Ed25519 private key.")
    return key


def _load_public_key(data: bytes, name: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Cannot read the public key {name}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ImproperlyConfigured(f"{name} is not an Ed25519 public key.")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name of a public key: the hex of its first 16 raw bytes."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw[:16].hex()


def signing_key() -> Ed25519PrivateKey | None:
    path = getattr(settings, "ACCORD_AUDIT_SIGNING_KEY", "")
    return load_private_key(path) if path else None


def trusted_keys() -> dict[str, Ed25519PublicKey]:
    """The public keys verify trusts, by signer name: `<name>.pub` files in
    ACCORD_AUDIT_TRUSTED_KEYS, and the deployment's own key (from its private key, or
    `deployment.pub` there when the verifying machine has no private key)."""
    keys: dict[str, Ed25519PublicKey] = {}
    directory = getattr(settings, "ACCORD_AUDIT_TRUSTED_KEYS", "")
    if directory:
        for path in sorted(Path(directory).glob("*.pub")):
            keys[path.stem] = _load_public_key(path.read_bytes(), str(path))
    private = signing_key()
    if private is not None:
        keys.setdefault(DEPLOYMENT, private.public_key())
    return keys


# --- Signing ------------------------------------------------------------------------------


def signed_text(event_id: int, head_hash: str, event_count: int, created_at: dt.datetime) -> bytes:
    fields = [
        PURPOSE,
        str(event_id),
        head_hash,
        str(event_count),
        created_at.astimezone(dt.UTC).strftime(_TIME_FORMAT),
    ]
    return "\x1f".join(f"{len(text)}:{text}" for text in fields).encode()


def _text_of(checkpoint: AuditCheckpoint) -> bytes:
    return signed_text(
        checkpoint.event_id, checkpoint.head_hash, checkpoint.event_count, checkpoint.created_at
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def create_checkpoint(*, key: Ed25519PrivateKey | None = None) -> AuditCheckpoint | None:
    """Sign the chain's current head; None when there is no event yet, or the head is
    already the last checkpoint's. Takes the same lock as the event writers, so the head
    and the count are of one moment."""
    from accord.core.audit import lock_chain

    key = key or signing_key()
    if key is None:
        raise ImproperlyConfigured("ACCORD_AUDIT_SIGNING_KEY is not set: nothing signs.")
    with transaction.atomic():
        lock_chain()
        head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
        if head is None:
            return None
        last = AuditCheckpoint.objects.order_by("-id").first()
        if last is not None and last.event_id == head["id"]:
            return None
        count = AuditEvent.objects.count()
        now = timezone.now()
        checkpoint = AuditCheckpoint(
            created_at=now,
            event_id=head["id"],
            head_hash=head["hash"],
            event_count=count,
            key_id=key_id(key.public_key()),
        )
        checkpoint.signature = _b64(key.sign(_text_of(checkpoint)))
        checkpoint.save()
    publish(checkpoint)
    return checkpoint


def checkpoint_if_due(now: dt.datetime | None = None) -> AuditCheckpoint | None:
    """The worker's rule: sign when ACCORD_AUDIT_CHECKPOINT_EVERY events were written since
    the last checkpoint, or ACCORD_AUDIT_CHECKPOINT_MINUTES passed and there are new ones.
    Does nothing without a signing key."""
    if not getattr(settings, "ACCORD_AUDIT_SIGNING_KEY", ""):
        return None
    now = now or timezone.now()
    last = AuditCheckpoint.objects.order_by("-id").first()
    newer = AuditEvent.objects.filter(id__gt=last.event_id if last else 0)
    if not newer.exists():
        return None
    every = int(getattr(settings, "ACCORD_AUDIT_CHECKPOINT_EVERY", 1000))
    minutes = int(getattr(settings, "ACCORD_AUDIT_CHECKPOINT_MINUTES", 60))
    due = (
        last is None
        or newer.count() >= every
        or now - last.created_at >= dt.timedelta(minutes=minutes)
    )
    return create_checkpoint() if due else None


def as_document(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    """The published form of a checkpoint (what auditors keep and co-sign)."""
    return {
        "purpose": PURPOSE,
        "id": checkpoint.pk,
        "created_at": checkpoint.created_at.astimezone(dt.UTC).strftime(_TIME_FORMAT),
        "event_id": checkpoint.event_id,
        "head_hash": checkpoint.head_hash,
        "event_count": checkpoint.event_count,
        "key_id": checkpoint.key_id,
        "signature": checkpoint.signature,
    }


def publish(checkpoint: AuditCheckpoint) -> Path | None:
    """Drop the checkpoint as `checkpoint-<id>.json` into ACCORD_AUDIT_CHECKPOINT_DIR (a
    directory the parties' auditors collect from, e.g. a shared or synchronised folder)."""
    directory = getattr(settings, "ACCORD_AUDIT_CHECKPOINT_DIR", "")
    if not directory:
        return None
    path = Path(directory) / f"checkpoint-{checkpoint.pk:08d}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(as_document(checkpoint), indent=2) + "\n", encoding="utf-8")
    return path


class CosignError(ValueError):
    pass


def cosign(*, checkpoint_id: int, signer: str, key: Ed25519PrivateKey) -> AuditCheckpointSignature:
    """A party auditor's co-signature. The signer must be among the trusted keys with the
    public half of `key`, and the checkpoint must still hold (its event in the chain with
    the signed hash), so nobody co-signs a rewritten history."""
    public = trusted_keys().get(signer)
    if public is None or key_id(public) != key_id(key.public_key()):
        raise CosignError(
            f"{signer!r} is not a trusted signer with this key "
            "(its public key must be <signer>.pub in ACCORD_AUDIT_TRUSTED_KEYS)."
        )
    checkpoint = AuditCheckpoint.objects.filter(pk=checkpoint_id).first()
    if checkpoint is None:
        raise CosignError(f"There is no checkpoint {checkpoint_id}.")
    problem = _checkpoint_problem(checkpoint, trusted_keys(), check_cosignatures=False)
    if problem:
        raise CosignError(f"Checkpoint {checkpoint_id} does not hold: {problem}")
    return AuditCheckpointSignature.objects.create(
        checkpoint=checkpoint,
        signer=signer,
        signature=_b64(key.sign(_text_of(checkpoint))),
        created_at=timezone.now(),
    )


# --- Verifying ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckpointResult:
    ok: bool
    checked: int
    problems: tuple[str, ...] = ()


def _valid(key: Ed25519PublicKey, signature: str, text: bytes) -> bool:
    try:
        key.verify(base64.b64decode(signature, validate=True), text)
    except (InvalidSignature, ValueError):
        return False
    return True


def _checkpoint_problem(
    checkpoint: AuditCheckpoint,
    keys: dict[str, Ed25519PublicKey],
    *,
    check_cosignatures: bool = True,
) -> str:
    text = _text_of(checkpoint)
    deployment = next((k for k in keys.values() if key_id(k) == checkpoint.key_id), None)
    if deployment is None:
        return f"it is signed by key {checkpoint.key_id}, which is not trusted"
    if not _valid(deployment, checkpoint.signature, text):
        return "its signature does not match what it states (altered)"
    event_hash = AuditEvent.objects.filter(pk=checkpoint.event_id).values_list("hash", flat=True)
    found = list(event_hash)
    if not found:
        return f"its event {checkpoint.event_id} is no longer in the chain (events removed)"
    if found[0] != checkpoint.head_hash:
        return f"its event {checkpoint.event_id} no longer has the signed hash (history rewritten)"
    if AuditEvent.objects.filter(pk__lte=checkpoint.event_id).count() != checkpoint.event_count:
        return f"the chain up to event {checkpoint.event_id} no longer holds the signed count"
    if check_cosignatures:
        for cosignature in checkpoint.cosignatures.all():
            key = keys.get(cosignature.signer)
            if key is None:
                return f"its co-signer {cosignature.signer!r} is not among the trusted keys"
            if not _valid(key, cosignature.signature, text):
                return f"the co-signature of {cosignature.signer!r} does not match (altered)"
    return ""


def verify_checkpoints(published: Path | None = None) -> CheckpointResult:
    """Check every stored checkpoint, and every published copy in `published` (files
    `checkpoint-*.json`) against the stored ones. Run after the chain itself verified."""
    keys = trusted_keys()
    problems: list[str] = []
    checked = 0
    for checkpoint in AuditCheckpoint.objects.order_by("id").prefetch_related("cosignatures"):
        problem = _checkpoint_problem(checkpoint, keys)
        if problem:
            problems.append(f"checkpoint {checkpoint.pk}: {problem}")
        checked += 1
    if published is not None:
        for path in sorted(Path(published).glob("checkpoint-*.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
                stored = AuditCheckpoint.objects.filter(pk=int(document["id"])).first()
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path.name}: not a checkpoint file ({exc})")
                continue
            if stored is None:
                problems.append(
                    f"{path.name}: checkpoint {document['id']} is gone from the database"
                )
            elif as_document(stored) != document:
                problems.append(
                    f"{path.name}: checkpoint {document['id']} differs from the published copy"
                )
    return CheckpointResult(not problems, checked, tuple(problems))
