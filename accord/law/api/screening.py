"""Screening: a weapon description against each party's law."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.law import selectors
from accord.law.api.common import ConflictTypeField, on_date_or_today
from accord.law.api.obligations import BasisOutput, ObligationOutput
from accord.law.engine import (
    OUTCOME_LABELS,
    SUMMARY_LABELS,
    PartyScreening,
    Summary,
    own_party_first,
)


class ScreenInput(serializers.Serializer):
    description = serializers.DictField(
        help_text=_(
            "The weapon description: characteristic code -> value (a choice code, a "
            "list of codes for a set, true/false); null or absent means not answered."
        )
    )
    parties = party_field(
        many=True, required=False, help_text=_("Party codes; every treaty party when omitted.")
    )
    on = serializers.DateField(required=False, help_text=_("Today when omitted."))
    conflict_type = ConflictTypeField(required=False, allow_null=True)


class ScreenedRuleOutput(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    title = serializers.CharField(source="rule.title")
    kind = serializers.CharField(source="rule.kind")
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    bases = BasisOutput(many=True, source="obligation.bases")
    conditions = serializers.ListField(
        child=serializers.CharField(), source="obligation.conditions"
    )
    held = serializers.ListField(
        child=serializers.CharField(), source="evaluation.held", help_text=_("Tests that held.")
    )
    missing = serializers.ListField(
        child=serializers.CharField(),
        source="evaluation.missing",
        help_text=_("Characteristics not answered."),
    )
    to_verify = serializers.BooleanField(source="obligation.to_verify")


class PendingRuleOutput(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    title = serializers.CharField(source="rule.title")
    missing = serializers.ListField(child=serializers.CharField(), source="evaluation.missing")
    to_verify = serializers.BooleanField(source="obligation.to_verify")


class NotEngagedOutput(serializers.Serializer):
    """A rule binding the party that the description does not engage, and why."""

    rule = serializers.CharField(source="rule.code")
    title = serializers.CharField(source="rule.title")
    failed = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("The tests of the rule's trigger that failed (what the description lacks)."),
    )
    exception = serializers.CharField(
        source="exception.exception.code",
        allow_null=True,
        default=None,
        help_text=_("The exception that lifts the rule, when one does."),
    )


class ExceptionOutput(serializers.Serializer):
    """An exception of a rule binding the party: a permitted purpose, a retention clause, a
    definition leaving the item out, a technical condition met."""

    code = serializers.CharField(source="exception.code")
    rule = serializers.CharField(source="rule.code")
    provision = serializers.CharField(help_text=_("The provision that makes the exception."))
    title = serializers.CharField(source="exception.title")
    text = serializers.CharField(
        source="exception.text_en", help_text=_("The words of the provision (English).")
    )
    held = serializers.ListField(child=serializers.CharField(), source="evaluation.held")
    missing = serializers.ListField(
        child=serializers.CharField(),
        source="evaluation.missing",
        help_text=_("Characteristics not answered (for an exception that may apply)."),
    )


class FactToVerifyOutput(serializers.Serializer):
    """A participation fact the answer rests on that no depositary record confirms yet."""

    instrument = serializers.CharField(source="instrument.code")
    act_kind = serializers.CharField(source="kind")
    act_date = serializers.DateField(source="date", allow_null=True)
    source_url = serializers.CharField()


SummaryField = enum_field("ScreeningSummary", [(v, SUMMARY_LABELS[v]) for v in Summary.values])


class PartyScreeningOutput(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    summary = SummaryField(
        help_text=_(
            "The answer in one word: the worst outcome engaged, else permitted under an "
            "exception, else not reached."
        )
    )
    summary_label = serializers.CharField()
    basis = serializers.CharField(
        source="basis_phrase", help_text=_("The basis of the answer in one phrase.")
    )
    considered = ObligationOutput(
        many=True, help_text=_("Every rule binding the party that the screening went through.")
    )
    worst = serializers.CharField(allow_null=True)
    worst_label = serializers.SerializerMethodField()
    engaged = ScreenedRuleOutput(many=True)
    pending = PendingRuleOutput(many=True)
    general = serializers.SerializerMethodField(
        help_text=_("Rules without a trigger, which a review always considers.")
    )
    not_engaged = NotEngagedOutput(many=True)
    exceptions = ExceptionOutput(
        many=True, help_text=_("Exceptions applied: why a use the rule reaches is lawful.")
    )
    possible_exceptions = ExceptionOutput(
        many=True, help_text=_("Exceptions that may apply once the missing answers are given.")
    )
    facts_to_verify = FactToVerifyOutput(many=True)
    flags = serializers.ListField(child=serializers.CharField())
    relies_on_unconfirmed = serializers.BooleanField()
    no_specific_rule = serializers.BooleanField()

    def get_worst_label(self, screening: PartyScreening) -> str | None:
        return str(OUTCOME_LABELS[screening.worst]) if screening.worst else None

    def get_general(self, screening: PartyScreening) -> list[str]:
        return [obligation.rule.code for obligation in screening.general]


class ScreeningOutput(serializers.Serializer):
    on = serializers.DateField(source="on_date")
    conflict_type = serializers.CharField(allow_null=True)
    description = serializers.DictField()
    parties = PartyScreeningOutput(many=True)
    cross_party_flags = serializers.ListField(child=serializers.CharField())


class ScreenApi(APIView):
    @extend_schema(
        request=ScreenInput,
        responses={200: ScreeningOutput, **error_responses(400)},
        summary="Screen a weapon description against each party's law",
    )
    def post(self, request: Request) -> Response:
        data = ScreenInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        parties = values.get("parties")
        screening = selectors.screening(
            description=values["description"],
            parties=(
                list(dict.fromkeys(parties)) if parties is not None else selectors.treaty_parties()
            ),
            on_date=on_date_or_today(values),
            conflict_type=values.get("conflict_type"),
        )
        own_party_first(screening, getattr(request.user, "party_id", None))
        return Response(ScreeningOutput(screening).data)
