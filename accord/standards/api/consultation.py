"""Comments on drafts and ballots on versions: the API (one class per operation, each with
its input and output serializers; every write goes to the consultation services)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.permissions import acting_user
from accord.standards import comment_table
from accord.standards.api.filters import CommentFilter
from accord.standards.models import Ballot, Comment, Vote
from accord.standards.selectors import consultation as selectors
from accord.standards.services import consultation as services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Serializers ----------------------------------------------------------------------------


class CommentOutput(serializers.ModelSerializer):
    party = serializers.CharField(source="party.code")
    author = serializers.CharField(source="author.username", default="")
    disposed_by = serializers.CharField(source="disposed_by.username", default="")
    concurrency_version = serializers.IntegerField(source="version")

    class Meta:
        model = Comment
        fields = [
            "id",
            "standard_version",
            "clause",
            "clause_number",
            "party",
            "author",
            "type",
            "line",
            "paragraph",
            "comment",
            "proposed_change",
            "disposition",
            "disposition_reason",
            "disposed_by",
            "disposed_at",
            "withdrawn",
            "created_at",
            "updated_at",
            "concurrency_version",
        ]


class CommentInput(serializers.Serializer):
    clause = serializers.IntegerField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=Comment.Type.choices)
    line = serializers.CharField(required=False, allow_blank=True, max_length=20)
    paragraph = serializers.CharField(required=False, allow_blank=True, max_length=50)
    comment = serializers.CharField()
    proposed_change = serializers.CharField(required=False, allow_blank=True)


class CommentUpdateInput(serializers.Serializer):
    concurrency_version = serializers.IntegerField(
        help_text="The comment's version as read; a stale one answers 409."
    )
    clause = serializers.IntegerField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=Comment.Type.choices, required=False)
    line = serializers.CharField(required=False, allow_blank=True, max_length=20)
    paragraph = serializers.CharField(required=False, allow_blank=True, max_length=50)
    comment = serializers.CharField(required=False)
    proposed_change = serializers.CharField(required=False, allow_blank=True)


class DisposeInput(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=Comment.Disposition.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    concurrency_version = serializers.IntegerField(required=False)


class CommentTableImportInput(serializers.Serializer):
    file = serializers.FileField()


class CommentTableImportOutput(serializers.Serializer):
    added = serializers.IntegerField()
    updated = serializers.IntegerField()
    disposed = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class VoteOutput(serializers.ModelSerializer):
    party = serializers.CharField(source="party.code")
    voter = serializers.CharField(source="voter.username", default="")

    class Meta:
        model = Vote
        fields = ["id", "party", "vote", "reasons", "comments", "voter", "cast_at"]


class BallotOutput(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard_version.standard.code")
    version_number = serializers.IntegerField(source="standard_version.number")

    class Meta:
        model = Ballot
        fields = [
            "id",
            "standard_version",
            "standard",
            "version_number",
            "opens_on",
            "closes_on",
            "rule",
            "quorum",
            "approve_share",
            "disapprove_share",
            "state",
            "secrecy",
            "result",
            "figures",
            "cancel_reason",
            "created_at",
            "closed_at",
        ]


class BallotDetailOutput(BallotOutput):
    votes = serializers.SerializerMethodField()
    votes_cast = serializers.SerializerMethodField()
    tally = serializers.SerializerMethodField()

    class Meta(BallotOutput.Meta):
        fields = [*BallotOutput.Meta.fields, "votes", "votes_cast", "tally"]

    def get_votes_cast(self, ballot: Ballot) -> int:
        """How many parties have voted (abstentions included); shown even while secret."""
        return selectors.ballot_votes(ballot).count()

    @extend_schema_field(VoteOutput(many=True))
    def get_votes(self, ballot: Ballot) -> list[dict[str, Any]]:
        """Every vote, or only the reader's party's while a secret ballot is open."""
        votes = selectors.ballot_votes_for(actor=self.context["actor"], ballot=ballot)
        return VoteOutput(votes, many=True).data  # type: ignore[return-value]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_tally(self, ballot: Ballot) -> dict[str, Any] | None:
        """The recorded figures of a closed ballot; the tally so far of an open one, or
        null while a ballot secret until close is open (the count of votes cast is in
        `votes_cast`)."""
        if ballot.votes_hidden and not selectors.reads_every_vote(self.context["actor"], ballot):
            return None
        if ballot.state == Ballot.State.CLOSED and ballot.figures:
            return dict(ballot.figures)
        return services.current_tally(ballot).as_dict()


class BallotOpenInput(serializers.Serializer):
    closes_on = serializers.DateField()
    opens_on = serializers.DateField(required=False)
    rule = serializers.ChoiceField(choices=Ballot.Rule.choices, required=False)
    secrecy = serializers.ChoiceField(
        choices=Ballot.Secrecy.choices,
        required=False,
        help_text="Default secret_until_close: other parties' votes and the tally so far are "
        "withheld while the ballot is open.",
    )
    quorum = serializers.CharField(required=False, max_length=16, help_text="e.g. 1/2")
    approve_share = serializers.CharField(required=False, max_length=16, help_text="e.g. 2/3")
    disapprove_share = serializers.CharField(required=False, max_length=16, help_text="e.g. 1/4")


class VoteInput(serializers.Serializer):
    vote = serializers.ChoiceField(choices=Vote.Choice.choices)
    reasons = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required for a disapproval."
    )
    comments = serializers.CharField(required=False, allow_blank=True, default="")


class CloseInput(serializers.Serializer):
    early = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Close before the closing date (only when every member state has voted).",
    )


class CancelInput(serializers.Serializer):
    reason = serializers.CharField()


# --- Comments -------------------------------------------------------------------------------


class VersionCommentsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(CommentFilter),
        responses={200: CommentOutput(many=True), **error_responses(400, 404)},
        summary="The comments on a version (filter by party code, type, disposition or 'open')",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        filters = filter_query(CommentFilter, request)
        rows = filters.filter_queryset(
            selectors.comment_list(actor=actor, version=version, **filters.selector_arguments())
        )
        return paginated(self, request, rows, CommentOutput)

    @extend_schema(
        request=CommentInput,
        responses={201: CommentOutput, **error_responses(400, 403, 404, 409)},
        summary="Comment on a committee draft or a version in ballot (a member party's editor)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = CommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_add(actor=actor, version=version, **data.validated_data)
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)


class CommentApi(APIView):
    @extend_schema(responses={200: CommentOutput, **error_responses(404)}, summary="One comment")
    def get(self, request: Request, pk: int) -> Response:
        comment = selectors.comment_get(actor=acting_user(request), pk=pk)
        return Response(CommentOutput(comment).data)

    @extend_schema(
        request=CommentUpdateInput,
        responses={200: CommentOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a comment before it is disposed of (the commenting party's editor)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        comment = selectors.comment_get(actor=actor, pk=pk)
        data = CommentUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        expected = fields.pop("concurrency_version")
        comment = services.comment_update(
            actor=actor, comment=comment, expected_version=expected, data=fields
        )
        return Response(CommentOutput(comment).data)


class CommentWithdrawApi(APIView):
    @extend_schema(
        request=None,
        responses={200: CommentOutput, **error_responses(403, 404, 409)},
        summary="Withdraw a comment (the commenting party's editor, before disposition)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        comment = selectors.comment_get(actor=actor, pk=pk)
        comment = services.comment_withdraw(actor=actor, comment=comment)
        return Response(CommentOutput(comment).data)


class CommentDisposeApi(APIView):
    @extend_schema(
        request=DisposeInput,
        responses={200: CommentOutput, **error_responses(400, 403, 404, 409)},
        summary="Dispose of a comment (the owner party's editor or a Secretariat officer)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        comment = selectors.comment_get(actor=actor, pk=pk)
        data = DisposeInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_dispose(
            actor=actor,
            comment=comment,
            disposition=data.validated_data["disposition"],
            reason=data.validated_data["reason"],
            expected_version=data.validated_data.get("concurrency_version"),
        )
        return Response(CommentOutput(comment).data)


class CommentTableApi(APIView):
    @extend_schema(
        responses={(200, XLSX): OpenApiTypes.BINARY, **error_responses(404)},
        summary="The comment table of a version as XLSX (ISO/IEC commenting-template layout)",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = comment_table.export_xlsx(
            version=version, comments=selectors.comment_list(actor=actor, version=version)
        )
        response = HttpResponse(data, content_type=XLSX)
        name = f"{version.standard.code}-v{version.number}-comments.xlsx".replace(" ", "_")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CommentTableImportApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CommentTableImportInput},
        responses={200: CommentTableImportOutput, **error_responses(400, 404)},
        summary="Read a comment table back: new rows added, dispositions recorded; "
        "one transaction, a bad row rejects the file with its row number",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = CommentTableImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        summary = comment_table.import_xlsx(
            actor=actor, version=version, data=data.validated_data["file"].read()
        )
        return Response(CommentTableImportOutput(summary.as_dict()).data)


# --- Ballots --------------------------------------------------------------------------------


class VersionBallotsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: BallotOutput(many=True), **error_responses(404)},
        summary="The ballots on a version",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        return paginated(
            self, request, selectors.ballot_list(actor=actor, version=version), BallotOutput
        )

    @extend_schema(
        request=BallotOpenInput,
        responses={201: BallotOutput, **error_responses(400, 403, 404, 409)},
        summary="Put a committee draft to ballot (the owner party's editor or the Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        data = BallotOpenInput(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_open(actor=actor, version=version, **data.validated_data)
        return Response(BallotOutput(ballot).data, status=status.HTTP_201_CREATED)


class BallotApi(APIView):
    @extend_schema(
        responses={200: BallotDetailOutput, **error_responses(404)},
        summary="A ballot with its votes and tally (recorded, or so far)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ballot = selectors.ballot_get(actor=actor, pk=pk)
        return Response(BallotDetailOutput(ballot, context={"actor": actor}).data)


class BallotVoteApi(APIView):
    @extend_schema(
        request=VoteInput,
        responses={201: VoteOutput, **error_responses(400, 403, 404, 409)},
        summary="Cast (or replace) the actor's party's vote (a member state's standards editor)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ballot = selectors.ballot_get(actor=actor, pk=pk)
        data = VoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        vote = services.vote_cast(actor=actor, ballot=ballot, **data.validated_data)
        return Response(VoteOutput(vote).data, status=status.HTTP_201_CREATED)


class BallotCloseApi(APIView):
    @extend_schema(
        request=CloseInput,
        responses={200: BallotDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Close a ballot: the result is computed and recorded; a pass adopts the "
        "version, a failure returns it to the committee draft",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ballot = selectors.ballot_get(actor=actor, pk=pk)
        data = CloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_close(
            actor=actor, ballot=ballot, early=data.validated_data["early"]
        )
        return Response(BallotDetailOutput(ballot, context={"actor": actor}).data)


class BallotCancelApi(APIView):
    @extend_schema(
        request=CancelInput,
        responses={200: BallotOutput, **error_responses(400, 403, 404, 409)},
        summary="Cancel an open ballot (no result; the version returns to the committee draft)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        ballot = selectors.ballot_get(actor=actor, pk=pk)
        data = CancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_cancel(
            actor=actor, ballot=ballot, reason=data.validated_data["reason"]
        )
        return Response(BallotOutput(ballot).data)
