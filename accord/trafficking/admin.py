"""The trafficking records in the admin, read-only, for audit: lists with search and
filters, and each record's page. Every write goes through the services (pages, API,
imports), which check permissions and audit the change, so the admin adds, changes and
deletes nothing. Marked records (and the rows that belong to them) are shown only as far as
the access rule lets the administrator see them, as on the pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accord.core.access import party_of
from accord.core.admin import ReadOnlyAdmin
from accord.trafficking.models import (
    Entity,
    EntityIdentifier,
    EntityName,
    Incident,
    IncidentEntity,
    IncidentItem,
    Item,
    ItemHit,
    ItemImport,
    MakeModel,
    Operation,
    OperationParticipant,
    RouteSegment,
    TracingItem,
    TracingRequest,
    TracingTransfer,
)


class MarkedAdmin(ReadOnlyAdmin):
    """A marked record: only those the administrator may see (`visible_to`)."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return self.model.objects.visible_to(request.user).select_related("owner")


# --- Item registers ---------------------------------------------------------------------------


@admin.register(Item)
class ItemAdmin(MarkedAdmin):
    list_display = ("serial_number", "kind", "manufacturer", "model", "status", "owner")
    list_filter = ("kind", "status", "classification", "release")
    search_fields = ("serial_number", "manufacturer", "model", "owner__code")


@admin.register(MakeModel)
class MakeModelAdmin(ReadOnlyAdmin):
    list_display = ("manufacturer", "model", "country", "kind", "updated_at")
    list_filter = ("kind",)
    search_fields = ("manufacturer", "model", "manufacturer_norm", "model_norm")


@admin.register(ItemImport)
class ItemImportAdmin(ReadOnlyAdmin):
    """A register import: the administrator's own party's only, as on the pages."""

    list_display = ("file_name", "file_format", "row_count", "owner", "actor", "created_at")
    list_filter = ("file_format",)
    search_fields = ("file_name", "actor__username")

    def get_queryset(self, request: HttpRequest) -> Any:
        party = party_of(request.user)
        return super().get_queryset(request).filter(owner=party).select_related("owner", "actor")


# --- Watchlist --------------------------------------------------------------------------------


@admin.register(Entity)
class EntityAdmin(MarkedAdmin):
    list_display = ("name", "kind", "nationality", "status", "listed_on", "owner")
    list_filter = ("kind", "status", "classification", "release")
    search_fields = ("name", "names__name", "nationality", "owner__code")


@admin.register(EntityName)
class EntityNameAdmin(ReadOnlyAdmin):
    list_display = ("name", "entity", "script", "is_alias", "is_primary")
    list_filter = ("script", "is_alias")
    search_fields = ("name", "key")

    def get_queryset(self, request: HttpRequest) -> Any:
        return EntityName.objects.filter(entity__in=Entity.objects.visible_to(request.user))


@admin.register(EntityIdentifier)
class EntityIdentifierAdmin(ReadOnlyAdmin):
    list_display = ("value", "kind", "country", "entity")
    list_filter = ("kind",)
    search_fields = ("value", "value_norm")

    def get_queryset(self, request: HttpRequest) -> Any:
        return EntityIdentifier.objects.filter(entity__in=Entity.objects.visible_to(request.user))


# --- Incidents --------------------------------------------------------------------------------


@admin.register(Incident)
class IncidentAdmin(MarkedAdmin):
    list_display = ("reference", "kind", "occurred_on", "country", "status", "owner")
    list_filter = ("kind", "status", "classification", "release")
    search_fields = ("reference", "locality", "country", "owner__code")


def _visible_incidents(request: HttpRequest) -> Any:
    return Incident.objects.visible_to(request.user)


@admin.register(IncidentItem)
class IncidentItemAdmin(ReadOnlyAdmin):
    list_display = ("incident", "kind", "manufacturer", "model", "serial_number", "quantity")
    list_filter = ("kind",)
    search_fields = ("serial_number", "manufacturer", "model", "incident__reference")

    def get_queryset(self, request: HttpRequest) -> Any:
        return IncidentItem.objects.filter(incident__in=_visible_incidents(request))


@admin.register(IncidentEntity)
class IncidentEntityAdmin(ReadOnlyAdmin):
    list_display = ("incident", "kind", "name", "role")
    list_filter = ("kind", "role")
    search_fields = ("name", "incident__reference")

    def get_queryset(self, request: HttpRequest) -> Any:
        return IncidentEntity.objects.filter(incident__in=_visible_incidents(request))


@admin.register(RouteSegment)
class RouteSegmentAdmin(ReadOnlyAdmin):
    list_display = ("incident", "position", "origin", "destination")
    search_fields = ("key", "incident__reference")

    def get_queryset(self, request: HttpRequest) -> Any:
        return RouteSegment.objects.filter(incident__in=_visible_incidents(request))


@admin.register(ItemHit)
class ItemHitAdmin(ReadOnlyAdmin):
    """A register hit: shown when both the incident and the register item are visible."""

    list_display = ("incident_item", "item", "party", "exact", "score", "created_at")
    list_filter = ("exact",)
    search_fields = ("incident_item__incident__reference", "item__serial_number")

    def get_queryset(self, request: HttpRequest) -> Any:
        return ItemHit.objects.filter(
            incident_item__incident__in=_visible_incidents(request),
            item__in=Item.objects.visible_to(request.user),
        )


# --- Tracing ----------------------------------------------------------------------------------


@admin.register(TracingRequest)
class TracingRequestAdmin(MarkedAdmin):
    list_display = ("reference", "owner", "requested_party", "state", "outcome", "due_date")
    list_filter = ("state", "outcome", "classification")
    search_fields = ("reference", "owner__code", "requested_party__code")


def _visible_requests(request: HttpRequest) -> Any:
    return TracingRequest.objects.visible_to(request.user)


@admin.register(TracingItem)
class TracingItemAdmin(ReadOnlyAdmin):
    list_display = ("request", "kind", "manufacturer", "model", "serial_number")
    list_filter = ("kind",)
    search_fields = ("serial_number", "manufacturer", "model", "request__reference")

    def get_queryset(self, request: HttpRequest) -> Any:
        return TracingItem.objects.filter(request__in=_visible_requests(request))


@admin.register(TracingTransfer)
class TracingTransferAdmin(ReadOnlyAdmin):
    list_display = ("request", "date", "from_holder", "to_holder", "document_reference")
    search_fields = ("from_holder", "to_holder", "document_reference", "request__reference")

    def get_queryset(self, request: HttpRequest) -> Any:
        return TracingTransfer.objects.filter(request__in=_visible_requests(request))


# --- Joint operations -------------------------------------------------------------------------


@admin.register(Operation)
class OperationAdmin(MarkedAdmin):
    list_display = ("code", "name", "status", "starts_on", "ends_on", "owner")
    list_filter = ("status", "classification", "release")
    search_fields = ("code", "name", "owner__code")


@admin.register(OperationParticipant)
class OperationParticipantAdmin(ReadOnlyAdmin):
    list_display = ("operation", "party", "added_at")
    search_fields = ("operation__code", "party__code")

    def get_queryset(self, request: HttpRequest) -> Any:
        return OperationParticipant.objects.filter(
            operation__in=Operation.objects.visible_to(request.user)
        )
