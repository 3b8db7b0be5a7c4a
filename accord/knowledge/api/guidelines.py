"""Guideline modules through the API: the editions I may see (by module code), publish
an edition with its clauses, one edition with its clauses and the lessons pointing at
each, the edition in force "as at" a date, the clause comparison with another edition,
and pointing a lesson at the clause it changes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.query import validated_query
from accord.core.audit import record_view
from accord.core.errors import NotFound, ValidationFailed
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.knowledge import selectors, services
from accord.knowledge.api.items import KnowledgeItemDetailOutput
from accord.knowledge.domain.guidelines import CHANGES
from accord.knowledge.models import GuidelineClause, GuidelineEdition


class KnowledgeGuidelineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    code = serializers.CharField()
    title = serializers.CharField()
    edition = serializers.CharField()
    issued_on = serializers.DateField()
    levels = serializers.CharField()
    next_review = serializers.DateField(allow_null=True)
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()


class KnowledgeClauseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    number = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()
    lessons = serializers.SerializerMethodField()

    def get_lessons(self, clause: GuidelineClause) -> list[int]:
        return [item.pk for item in self.context.get("lessons", {}).get(clause.key, [])]


class KnowledgeGuidelineDetailOutput(KnowledgeGuidelineOutput):
    superseded_by = serializers.SerializerMethodField()
    clauses = serializers.SerializerMethodField()

    def get_superseded_by(self, edition: GuidelineEdition) -> int | None:
        later = self.context.get("superseded_by")
        return later.pk if later is not None else None

    def get_clauses(self, edition: GuidelineEdition) -> list[dict[str, Any]]:
        return list(
            KnowledgeClauseOutput(
                selectors.clauses_of(edition), many=True, context=self.context
            ).data
        )


def _detail(actor: Any, edition: GuidelineEdition) -> dict[str, Any]:
    context = {
        "lessons": selectors.lessons_by_clause(actor=actor, edition=edition),
        "superseded_by": selectors.superseding(actor=actor, edition=edition),
    }
    return dict(KnowledgeGuidelineDetailOutput(edition, context=context).data)


class KnowledgeClauseInput(serializers.Serializer):
    key = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
        help_text=_("The clause's stable id, kept from one edition to the next."),
    )
    number = serializers.CharField(max_length=20)
    heading = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text = serializers.CharField()


class KnowledgeGuidelineInput(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    edition = serializers.CharField(max_length=40)
    issued_on = serializers.DateField()
    levels = serializers.CharField(max_length=60, required=False, allow_blank=True)
    next_review = serializers.DateField(required=False, allow_null=True)
    supersedes = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    clauses = KnowledgeClauseInput(many=True, allow_empty=False)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class KnowledgeGuidelineQuery(serializers.Serializer):
    code = serializers.CharField(max_length=40, required=False, allow_blank=True)


class KnowledgeAsAtQuery(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    date = serializers.DateField()


class KnowledgeCompareQuery(serializers.Serializer):
    to = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text=_("The other edition's id.")
    )


class KnowledgeClauseChangeOutput(serializers.Serializer):
    key = serializers.CharField()
    change = serializers.ChoiceField(choices=[(c, c) for c in CHANGES])
    old_number = serializers.SerializerMethodField()
    new_number = serializers.SerializerMethodField()
    old_text = serializers.SerializerMethodField()
    new_text = serializers.SerializerMethodField()

    def get_old_number(self, change: Any) -> str | None:
        return change.old.number if change.old else None

    def get_new_number(self, change: Any) -> str | None:
        return change.new.number if change.new else None

    def get_old_text(self, change: Any) -> str | None:
        return change.old.text if change.old else None

    def get_new_text(self, change: Any) -> str | None:
        return change.new.text if change.new else None


class KnowledgeLinkClauseInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    clause = serializers.IntegerField(allow_null=True, min_value=1, max_value=2**31 - 1)


class GuidelineListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[KnowledgeGuidelineQuery],
        responses={200: KnowledgeGuidelineOutput(many=True), **error_responses(400)},
        summary="The guideline editions I may see (of one module code, if given)",
    )
    def get(self, request: Request) -> Response:
        query = validated_query(KnowledgeGuidelineQuery, request)
        editions = selectors.guideline_list(
            actor=acting_user(request), code=query.get("code", "").strip()
        )
        return paginated(self, request, editions, KnowledgeGuidelineOutput)

    @extend_schema(
        request=KnowledgeGuidelineInput,
        responses={201: KnowledgeGuidelineDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Publish an edition of a guideline module of my party, with its clauses",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        data = KnowledgeGuidelineInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        previous = fields.pop("supersedes", None)
        supersedes = (
            selectors.guideline_get(actor=actor, pk=previous) if previous is not None else None
        )
        fields["clauses"] = [dict(row) for row in fields["clauses"]]
        edition = services.guideline_publish(actor=actor, supersedes=supersedes, **fields)
        return Response(_detail(actor, edition), status=status.HTTP_201_CREATED)


class GuidelineDetailApi(APIView):
    @extend_schema(
        responses={200: KnowledgeGuidelineDetailOutput, **error_responses(404)},
        summary="One edition, with its clauses and the lessons I may see on each",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        edition = selectors.guideline_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=edition)
        return Response(_detail(actor, edition))


class GuidelineAsAtApi(APIView):
    @extend_schema(
        parameters=[KnowledgeAsAtQuery],
        responses={200: KnowledgeGuidelineDetailOutput, **error_responses(400, 404)},
        summary="The edition of a module in force on a date (among those I may see)",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        query = validated_query(KnowledgeAsAtQuery, request)
        edition = selectors.guideline_as_at(actor=actor, code=query["code"], on=query["date"])
        if edition is None:
            raise NotFound()
        record_view(actor=actor, obj=edition)
        return Response(_detail(actor, edition))


class GuidelineCompareApi(APIView):
    @extend_schema(
        parameters=[KnowledgeCompareQuery],
        responses={200: KnowledgeClauseChangeOutput(many=True), **error_responses(400, 404)},
        summary="Clause by clause (by stable id): this edition against another",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        old = selectors.guideline_get(actor=actor, pk=pk)
        query = validated_query(KnowledgeCompareQuery, request)
        new = selectors.guideline_get(actor=actor, pk=query["to"])
        changes = selectors.guideline_compare(actor=actor, old=old, new=new)
        return Response(KnowledgeClauseChangeOutput(changes, many=True).data)


class ItemClauseApi(APIView):
    @extend_schema(
        request=KnowledgeLinkClauseInput,
        responses={200: KnowledgeItemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Point a lesson at the guideline clause it changes (null: at none)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        data = KnowledgeLinkClauseInput(data=request.data)
        data.is_valid(raise_exception=True)
        clause_id = data.validated_data["clause"]
        clause = None
        if clause_id is not None:
            clause = selectors.clause_choices(actor=actor).filter(pk=clause_id).first()
            if clause is None:
                raise ValidationFailed.single("clause", _("Choose a clause of an edition you see."))
        item = services.item_link_clause(
            actor=actor, item=item, version=data.validated_data["version"], clause=clause
        )
        return Response(KnowledgeItemDetailOutput(item).data)
