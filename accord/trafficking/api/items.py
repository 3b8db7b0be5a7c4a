"""Item registers, makes and models, imports, matching: API.

One class per operation, input and output serializers, an OpenAPI schema for each. Match
answers carry hidden hits as a party code and nothing else.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core import jobs
from accord.core.access import party_of
from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import BackgroundJob, Classification, Release
from accord.core.permissions import acting_user
from accord.core.views_jobs import JobOutput, accepted
from accord.expertise.models import WeaponSystem
from accord.trafficking import imports, permissions
from accord.trafficking.api.filters import ItemExportFilter, ItemFilter, MakeModelFilter
from accord.trafficking.jobs import ITEM_IMPORT
from accord.trafficking.models.items import Item, ItemImport, ItemKind
from accord.trafficking.selectors import items as selectors
from accord.trafficking.services import items as services

# --- Serializers ----------------------------------------------------------------------------


ItemKindField = enum_field("ItemKindEnum", ItemKind.choices)
ItemStatusField = enum_field("ItemStatusEnum", Item.Status.choices)


class MakeModelOutput(serializers.Serializer):
    id = serializers.IntegerField()
    manufacturer = serializers.CharField()
    model = serializers.CharField()
    country = serializers.CharField()
    kind = serializers.CharField()
    manufacturer_aliases = serializers.ListField(child=serializers.CharField())
    model_aliases = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField()


class ItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    manufacturer = serializers.CharField()
    model = serializers.CharField()
    serial_number = serializers.CharField()
    serial_norm = serializers.CharField()
    other_markings = serializers.CharField()
    country_of_manufacture = serializers.CharField()
    year_of_manufacture = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    system = serializers.IntegerField(source="system_id", allow_null=True)
    make_model = serializers.IntegerField(source="make_model_id", allow_null=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class ItemDetailOutput(ItemOutput):
    released_to = serializers.SerializerMethodField()

    def get_released_to(self, item: Item) -> list[str]:
        return sorted(p.code for p in item.released_to.all())


@extend_schema_field(OpenApiTypes.INT)
class _SystemField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": _("No weapon system you may see has the id {pk_value}.")
    }

    def get_queryset(self) -> Any:
        return WeaponSystem.objects.visible_to(self.context["actor"])


class ItemUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    kind = ItemKindField(required=False)
    manufacturer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    model = serializers.CharField(max_length=200, required=False, allow_blank=True)
    serial_number = serializers.CharField(max_length=100, required=False)
    other_markings = serializers.CharField(required=False, allow_blank=True)
    country_of_manufacture = serializers.CharField(max_length=3, required=False, allow_blank=True)
    year_of_manufacture = serializers.IntegerField(required=False, allow_null=True)
    status = ItemStatusField(required=False)
    system = _SystemField(required=False, allow_null=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class ItemRegisterInput(ItemUpdateInput):
    version = None  # type: ignore[assignment]
    kind = ItemKindField()
    serial_number = serializers.CharField(max_length=100)


class ItemStatusInput(serializers.Serializer):
    status = ItemStatusField()
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )


class MakeModelInput(serializers.Serializer):
    manufacturer = serializers.CharField(max_length=200, allow_blank=True, required=False)
    model = serializers.CharField(max_length=200)
    country = serializers.CharField(max_length=3, allow_blank=True, required=False)
    kind = ItemKindField(allow_blank=True, required=False)
    manufacturer_aliases = serializers.ListField(child=serializers.CharField(), required=False)
    model_aliases = serializers.ListField(child=serializers.CharField(), required=False)


class MakeModelUpdateInput(MakeModelInput):
    model = serializers.CharField(max_length=200, required=False)
    version = serializers.IntegerField()


class MatchInput(serializers.Serializer):
    kind = ItemKindField(required=False, allow_blank=True)
    manufacturer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    model = serializers.CharField(max_length=200, required=False, allow_blank=True)
    serial = serializers.CharField(max_length=100, required=False, allow_blank=True)
    markings = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    limit = serializers.IntegerField(min_value=1, max_value=100, required=False, default=20)


class MatchOutput(serializers.Serializer):
    item = ItemOutput()
    score = serializers.IntegerField()
    exact = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class HiddenHitOutput(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    match_exists = serializers.SerializerMethodField()

    def get_match_exists(self, _hit: Any) -> bool:
        return True


class MatchReportOutput(serializers.Serializer):
    make_model = MakeModelOutput(allow_null=True)
    visible = MatchOutput(many=True)
    hidden = HiddenHitOutput(many=True)


class ImportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    file_format = serializers.CharField()
    sha256 = serializers.CharField()
    row_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class ImportInput(serializers.Serializer):
    file = serializers.FileField(help_text=_("A CSV (UTF-8) or XLSX file with a header row."))


class ItemFilterInput(serializers.Serializer):
    """The list and export filters; a make-and-model id that is not a whole number in
    range answers 400 naming the parameter (not a 500 from the database)."""

    make_model = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


# --- Views ----------------------------------------------------------------------------------


class ItemListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ItemFilter),
        responses={200: ItemOutput(many=True), **error_responses(400, 403)},
        summary="Registers of marked items: the items I may see",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        selectors.require_reader(actor)
        filters = filter_query(ItemFilter, request)
        items = selectors.item_list(actor=actor, **filters.selector_arguments())
        return paginated(self, request, filters.filter_queryset(items), ItemOutput)

    @extend_schema(
        request=ItemRegisterInput,
        responses={201: ItemDetailOutput, **error_responses(400, 403)},
        summary="Register an item in my party's register (customs officers)",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        data = ItemRegisterInput(data=request.data, context={"actor": actor})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        item = services.item_register(
            actor=actor, released_to=fields.pop("released_to", None), **fields
        )
        return Response(ItemDetailOutput(item).data, status=status.HTTP_201_CREATED)


class ItemDetailApi(APIView):
    @extend_schema(
        responses={200: ItemDetailOutput, **error_responses(404)},
        summary="One item (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            ItemDetailOutput(selectors.item_get(actor=acting_user(request), pk=pk)).data
        )

    @extend_schema(
        request=ItemUpdateInput,
        responses={200: ItemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an item (its owner's customs officers); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk, audit_view=False)
        data = ItemUpdateInput(data=request.data, context={"actor": actor})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        item = services.item_update(
            actor=actor,
            item=item,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(ItemDetailOutput(item).data)


class ItemStatusApi(APIView):
    @extend_schema(
        request=ItemStatusInput,
        responses={200: ItemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Record that an item was lost, stolen, transferred, destroyed, seized or is back",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk, audit_view=False)
        data = ItemStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.item_set_status(
            actor=actor,
            item=item,
            status=data.validated_data["status"],
            version=data.validated_data["version"],
        )
        return Response(ItemDetailOutput(item).data)


class ItemMatchApi(APIView):
    @extend_schema(
        request=MatchInput,
        responses={200: MatchReportOutput, **error_responses(400, 403, 429)},
        summary=(
            "Match an item as read off it against every register: matches I may see with "
            "score and reasons; for other registers only the party holding a match"
        ),
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        selectors.require_reader(actor)
        data = MatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if not (fields.get("serial") or fields.get("markings")):
            raise ValidationFailed.single("serial", _("Enter a serial number or markings."))
        report = services.item_match(actor=actor, **fields)
        return Response(MatchReportOutput(report).data)


class ItemImportApi(APIView):
    pagination_class = Pagination

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        responses={200: ImportOutput(many=True), **error_responses(403)},
        summary="Imports into my party's register",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        selectors.require_reader(actor)
        return paginated(self, request, selectors.item_imports(actor=actor), ImportOutput)

    @extend_schema(
        request={"multipart/form-data": ImportInput},
        responses={
            201: ImportOutput,
            202: JobOutput,
            **error_responses(400, 403),
        },
        summary=(
            "Import a CSV or XLSX file into my party's register: one transaction; a bad row "
            "rejects the file with its row number. The worker does the import: 202 with "
            "the job (GET its url for progress and result), or 201 when already done"
        ),
    )
    def post(self, request: Request) -> Response:
        data = ImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        actor = acting_user(request)
        if party_of(actor) is None or not permissions.may_keep_register(actor):
            raise PermissionDenied()
        job = jobs.start(
            owner=actor, kind="trafficking.item_import", runner=ITEM_IMPORT, upload=upload
        )
        if job.state == BackgroundJob.State.DONE:
            batch = ItemImport.objects.get(pk=(job.result or {})["item_import"])
            return Response(ImportOutput(batch).data, status=status.HTTP_201_CREATED)
        if job.state == BackgroundJob.State.FAILED:
            return Response(job.error, status=job.error_status)
        return accepted(job, request)


class ItemExportApi(APIView):
    @extend_schema(
        parameters=filter_parameters(ItemExportFilter),
        responses={(200, "text/csv"): OpenApiTypes.BINARY, **error_responses(400, 403)},
        summary="Export the items I may see, in the format the import reads",
    )
    def get(self, request: Request) -> HttpResponse | StreamingHttpResponse:
        actor = acting_user(request)
        selectors.require_reader(actor)
        filters = filter_query(ItemExportFilter, request)
        items = selectors.item_export_queryset(actor=actor, **filters.selector_arguments())
        file_format = filters.form.cleaned_data.get("file_format") or "csv"
        return export_response(filters.filter_queryset(items), file_format)


def export_response(items: Any, file_format: str) -> HttpResponse | StreamingHttpResponse:
    if file_format == "xlsx":
        response = HttpResponse(
            imports.export_xlsx(items.iterator(chunk_size=2000)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="items.xlsx"'
        return response
    streamed = StreamingHttpResponse(
        imports.export_csv_chunks(items.iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    streamed["Content-Disposition"] = 'attachment; filename="items.csv"'
    return streamed


class MakeModelListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(MakeModelFilter),
        responses={200: MakeModelOutput(many=True), **error_responses(400, 403)},
        summary="The make-and-model reference",
    )
    def get(self, request: Request) -> Response:
        selectors.require_reader(acting_user(request))
        filters = filter_query(MakeModelFilter, request)
        entries = selectors.make_model_list(**filters.selector_arguments())
        return paginated(self, request, filters.filter_queryset(entries), MakeModelOutput)

    @extend_schema(
        request=MakeModelInput,
        responses={201: MakeModelOutput, **error_responses(400, 403)},
        summary="Add a make and model to the reference (customs and Secretariat officers)",
    )
    def post(self, request: Request) -> Response:
        data = MakeModelInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.make_model_add(actor=acting_user(request), **data.validated_data)
        return Response(MakeModelOutput(entry).data, status=status.HTTP_201_CREATED)


class MakeModelDetailApi(APIView):
    @extend_schema(
        responses={200: MakeModelOutput, **error_responses(404)}, summary="One make and model"
    )
    def get(self, request: Request, pk: int) -> Response:
        selectors.require_reader(acting_user(request))
        return Response(MakeModelOutput(selectors.make_model_get(pk=pk)).data)

    @extend_schema(
        request=MakeModelUpdateInput,
        responses={200: MakeModelOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a make and model; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        entry = selectors.make_model_get(pk=pk)
        data = MakeModelUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        entry = services.make_model_update(
            actor=acting_user(request), entry=entry, version=fields.pop("version"), **fields
        )
        return Response(MakeModelOutput(entry).data)
