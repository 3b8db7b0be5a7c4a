"""Item registers, makes and models, imports: selectors (every read users reach).

Everything starts from `Item.objects.visible_to(actor)`; search by serial goes through the
folded form (`serial_norm`), so "ак 0451" finds "AK-0451".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import NotFound, PermissionDenied
from accord.core.models import Party
from accord.trafficking.domain.normalise import fold_marking, fold_name
from accord.trafficking.models.items import Item, ItemImport, MakeModel
from accord.trafficking.permissions import READER_ROLES, may_read_registers

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


FILTERS = ("q", "serial", "kind", "status", "owner", "make_model", "country")


def require_reader(actor: User) -> None:
    if not may_read_registers(actor):
        raise PermissionDenied(roles=READER_ROLES)


def item_list(
    *,
    actor: User,
    q: str = "",
    serial: str = "",
    kind: str = "",
    status: str = "",
    owner: str = "",
    make_model: int | str | None = None,
    country: str = "",
) -> QuerySet[Item]:
    """Items the actor may see, filtered. `serial` matches the folded serial from its start
    (index range); `q` also searches manufacturer, model and markings."""
    require_reader(actor)
    items = Item.objects.visible_to(actor)
    if serial:
        folded = fold_marking(serial)
        items = items.filter(serial_norm__startswith=folded) if folded else items.none()
    if q:
        folded = fold_marking(q)
        condition = Q(manufacturer__icontains=q) | Q(model__icontains=q)
        if folded:
            condition |= Q(serial_norm__startswith=folded) | Q(markings_norm__contains=folded)
        items = items.filter(condition)
    if kind:
        items = items.filter(kind=kind)
    if status:
        items = items.filter(status=status)
    if owner:
        items = items.filter(owner__code=owner.upper())
    if make_model:
        items = items.filter(make_model_id=make_model)
    if country:
        items = items.filter(country_of_manufacture=country.upper())
    return items.select_related("owner", "make_model").order_by("-id")


def item_get(*, actor: User, pk: Any, audit_view: bool = True) -> Item:
    """One item the actor may see (NotFound otherwise); a CONFIDENTIAL+ read is audited."""
    if not may_read_registers(actor):
        raise NotFound()
    try:
        item = (
            Item.objects.visible_to(actor)
            .select_related("owner", "make_model", "system", "imported_in")
            .prefetch_related("released_to")
            .get(pk=int(pk))
        )
    except (Item.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if audit_view:
        record_view(actor=actor, obj=item)
    return item


def item_export_queryset(*, actor: User, **filters: Any) -> QuerySet[Item]:
    """What an export holds: the list, with what each row needs fetched in bulk."""
    return (
        item_list(actor=actor, **filters)
        .order_by("id")
        .prefetch_related(Prefetch("released_to", queryset=Party.objects.only("pk", "code")))
    )


def item_imports(*, actor: User) -> QuerySet[ItemImport]:
    """The imports into the actor's party's register, newest first."""
    party = party_of(actor)
    if party is None:
        return ItemImport.objects.none()
    return ItemImport.objects.filter(owner=party).select_related("actor")


def make_model_list(*, q: str = "") -> QuerySet[MakeModel]:
    """The make-and-model reference (shared, unmarked reference data)."""
    entries = MakeModel.objects.all()
    if q:
        # The reference is small (hundreds of entries): aliases are searched in Python.
        key = fold_name(q)
        found = [
            pk
            for pk, keys in MakeModel.objects.values_list("pk", "keys")
            if key and any(k.startswith(key) for k in keys)
        ]
        entries = entries.filter(
            Q(pk__in=found) | Q(manufacturer__icontains=q) | Q(model__icontains=q)
        )
    return entries.order_by("manufacturer", "model")


def make_model_get(*, pk: Any) -> MakeModel:
    try:
        return MakeModel.objects.get(pk=int(pk))
    except (MakeModel.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
