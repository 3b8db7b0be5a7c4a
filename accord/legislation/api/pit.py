"""Point-in-time versions of a national act's provisions through the API: the provisions
as at a day (`?at=`, today's wording without it), and a new version (the state's own
staff). The act is read through `national_get` (hidden: 404)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.query import validated_query
from accord.core.permissions import acting_user
from accord.legislation import selectors, services
from accord.legislation.api.matrix import ConformityAtQuery

MAX_ID = 2**31 - 1


class NationalProvisionOutput(serializers.Serializer):
    eid = serializers.CharField()
    num = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    amended_by = serializers.IntegerField(source="amended_by_id", allow_null=True)


class NationalProvisionInput(serializers.Serializer):
    eid = serializers.RegexField(
        r"^[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*$",
        max_length=100,
        help_text=_("Lower-case letters, digits and _; nested levels joined by __."),
    )
    num = serializers.CharField(max_length=30, required=False, allow_blank=True)
    heading = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text = serializers.CharField()
    valid_from = serializers.DateField()
    amended_by = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )


class NationalProvisionApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("at", OpenApiTypes.DATE, description="As at this date")],
        responses={200: NationalProvisionOutput(many=True), **error_responses(400, 404)},
        summary="A national act's provisions as in effect on a day (today's without one)",
    )
    def get(self, request: Request, pk: int) -> Response:
        act = selectors.national_get(actor=acting_user(request), pk=pk)
        at = validated_query(ConformityAtQuery, request).get("at")
        return Response(
            NationalProvisionOutput(selectors.national_provisions_as_at(act, at), many=True).data
        )

    @extend_schema(
        request=NationalProvisionInput,
        responses={201: NationalProvisionOutput, **error_responses(400, 403, 404)},
        summary="Record the wording of a provision from a day on (the same day corrects it)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.national_get(actor=actor, pk=pk)
        data = NationalProvisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        provision = services.national_provision_save(actor=actor, act=act, **data.validated_data)
        return Response(NationalProvisionOutput(provision).data, status=201)
