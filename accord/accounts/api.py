"""API: who am I, and my API tokens."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.accounts import selectors, services
from accord.accounts.models import ApiToken
from accord.core.api.errors import error_responses
from accord.core.api.pagination import Pagination, paginated
from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user


class MeOutput(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    party = serializers.CharField(source="party.code")
    clearance = serializers.IntegerField()
    clearance_name = serializers.CharField(source="get_clearance_display")
    roles = serializers.SerializerMethodField()

    def get_roles(self, user: Any) -> list[str]:
        return sorted(user.role_codes)


class MeApi(APIView):
    @extend_schema(responses=MeOutput, summary="The signed-in user, their party and roles")
    def get(self, request: Request) -> Response:
        return Response(MeOutput(request.user).data)


class TokenOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField()
    created_verified = serializers.BooleanField(
        help_text="Whether the creating session had given a one-time code."
    )


class TokenCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    days = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="How long the token lasts (default ACCORD_API_TOKEN_DAYS, at most "
        "ACCORD_API_TOKEN_MAX_DAYS).",
    )


class TokenCreatedOutput(TokenOutput):
    key = serializers.CharField(help_text="The key; shown only in this response.")


class TokenListCreateApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses=TokenOutput(many=True), summary="My API tokens")
    def get(self, request: Request) -> Response:
        return paginated(self, request, selectors.token_list(user=request.user), TokenOutput)

    @extend_schema(
        request=TokenCreateInput,
        responses={201: TokenCreatedOutput, **error_responses(400, 403)},
        summary="Create an API token (from a signed-in session)",
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            # A token never mints tokens: a stolen key must not outlive its own revocation.
            raise PermissionDenied(_("Create tokens from a signed-in session, not with a token."))
        data = TokenCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = services.token_create(
            actor=acting_user(request),
            name=data.validated_data["name"],
            days=data.validated_data.get("days"),
            verified=selectors.session_verified(request.user),
        )
        body = dict(TokenOutput(token).data, key=key)
        return Response(body, status=status.HTTP_201_CREATED)


class TokenRevokeApi(APIView):
    @extend_schema(request=None, responses={204: None}, summary="Revoke one of my API tokens")
    def delete(self, request: Request, token_id: int) -> Response:
        services.token_revoke(actor=acting_user(request), token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
