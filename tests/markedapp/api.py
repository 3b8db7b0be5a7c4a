from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from tests.markedapp import selectors, services


class DossierOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    title = serializers.CharField()
    body = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    version = serializers.IntegerField()


class DossierUpdateInput(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(required=False, allow_blank=True)


class DossierListApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses=DossierOutput(many=True))
    def get(self, request: Request) -> Response:
        return paginated(self, request, selectors.dossier_list(actor=request.user), DossierOutput)


class DossierDetailApi(APIView):
    @extend_schema(responses=DossierOutput)
    def get(self, request: Request, pk: int) -> Response:
        dossier = selectors.dossier_get(actor=request.user, pk=pk)
        record_view(actor=request.user, obj=dossier)
        return Response(DossierOutput(dossier).data)

    @extend_schema(request=DossierUpdateInput, responses=DossierOutput)
    def patch(self, request: Request, pk: int) -> Response:
        dossier = selectors.dossier_get(actor=request.user, pk=pk)
        data = DossierUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(data.validated_data)
        version = fields.pop("version")
        dossier = services.dossier_update(
            actor=request.user, dossier=dossier, version=version, **fields
        )
        return Response(DossierOutput(dossier).data)
