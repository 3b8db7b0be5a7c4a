"""The whole-module JSON export of provision, and its re-import into a fresh database.

The export holds every provision record the actor may see: the requirements, commitments
and retransfer requests it sees through `visible_to`, each commitment's parts (papers,
consignments and their lines, inspections, discrepancy reports, end-use checks and their
holds, disposals), and the returns. It is written field by field from the models, so a
field added to a model is exported and re-imported without touching this file:

- a reference to a party is its code, to a user its username (a user unknown to the
  importing database is left empty: those references are all optional), to a system
  version its id, owner's code and number, and its designation where the exporter may see
  the system (the system must be in the database: the expertise module is restored first);
- a reference to another provision record is that record's id in the exported database
  (`id`); the import gives each record a new id and maps the references;
- dates and times are ISO 8601, amounts decimal strings.

The import is a restore: only an administrator may run it, in one transaction (a file
that fails anywhere stores nothing), with every record validated by its model's own rules
(`full_clean`: a requirement reference already present answers 400) and one audit event.
Records keep their markings, versions and timestamps, so a round trip gives equal records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event
from accord.core.errors import ValidationFailed
from accord.core.guards import require
from accord.core.models import Party
from accord.core.permissions import has_any_role
from accord.core.roles import Role
from accord.core.validation import full_clean
from accord.provision import selectors
from accord.provision.models import (
    Authorisation,
    Commitment,
    Consignment,
    DeliveryHold,
    DeliveryLine,
    Discrepancy,
    Disposal,
    EndUseCheck,
    EndUserCertificate,
    Inspection,
    Requirement,
    RetransferRequest,
    Return,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

FORMAT = "accord-provision/1"

# The tables in the order a restore creates them (a record after those it refers to), with
# the path from a part to its commitment (None: the record is marked itself).
TABLES: list[tuple[str, type[models.Model], str | None]] = [
    ("requirements", Requirement, None),
    ("commitments", Commitment, None),
    ("authorisations", Authorisation, "commitment"),
    ("certificates", EndUserCertificate, "commitment"),
    ("consignments", Consignment, "commitment"),
    ("lines", DeliveryLine, "consignment__commitment"),
    ("inspections", Inspection, "consignment__commitment"),
    ("discrepancies", Discrepancy, "inspection__consignment__commitment"),
    ("checks", EndUseCheck, "commitment"),
    ("holds", DeliveryHold, "check_record__commitment"),
    ("disposals", Disposal, "commitment"),
    ("retransfers", RetransferRequest, None),
    ("returns", Return, None),
]
_PROVISION = {model for _name, model, _path in TABLES}


def _queryset(actor: Any, model: type[models.Model], path: str | None) -> Any:
    if model is Requirement:
        return selectors.requirement_list(actor=actor)
    if model is Commitment:
        return selectors.commitment_list(actor=actor)
    if model is RetransferRequest:
        # A retransfer is exported with its commitment (it refers to it).
        visible = Commitment.objects.visible_to(actor).values("pk")
        return selectors.retransfer_list(actor=actor).filter(commitment__in=visible)
    if model is Return:
        return selectors.return_list(actor=actor)
    visible = Commitment.objects.visible_to(actor).values("pk")
    return model._default_manager.filter(**{f"{path}__in": visible})


def _version_key(version: Any, seen: bool) -> dict[str, Any]:
    """A system version by its id, owner and number; its designation only where the
    reader may see the system (a commitment can be seen where its system cannot)."""
    key = {"id": version.pk, "owner": version.system.owner.code, "number": version.number}
    if seen:
        key["designation"] = version.system.designation
    return key


class Writer:
    """Turns records into plain values; party codes and usernames are read once."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.parties = dict(Party.objects.values_list("pk", "code"))
        self.users = dict(get_user_model().objects.values_list("pk", "username"))
        self.systems_seen: dict[int, bool] = {}

    def _seen(self, system: Any) -> bool:
        from accord.core.access import can_see

        if system.pk not in self.systems_seen:
            self.systems_seen[system.pk] = can_see(self.actor, system)
        return self.systems_seen[system.pk]

    def value(self, field: models.Field, obj: models.Model) -> Any:
        value = getattr(obj, field.attname)
        if value is None:
            return None
        if field.is_relation:
            target = field.related_model
            if target is Party:
                return self.parties.get(value)
            if target is get_user_model():
                return self.users.get(value)
            if target in _PROVISION:
                return value
            version = getattr(obj, field.name)
            return _version_key(version, self._seen(version.system))
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    def record(self, obj: models.Model) -> dict[str, Any]:
        data: dict[str, Any] = {"id": obj.pk}
        for field in obj._meta.concrete_fields:
            if field.primary_key:
                continue
            data[field.name] = self.value(field, obj)
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(self.parties[p.pk] for p in getattr(obj, field.name).all())
        return data


def table_rows(actor: Any, name: str) -> tuple[type[models.Model], Any]:
    """The model of table `name` and its rows the actor may see, oldest first (a
    system version's system is read with it)."""
    for table, model, path in TABLES:
        if table == name:
            rows = _queryset(actor, model, path).order_by("pk")
            if model is Commitment:
                rows = rows.select_related("system_version__system__owner")
            return model, rows
    raise KeyError(name)


