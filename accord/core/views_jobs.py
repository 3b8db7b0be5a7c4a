"""`GET /api/v1/jobs/{id}/`: where a background job the signed-in user started stands
(an import, a bulk screening): its progress, then its result or its error."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from accord.core import jobs
from accord.core.api.errors import error_responses
from accord.core.models import BackgroundJob
from accord.core.permissions import acting_user


class JobOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.CharField(help_text='"queued", "running", "done" or "failed".')
    done = serializers.IntegerField(help_text="Rows done so far.")
    total = serializers.IntegerField(help_text="Rows expected (an estimate until the end).")
    percent = serializers.IntegerField()
    input_name = serializers.CharField()
    result = serializers.JSONField(allow_null=True, help_text="When done: what the work made.")
    error = serializers.JSONField(
        allow_null=True, help_text="When failed: the error body the request would have had."
    )
    error_status = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, job: BackgroundJob) -> str:
        request = self.context.get("request")
        return reverse("api:job", kwargs={"pk": job.pk}, request=request)


def accepted(job: BackgroundJob, request: Request) -> Response:
    """202 with the job: the work goes on in the worker; ask `url` for its state."""
    data: Any = JobOutput(job, context={"request": request}).data
    return Response(
        data,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": data["url"], "Retry-After": "2"},
    )


class JobDetailApi(APIView):
    @extend_schema(
        responses={200: JobOutput, **error_responses(404)},
        summary="A background job I started (another user's answers 404)",
    )
    def get(self, request: Request, pk: int) -> Response:
        job = jobs.job_get(user=acting_user(request), pk=pk)
        return Response(JobOutput(job, context={"request": request}).data)
