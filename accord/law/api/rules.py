"""The rules catalogue (read by everyone, written by the Secretariat's law editors) and
the weapon description vocabulary that rule triggers read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.errors import NotFound, ValidationFailed
from accord.core.permissions import acting_user
from accord.law import selectors, services
from accord.law.api.common import (
    CharacteristicKindField,
    ConflictTypeField,
    RuleKindField,
)
from accord.law.api.filters import RuleFilter
from accord.law.domain.conditions import ConditionError, fields_of, parse
from accord.law.domain.vocabulary import VOCABULARY, Characteristic
from accord.law.models import Activity, Rule


class RuleBasisOutput(serializers.Serializer):
    instrument = serializers.CharField(source="instrument.code")
    provision = serializers.CharField()


class RuleOutput(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    customary = serializers.BooleanField()
    customary_reference = serializers.CharField()
    activities = serializers.ListField(child=serializers.CharField())
    conflicts = serializers.ListField(child=serializers.CharField())
    trigger = serializers.CharField()
    active = serializers.BooleanField()
    bases = RuleBasisOutput(many=True, source="bases.all")


class RuleDetailOutput(RuleOutput):
    summary_en = serializers.CharField()
    summary_ru = serializers.CharField()
    restriction_en = serializers.CharField()
    restriction_ru = serializers.CharField()
    trigger_fields = serializers.SerializerMethodField(
        help_text=_("The characteristics of the vocabulary the trigger reads.")
    )
    trigger_error = serializers.SerializerMethodField(
        help_text=_("Why the stored trigger no longer parses, if it does not.")
    )

    def get_trigger_fields(self, rule: Rule) -> list[str]:
        try:
            return sorted(fields_of(parse(rule.trigger))) if rule.trigger.strip() else []
        except ConditionError:
            return []

    def get_trigger_error(self, rule: Rule) -> str | None:
        try:
            if rule.trigger.strip():
                parse(rule.trigger)
        except ConditionError as exc:
            return str(exc)
        return None


class RuleBasisInput(serializers.Serializer):
    instrument = serializers.CharField(max_length=32)
    provision = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class RuleSaveInput(serializers.Serializer):
    """The whole rule: what is left out takes its empty value (PUT replaces)."""

    kind = RuleKindField()
    title_en = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    summary_en = serializers.CharField(required=False, allow_blank=True, default="")
    summary_ru = serializers.CharField(required=False, allow_blank=True, default="")
    restriction_en = serializers.CharField(required=False, allow_blank=True, default="")
    restriction_ru = serializers.CharField(required=False, allow_blank=True, default="")
    activities = serializers.ListField(
        child=serializers.ChoiceField(choices=Activity.choices), required=False, default=list
    )
    conflicts = serializers.ListField(child=ConflictTypeField(), required=False, default=list)
    customary = serializers.BooleanField(required=False, default=False)
    customary_reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    trigger = serializers.CharField(required=False, allow_blank=True, default="")
    active = serializers.BooleanField(required=False, default=True)
    bases = RuleBasisInput(many=True, required=False)

    def validate_bases(self, value: list[dict[str, str]]) -> list[dict[str, str]]:
        pairs = [(basis["instrument"], basis["provision"]) for basis in value]
        if len(set(pairs)) != len(pairs):
            raise serializers.ValidationError(_("The same provision is listed twice."))
        return value


class RuleCreateInput(RuleSaveInput):
    # The CSV format's rule codes, so that every rule exports and imports back.
    code = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z",
        error_messages={
            "invalid": _(
                "Use up to 40 letters, digits, dots, dashes and underscores, "
                "starting with a letter or digit."
            )
        },
    )


def _rule_save(request: Request, data: dict[str, Any], *, code: str, rule: Rule | None) -> Rule:
    fields = dict(data)
    fields.pop("code", None)
    bases = [(basis["instrument"], basis["provision"]) for basis in fields.pop("bases", [])]
    services.rule_save(actor=acting_user(request), code=code, rule=rule, bases=bases, **fields)
    return selectors.rule_get(code=code)


class RuleListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(RuleFilter),
        responses={200: RuleOutput(many=True), **error_responses(400)},
        summary="The active rules of the catalogue",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(RuleFilter, request)
        arguments = filters.selector_arguments()
        if "instrument" in arguments:
            arguments["instrument"] = arguments["instrument"].code
        rules = filters.filter_queryset(selectors.rule_list(**arguments))
        return paginated(self, request, rules, RuleOutput)

    @extend_schema(
        request=RuleCreateInput,
        responses={201: RuleDetailOutput, **error_responses(400, 403)},
        summary="Add a rule (the Secretariat's law editors)",
    )
    def post(self, request: Request) -> Response:
        data = RuleCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data["code"]
        try:
            selectors.rule_get(code=code)
        except NotFound:
            pass
        else:
            raise ValidationFailed.single("code", _("A rule with this code already exists."))
        rule = _rule_save(request, data.validated_data, code=code, rule=None)
        return Response(RuleDetailOutput(rule).data, status=status.HTTP_201_CREATED)


class RuleDetailApi(APIView):
    @extend_schema(
        responses={200: RuleDetailOutput, **error_responses(404)},
        summary="One rule, with its bases and the characteristics its trigger reads",
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(RuleDetailOutput(selectors.rule_get(code=code)).data)

    @extend_schema(
        request=RuleSaveInput,
        responses={200: RuleDetailOutput, **error_responses(400, 403, 404)},
        summary="Replace a rule (the Secretariat's law editors)",
    )
    def put(self, request: Request, code: str) -> Response:
        rule = selectors.rule_get(code=code)
        data = RuleSaveInput(data=request.data)
        data.is_valid(raise_exception=True)
        rule = _rule_save(request, data.validated_data, code=rule.code, rule=rule)
        return Response(RuleDetailOutput(rule).data)


# --- Vocabulary ------------------------------------------------------------------------------


class VocabularyChoiceOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class CharacteristicOutput(serializers.Serializer):
    code = serializers.CharField()
    kind = CharacteristicKindField()
    label = serializers.CharField()  # type: ignore[assignment]
    help = serializers.CharField()
    choices = serializers.SerializerMethodField()

    @extend_schema_field(VocabularyChoiceOutput(many=True))
    def get_choices(self, characteristic: Characteristic) -> list[dict[str, str]]:
        return [{"code": code, "label": str(label)} for code, label in characteristic.choices]


class VocabularyApi(APIView):
    @extend_schema(
        responses=CharacteristicOutput(many=True),
        summary="The weapon description vocabulary, in the request's language",
    )
    def get(self, request: Request) -> Response:
        return Response(CharacteristicOutput(VOCABULARY, many=True).data)
