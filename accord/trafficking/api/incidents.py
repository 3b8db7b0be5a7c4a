"""Incidents through HTTP: list and report (with items and entities in one request), read,
change, status, item and entity rows, the hits as the reader may see them, links to other
incidents, the correlation network, MISP export and import. One APIView per operation,
each with its own input and output serializers; writes go through the services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination
from accord.core.audit import record_view
from accord.core.errors import ValidationFailed
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.trafficking import correlation, misp
from accord.trafficking.api.filters import IncidentFilter
from accord.trafficking.models.incidents import EntityRole, Incident, IncidentEntityKind
from accord.trafficking.models.items import ItemKind
from accord.trafficking.selectors import incidents as selectors
from accord.trafficking.services import incidents as services

# --- Output ----------------------------------------------------------------------------------


ItemKindField = enum_field("ItemKindEnum", ItemKind.choices)
IncidentKindField = enum_field("IncidentKindEnum", Incident.Kind.choices)


class IncidentItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    manufacturer = serializers.CharField()
    model = serializers.CharField()
    serial_number = serializers.CharField()
    serial_norm = serializers.CharField()
    other_markings = serializers.CharField()
    markings_norm = serializers.CharField()
    quantity = serializers.IntegerField()
    item = serializers.IntegerField(
        source="item_id",
        allow_null=True,
        help_text=_("The reporting party's register item, when matched exactly."),
    )


class IncidentEntityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    name_norm = serializers.CharField()
    role = serializers.CharField()
    entity = serializers.IntegerField(source="entity_id", allow_null=True)


class HitOutput(serializers.Serializer):
    incident_item = serializers.IntegerField(source="incident_item.pk")
    party = serializers.CharField(source="party.code")
    disclosed = serializers.BooleanField(
        help_text=_(
            "False: a matching record exists in this party's register, and nothing more is "
            "said; send the party a tracing request."
        )
    )
    item = serializers.SerializerMethodField()
    exact = serializers.BooleanField()
    score = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_item(self, hit: Any) -> dict[str, Any] | None:
        if hit.item is None:
            return None
        item = hit.item
        return {
            "id": item.pk,
            "owner": item.owner.code,
            "kind": item.kind,
            "manufacturer": item.manufacturer,
            "model": item.model,
            "serial_number": item.serial_number,
            "status": item.status,
        }


class IncidentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    owner = serializers.CharField(source="owner.code")
    occurred_on = serializers.DateField()
    country = serializers.CharField()
    locality = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    route = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    operation = serializers.IntegerField(source="operation_id", allow_null=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class IncidentListOutput(IncidentOutput):
    item_count = serializers.IntegerField()
    entity_count = serializers.IntegerField()


class IncidentDetailOutput(IncidentOutput):
    narrative = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    items = IncidentItemOutput(many=True, source="items.all")
    entities = IncidentEntityOutput(many=True, source="entities.all")
    hits = serializers.SerializerMethodField()

    def get_released_to(self, incident: Incident) -> list[str]:
        return sorted(p.code for p in incident.released_to.all())

    @extend_schema_field(HitOutput(many=True))
    def get_hits(self, incident: Incident) -> list[dict[str, Any]]:
        hits = selectors.incident_hits(actor=self.context["actor"], incident=incident)
        return list(HitOutput(hits, many=True).data)

    def to_representation(self, instance: Incident) -> dict[str, Any]:
        # A link to a record the viewer may not see is shown as null, not as its id.
        data = super().to_representation(instance)
        linked = selectors.incident_linked_records(actor=self.context["actor"], incident=instance)
        for row in data["items"]:
            if row["item"] not in linked.items:
                row["item"] = None
        for row in data["entities"]:
            if row["entity"] not in linked.entities:
                row["entity"] = None
        if not linked.operation:
            data["operation"] = None
        return data


# --- Input -----------------------------------------------------------------------------------


class ItemInput(serializers.Serializer):
    kind = ItemKindField()
    manufacturer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    model = serializers.CharField(max_length=200, required=False, allow_blank=True)
    serial_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    other_markings = serializers.CharField(max_length=300, required=False, allow_blank=True)
    quantity = serializers.IntegerField(min_value=1, required=False, default=1)


class EntityInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IncidentEntityKind.choices)
    name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=EntityRole.choices, required=False, default="other")
    entity = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("A watchlist entity you may see.")
    )


class IncidentUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    kind = IncidentKindField(required=False)
    occurred_on = serializers.DateField(required=False)
    country = serializers.CharField(max_length=3, required=False)
    locality = serializers.CharField(max_length=200, required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    route = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, max_length=30
    )
    narrative = serializers.CharField(required=False, allow_blank=True)
    operation = serializers.IntegerField(required=False, allow_null=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A partial update still needs the version read (DRF's partial skips "required").
        if "version" in self.fields and "version" not in attrs:
            raise serializers.ValidationError(
                {"version": [self.fields["version"].error_messages["required"]]}
            )
        return attrs


class IncidentReportInput(IncidentUpdateInput):
    version = None  # type: ignore[assignment]
    kind = IncidentKindField()
    occurred_on = serializers.DateField()
    country = serializers.CharField(max_length=3)
    items = ItemInput(many=True, required=False)
    entities = EntityInput(many=True, required=False)


class StatusInput(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Incident.Status.choices)


# --- Views -----------------------------------------------------------------------------------


def _detail(request: Request, incident: Incident) -> dict[str, Any]:
    actor = acting_user(request)
    fresh = selectors.incident_get(actor=actor, pk=incident.pk)
    return dict(IncidentDetailOutput(fresh, context={"actor": actor}).data)


class IncidentListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(IncidentFilter),
        responses={200: IncidentListOutput(many=True), **error_responses(400)},
        summary="Incidents I may see, newest first, with filters",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(IncidentFilter, request)
        rows = filters.filter_queryset(
            selectors.incident_list(
                actor=acting_user(request), filters=filters.selector_arguments()
            )
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = IncidentListOutput(page, many=True).data
        # A joint operation the viewer may not see is shown as null, not as its id.
        seen = selectors.visible_operation_ids(
            actor=acting_user(request), ids={row["operation"] for row in data}
        )
        for row in data:
            if row["operation"] not in seen:
                row["operation"] = None
        return paginator.get_paginated_response(data)

    @extend_schema(
        request=IncidentReportInput,
        responses={201: IncidentDetailOutput, **error_responses(400, 403)},
        summary="Report an incident of my party with its items and entities (customs officers);"
        " every item is matched against the registers",
    )
    def post(self, request: Request) -> Response:
        data = IncidentReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        incident = services.incident_report(
            actor=acting_user(request),
            released_to=fields.pop("released_to", None),
            items=[dict(row) for row in fields.pop("items", [])],
            entities=[dict(row) for row in fields.pop("entities", [])],
            **fields,
        )
        return Response(_detail(request, incident), status=status.HTTP_201_CREATED)


class IncidentDetailApi(APIView):
    @extend_schema(
        responses={200: IncidentDetailOutput, **error_responses(404)},
        summary="One incident with its items, entities and hits (reading a confidential one "
        "is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=incident)
        return Response(IncidentDetailOutput(incident, context={"actor": actor}).data)

    @extend_schema(
        request=IncidentUpdateInput,
        responses={200: IncidentDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an incident (officers of its party); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        data = IncidentUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        incident = services.incident_update(
            actor=actor,
            incident=incident,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(_detail(request, incident))


class IncidentStatusApi(APIView):
    @extend_schema(
        request=StatusInput,
        responses={200: IncidentDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an incident's status",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        data = StatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.incident_status_change(actor=actor, incident=incident, **data.validated_data)
        return Response(_detail(request, incident))


class IncidentItemAddApi(APIView):
    @extend_schema(
        request=ItemInput,
        responses={201: IncidentDetailOutput, **error_responses(400, 403, 404)},
        summary="Add an item to an incident; it is matched at once",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        data = ItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.incident_item_add(actor=actor, incident=incident, **data.validated_data)
        return Response(_detail(request, incident), status=status.HTTP_201_CREATED)


class IncidentItemApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, **error_responses(403, 404)},
        summary="Remove an item entered by mistake",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.incident_item_get(actor=actor, pk=pk)
        services.incident_item_remove(actor=actor, incident_item=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IncidentEntityAddApi(APIView):
    @extend_schema(
        request=EntityInput,
        responses={201: IncidentDetailOutput, **error_responses(400, 403, 404)},
        summary="Add a person, organisation, vessel or aircraft to an incident",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        data = EntityInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.incident_entity_add(actor=actor, incident=incident, **data.validated_data)
        return Response(_detail(request, incident), status=status.HTTP_201_CREATED)


class IncidentEntityApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, **error_responses(403, 404)},
        summary="Remove an entity entered by mistake",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.incident_entity_get(actor=actor, pk=pk)
        services.incident_entity_remove(actor=actor, incident_entity=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Correlation -----------------------------------------------------------------------------


class SharedValueOutput(serializers.Serializer):
    dimension = serializers.CharField(source="dimension.code")
    dimension_label = serializers.CharField(source="dimension.label")
    value = serializers.CharField(source="display")
    count = serializers.IntegerField()
    common = serializers.BooleanField(
        help_text=_("Shared by more incidents than the limit: flagged, and makes no links.")
    )
    incidents = serializers.ListField(child=serializers.IntegerField(), source="incident_ids")


class LinkOutput(serializers.Serializer):
    incident = IncidentOutput()
    reasons = SharedValueOutput(many=True)


class LinksOutput(serializers.Serializer):
    links = LinkOutput(many=True)
    common = SharedValueOutput(many=True)
    limit = serializers.IntegerField()


class IncidentLinksApi(APIView):
    @extend_schema(
        responses={200: LinksOutput, **error_responses(404)},
        summary="Incidents I may see that share an item, marking, entity or route segment "
        "with this one, with the reasons",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        links, common = correlation.incident_links(actor=actor, incident=incident)
        body = {"links": links, "common": common, "limit": correlation.common_value_limit()}
        return Response(LinksOutput(body).data)


class NetworkOutput(serializers.Serializer):
    shared = SharedValueOutput(many=True)
    common = SharedValueOutput(many=True)
    incidents = IncidentOutput(many=True)
    truncated = serializers.BooleanField()
    limit = serializers.IntegerField()


class CorrelationApi(APIView):
    @extend_schema(
        parameters=filter_parameters(IncidentFilter),
        responses={200: NetworkOutput, **error_responses(400)},
        summary="The correlation network among the incidents I may see (filters as the list)",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        filters = filter_query(IncidentFilter, request)
        incidents = selectors.incident_list(actor=actor, filters=filters.selector_arguments())
        net = correlation.network(actor=actor, incidents=filters.filter_queryset(incidents))
        body = {
            "shared": net.shared,
            "common": net.common,
            "incidents": list(net.incidents.values()),
            "truncated": net.truncated,
            "limit": net.limit,
        }
        return Response(NetworkOutput(body).data)


# --- MISP ------------------------------------------------------------------------------------


class IncidentMispApi(APIView):
    @extend_schema(
        operation_id="trafficking_incident_misp_event",
        responses={200: OpenApiTypes.OBJECT, **error_responses(404)},
        summary="One incident as a MISP event (JSON)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        incident = selectors.incident_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=incident)
        return Response(misp.incident_event(incident))


class IncidentsMispApi(APIView):
    @extend_schema(
        parameters=filter_parameters(IncidentFilter),
        operation_id="trafficking_incidents_misp_export",
        responses={200: OpenApiTypes.OBJECT, **error_responses(400)},
        summary="The incidents I may see (filters as the list) as MISP events, at most 1000",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        filters = filter_query(IncidentFilter, request)
        incidents = selectors.incident_list(actor=actor, filters=filters.selector_arguments())
        rows = filters.filter_queryset(incidents).prefetch_related("items", "entities")[
            : misp.MAX_EVENTS
        ]
        return Response(misp.export_incidents(rows))


class MispImportOutput(serializers.Serializer):
    imported = serializers.IntegerField(help_text="Events stored as new incidents.")
    updated = serializers.IntegerField(
        help_text="Events imported before: their incidents were updated, not duplicated."
    )
    incidents = IncidentOutput(many=True)


class IncidentsMispImportApi(APIView):
    @extend_schema(
        request={
            "application/json": OpenApiTypes.OBJECT,
            "multipart/form-data": OpenApiTypes.OBJECT,
        },
        responses={201: MispImportOutput, **error_responses(400, 403, 409)},
        summary="Import MISP events as incidents of my party (JSON body, or a file field "
        "`file`); a bad event stores nothing",
        description="Idempotent by the event `uuid`: an event my party imported (or "
        "exported) before updates its incident instead of creating another one. 409 when "
        "that incident is one I may not see.",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        if request.content_type.startswith("multipart/"):
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationFailed.single("file", _("Choose a MISP JSON file."))
            content: bytes = upload.read()
        else:
            content = request.body
        result = misp.import_incidents(actor=actor, content=content)
        body = {
            "imported": len(result.created),
            "updated": len(result.updated),
            "incidents": result.incidents,
        }
        return Response(MispImportOutput(body).data, status=status.HTTP_201_CREATED)
