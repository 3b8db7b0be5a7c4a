"""Backups that restore (issue 17, point 12): `accord backup DIR` and `accord restore DIR`.

A backup is a directory:

    manifest.json      what is in it: every file with its size and SHA-256, the database
                       vendor, the audit chain's head (event id, hash, count) at backup time
    db.sqlite3         the embedded database, copied with SQLite's online backup API (a
                       consistent copy while the application keeps running)
    media/...          the uploaded files (evidence, stored reports), byte for byte

On PostgreSQL the database is backed up by PostgreSQL itself — a base backup with WAL
archiving, checked with `pg_verifybackup` (README, "Backups") — and `accord backup` takes
the media files and the manifest (with the audit head, to compare after a restore).

`accord restore DIR` checks every file against the manifest first (a damaged or altered
backup is refused, naming the file), then writes the database (SQLite) and the media
files, then verifies the restored audit chain and that its head is the manifest's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from accord.core.models import AuditEvent

MANIFEST = "manifest.json"
DATABASE_FILE = "db.sqlite3"
MEDIA_DIR = "media"
FORMAT = "accord-backup/1"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _head() -> dict[str, Any]:
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    return {
        "event_id": head["id"] if head else None,
        "hash": head["hash"] if head else "",
        "events": AuditEvent.objects.count(),
    }


def backup(destination: Path) -> dict[str, Any]:
    """Write a backup into `destination` (which must not exist); return its manifest."""
    if destination.exists():
        raise BackupError(f"{destination} exists: a backup goes into a new directory.")
    destination.mkdir(parents=True)
    files: dict[str, dict[str, Any]] = {}
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / DATABASE_FILE)
        try:
            # One consistent snapshot, even with writers at work (WAL).
            connection.connection.backup(target)
            # A self-contained file: no -wal/-shm beside it (WAL is set again on open).
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        head = _head_of_sqlite(destination / DATABASE_FILE)
    else:
        head = _head()
    media_root = Path(settings.MEDIA_ROOT)
    for path in _files_under(media_root):
        relative = Path(MEDIA_DIR) / path.relative_to(media_root)
        copy = destination / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
    for path in _files_under(destination):
        name = path.relative_to(destination).as_posix()
        files[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": vendor,
        "audit_head": head,
        "files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _head_of_sqlite(path: Path) -> dict[str, Any]:
    """The audit head as stored in the copy itself (the copy is what gets restored)."""
    table = AuditEvent._meta.db_table
    copy = sqlite3.connect(path)
    try:
        row = copy.execute(
            f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1"  # noqa: S608
        ).fetchone()
        count = copy.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
    finally:
        copy.close()
    return {"event_id": row[0] if row else None, "hash": row[1] if row else "", "events": count}


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} is not an Accord backup manifest ({FORMAT}).")
    return manifest


def check(source: Path) -> dict[str, Any]:
    """Every file the manifest names is there with its hash; no file it does not name."""
    manifest = read_manifest(source)
    for name, facts in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if _sha256(path) != facts["sha256"]:
            raise BackupError(
                f"{name} does not match its hash in the manifest (damaged or altered)."
            )
    listed = set(manifest["files"]) | {MANIFEST}
    extra = [p.relative_to(source).as_posix() for p in _files_under(source)]
    unlisted = sorted(name for name in extra if name not in listed)
    if unlisted:
        raise BackupError(f"Files not in the manifest: {', '.join(unlisted)}.")
    return manifest


@dataclass(frozen=True)
class Restored:
    files: int
    head: dict[str, Any]


def restore(source: Path, *, force: bool = False) -> Restored:
    """Restore the backup in `source` into the configured database and media root, then
    verify the audit chain there and compare its head with the manifest's."""
    from accord.core.audit import verify_chain

    manifest = check(source)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(
            f"The backup is of a {manifest['database']} database; this deployment runs {vendor}."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not force and any(_files_under(media_root)):
        raise BackupError(f"{media_root} is not empty: restore into an empty one, or --force.")
    if vendor == "sqlite":
        _restore_sqlite(source / DATABASE_FILE, force=force)
    restored = 0
    for name in manifest["files"]:
        if not name.startswith(f"{MEDIA_DIR}/"):
            continue
        target = media_root / name[len(MEDIA_DIR) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
        restored += 1
    result = verify_chain()
    if not result.ok:
        raise BackupError(
            f"The restored audit chain is broken at event {result.broken_event_id}: {result.reason}"
        )
    head = {"event_id": result.head_id, "hash": result.head_hash, "events": result.checked}
    if head != manifest["audit_head"]:
        raise BackupError(
            f"The restored audit head {head} is not the backup's {manifest['audit_head']}."
        )
    return Restored(restored, head)


def _restore_sqlite(copy: Path, *, force: bool) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    if target.exists() and target.stat().st_size and not force and _has_tables(target):
        raise BackupError(f"{target} already holds a database: restore into a new one, or --force.")
    source = sqlite3.connect(copy)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _has_tables(path: Path) -> bool:
    db = sqlite3.connect(path)
    try:
        return bool(
            db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
        )
    finally:
        db.close()
