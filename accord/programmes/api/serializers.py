"""Input and output shapes of the programmes API. Money is a decimal string."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from accord.core.api.fields import enum_field, party_field
from accord.core.models import Classification, Release
from accord.programmes.models import (
    Budget,
    BudgetLine,
    Contribution,
    CostShareKey,
    ParticipantRole,
    PlannedDisbursement,
    Programme,
    Stage,
    StageRecord,
    SupportKind,
    TransactionType,
)


class Text(serializers.CharField):
    """A string, and only a string: a number or a boolean sent for a text field is a 400
    (DRF's CharField would turn 12 into "12"), as the schema's `type: string` says."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


ID_MAX = 2**31 - 1  # a row id the database can compare with (larger ones are a 400)


def money(**kwargs: Any) -> serializers.DecimalField:
    """An amount: a decimal string with two places (never binary floating point)."""
    return serializers.DecimalField(max_digits=18, decimal_places=2, **kwargs)


StageField = enum_field("ProgrammeStage", Stage.choices)
RoleField = enum_field("ProgrammeParticipantRole", ParticipantRole.choices)
BasisField = enum_field("CostShareBasis", CostShareKey.Basis.choices)
BudgetStatusField = enum_field("BudgetStatus", Budget.Status.choices)
CategoryField = enum_field("BudgetCategory", BudgetLine.Category.choices)
ContributionKindField = enum_field("ContributionKind", Contribution.Kind.choices)
SupportKindField = enum_field("SupportKind", SupportKind.choices)
DecisionRuleField = enum_field("ProgrammeDecisionRule", StageRecord.DecisionRule.choices)
TransactionTypeField = enum_field(
    "ProgrammeTransactionType", [(str(v), label) for v, label in TransactionType.choices]
)


class ParticipationOutput(serializers.Serializer):
    party = Text(source="party.code")
    role = Text()


class StageRecordOutput(serializers.Serializer):
    id = serializers.IntegerField()
    stage = Text()
    criteria = Text()
    reasons = Text()
    decision_rule = Text()
    reference = Text()
    statement = Text()
    signed_by = Text(source="signed_by_name")
    signed_party = Text(source="signed_party.code")
    signed_at = serializers.DateTimeField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)


class ProgrammeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    identifier = Text()
    owner = Text(source="owner.code")
    title = Text()
    title_en = Text()
    title_ru = Text()
    objectives = Text()
    lifecycle_areas = Text()
    stage = Text()
    status = serializers.IntegerField()
    status_label = Text(source="get_status_display")
    parent_programme = serializers.IntegerField(source="parent_id", allow_null=True)
    funder_reference = Text()
    currency = Text()
    planned_start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)
    classification = serializers.IntegerField()
    release = Text()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_released_to(self, programme: Programme) -> list[str]:
        return sorted(party.code for party in programme.released_to.all())


class ShareOutput(serializers.Serializer):
    party = Text(source="party.code")
    percent = serializers.DecimalField(max_digits=7, decimal_places=4)
    cap = money(allow_null=True)


class KeyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    basis = Text()
    status = Text()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    decision_reference = Text()
    shares = ShareOutput(many=True)


class StatementRowOutput(serializers.Serializer):
    party = Text(source="party.code")
    assessed = money()
    paid_cash = money()
    in_kind = money()
    balance = money()
    arrears = money()
    ageing = serializers.ListField(child=money())


class ProgrammeDetailOutput(ProgrammeOutput):
    participants = ParticipationOutput(many=True, source="participations.all")
    timeline = StageRecordOutput(many=True, source="stage_records.all")
    keys = KeyOutput(many=True, source="keys.all")


class ProgrammeUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    identifier = Text(max_length=100, required=False)
    title_en = Text(max_length=300, required=False)
    title_ru = Text(max_length=300, required=False, allow_blank=True)
    objectives = Text(required=False, allow_blank=True)
    lifecycle_areas = Text(max_length=200, required=False, allow_blank=True)
    funder_reference = Text(max_length=100, required=False, allow_blank=True)
    currency = Text(max_length=3, required=False)
    planned_start = serializers.DateField(required=False, allow_null=True)
    planned_end = serializers.DateField(required=False, allow_null=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class ProgrammeCreateInput(ProgrammeUpdateInput):
    version = None  # type: ignore[assignment]
    identifier = Text(max_length=100)
    title_en = Text(max_length=300)
    parent_programme = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=ID_MAX
    )


class AdvanceInput(serializers.Serializer):
    version = serializers.IntegerField()
    stage = StageField()
    criteria = Text(required=False, allow_blank=True)
    reasons = Text(required=False, allow_blank=True)
    decision_rule = DecisionRuleField(required=False)
    reference = Text(max_length=200, required=False, allow_blank=True)
    statement = Text(required=False, allow_blank=True)


class ParticipantInput(serializers.Serializer):
    party = party_field(active_only=True)
    role = RoleField()


class ShareInput(serializers.Serializer):
    party = party_field(active_only=True)
    percent = serializers.DecimalField(max_digits=7, decimal_places=4)
    cap = money(required=False, allow_null=True)


class KeyInput(serializers.Serializer):
    basis = BasisField()
    effective_from = serializers.DateField()
    indicator = Text(required=False, allow_blank=True, default="")
    shares = ShareInput(many=True)


class WhatIfInput(serializers.Serializer):
    shares = ShareInput(many=True)


class DecideInput(serializers.Serializer):
    key = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    decision_reference = Text(max_length=200)


@extend_schema_serializer(component_name="ProgrammesLineInput")
class LineInput(serializers.Serializer):
    category = CategoryField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    amount = money()


class BudgetInput(serializers.Serializer):
    status = BudgetStatusField()
    reason = Text(required=False, allow_blank=True, default="")
    lines = LineInput(many=True)


class BudgetOutput(serializers.Serializer):
    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    kind = Text()
    status = Text()
    reason = Text()
    lines = LineInput(many=True, source="lines.all")


class AssessmentInput(serializers.Serializer):
    due_date = serializers.DateField()
    total = money(required=False, allow_null=True)


class PartOutput(serializers.Serializer):
    party = Text(source="party.code")
    amount = money()


class ProgrammeAssessmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    key = serializers.IntegerField(source="key.number")
    budget_revision = serializers.IntegerField(source="budget.revision")
    total = money()
    due_date = serializers.DateField()
    parts = PartOutput(many=True, source="parts.all")


class ContributionInput(serializers.Serializer):
    party = party_field(active_only=True)
    kind = ContributionKindField()
    amount = money()
    currency = Text(max_length=3)
    value_date = serializers.DateField()
    valuation_method = Text(required=False, allow_blank=True, default="")
    valuer = Text(required=False, allow_blank=True, default="")
    evidence = Text(required=False, allow_blank=True, default="")


class ContributionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    party = Text(source="party.code")
    kind = Text()
    amount = money()
    currency = Text()
    value_date = serializers.DateField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=8)
    converted = money()
    valuation_method = Text()
    valuer = Text()
    evidence = Text()
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)


class TransactionInput(serializers.Serializer):
    type = TransactionTypeField()
    category = CategoryField(required=False, allow_blank=True, default="")
    amount = money()
    currency = Text(max_length=3)
    value_date = serializers.DateField()
    provider = party_field(required=False, allow_null=True)
    receiver = party_field(required=False, allow_null=True)
    description = Text(required=False, allow_blank=True, default="")


class TransactionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.IntegerField()
    amount = money()
    currency = Text()
    value_date = serializers.DateField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=8)
    converted = money()
    description = Text()
    category = Text()
    provider = Text(source="provider.code", allow_null=True, default=None)
    receiver = Text(source="receiver.code", allow_null=True, default=None)


PlannedKindField = enum_field("PlannedDisbursementKind", PlannedDisbursement.Kind.choices)


