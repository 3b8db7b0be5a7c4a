"""Comments and suggestions on a draft model act through the API: the list, a new one,
and the drafters' decision. The act is read through `act_get` (hidden: 404); a decided
comment, or an act past commission, answers 409."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field
from accord.core.permissions import acting_user
from accord.legislation import selectors, services
from accord.legislation.models import CommentKind, Disposition

KindField = enum_field("DraftCommentKindEnum", CommentKind.choices)
DecisionField = enum_field(
    "DraftCommentDecisionEnum", [(d.value, d.label) for d in Disposition if d != Disposition.OPEN]
)
LanguageField = enum_field("DraftCommentLanguageEnum", [("en", "English"), ("ru", "Russian")])
MAX_ID = 2**31 - 1


class DraftCommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(source="version.number")
    provision_eid = serializers.CharField()
    kind = serializers.CharField()
    text = serializers.CharField()
    language = serializers.CharField()
    suggested_text = serializers.CharField()
    party = serializers.CharField(source="party.code")
    author = serializers.CharField(source="author.username")
    disposition = serializers.CharField()
    disposition_label = serializers.CharField(source="get_disposition_display")
    disposition_note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class DraftCommentInput(serializers.Serializer):
    provision_eid = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_("Empty for a comment on the whole act."),
    )
    kind = KindField(required=False)
    text = serializers.CharField()
    language = LanguageField(required=False)
    suggested_text = serializers.CharField(required=False, allow_blank=True)


class DraftCommentDecisionInput(serializers.Serializer):
    comment = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    disposition = DecisionField()
    note = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Required to reject.")
    )


class CommentListApi(APIView):
    @extend_schema(
        responses={200: DraftCommentOutput(many=True), **error_responses(404)},
        summary="The comments and suggestions on a model act (all versions)",
    )
    def get(self, request: Request, pk: int) -> Response:
        act = selectors.act_get(actor=acting_user(request), pk=pk)
        return Response(DraftCommentOutput(selectors.comments_of(act), many=True).data)

    @extend_schema(
        request=DraftCommentInput,
        responses={201: DraftCommentOutput, **error_responses(400, 403, 404, 409)},
        summary="Comment on a draft, or suggest a wording of one provision",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = DraftCommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_add(actor=actor, act=act, **data.validated_data)
        return Response(DraftCommentOutput(comment).data, status=status.HTTP_201_CREATED)


class CommentDecideApi(APIView):
    @extend_schema(
        request=DraftCommentDecisionInput,
        responses={200: DraftCommentOutput, **error_responses(400, 403, 404, 409)},
        summary="Accept, reject or note a comment (accepting a suggestion applies it)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = DraftCommentDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        comment = services.comment_decide(
            actor=actor,
            act=act,
            comment_id=fields["comment"],
            disposition=fields["disposition"],
            note=fields.get("note", ""),
        )
        return Response(DraftCommentOutput(comment).data)
