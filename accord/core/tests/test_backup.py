"""Backups that restore (issue 17, point 12): a backup of a running instance restores into
a fresh database and media root, and `accord audit verify` there passes with the same head;
a damaged backup or an occupied target is refused, naming what is wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accord.core.audit import record_event, verify_chain
from tests.markedapp.services import dossier_create

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the embedded database's backup (PostgreSQL: README)"
)


def _accord(*args: str, database: Path, media: Path) -> subprocess.CompletedProcess[str]:
    """The `accord` command of a separate deployment: its own database file and media."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "ACCORD_MEDIA_ROOT": str(media),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "accord", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def instance(transactional_db, make_user):
    """A running instance with audited records and an uploaded file."""
    author = make_user("RUS")
    for i in range(3):
        dossier_create(actor=author, title=f"dossier {i}")
    record_event(actor=None, action="test.event", after={"text": "Протокол №5"})
    name = default_storage.save("evidence/2026/report.pdf", ContentFile(b"%PDF-1.7 evidence"))
    yield name
    default_storage.delete(name)


def test_a_backup_restores_into_a_fresh_instance_with_the_same_audit_head(instance, tmp_path):
    head = verify_chain()
    call_command("backup", str(tmp_path / "backup"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["audit_head"] == {
        "event_id": head.head_id,
        "hash": head.head_hash,
        "events": head.checked,
    }
    assert f"media/{instance}" in manifest["files"]

    database, media = tmp_path / "restored.sqlite3", tmp_path / "media"
    restored = _accord("restore", str(tmp_path / "backup"), database=database, media=media)
    assert restored.returncode == 0, restored.stderr
    assert f"head event {head.head_id} hash {head.head_hash}" in restored.stdout
    assert (media / instance).read_bytes() == b"%PDF-1.7 evidence"

    verified = _accord(
        "audit", "verify", "--anchor", head.head_hash, database=database, media=media
    )
    assert verified.returncode == 0, verified.stderr
    assert f"{head.checked} events verified" in verified.stdout
    assert f"Head: event {head.head_id}, hash {head.head_hash}" in verified.stdout

    # Restoring again over the restored instance is refused without --force.
    again = _accord("restore", str(tmp_path / "backup"), database=database, media=media)
    assert again.returncode != 0
    assert "already holds a database" in again.stderr or "is not empty" in again.stderr


@pytest.mark.parametrize("damage", ["altered", "missing", "extra"])
def test_a_damaged_backup_is_refused_naming_the_file(instance, tmp_path, damage):
    call_command("backup", str(tmp_path / "b"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    evidence = tmp_path / "b" / "media" / instance
    if damage == "altered":
        evidence.write_bytes(b"%PDF-1.7 forged")
        message = "does not match its hash"
    elif damage == "missing":
        evidence.unlink()
        message = "is missing from the backup"
    else:
        (tmp_path / "b" / "media" / "planted.exe").write_bytes(b"MZ")
        message = "Files not in the manifest: media/planted.exe"
    database, media = tmp_path / "r.sqlite3", tmp_path / "m"
    restored = _accord("restore", str(tmp_path / "b"), database=database, media=media)
    assert restored.returncode != 0
    assert message in restored.stderr
    assert not media.exists() or not any(media.rglob("*"))


def test_a_backup_never_overwrites_an_earlier_one(instance, tmp_path):
    (tmp_path / "b").mkdir()
    with pytest.raises(CommandError, match="a backup goes into a new directory"):
        call_command("backup", str(tmp_path / "b"))