class PlannedDisbursementInput(serializers.Serializer):
    kind = PlannedKindField(required=False, default=PlannedDisbursement.Kind.ORIGINAL)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    amount = money()
    currency = Text(max_length=3)
    value_date = serializers.DateField(required=False, allow_null=True)
    provider = party_field(required=False, allow_null=True)
    receiver = party_field(required=False, allow_null=True)


class PlannedDisbursementOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = Text()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    amount = money()
    currency = Text()
    value_date = serializers.DateField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=8)
    converted = money()
    provider = Text(source="provider.code", allow_null=True, default=None)
    receiver = Text(source="receiver.code", allow_null=True, default=None)


class PlannedVsDisbursedOutput(serializers.Serializer):
    planned = PlannedDisbursementOutput()
    disbursed = money()
    difference = money()


class BudgetVsActualOutput(serializers.Serializer):
    category = Text(help_text=_("Empty: spending under no budget line."))
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    budgeted = money()
    actual = money()
    variance = money(help_text=_("Budgeted minus actual."))
    used_percent = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)


class AggregateOutput(serializers.Serializer):
    stage = Text()
    currency = Text()
    suppressed = serializers.BooleanField(
        help_text=_("True: fewer programmes than the small-count threshold; figures withheld.")
    )
    programmes = serializers.IntegerField(allow_null=True)
    budget = money(allow_null=True)
    assessed = money(allow_null=True)
    contributed = money(allow_null=True)


class EvmInput(serializers.Serializer):
    period = serializers.DateField()
    pv = money()
    ev = money()
    ac = money()
    bac = money()


class EvmOutput(serializers.Serializer):
    period = serializers.DateField()
    pv = money(source="planned_value")
    ev = money(source="earned_value")
    ac = money(source="actual_cost")
    bac = money(source="budget_at_completion")
    cv = money(source="cost_variance")
    sv = money(source="schedule_variance")
    cpi = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    spi = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    eac = money(allow_null=True)
    vac = money(allow_null=True)
    tcpi = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)


@extend_schema_serializer(component_name="ProgrammesRateInput")
class RateInput(serializers.Serializer):
    currency = Text(max_length=3)
    quote = Text(max_length=3)
    rate_date = serializers.DateField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=8)


class SupportRequestInput(serializers.Serializer):
    kind = SupportKindField()
    title_en = Text(max_length=300)
    title_ru = Text(max_length=300, required=False, allow_blank=True)
    description = Text(required=False, allow_blank=True)
    needed_by = serializers.DateField(required=False, allow_null=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class OfferOutput(serializers.Serializer):
    id = serializers.IntegerField()
    party = Text(source="party.code")
    form = Text()
    value = money()
    currency = Text()
    status = Text()
    delivered_on = serializers.DateField(allow_null=True)


class SupportRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = Text(source="owner.code")
    kind = Text()
    title = Text()
    title_en = Text()
    title_ru = Text()
    description = Text()
    needed_by = serializers.DateField(allow_null=True)
    status = Text()
    classification = serializers.IntegerField()
    release = Text()
    version = serializers.IntegerField()


class SupportRequestDetailOutput(SupportRequestOutput):
    offers = OfferOutput(many=True, source="offers.all")


class OfferInput(serializers.Serializer):
    form = Text(max_length=300)
    value = money()
    currency = Text(max_length=3, required=False, default="RUB")
    available_from = serializers.DateField(required=False, allow_null=True)
    available_until = serializers.DateField(required=False, allow_null=True)


class OfferActionInput(serializers.Serializer):
    offer = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    delivered_on = serializers.DateField(required=False)
    note = Text(required=False, allow_blank=True, default="")


def shares_of(data: list[dict[str, Any]]) -> tuple[dict[Any, Any], dict[Any, Any]]:
    shares = {row["party"]: row["percent"] for row in data}
    caps = {row["party"]: row.get("cap") for row in data if row.get("cap") is not None}
    return shares, caps


REQUIRED = _("This field is required.")
