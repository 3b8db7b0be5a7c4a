"""The module's downloads through the API (the same as the pages give): the matrix as
XLSX and as a PDF report, model and national acts as Akoma Ntoso XML. A hidden record
answers 404 like a missing one; a bad `at` 400."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.query import validated_query
from accord.core.permissions import acting_user
from accord.legislation import downloads, selectors
from accord.legislation.api.matrix import ConformityAtQuery
from accord.reports import tabular

AKN_XML = "application/xml"


class AknLanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=[("en", "en"), ("ru", "ru")],
        required=False,
        help_text=_("The language of the model act's text (en by default)."),
    )


class MatrixXlsxApi(APIView):
    @extend_schema(
        responses={(200, tabular.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY, **error_responses(404)},
        summary="The conformity matrix as XLSX (the cells I may see; it re-imports)",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        actor = acting_user(request)
        return downloads.matrix_xlsx(actor=actor, act=selectors.act_get(actor=actor, pk=pk))


class MatrixPdfApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("at", OpenApiTypes.DATE, description="As at this date")],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(400, 404)},
        summary="The matrix report as PDF (the matrix, then one section per state)",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        at = validated_query(ConformityAtQuery, request).get("at")
        return downloads.matrix_pdf(actor=actor, act=act, at=at, language=get_language() or "en")


class ModelActAknApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["en", "ru"], description="en or ru")
        ],
        responses={(200, AKN_XML): OpenApiTypes.BINARY, **error_responses(400, 404)},
        summary="The current version of a model act as Akoma Ntoso 3.0 XML",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        act = selectors.act_get(actor=acting_user(request), pk=pk)
        language = validated_query(AknLanguageQuery, request).get("lang", "en")
        return downloads.model_act_akn(act, language)


class NationalAknApi(APIView):
    @extend_schema(
        responses={(200, AKN_XML): OpenApiTypes.BINARY, **error_responses(404)},
        summary="A national act as Akoma Ntoso 3.0 XML",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        return downloads.national_akn(selectors.national_get(actor=acting_user(request), pk=pk))
