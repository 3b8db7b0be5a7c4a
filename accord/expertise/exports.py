"""CSV and JSON exports of the register and the interoperability matrix.

Pure functions: records in, text (CSV) or data (JSON) out. The caller decides what the
user may see (the pages and the API pass `selectors.system_list(actor=...)` and
`selectors.matrix(actor=...)`); nothing here reads beyond the records it is given.

Exports speak codes, not labels (categories, stages, releases, outcomes, party codes), so
that they mean the same in both languages and can be imported back. Every JSON export
names its `format` and `version`; lists inside a CSV cell are JSON (characteristics,
conditions) or `;`-separated codes (parties), as in the law base's CSV files.

The CSV encoding (UTF-8 with BOM, CRLF, formula-like cells guarded with an apostrophe) is
the one writer's, `accord.reports.tabular`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accord.core.models import Classification, Party
from accord.expertise.models import SystemVersion, WeaponSystem
from accord.reports import tabular

REGISTER_FORMAT = "accord.expertise.register"
MATRIX_FORMAT = "accord.expertise.matrix"
FORMAT_VERSION = 1

NARRATIVE_FIELDS = SystemVersion.NARRATIVE_FIELDS
REGISTER_COLUMNS = [
    "system_id",
    "owner",
    "designation",
    "category",
    "stage",
    "classification",
    "release",
    "released_to",
    "description",
    "version_id",
    "version",
    "label",
    "frozen_at",
    "characteristics",
    *NARRATIVE_FIELDS,
]
MATRIX_COLUMNS = [
    "system_id",
    "system",
    "owner",
    "version_id",
    "version",
    "label",
    "party",
    "status",
    "conditions",
    "review",
    "concluded_at",
    "reason",
]


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _classification(value: int) -> str:
    """The level's code (`restricted`): labels may be renamed, codes stay."""
    return Classification(value).name.lower()


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    return tabular.csv_text(columns, rows)


def _envelope(kind: str) -> dict[str, Any]:
    return {
        "format": kind,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
    }


# --- The register ----------------------------------------------------------------------------


def _system_record(system: WeaponSystem) -> dict[str, Any]:
    return {
        "id": system.pk,
        "owner": system.owner.code,
        "designation": system.designation,
        "category": system.category,
        "stage": system.stage,
        "classification": _classification(system.classification),
        "release": system.release,
        "released_to": sorted(p.code for p in system.released_to.all()),
        "description": system.description,
    }


def _version_record(version: SystemVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "number": version.number,
        "label": version.label,
        "frozen_at": _when(version.frozen_at),
        "characteristics": version.characteristics or {},
        **{name: getattr(version, name) for name in NARRATIVE_FIELDS},
    }


def _with_versions(systems: Any) -> Any:
    """Fetch the versions and release lists of a queryset in two queries, not two per
    system (a list the caller built is taken as it is)."""
    if isinstance(systems, QuerySet):
        return systems.prefetch_related("versions", "released_to")
    return systems


def _versions(system: WeaponSystem) -> list[SystemVersion]:
    return sorted(system.versions.all(), key=lambda v: v.number)


def register_json(systems: Any) -> dict[str, Any]:
    """The register as data: each system with its versions and their descriptions."""
    return {
        **_envelope(REGISTER_FORMAT),
        "systems": [
            {**_system_record(s), "versions": [_version_record(v) for v in _versions(s)]}
            for s in _with_versions(systems)
        ],
    }


def register_csv(systems: Any) -> str:
    """The register, one row per system version (REGISTER_COLUMNS)."""

    def rows() -> Iterable[dict[str, Any]]:
        for system in _with_versions(systems):
            record = _system_record(system)
            base = {
                "system_id": record["id"],
                **{k: record[k] for k in ("owner", "designation", "category", "stage")},
                "classification": record["classification"],
                "release": record["release"],
                "released_to": ";".join(record["released_to"]),
                "description": record["description"],
            }
            for version in _versions(system):
                data = _version_record(version)
                yield {
                    **base,
                    "version_id": data["id"],
                    "version": data["number"],
                    "label": data["label"],
                    "frozen_at": data["frozen_at"],
                    "characteristics": _json_text(data["characteristics"]),
                    **{name: data[name] for name in NARRATIVE_FIELDS},
                }

    return _csv(REGISTER_COLUMNS, rows())


# --- The interoperability matrix ------------------------------------------------------------


def _cell_record(version: SystemVersion, party: Party, standing: Any) -> dict[str, Any]:
    review = getattr(standing, "review", None)
    return {
        "party": party.code,
        "status": standing.status,
        "conditions": list(standing.conditions),
        "review": review.pk if review is not None else None,
        "concluded_at": _when(review.concluded_at) if review is not None else None,
        "reason": standing.reason or "",
    }


def _version_ref(version: SystemVersion) -> dict[str, Any]:
    return {
        "system_id": version.system_id,
        "system": version.system.designation,
        "owner": version.system.owner.code,
        "version_id": version.pk,
        "version": version.number,
        "label": version.label,
    }


def matrix_json(
    versions: Iterable[SystemVersion],
    parties: Iterable[Party],
    cells: Mapping[tuple[int, int], Any],
) -> dict[str, Any]:
    """The matrix as data: for each version, each party's standing."""
    parties = list(parties)
    return {
        **_envelope(MATRIX_FORMAT),
        "parties": [p.code for p in parties],
        "versions": [
            {
                **_version_ref(version),
                "standings": [
                    _cell_record(version, party, cells[(version.pk, party.pk)]) for party in parties
                ],
            }
            for version in versions
        ],
    }


def matrix_csv(
    versions: Iterable[SystemVersion],
    parties: Iterable[Party],
    cells: Mapping[tuple[int, int], Any],
) -> str:
    """The matrix, one row per version × party (MATRIX_COLUMNS)."""
    parties = list(parties)

    def rows() -> Iterable[dict[str, Any]]:
        for version in versions:
            ref = _version_ref(version)
            for party in parties:
                cell = _cell_record(version, party, cells[(version.pk, party.pk)])
                yield {**ref, **cell, "conditions": _json_text(cell["conditions"])}

    return _csv(MATRIX_COLUMNS, rows())
