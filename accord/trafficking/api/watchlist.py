"""Watchlist entities and screening: the API (one class per operation; the services and
selectors do the work)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core import jobs
from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.renderers import csv_attachment
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import BackgroundJob, Classification, Release
from accord.core.permissions import acting_user
from accord.core.views_jobs import JobOutput, accepted
from accord.trafficking import permissions, screening
from accord.trafficking.api.filters import EntityFilter
from accord.trafficking.jobs import BULK_SCREENING
from accord.trafficking.models import Entity, EntityIdentifier, EntityName
from accord.trafficking.selectors import watchlist as selectors
from accord.trafficking.services import watchlist as services

# --- Output --------------------------------------------------------------------------------


EntityKindField = enum_field("EntityKindEnum", Entity.Kind.choices)


class EntityNameOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    script = serializers.CharField()
    is_alias = serializers.BooleanField()
    is_primary = serializers.BooleanField()
    key = serializers.CharField(help_text=_("The normalised, script-independent key."))


class EntityIdentifierOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    value = serializers.CharField()
    value_norm = serializers.CharField()
    country = serializers.CharField()


class EntityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code", help_text=_("The listing party."))
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    nationality = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    listed_on = serializers.DateField()
    delisted_on = serializers.DateField(allow_null=True)
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    release = serializers.CharField()
    version = serializers.IntegerField()


class EntityDetailOutput(EntityOutput):
    delisting_reason = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    names = EntityNameOutput(many=True, source="names.all")
    identifiers = EntityIdentifierOutput(many=True, source="identifiers.all")

    def get_released_to(self, entity: Entity) -> list[str]:
        return sorted(party.code for party in entity.released_to.all())


class ScreeningCandidateOutput(serializers.Serializer):
    entity = EntityOutput()
    score = serializers.IntegerField(help_text=_("0–100; from 80 a likely match."))
    features = serializers.ListField(
        child=serializers.CharField(), source="feature_texts", help_text=_("What matched.")
    )
    matched_name = serializers.CharField()
    matched_identifier = serializers.CharField()


class ScreeningBulkRowOutput(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("Row number in the file (the header is 1)."))
    name = serializers.CharField()
    kind = serializers.CharField()
    nationality = serializers.CharField()
    identifiers = serializers.ListField(child=serializers.CharField())
    candidates = ScreeningCandidateOutput(many=True)


# --- Input ---------------------------------------------------------------------------------


class EntityIdentifierInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EntityIdentifier.Kind.choices)
    value = serializers.CharField(max_length=100)
    country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")


class EntityUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    kind = EntityKindField(required=False)
    name = serializers.CharField(max_length=300, required=False)
    nationality = serializers.CharField(max_length=3, required=False, allow_blank=True)
    reason = serializers.CharField(required=False)
    listed_on = serializers.DateField(required=False)
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


class EntityCreateInput(EntityUpdateInput):
    version = None  # type: ignore[assignment]
    kind = EntityKindField()
    name = serializers.CharField(max_length=300)
    reason = serializers.CharField()
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list
    )
    identifiers = EntityIdentifierInput(many=True, required=False, default=list)


class EntityDelistInput(serializers.Serializer):
    version = serializers.IntegerField()
    reason = serializers.CharField()
    delisted_on = serializers.DateField(required=False)


class EntityNameInput(serializers.Serializer):
    name = serializers.CharField(max_length=300)


class WatchlistFileInput(serializers.Serializer):
    file = serializers.FileField()


class NameScreenInput(serializers.Serializer):
    name = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")
    kind = EntityKindField(required=False, allow_blank=True, default="")
    nationality = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    identifiers = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list
    )
    limit = serializers.IntegerField(min_value=1, max_value=100, required=False, default=20)
    min_score = serializers.IntegerField(
        min_value=0, max_value=100, required=False, default=screening.DEFAULT_MIN_SCORE
    )


def _uploaded(request: Request) -> tuple[bytes, str]:
    data = WatchlistFileInput(data=request.data)
    data.is_valid(raise_exception=True)
    upload = data.validated_data["file"]
    if upload.size > services.MAX_IMPORT_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    return upload.read(), upload.name


# --- Entities ------------------------------------------------------------------------------


class EntityListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(EntityFilter),
        responses={200: EntityOutput(many=True), **error_responses(400)},
        summary="Watchlist entities I may see (search by any name, in any script)",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(EntityFilter, request)
        entities = selectors.entity_list(actor=acting_user(request), **filters.selector_arguments())
        return paginated(self, request, filters.filter_queryset(entities), EntityOutput)

    @extend_schema(
        request=EntityCreateInput,
        responses={201: EntityDetailOutput, **error_responses(400, 403)},
        summary="List an entity on my party's watchlist (customs officers)",
    )
    def post(self, request: Request) -> Response:
        data = EntityCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        actor = acting_user(request)
        identifiers = [(i["kind"], i["value"]) for i in fields.pop("identifiers")]
        entity = services.entity_create(
            actor=actor,
            released_to=fields.pop("released_to", []),
            identifiers=identifiers,
            **fields,
        )
        entity = selectors.entity_get(actor=actor, pk=entity.pk)
        return Response(EntityDetailOutput(entity).data, status=status.HTTP_201_CREATED)


class EntityDetailApi(APIView):
    @extend_schema(
        responses={200: EntityDetailOutput, **error_responses(404)},
        summary="One entity with its names and identifiers (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        entity = selectors.entity_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=entity)
        return Response(EntityDetailOutput(entity).data)

    @extend_schema(
        request=EntityUpdateInput,
        responses={200: EntityDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an entity (its listing party's officers); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        entity = selectors.entity_get(actor=actor, pk=pk)
        data = EntityUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.entity_update(
            actor=actor,
            entity=entity,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(EntityDetailOutput(selectors.entity_get(actor=actor, pk=pk)).data)


class EntityDelistApi(APIView):
    @extend_schema(
        request=EntityDelistInput,
        responses={200: EntityDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Delist an entity: kept for the record, no longer screened against",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        entity = selectors.entity_get(actor=actor, pk=pk)
        data = EntityDelistInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.entity_delist(actor=actor, entity=entity, **data.validated_data)
        return Response(EntityDetailOutput(selectors.entity_get(actor=actor, pk=pk)).data)


class EntityNameAddApi(APIView):
    @extend_schema(
        request=EntityNameInput,
        responses={201: EntityNameOutput, **error_responses(400, 403, 404)},
        summary="Add an alias (any script) to an entity",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        entity = selectors.entity_get(actor=actor, pk=pk)
        data = EntityNameInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.entity_name_add(actor=actor, entity=entity, **data.validated_data)
        return Response(EntityNameOutput(row).data, status=status.HTTP_201_CREATED)


class EntityNameDeleteApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, **error_responses(400, 403, 404)},
        summary="Remove an alias of an entity",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row: EntityName = selectors.entity_name_get(actor=actor, pk=pk)
        services.entity_name_remove(actor=actor, entity_name=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EntityIdentifierAddApi(APIView):
    @extend_schema(
        request=EntityIdentifierInput,
        responses={201: EntityIdentifierOutput, **error_responses(400, 403, 404)},
        summary="Add an identifier (passport, registration, IMO, tail number, tax id)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        entity = selectors.entity_get(actor=actor, pk=pk)
        data = EntityIdentifierInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.entity_identifier_add(actor=actor, entity=entity, **data.validated_data)
        return Response(EntityIdentifierOutput(row).data, status=status.HTTP_201_CREATED)


class EntityIdentifierDeleteApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, **error_responses(403, 404)},
        summary="Remove an identifier recorded in error",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        row = selectors.entity_identifier_get(actor=actor, pk=pk)
        services.entity_identifier_remove(actor=actor, identifier=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WatchlistImportApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": WatchlistFileInput},
        responses={201: EntityOutput(many=True), **error_responses(400, 403)},
        summary="Import entities from CSV or XLSX (one transaction; a bad row rejects the "
        "file with its row number)",
        description=(
            "Columns: kind, name, nationality, reason, listed_on; optionally aliases "
            "(separated by ';'), identifiers (kind:value;...), classification, release."
        ),
    )
    def post(self, request: Request) -> Response:
        data, filename = _uploaded(request)
        created = services.watchlist_import(
            actor=acting_user(request), data=data, filename=filename
        )
        return Response(EntityOutput(created, many=True).data, status=status.HTTP_201_CREATED)


# --- Screening -----------------------------------------------------------------------------


class ScreenApi(APIView):
    @extend_schema(
        request=NameScreenInput,
        responses={200: ScreeningCandidateOutput(many=True), **error_responses(400, 403)},
        summary="Screen a name (and identifiers) against the watchlist entities I may see",
    )
    def post(self, request: Request) -> Response:
        data = NameScreenInput(data=request.data)
        data.is_valid(raise_exception=True)
        candidates = screening.screen_name(actor=acting_user(request), **data.validated_data)
        return Response(ScreeningCandidateOutput(candidates, many=True).data)


class BulkScreenApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": WatchlistFileInput},
        parameters=[
            OpenApiParameter(
                "download",
                str,
                enum=["csv"],
                required=False,
                description=str(_("Answer with a CSV file of the results instead of JSON.")),
            )
        ],
        responses={
            200: ScreeningBulkRowOutput(many=True),
            202: JobOutput,
            **error_responses(400, 403),
        },
        summary="Screen every name of a CSV or XLSX file (columns: name, and optionally kind, "
        "nationality, identifier). The worker screens the file: 202 with the job (its "
        "result holds `rows` and `csv` when done), or 200 with the results when already done",
    )
    def post(self, request: Request) -> Any:
        data = WatchlistFileInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > services.MAX_IMPORT_BYTES:
            raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
        actor = acting_user(request)
        if not permissions.can_screen(actor):
            raise PermissionDenied()
        job = jobs.start(
            owner=actor, kind="trafficking.bulk_screening", runner=BULK_SCREENING, upload=upload
        )
        if job.state == BackgroundJob.State.FAILED:
            return Response(job.error, status=job.error_status)
        if job.state != BackgroundJob.State.DONE:
            return accepted(job, request)
        result: dict[str, Any] = job.result or {}
        if request.query_params.get("download") == "csv":
            return csv_attachment(result["csv"], "screening.csv")
        return Response(result["rows"])
