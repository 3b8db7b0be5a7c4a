"""Programmes through the API: list (paginated, filtered), detail, create, update, the
lifecycle's steps, and the money under a programme. A programme the reader may not see
answers 404, like a missing one; a stale version or a refused step, 409."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.permissions import acting_user
from accord.programmes import selectors, services
from accord.programmes.api import serializers as s
from accord.programmes.api.filters import ProgrammeFilter
from accord.programmes.models import Programme
from accord.programmes.permissions import can_see_cost_detail
from accord.programmes.selectors import costs


def _cost_detail(request: Request, pk: int) -> Programme:
    """The programme, for a reader who may see its cost detail (403 otherwise)."""
    from accord.core.errors import PermissionDenied

    programme = _programme(request, pk)
    if not can_see_cost_detail(acting_user(request)):
        raise PermissionDenied()
    return programme


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _programme(request: Request, pk: int) -> Programme:
    return selectors.programme_get(actor=acting_user(request), pk=pk)


class ProgrammeListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ProgrammeFilter),
        responses={200: s.ProgrammeOutput(many=True), **error_responses(400)},
        summary="The programmes I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ProgrammeFilter, request)
        rows = filters.filter_queryset(selectors.programme_list(actor=acting_user(request)))
        return paginated(self, request, rows, s.ProgrammeOutput)

    @extend_schema(
        request=s.ProgrammeCreateInput,
        responses={201: s.ProgrammeOutput, **error_responses(400, 403, 404)},
        summary="Propose a programme led by my party",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        fields = _valid(s.ProgrammeCreateInput, request)
        parent = fields.pop("parent_programme", None)
        if parent is not None:
            fields["parent"] = selectors.programme_get(actor=actor, pk=parent)
        programme = services.programme_create(
            actor=actor, released_to=fields.pop("released_to", None), **fields
        )
        return Response(s.ProgrammeOutput(programme).data, status=status.HTTP_201_CREATED)


class ProgrammeDetailApi(APIView):
    @extend_schema(
        responses={200: s.ProgrammeDetailOutput, **error_responses(404)},
        summary="One programme, with its participants, lifecycle records and keys",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        programme = _programme(request, pk)
        record_view(actor=actor, obj=programme)
        return Response(s.ProgrammeDetailOutput(programme).data)

    @extend_schema(
        request=s.ProgrammeUpdateInput,
        responses={200: s.ProgrammeOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a programme (its lead party); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        programme = _programme(request, pk)
        fields = _valid(s.ProgrammeUpdateInput, request)
        programme = services.programme_update(
            actor=actor,
            programme=programme,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(s.ProgrammeOutput(programme).data)


class ProgrammeAdvanceApi(APIView):
    @extend_schema(
        request=s.AdvanceInput,
        responses={201: s.StageRecordOutput, **error_responses(400, 403, 404, 409)},
        summary="Take the programme to its next stage with a signed record",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.AdvanceInput, request)
        record = services.programme_advance(
            actor=acting_user(request),
            programme=programme,
            version=fields.pop("version"),
            stage=fields.pop("stage"),
            **fields,
        )
        return Response(s.StageRecordOutput(record).data, status=status.HTTP_201_CREATED)


class ProgrammeParticipantsApi(APIView):
    @extend_schema(
        request=s.ParticipantInput,
        responses={201: s.ParticipationOutput, **error_responses(400, 403, 404)},
        summary="Add a participating party in a role",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.ParticipantInput, request)
        row = services.participant_add(actor=acting_user(request), programme=programme, **fields)
        return Response(s.ParticipationOutput(row).data, status=status.HTTP_201_CREATED)


class ProgrammeKeysApi(APIView):
    @extend_schema(
        responses={200: s.KeyOutput(many=True), **error_responses(404)},
        summary="The programme's cost-share keys",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.KeyOutput(selectors.keys(_programme(request, pk)), many=True).data)

    @extend_schema(
        request=s.KeyInput,
        responses={201: s.KeyOutput, **error_responses(400, 403, 404)},
        summary="Propose a cost-share key (shares summing to exactly 100 %)",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.KeyInput, request)
        shares, caps = s.shares_of(fields.pop("shares"))
        key = services.key_propose(
            actor=acting_user(request), programme=programme, shares=shares, caps=caps, **fields
        )
        return Response(s.KeyOutput(key).data, status=status.HTTP_201_CREATED)


class ProgrammeKeyDecideApi(APIView):
    @extend_schema(
        request=s.DecideInput,
        responses={200: s.KeyOutput, **error_responses(400, 403, 404, 409)},
        summary="Put a proposed key in force on the decision it rests on",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.DecideInput, request)
        key = services.key_decide(
            actor=acting_user(request),
            key=selectors.key_get(programme, fields["key"]),
            decision_reference=fields["decision_reference"],
        )
        return Response(s.KeyOutput(key).data)


class ProgrammeWhatIfApi(APIView):
    @extend_schema(
        request=s.WhatIfInput,
        responses={200: dict, **error_responses(400, 404)},
        summary="What a proposed key would ask of each party, against the key in force",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        shares, _caps = s.shares_of(_valid(s.WhatIfInput, request)["shares"])
        rows = selectors.what_if(programme, shares)
        return Response(
            {
                "rows": [
                    {"party": party.code, "current": now, "proposed": then, "change": change}
                    for party, now, then, change in rows
                ]
            }
        )


class ProgrammeBudgetsApi(APIView):
    @extend_schema(
        responses={200: s.BudgetOutput(many=True), **error_responses(404)},
        summary="The programme's budget revisions",
        description="Lines are listed to readers who may see cost detail (finance officers, "
        "auditors, the Secretariat); others get the revisions with no lines.",
    )
    def get(self, request: Request, pk: int) -> Response:
        budgets = _programme(request, pk).budgets.prefetch_related("lines")
        rows = s.BudgetOutput(budgets, many=True).data
        if not can_see_cost_detail(acting_user(request)):
            for row in rows:
                row["lines"] = []
        return Response(rows)

    @extend_schema(
        request=s.BudgetInput,
        responses={201: s.BudgetOutput, **error_responses(400, 403, 404)},
        summary="Record a budget revision",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.BudgetInput, request)
        budget = services.budget_set(actor=acting_user(request), programme=programme, **fields)
        return Response(s.BudgetOutput(budget).data, status=status.HTTP_201_CREATED)


class ProgrammeAssessmentsApi(APIView):
    @extend_schema(
        responses={200: s.ProgrammeAssessmentOutput(many=True), **error_responses(404)},
        summary="The programme's calls for contributions",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = selectors.assessments(_programme(request, pk))
        return Response(s.ProgrammeAssessmentOutput(rows, many=True).data)

    @extend_schema(
        request=s.AssessmentInput,
        responses={201: s.ProgrammeAssessmentOutput, **error_responses(400, 403, 404)},
        summary="Issue a call for contributions (key in force x budget)",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.AssessmentInput, request)
        row = services.assessment_issue(actor=acting_user(request), programme=programme, **fields)
        return Response(s.ProgrammeAssessmentOutput(row).data, status=status.HTTP_201_CREATED)


class ProgrammeContributionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: s.ContributionOutput(many=True), **error_responses(403, 404)},
        summary="The programme's contributions (cost detail: finance officers, auditors)",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = _cost_detail(request, pk).contributions.select_related("party").order_by("id")
        return paginated(self, request, rows, s.ContributionOutput)

    @extend_schema(
        request=s.ContributionInput,
        responses={201: s.ContributionOutput, **error_responses(400, 403, 404)},
        summary="Record a contribution, cash or in kind",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.ContributionInput, request)
        row = services.contribution_record(
            actor=acting_user(request), programme=programme, **fields
        )
        return Response(s.ContributionOutput(row).data, status=status.HTTP_201_CREATED)


class ProgrammeTransactionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: s.TransactionOutput(many=True), **error_responses(403, 404)},
        summary="The programme's transactions (cost detail: finance officers, auditors)",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = (
            _cost_detail(request, pk)
            .transactions.select_related("provider", "receiver")
            .order_by("id")
        )
        return paginated(self, request, rows, s.TransactionOutput)

    @extend_schema(
        request=s.TransactionInput,
        responses={201: s.TransactionOutput, **error_responses(400, 403, 404)},
        summary="Record a transaction",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.TransactionInput, request)
        fields["type"] = int(fields["type"])
        row = services.transaction_record(actor=acting_user(request), programme=programme, **fields)
        return Response(s.TransactionOutput(row).data, status=status.HTTP_201_CREATED)


class ProgrammePlannedDisbursementsApi(APIView):
    @extend_schema(
        responses={200: s.PlannedVsDisbursedOutput(many=True), **error_responses(403, 404)},
        summary="Planned disbursements, each with what was disbursed in its period",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = costs.planned_vs_disbursed(_cost_detail(request, pk))
        return Response(s.PlannedVsDisbursedOutput(rows, many=True).data)

    @extend_schema(
        request=s.PlannedDisbursementInput,
        responses={201: s.PlannedDisbursementOutput, **error_responses(400, 403, 404)},
        summary="Plan a disbursement (IATI planned-disbursement)",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.PlannedDisbursementInput, request)
        row = services.planned_disbursement_add(
            actor=acting_user(request), programme=programme, **fields
        )
        return Response(s.PlannedDisbursementOutput(row).data, status=status.HTTP_201_CREATED)


class ProgrammeBudgetVsActualApi(APIView):
    @extend_schema(
        responses={200: s.BudgetVsActualOutput(many=True), **error_responses(403, 404)},
        summary="Budget vs actual per line of the latest budget (cost detail)",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = costs.budget_vs_actual(_cost_detail(request, pk))
        return Response(s.BudgetVsActualOutput(rows, many=True).data)


class AggregatesApi(APIView):
    @extend_schema(
        responses={200: s.AggregateOutput(many=True)},
        summary="Council aggregates: programmes of all parties by stage and currency, "
        "groups of fewer than three withheld",
    )
    def get(self, request: Request) -> Response:
        rows = costs.council_aggregates(actor=acting_user(request))
        return Response(s.AggregateOutput(rows, many=True).data)


class ProgrammeStatementApi(APIView):
    @extend_schema(
        responses={200: s.StatementRowOutput(many=True), **error_responses(404)},
        summary="The contributions statement: assessed, paid, in kind, balance, arrears",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = selectors.statement(_programme(request, pk))
        return Response(s.StatementRowOutput(rows, many=True).data)


class ProgrammeEvmApi(APIView):
    @extend_schema(
        responses={200: s.EvmOutput(many=True), **error_responses(404)},
        summary="The programme's monthly earned-value snapshots",
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = _programme(request, pk).evm_snapshots.order_by("period")
        return Response(s.EvmOutput(rows, many=True).data)

    @extend_schema(
        request=s.EvmInput,
        responses={201: s.EvmOutput, **error_responses(400, 403, 404, 409)},
        summary="Record a month's earned value (once)",
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _programme(request, pk)
        fields = _valid(s.EvmInput, request)
        row = services.evm_record(actor=acting_user(request), programme=programme, **fields)
        return Response(s.EvmOutput(row).data, status=status.HTTP_201_CREATED)


class RatesApi(APIView):
    @extend_schema(
        request=s.RateInput,
        responses={201: s.RateInput, **error_responses(400, 403)},
        summary="Enter a row of the rates table (finance officers)",
    )
    def post(self, request: Request) -> Response:
        fields = _valid(s.RateInput, request)
        row = services.rate_set(actor=acting_user(request), **fields)
        return Response(s.RateInput(row).data, status=status.HTTP_201_CREATED)


class ProgrammeJsonApi(APIView):
    @extend_schema(
        responses={200: dict, **error_responses(403, 404)},
        summary="The whole programme as JSON (re-importable; cost detail: finance officers, "
        "auditors)",
    )
    def get(self, request: Request, pk: int) -> Response:
        from accord.programmes.interchange import export_programme

        actor = acting_user(request)
        programme = _cost_detail(request, pk)
        record_view(actor=actor, obj=programme)
        return Response(export_programme(programme))


class ProgrammeImportApi(APIView):
    @extend_schema(
        request=dict,
        responses={201: s.ProgrammeOutput, **error_responses(400, 403, 409)},
        summary="Import a programme exported as JSON (replayed through the services)",
    )
    def post(self, request: Request) -> Response:
        from accord.programmes.interchange import import_programme

        identifier = request.query_params.get("identifier") or None
        programme = import_programme(
            actor=acting_user(request), data=request.data, identifier=identifier
        )
        return Response(s.ProgrammeOutput(programme).data, status=status.HTTP_201_CREATED)
