"""The kernel's own endpoints: the API root, the parties, the audit trail and its
verification. (An unknown path under /api/ answers the JSON 404 of
`accord.core.web.page_not_found`.)"""

from __future__ import annotations

from typing import Any

import django_filters
from django.urls import URLResolver, get_resolver, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core import selectors, services
from accord.core.api.errors import error_responses
from accord.core.api.filters import (
    BooleanFilter,
    FilterSet,
    OrderingFilter,
    filter_parameters,
    filter_query,
)
from accord.core.api.pagination import Pagination, paginated
from accord.core.models import AuditEvent, Party
from accord.core.permissions import acting_user


class PartyOutput(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    kind = serializers.CharField()
    standing = serializers.CharField()
    active = serializers.BooleanField()


class PartyFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=Party.Kind.choices)
    standing = django_filters.ChoiceFilter(choices=Party.Standing.choices)
    active = BooleanFilter()
    ordering = OrderingFilter(fields=("code", "name_en"))
    search_fields = ("code", "name_en", "name_ru")

    class Meta:
        model = Party
        fields: list[str] = []


class PartyListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(PartyFilter),
        responses={200: PartyOutput(many=True), **error_responses(400)},
        summary="Parties to the agreement",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(PartyFilter, request)
        parties = filters.filter_queryset(selectors.party_list(active_only=False))
        return paginated(self, request, parties, PartyOutput)


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

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if not getattr(instance, "detail_readable", False):  # need-to-know: core.audit_access
            data.update(object_repr="", before=None, after=None)
        return data


class AuditEventFilter(FilterSet):
    action = django_filters.CharFilter(help_text=_("Only this action (e.g. law.act.record)."))
    object_type = django_filters.CharFilter(help_text=_("Only events about this kind of record."))
    object_id = django_filters.CharFilter(help_text=_("Only events about this record."))
    actor = django_filters.CharFilter(
        field_name="actor_username", help_text=_("Only this user's events (username).")
    )
    party = django_filters.CharFilter(
        field_name="actor_party_code", help_text=_("Only events of this party's users (code).")
    )
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")
    search_fields = ("object_repr",)

    class Meta:
        model = AuditEvent
        fields: list[str] = []


class AuditEventListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(AuditEventFilter),
        responses={200: AuditEventOutput(many=True), **error_responses(400)},
        summary="Audit events I may read, newest first",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(AuditEventFilter, request)
        events = filters.filter_queryset(selectors.audit_events_visible_to(request.user))
        return paginated(self, request, events, AuditEventOutput)


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
        result = services.audit_chain_verify(actor=acting_user(request))
        body = {
            "ok": result.ok,
            "checked": result.checked,
            "broken_event_id": result.broken_event_id,
            "reason": str(result.reason),
        }
        return Response(AuditVerifyOutput(body).data)


# --- The API root ---------------------------------------------------------------------------

API_PREFIX = "api/v1/"


def api_modules() -> list[str]:
    """The modules that serve an API: each URL include under /api/v1/<module>/, read from
    the URL map itself, so a new module appears here by registering its `api_urls`."""
    slugs = []
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver) and route.startswith(API_PREFIX):
            slug = route.removeprefix(API_PREFIX).strip("/")
            if slug and "/" not in slug and "<" not in slug:
                slugs.append(slug)
    return sorted(set(slugs))


class ApiModuleOutput(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class ApiRootOutput(serializers.Serializer):
    modules = ApiModuleOutput(many=True)
    kernel = serializers.DictField(child=serializers.URLField())
    schema = serializers.URLField()
    docs = serializers.URLField()


KERNEL_ENDPOINTS = ("me", "tokens", "parties", "audit-events", "audit-verify", "notifications")


class ApiRootApi(APIView):
    @extend_schema(responses=ApiRootOutput, summary="What this API serves: its modules")
    def get(self, request: Request) -> Response:
        absolute = request.build_absolute_uri
        body = {
            "modules": [
                {"name": slug, "url": absolute(f"/{API_PREFIX}{slug}/")} for slug in api_modules()
            ],
            "kernel": {name: absolute(reverse(f"api:{name}")) for name in KERNEL_ENDPOINTS},
            "schema": absolute(reverse("api:schema")),
            "docs": absolute(reverse("api:docs")),
        }
        return Response(ApiRootOutput(body).data)
