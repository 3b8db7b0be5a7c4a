"""Screening: a weapon description against each party's law."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.law import selectors
from accord.law.api.common import ConflictTypeField, on_date_or_today
from accord.law.api.obligations import BasisOutput
from accord.law.engine import OUTCOME_LABELS, PartyScreening


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


class PartyScreeningOutput(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    worst = serializers.CharField(allow_null=True)
    worst_label = serializers.SerializerMethodField()
    engaged = ScreenedRuleOutput(many=True)
    pending = PendingRuleOutput(many=True)
    general = serializers.SerializerMethodField(
        help_text=_("Rules without a trigger, which a review always considers.")
    )
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
        return Response(ScreeningOutput(screening).data)
