"""The PDF report of a concluded review through the API: the stored file at once (200),
or 202 with the state and the address to ask again while the worker prepares it."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.audit import record_view
from accord.core.permissions import acting_user
from accord.expertise import selectors, stored_reports
from accord.expertise.models import ReviewReport


class ReportPreparingOutput(serializers.Serializer):
    state = serializers.CharField(help_text='"preparing", or "failed" (being tried again).')
    url = serializers.CharField(help_text="Ask this address again; 200 with the PDF when ready.")


class ReviewReportApi(APIView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            202: ReportPreparingOutput,
            **error_responses(404, 409),
        },
        operation_id="expertise_review_report_pdf",
        summary="The PDF report of a concluded review (202 while it is being prepared)",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        report = stored_reports.review_report(review=review, language=get_language() or "en")
        if report.state == ReviewReport.State.READY:
            record_view(actor=actor, obj=review)
            return stored_reports.file_response(report)
        return Response(
            {"state": report.state, "url": request.build_absolute_uri(request.path)},
            status=status.HTTP_202_ACCEPTED,
            headers={"Retry-After": "5"},
        )
