"""A system version: the questionnaire a legal adviser fills in, the evidence its answers
cite (checked files and references), and the national contingents that use it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.query import validated_query
from accord.core.audit import record_view
from accord.core.errors import NotFound
from accord.core.permissions import acting_user
from accord.expertise import selectors, services
from accord.expertise.models import Evidence, SystemVersion

# --- The questionnaire ---------------------------------------------------------------------


class VersionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    system = serializers.IntegerField(source="system_id")
    system_designation = serializers.CharField(source="system.designation")
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    characteristics = serializers.DictField(
        help_text=_("Answers in the weapon description vocabulary (see /api/v1/law/vocabulary/).")
    )
    normal_use = serializers.CharField()
    area_of_effect = serializers.CharField()
    reliability = serializers.CharField()
    human_control = serializers.CharField()
    cyber_effects = serializers.CharField()
    environmental_effects_note = serializers.CharField()
    citations = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text=_("For each answer, the evidence it rests on: {answer: [evidence ids]}."),
    )
    frozen_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class VersionUpdateInput(serializers.Serializer):
    expected_version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=100, required=False, allow_blank=True
    )
    characteristics = serializers.DictField(required=False)
    citations = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()), required=False
    )
    normal_use = serializers.CharField(required=False, allow_blank=True)
    area_of_effect = serializers.CharField(required=False, allow_blank=True)
    reliability = serializers.CharField(required=False, allow_blank=True)
    human_control = serializers.CharField(required=False, allow_blank=True)
    cyber_effects = serializers.CharField(required=False, allow_blank=True)
    environmental_effects_note = serializers.CharField(required=False, allow_blank=True)


class VersionDetailApi(APIView):
    @extend_schema(
        responses={200: VersionOutput, **error_responses(404)},
        summary="One version: its questionnaire answers and the evidence they cite",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=version.system)
        return Response(VersionOutput(version).data)

    @extend_schema(
        request=VersionUpdateInput,
        responses={200: VersionOutput, **error_responses(400, 403, 404, 409)},
        summary=(
            "Fill in the questionnaire (the owner party's legal advisers); a version under "
            "review is frozen and a stale one answers 409"
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = VersionUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = services.version_update(
            actor=actor, version=version, expected_version=fields.pop("expected_version"), **fields
        )
        return Response(VersionOutput(version).data)


# --- Evidence --------------------------------------------------------------------------------


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(source="version_id")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    reference = serializers.CharField()
    added_by = serializers.CharField(source="added_by.username", allow_null=True)
    created_at = serializers.DateTimeField()
    download = serializers.SerializerMethodField(
        help_text=_("Where to download the file (files only).")
    )

    def get_download(self, evidence: Evidence) -> str | None:
        if evidence.kind != Evidence.Kind.FILE:
            return None
        return reverse(
            "expertise-api:evidence-download",
            kwargs={"pk": evidence.pk},
            request=self.context.get("request"),
        )


class EvidenceFileInput(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    file = serializers.FileField(
        help_text=_(
            "PDF, PNG, JPEG, UTF-8 text or CSV, Word or Excel document, at most 20 MB; its "
            "content must match its name."
        )
    )


class EvidenceReferenceInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    reference = serializers.CharField()


class EvidenceListApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = Pagination

    @extend_schema(
        responses={200: EvidenceOutput(many=True), **error_responses(404)},
        summary="The evidence of a version",
    )
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.version_get(actor=acting_user(request), pk=pk)
        evidence = selectors.version_evidence(version)
        pager = self.pagination_class()
        page = pager.paginate_queryset(evidence, request, view=self)
        return pager.get_paginated_response(
            EvidenceOutput(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request={
            "multipart/form-data": EvidenceFileInput,
            "application/json": EvidenceReferenceInput,
        },
        responses={201: EvidenceOutput, **error_responses(400, 403, 404)},
        summary=(
            "Add evidence (the owner party's legal advisers): a file as multipart/form-data, "
            "or a reference as JSON; a file that fails the checks stores nothing"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        if "reference" in request.data and "file" not in request.data:
            reference = EvidenceReferenceInput(data=request.data)
            reference.is_valid(raise_exception=True)
            evidence = services.evidence_add_reference(
                actor=actor, version=version, **reference.validated_data
            )
        else:
            upload = EvidenceFileInput(data=request.data)
            upload.is_valid(raise_exception=True)
            evidence = services.evidence_add_file(
                actor=actor,
                version=version,
                title=upload.validated_data["title"],
                upload=upload.validated_data["file"],
            )
        body = EvidenceOutput(evidence, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class DownloadRenderer(renderers.BaseRenderer):
    """Lets a client ask for the file's own type (or anything): the file itself goes out
    as it is, never through a renderer, and errors are rendered as JSON (see
    `EvidenceDownloadApi.finalize_response`)."""

    media_type = "*/*"
    format = "download"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return json.dumps(data, default=str).encode()


class EvidenceDownloadApi(APIView):
    renderer_classes = [renderers.JSONRenderer, DownloadRenderer]

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            **error_responses(404),
        },
        summary="Download an evidence file (whoever may see its version)",
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        actor = acting_user(request)
        evidence = selectors.evidence_get(actor=actor, pk=pk)
        if evidence.kind != Evidence.Kind.FILE or not evidence.file:
            raise NotFound(_("This evidence is a reference, not a file."))
        try:
            content = evidence.file.open("rb")
        except FileNotFoundError as exc:  # lost from storage: nothing to hand out
            raise NotFound() from exc
        record_view(actor=actor, obj=evidence.version.system)
        response = FileResponse(
            content,
            as_attachment=True,
            filename=evidence.file_name or evidence.file.name.rsplit("/", 1)[-1],
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response):  # an error answer: JSON, whatever was asked for
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


# --- National contingents ---------------------------------------------------------------


class AssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(source="version_id")
    party = serializers.CharField(source="party.code")
    from_date = serializers.DateField()
    until_date = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class AssignmentQuery(serializers.Serializer):
    on = serializers.DateField(required=False)


class AssignmentInput(serializers.Serializer):
    party = party_field(active_only=True)
    from_date = serializers.DateField()
    until_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "on",
                OpenApiTypes.DATE,
                description=_("Only assignments in force on this date (YYYY-MM-DD)."),
            )
        ],
        responses={200: AssignmentOutput(many=True), **error_responses(400, 404)},
        summary="Which parties' national contingents use a version",
    )
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.version_get(actor=acting_user(request), pk=pk)
        on_date = validated_query(AssignmentQuery, request).get("on")
        rows = selectors.assignments(version=version, on_date=on_date)
        return paginated(self, request, rows, AssignmentOutput)

    @extend_schema(
        request=AssignmentInput,
        responses={201: AssignmentOutput, **error_responses(400, 403, 404)},
        summary="Record that a party's contingent uses a version (owner party or Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version: SystemVersion = selectors.version_get(actor=actor, pk=pk)
        data = AssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.contingent_assign(actor=actor, version=version, **data.validated_data)
        return Response(AssignmentOutput(assignment).data, status=status.HTTP_201_CREATED)
