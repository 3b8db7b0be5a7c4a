"""The kernel's own endpoints: the parties, the audit trail and its verification."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core import selectors, services
from accord.core.api.pagination import paginated


class PartyOutput(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    kind = serializers.CharField()
    standing = serializers.CharField()
    active = serializers.BooleanField()


class PartyListApi(APIView):
    @extend_schema(responses=PartyOutput(many=True), summary="Parties to the agreement")
    def get(self, request: Request) -> Response:
        return Response(PartyOutput(selectors.party_list(active_only=False), many=True).data)


class AuditEventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor_username = serializers.CharField()
    actor_party_code = serializers.CharField()
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_repr = serializers.CharField()
    before = serializers.JSONField(source="before_data")
    after = serializers.JSONField(source="after_data")
    prev_hash = serializers.CharField()
    hash = serializers.CharField()


class AuditEventListApi(APIView):
    @extend_schema(
        responses=AuditEventOutput(many=True), summary="Audit events I may read, newest first"
    )
    def get(self, request: Request) -> Response:
        return paginated(
            self, request, selectors.audit_events_visible_to(request.user), AuditEventOutput
        )


class AuditVerifyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField()
    broken_event_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()


class AuditVerifyApi(APIView):
    @extend_schema(
        request=None, responses=AuditVerifyOutput, summary="Verify the whole audit chain (auditors)"
    )
    def post(self, request: Request) -> Response:
        result = services.audit_chain_verify(actor=request.user)
        body = {
            "ok": result.ok,
            "checked": result.checked,
            "broken_event_id": result.broken_event_id,
            "reason": str(result.reason),
        }
        return Response(AuditVerifyOutput(body).data)
