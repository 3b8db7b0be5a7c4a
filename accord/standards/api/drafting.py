"""The drafting API: standards, versions and their stages, the clause tree, protection-class
parameters, the clause-level comparison, and OSCAL catalog export and import.

One APIView per URL, input and output serializers of their own; reads through
`selectors.drafting`, writes through `services.drafting` (and `oscal.catalog`). A standard
the reader may not see answers 404, and so does everything under it.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.errors import ValidationFailed
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.standards.api.filters import StandardFilter
from accord.standards.domain.compare import compare_versions, summary
from accord.standards.models import Clause, Standard, StandardVersion, ThreatCategory
from accord.standards.oscal import catalog as oscal
from accord.standards.selectors import drafting as selectors
from accord.standards.services import drafting as services

ClauseKindField = enum_field("ClauseKindEnum", Clause.Kind.choices)
NormativeLevelField = enum_field("NormativeLevelEnum", [("", "—"), *Clause.Level.choices])
ConformityField = enum_field("ConformityMethodEnum", [("", "—"), *Clause.Conformity.choices])
ThreatCategoryField = enum_field("ThreatCategoryEnum", ThreatCategory.choices)


# --- Output --------------------------------------------------------------------------------


class ProtectionClassSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=16)
    name_en = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    name_ru = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class StandardVersionSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="get_stage_display")
    frozen = serializers.BooleanField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    adopted_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text=_("Send it back with an edit."))


class StandardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    owner = serializers.CharField(source="owner.code")
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    scope_en = serializers.CharField()
    scope_ru = serializers.CharField()
    threat_categories = serializers.ListField(child=serializers.CharField())
    protection_classes = ProtectionClassSerializer(many=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    versions = StandardVersionSummaryOutput(many=True, source="versions.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField(help_text=_("Send it back with an edit."))

    def get_released_to(self, standard: Standard) -> list[str]:
        return sorted(p.code for p in standard.released_to.all())


class ClauseParameterOutput(serializers.Serializer):
    name = serializers.CharField()
    protection_class = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit = serializers.CharField()


class ClauseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
    kind = serializers.CharField()
    number = serializers.CharField()
    order = serializers.IntegerField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    text_en = serializers.CharField()
    text_ru = serializers.CharField()
    guidance_en = serializers.CharField()
    guidance_ru = serializers.CharField()
    normative_level = serializers.CharField()
    conformity = serializers.CharField()
    conformity_note_en = serializers.CharField()
    conformity_note_ru = serializers.CharField()
    parameters = ClauseParameterOutput(many=True, source="parameters.all")
    revision = serializers.IntegerField(help_text=_("Send it back with an edit."))


class StandardVersionOutput(StandardVersionSummaryOutput):
    standard = serializers.IntegerField(source="standard_id")
    standard_code = serializers.CharField(source="standard.code")
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class StandardVersionDetailOutput(StandardVersionOutput):
    clauses = serializers.SerializerMethodField()

    @extend_schema_field(ClauseOutput(many=True))
    def get_clauses(self, version: StandardVersion) -> Any:
        nodes = selectors.flatten(selectors.version_tree(version))
        return ClauseOutput([n.clause for n in nodes], many=True).data


# --- Standards -----------------------------------------------------------------------------


class StandardUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(help_text=_("The version you read; a stale one is 409."))
    code = serializers.CharField(max_length=40, required=False)
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    scope_en = serializers.CharField(required=False, allow_blank=True)
    scope_ru = serializers.CharField(required=False, allow_blank=True)
    threat_categories = serializers.ListField(child=ThreatCategoryField(), required=False)
    protection_classes = ProtectionClassSerializer(many=True, required=False)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class StandardCreateInput(StandardUpdateInput):
    version = None  # type: ignore[assignment]
    code = serializers.CharField(max_length=40)
    title_en = serializers.CharField(max_length=300)


def _standard_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    if "protection_classes" in fields:
        fields["protection_classes"] = [dict(item) for item in fields["protection_classes"]]
    return fields


class StandardListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(StandardFilter),
        responses={200: StandardOutput(many=True), **error_responses(400)},
        summary="Standards I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(StandardFilter, request)
        rows = filters.filter_queryset(
            selectors.standard_list(actor=acting_user(request)).prefetch_related("released_to")
        )
        return paginated(self, request, rows, StandardOutput)

    @extend_schema(
        request=StandardCreateInput,
        responses={201: StandardOutput, **error_responses(400, 403)},
        summary="Create a standard owned by my party, with its first working draft",
    )
    def post(self, request: Request) -> Response:
        data = StandardCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = _standard_fields(data.validated_data)
        standard = services.standard_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(StandardOutput(standard).data, status=status.HTTP_201_CREATED)


class StandardDetailApi(APIView):
    @extend_schema(responses={200: StandardOutput, **error_responses(404)}, summary="A standard")
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        standard = selectors.standard_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=standard)
        return Response(StandardOutput(standard).data)

    @extend_schema(
        request=StandardUpdateInput,
        responses={200: StandardOutput, **error_responses(400, 403, 404, 409)},
        summary="Edit a standard (editors of the owner party)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        standard = selectors.standard_get(actor=actor, pk=pk)
        data = StandardUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = _standard_fields(data.validated_data)
        services.standard_update(
            actor=actor,
            standard=standard,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(StandardOutput(selectors.standard_get(actor=actor, pk=pk)).data)


class StandardVersionCreateInput(serializers.Serializer):
    previous = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The adopted version to make it from.")
    )
    label = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")  # type: ignore[assignment]


class StandardVersionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: StandardVersionOutput(many=True), **error_responses(404)},
        summary="A standard's versions",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        standard = selectors.standard_get(actor=actor, pk=pk)
        rows = selectors.version_list(actor=actor, standard=standard)
        return paginated(self, request, rows, StandardVersionOutput)

    @extend_schema(
        request=StandardVersionCreateInput,
        responses={201: StandardVersionDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="A new working draft, made from an adopted version (its clauses keep uids)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        standard = selectors.standard_get(actor=actor, pk=pk)
        data = StandardVersionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        previous = None
        if data.validated_data.get("previous"):
            previous = (
                selectors.version_list(actor=actor, standard=standard)
                .filter(pk=data.validated_data["previous"])
                .first()
            )
            if previous is None:
                raise ValidationFailed.single("previous", _("No such version of this standard."))
        version = services.version_create(
            actor=actor, standard=standard, previous=previous, label=data.validated_data["label"]
        )
        return Response(
            StandardVersionDetailOutput(selectors.version_get(actor=actor, pk=version.pk)).data,
            status=status.HTTP_201_CREATED,
        )


# --- Versions ------------------------------------------------------------------------------


class StandardVersionUpdateInput(serializers.Serializer):
    version = serializers.IntegerField()
    label = serializers.CharField(max_length=100, allow_blank=True)  # type: ignore[assignment]


class VersionDetailApi(APIView):
    @extend_schema(
        responses={200: StandardVersionDetailOutput, **error_responses(404)},
        summary="A version with its clauses in document order",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=version)
        return Response(StandardVersionDetailOutput(version).data)

    @extend_schema(
        request=StandardVersionUpdateInput,
        responses={200: StandardVersionOutput, **error_responses(400, 403, 404, 409)},
        summary="Rename a version while it is a draft",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = StandardVersionUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.version_update(
            actor=actor,
            version=version,
            expected_version=data.validated_data["version"],
            label=data.validated_data["label"],
        )
        return Response(StandardVersionOutput(selectors.version_get(actor=actor, pk=pk)).data)


USER_STAGES = [
    (StandardVersion.Stage.WORKING_DRAFT, StandardVersion.Stage.WORKING_DRAFT.label),
    (StandardVersion.Stage.COMMITTEE_DRAFT, StandardVersion.Stage.COMMITTEE_DRAFT.label),
    (StandardVersion.Stage.WITHDRAWN, StandardVersion.Stage.WITHDRAWN.label),
]


class StandardVersionStageInput(serializers.Serializer):
    stage = serializers.ChoiceField(
        choices=USER_STAGES,
        help_text=_("Ballot and adoption go through the ballot endpoints of the consultation API."),
    )


class VersionStageApi(APIView):
    @extend_schema(
        request=StandardVersionStageInput,
        responses={200: StandardVersionOutput, **error_responses(400, 403, 404, 409)},
        summary="Move a version: working draft ⇄ committee draft, or withdraw it",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = StandardVersionStageInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.version_set_stage(actor=actor, version=version, stage=data.validated_data["stage"])
        return Response(StandardVersionOutput(selectors.version_get(actor=actor, pk=pk)).data)


# --- Clauses -------------------------------------------------------------------------------


class ClauseUpdateInput(serializers.Serializer):
    revision = serializers.IntegerField(help_text=_("The revision you read; a stale one is 409."))
    number = serializers.CharField(max_length=32, required=False)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text_en = serializers.CharField(required=False, allow_blank=True)
    text_ru = serializers.CharField(required=False, allow_blank=True)
    guidance_en = serializers.CharField(required=False, allow_blank=True)
    guidance_ru = serializers.CharField(required=False, allow_blank=True)
    normative_level = NormativeLevelField(required=False, allow_blank=True)
    conformity = ConformityField(required=False, allow_blank=True)
    conformity_note_en = serializers.CharField(required=False, allow_blank=True)
    conformity_note_ru = serializers.CharField(required=False, allow_blank=True)


class ClauseCreateInput(ClauseUpdateInput):
    revision = None  # type: ignore[assignment]
    kind = ClauseKindField()
    parent = serializers.IntegerField(required=False, allow_null=True)  # type: ignore[assignment]
    position = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    number = serializers.CharField(max_length=32, required=False, allow_blank=True)


def _parent(version: StandardVersion, pk: int | None) -> Clause | None:
    if not pk:
        return None
    parent = Clause.objects.filter(pk=pk, version=version).first()
    if parent is None:
        raise ValidationFailed.single("parent", _("No such section in this version."))
    return parent


class VersionClausesApi(APIView):
    @extend_schema(
        responses={200: ClauseOutput(many=True), **error_responses(404)},
        summary="A version's clauses in document order",
    )
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.version_get(actor=acting_user(request), pk=pk)
        nodes = selectors.flatten(selectors.version_tree(version))
        return Response(ClauseOutput([n.clause for n in nodes], many=True).data)

    @extend_schema(
        request=ClauseCreateInput,
        responses={201: ClauseOutput, **error_responses(400, 403, 404, 409)},
        summary="Add a section or requirement to a draft version",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = ClauseCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        clause = services.clause_add(
            actor=actor,
            version=version,
            kind=fields.pop("kind"),
            parent=_parent(version, fields.pop("parent", None)),
            position=fields.pop("position", None),
            **fields,
        )
        return Response(
            ClauseOutput(selectors.clause_get(actor=actor, pk=clause.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ClauseDetailApi(APIView):
    @extend_schema(responses={200: ClauseOutput, **error_responses(404)}, summary="A clause")
    def get(self, request: Request, pk: int) -> Response:
        return Response(ClauseOutput(selectors.clause_get(actor=acting_user(request), pk=pk)).data)

    @extend_schema(
        request=ClauseUpdateInput,
        responses={200: ClauseOutput, **error_responses(400, 403, 404, 409)},
        summary="Edit a clause of a draft version",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        clause = selectors.clause_get(actor=actor, pk=pk)
        data = ClauseUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.clause_update(
            actor=actor, clause=clause, revision=fields.pop("revision"), **fields
        )
        return Response(ClauseOutput(selectors.clause_get(actor=actor, pk=pk)).data)

    @extend_schema(
        request=None,
        responses={204: None, **error_responses(403, 404, 409)},
        summary="Delete a clause of a draft version (a section once empty)",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        services.clause_delete(actor=actor, clause=selectors.clause_get(actor=actor, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClauseMoveInput(serializers.Serializer):
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    position = serializers.IntegerField(min_value=0)
    number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")


class ClauseMoveApi(APIView):
    @extend_schema(
        request=ClauseMoveInput,
        responses={200: ClauseOutput, **error_responses(400, 403, 404, 409)},
        summary="Move a clause under another section or to the top level",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        clause = selectors.clause_get(actor=actor, pk=pk)
        data = ClauseMoveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.clause_move(
            actor=actor,
            clause=clause,
            parent=_parent(clause.version, data.validated_data["parent"]),
            position=data.validated_data["position"],
            number=data.validated_data["number"],
        )
        return Response(ClauseOutput(selectors.clause_get(actor=actor, pk=pk)).data)


class ClauseParameterInput(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    protection_class = serializers.CharField(max_length=16)
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        help_text=_("null removes the parameter for this class."),
    )
    unit = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")


class ClauseParametersApi(APIView):
    @extend_schema(
        request=ClauseParameterInput,
        responses={200: ClauseOutput, **error_responses(400, 403, 404, 409)},
        summary="Set (or remove) a requirement's parameter for one protection class",
    )
    def put(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        clause = selectors.clause_get(actor=actor, pk=pk)
        data = ClauseParameterInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.parameter_set(actor=actor, clause=clause, **data.validated_data)
        return Response(ClauseOutput(selectors.clause_get(actor=actor, pk=pk)).data)


# --- Comparison and OSCAL ------------------------------------------------------------------


class ClauseParameterChangeOutput(serializers.Serializer):
    name = serializers.CharField()
    protection_class = serializers.CharField()
    old = serializers.ListField(child=serializers.CharField(), allow_null=True)
    new = serializers.ListField(child=serializers.CharField(), allow_null=True)


class ClauseChangeOutput(serializers.Serializer):
    uid = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    number = serializers.CharField()
    old = serializers.IntegerField(source="old.pk", allow_null=True, default=None)
    new = serializers.IntegerField(source="new.pk", allow_null=True, default=None)
    changed_fields = serializers.ListField(child=serializers.CharField(), source="fields")
    marked = serializers.DictField(
        child=serializers.CharField(),
        help_text=_("Changed texts, HTML-escaped, removed words in <del>, added in <ins>."),
    )
    parameters = ClauseParameterChangeOutput(many=True)


class VersionCompareOutput(serializers.Serializer):
    old = StandardVersionOutput()
    new = StandardVersionOutput()
    summary = serializers.DictField(child=serializers.IntegerField())
    changes = ClauseChangeOutput(many=True)


class VersionCompareQuery(serializers.Serializer):
    other = serializers.IntegerField()


class VersionCompareApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("other", int, required=True, description="The version to compare to")
        ],
        responses={200: VersionCompareOutput, **error_responses(400, 404)},
        summary="Clause-level comparison: from version {pk} to version `other`",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        old = selectors.version_get(actor=actor, pk=pk)
        query = VersionCompareQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        new = selectors.version_get(actor=actor, pk=query.validated_data["other"])
        changes = compare_versions(old, new)
        return Response(
            VersionCompareOutput(
                {"old": old, "new": new, "summary": summary(changes), "changes": changes}
            ).data
        )


def _download_name(version: StandardVersion) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in version.standard.code)
    return f"{safe}-v{version.number}-oscal-catalog.json"


class VersionOscalApi(APIView):
    @extend_schema(
        responses={(200, "application/json"): OpenApiTypes.OBJECT, **error_responses(404)},
        summary="The version as an OSCAL catalog (JSON, validates against NIST's schema)",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=version)
        document = oscal.catalog_export(actor=actor, version=version)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{_download_name(version)}"'
        return response


class OscalCatalogImportInput(serializers.Serializer):
    file = serializers.FileField(help_text=_("An OSCAL catalog in JSON."))


def _read_document(request: Request) -> Any:
    upload = request.FILES.get("file")
    if upload is None:
        if isinstance(request.data, dict) and "catalog" in request.data:
            return request.data
        raise ValidationFailed.single("file", _("Send the catalog as a file or a JSON body."))
    if upload.size > 20 * 1024 * 1024:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    try:
        return json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed.single("file", _("The file is not JSON in UTF-8.")) from exc


class OscalImportApi(APIView):
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        request={
            "multipart/form-data": OscalCatalogImportInput,
            "application/json": OpenApiTypes.OBJECT,
        },
        responses={201: StandardVersionDetailOutput, **error_responses(400, 403)},
        summary="Import an OSCAL catalog as a new standard (owned by my party)",
        operation_id="standards_import_oscal_catalog",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        version = oscal.catalog_import(actor=actor, document=_read_document(request))
        return Response(
            StandardVersionDetailOutput(selectors.version_get(actor=actor, pk=version.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class StandardOscalImportApi(APIView):
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        request={
            "multipart/form-data": OscalCatalogImportInput,
            "application/json": OpenApiTypes.OBJECT,
        },
        responses={201: StandardVersionDetailOutput, **error_responses(400, 403, 404)},
        summary="Import an OSCAL catalog as a new working-draft version of a standard",
        operation_id="standards_version_import_oscal_catalog",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        standard = selectors.standard_get(actor=actor, pk=pk)
        version = oscal.catalog_import(
            actor=actor, document=_read_document(request), standard=standard
        )
        return Response(
            StandardVersionDetailOutput(selectors.version_get(actor=actor, pk=version.pk)).data,
            status=status.HTTP_201_CREATED,
        )