def module_data(*, actor: User) -> dict[str, Any]:
    """Every provision record the actor sees, as plain JSON data (no audit event: see
    `module_export`)."""
    data: dict[str, Any] = {"format": FORMAT}
    writer = Writer(actor)
    for name, _model, _path in TABLES:
        _m, rows = table_rows(actor, name)
        data[name] = [writer.record(obj) for obj in rows.iterator(chunk_size=2000)]
    return data


def module_export(*, actor: User) -> dict[str, Any]:
    """The whole-module export, audited (who exported, how many records of each table)."""
    data = module_data(actor=actor)
    record_event(
        actor=actor,
        action="provision.module.export",
        object_type="provision.module",
        object_repr="provision",
        after={name: len(data[name]) for name, _m, _p in TABLES},
    )
    return data


# --- Import ----------------------------------------------------------------------------------


def may_import(user: Any) -> bool:
    return has_any_role(user, Role.ADMINISTRATOR)


def _bad(table: str, index: int, message: Any) -> ValidationFailed:
    return ValidationFailed.single(
        table, _("Record %(n)s: %(why)s") % {"n": index + 1, "why": message}
    )


class _Restore:
    def __init__(self) -> None:
        self.ids: dict[type[models.Model], dict[Any, int]] = {m: {} for m in _PROVISION}
        self.parties = dict(Party.objects.values_list("code", "pk"))
        self.users = dict(get_user_model().objects.values_list("username", "pk"))

    def reference(self, field: models.Field, value: Any) -> Any:
        from accord.expertise.models import SystemVersion

        target = field.related_model
        if target is Party:
            if value not in self.parties:
                raise ValueError(_("Unknown party: %(code)s.") % {"code": value})
            return self.parties[value]
        if target is get_user_model():
            return self.users.get(value)
        if target in _PROVISION:
            assert isinstance(target, type)
            if value not in self.ids[target]:
                raise ValueError(_("It refers to a record that is not in the file."))
            return self.ids[target][value]
        if not isinstance(value, dict) or not isinstance(value.get("number"), int):
            raise ValueError(_("Name the system version by owner, designation and number."))
        versions = SystemVersion.objects.filter(
            system__owner__code=value.get("owner"), number=value["number"]
        )
        if isinstance(value.get("designation"), str):
            versions = versions.filter(system__designation=value["designation"])
        elif isinstance(value.get("id"), int):
            # The exporter could not see the system: the id (kept by a restore) names it.
            versions = versions.filter(pk=value["id"])
        else:
            versions = versions.none()
        version = versions.values_list("pk", flat=True).first()
        if version is None:
            raise ValueError(
                _("The system %(name)s is not in this database: restore expertise first.")
                % {"name": value.get("designation") or value.get("id")}
            )
        return version

    def build(self, model: type[models.Model], row: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        values: dict[str, Any] = {}
        later: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name not in row:
                continue
            value = row[field.name]
            if value is not None and field.is_relation:
                values[field.attname] = self.reference(field, value)
            elif getattr(field, "auto_now_add", False):
                later[field.name] = field.to_python(value)
            elif value is not None and isinstance(field, models.DecimalField):
                try:
                    values[field.attname] = Decimal(str(value))
                except InvalidOperation as exc:
                    raise ValueError(_("Enter a number.")) from exc
            else:
                values[field.attname] = field.to_python(value)
        for field in model._meta.many_to_many:
            codes = row.get(field.name) or []
            if not isinstance(codes, list) or any(c not in self.parties for c in codes):
                raise ValueError(_("Unknown party in %(field)s.") % {"field": field.name})
            later[field.name] = [self.parties[c] for c in codes]
        return model(**values), later


@transaction.atomic
def module_import(*, actor: User, data: Any) -> dict[str, int]:
    """Restore a whole-module export (an administrator). Returns how many records of each
    table were created."""
    require(may_import(actor))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationFailed.single(
            "format", _("This is not a provision export (format %(f)s).") % {"f": FORMAT}
        )
    restore = _Restore()
    created: dict[str, int] = {}
    for name, model, _path in TABLES:
        rows = data.get(name) or []
        if not isinstance(rows, list):
            raise ValidationFailed.single(name, _("Give a list of records."))
        for index, row in enumerate(rows):
            if (
                not isinstance(row, dict)
                or not isinstance(row.get("id"), int | str)
                or row["id"] in restore.ids[model]
            ):
                raise _bad(name, index, _("Give each record as an object with its own id."))
            try:
                obj, later = restore.build(model, row)
            except (ValueError, TypeError) as exc:
                raise _bad(name, index, exc) from exc
            except Exception as exc:  # a field's own to_python refusal
                from django.core.exceptions import ValidationError

                if isinstance(exc, ValidationError):
                    raise _bad(name, index, " ".join(exc.messages)) from exc
                raise
            full_clean(obj, exclude=[f.name for f in model._meta.many_to_many])
            obj.save(force_insert=True)
            stamps = {k: v for k, v in later.items() if isinstance(v, dt.datetime)}
            if stamps:
                model._default_manager.filter(pk=obj.pk).update(**stamps)
            for field_name, ids in later.items():
                if isinstance(ids, list):
                    getattr(obj, field_name).set(ids)
            restore.ids[model][row["id"]] = obj.pk
        created[name] = len(rows)
    record_event(
        actor=actor,
        action="provision.module.import",
        object_type="provision.module",
        object_repr="provision",
        after=created,
    )
    return created
