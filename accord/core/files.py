"""Checking an uploaded evidence file before it is stored: a whitelisted type, judged by
its name and by its first bytes (a renamed file is refused), a size limit, UTF-8 for
text, and its SHA-256. Every module that accepts evidence files uses this one check."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed

EVIDENCE_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
# What a file's first bytes must be, for the binary types.
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
}
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str

    @property
    def stored_name(self) -> str:
        """The name to store the file under: its checksum and the type's suffix."""
        return f"{self.sha256}{EVIDENCE_TYPES[self.content_type]}"


def guess_type(name: str) -> str | None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".jpeg":
        suffix = ".jpg"
    return next((t for t, s in EVIDENCE_TYPES.items() if s == suffix), None)


def check_evidence_upload(upload: Any) -> CheckedFile:
    """Check `upload` (a Django UploadedFile) and return what to record of it; raise
    ValidationFailed on the field "file" otherwise. The upload is rewound afterwards."""
    name = getattr(upload, "name", "") or ""
    content_type = guess_type(name)
    if content_type is None:
        raise ValidationFailed.single(
            "file",
            _(
                "This type of file is not accepted. Accepted: PDF, PNG, JPEG, text, CSV, Word "
                "and Excel documents."
            ),
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    if upload.size == 0:
        raise ValidationFailed.single("file", _("The file is empty."))
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if not head:
            head = chunk[:16]
        digest.update(chunk)
    magic = _MAGIC.get(content_type)
    if magic and not head.startswith(magic):
        raise ValidationFailed.single(
            "file", _("The file's content does not match its name (%(name)s).") % {"name": name}
        )
    if content_type in ("text/plain", "text/csv"):
        upload.seek(0)
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationFailed.single("file", _("A text file must be UTF-8.")) from exc
    upload.seek(0)
    return CheckedFile(
        name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest()
    )
