"""The law base's REST API, under /api/v1/law/: instruments and participation, the
status matrix, a party's obligations, the rules catalogue, the weapon description
vocabulary, screening, the bilateral register, and CSV export and import.

One APIView per URL with its own input and output serializers per method. Views translate
HTTP only: reads go through `accord.law.selectors`, writes through `accord.law.services`,
and the service errors become HTTP answers in `accord.core.api.exception_handler`.
Instruments, participation, rules and the vocabulary are reference data every signed-in
user reads; bilateral agreements are marked records (a hidden one answers 404).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import renderers, serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.accounts.permissions import acting_user
from accord.core import selectors as core_selectors
from accord.core.api import PartyOutput
from accord.core.audit import record_view
from accord.core.errors import NotFound, ValidationFailed
from accord.core.models import Classification, Release
from accord.law import csvio, selectors, services
from accord.law.conditions import ConditionError, fields_of, parse
from accord.law.engine import OUTCOME_LABELS, PartyScreening
from accord.law.models import (
    Activity,
    BilateralAgreement,
    ConflictType,
    ParticipationAct,
    Rule,
    RuleBasis,
)
from accord.law.vocabulary import BOOL, CHOICE, SET, VOCABULARY, Characteristic

# --- Shared pieces ---------------------------------------------------------------------------


class LawPagination(LimitOffsetPagination):
    """Limit/offset pages; the CSV exports serve whole tables."""

    max_limit = 500


class LawError(serializers.Serializer):
    """The body of every error answer (see accord.core.api.exception_handler)."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # DRF's metaclass takes declared fields off the class: this does not hide
    # Serializer.errors (nor `parent` and `label` below hide Field's), whatever the stubs say.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def _errors(*codes: int) -> dict[int, type[serializers.Serializer]]:
    return dict.fromkeys(codes, LawError)


class _EnumField(serializers.ChoiceField):
    enum_choices: Any = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.enum_choices, **kwargs)


def _enum_field(name: str, choices: Any) -> type[_EnumField]:
    """A ChoiceField whose choice set is one named component of the OpenAPI schema, so
    that choice sets sharing a field name ("kind") stay apart and a set used under two
    names (conflict_type, conflicts) is still one enum for client generators."""

    @extend_schema_field(
        {"type": "string", "enum": [value for value, _label in choices]}, component_name=name
    )
    class EnumField(_EnumField):
        enum_choices = choices

    EnumField.__name__ = EnumField.__qualname__ = f"{name}Field"
    return EnumField


ActKindField = _enum_field("ParticipationActKindEnum", ParticipationAct.Kind.choices)
RuleKindField = _enum_field("RuleKindEnum", Rule.Kind.choices)
ConflictTypeField = _enum_field("ConflictTypeEnum", ConflictType.choices)
CharacteristicKindField = _enum_field(
    "CharacteristicKindEnum", [(CHOICE, CHOICE), (SET, SET), (BOOL, BOOL)]
)


ON_PARAMETER = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description=_("The date the answer is for (YYYY-MM-DD); today when omitted."),
)


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """Validated query parameters; a bad one answers 400 naming it. (A plain dict, so that
    an absent parameter stays absent instead of becoming an empty form value.)"""
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _party_field(*, active_only: bool = False, **kwargs: Any) -> serializers.SlugRelatedField:
    """A party given by its code; an unknown code is a validation error on the field."""
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.party_list(active_only=active_only),
        error_messages={"does_not_exist": _("No party has the code {value}.")},
        **kwargs,
    )


def _instrument_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=selectors.instrument_list(),
        error_messages={"does_not_exist": _("No instrument has the code {value}.")},
        **kwargs,
    )


class OnDateQuery(serializers.Serializer):
    on = serializers.DateField(required=False)


def _on_date(values: dict[str, Any]) -> dt.date:
    return values.get("on") or timezone.localdate()


# --- Instruments -----------------------------------------------------------------------------


class InstrumentOutput(serializers.Serializer):
    code = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True)  # type: ignore[assignment]
    kind = serializers.CharField()
    short_name = serializers.CharField()
    short_name_en = serializers.CharField()
    short_name_ru = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    adopted = serializers.DateField(allow_null=True)
    entry_into_force = serializers.DateField(allow_null=True)
    entry_into_force_year_only = serializers.BooleanField()
    activities = serializers.ListField(child=serializers.CharField())
    conflicts = serializers.ListField(child=serializers.CharField())
    reciprocity = serializers.BooleanField()
    forbids_assistance = serializers.BooleanField()


class InstrumentDetailOutput(InstrumentOutput):
    scope_note_en = serializers.CharField()
    scope_note_ru = serializers.CharField()
    children = serializers.SerializerMethodField()

    def get_children(self, instrument: Any) -> list[str]:
        return sorted(child.code for child in instrument.children.all())


class InstrumentListApi(APIView):
    @extend_schema(responses=InstrumentOutput(many=True), summary="Instruments of weapons law")
    def get(self, request: Request) -> Response:
        return Response(InstrumentOutput(selectors.instrument_list(), many=True).data)


class InstrumentDetailApi(APIView):
    @extend_schema(
        responses={200: InstrumentDetailOutput, **_errors(404)},
        summary="One instrument, with its protocols and amendments",
    )
    def get(self, request: Request, code: str) -> Response:
        instrument = selectors.instrument_get(code=code)
        return Response(InstrumentDetailOutput(instrument).data)


# --- Participation acts ----------------------------------------------------------------------


class ActFactsOutput(serializers.Serializer):
    """One act, without naming its party and instrument (the context does)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    effective_date = serializers.DateField(allow_null=True)
    reservations = serializers.CharField()
    declarations = serializers.CharField()
    source_url = serializers.CharField()
    source_note = serializers.CharField()
    status_confirmed = serializers.BooleanField()
    date_confirmed = serializers.BooleanField()
    to_verify = serializers.BooleanField()
    verified_by = serializers.CharField(source="verified_by.username", allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)


class ActOutput(ActFactsOutput):
    party = serializers.CharField(source="party.code")
    instrument = serializers.CharField(source="instrument.code")


class ActListQuery(serializers.Serializer):
    party = _party_field(required=False)
    instrument = _instrument_field(required=False)


class ActUpdateInput(serializers.Serializer):
    kind = ActKindField(required=False)
    date = serializers.DateField(required=False, allow_null=True)
    effective_date = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(
        choices=ParticipationAct.DatePrecision.choices, required=False
    )
    reservations = serializers.CharField(required=False, allow_blank=True)
    declarations = serializers.CharField(required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    source_note = serializers.CharField(required=False, allow_blank=True)
    status_confirmed = serializers.BooleanField(required=False)
    date_confirmed = serializers.BooleanField(required=False)


class ActRecordInput(ActUpdateInput):
    party = _party_field()
    instrument = _instrument_field()
    kind = ActKindField()


class ActVerifyInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ActListApi(APIView):
    pagination_class = LawPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("party", str, description=_("Only this party's acts (its code).")),
            OpenApiParameter(
                "instrument", str, description=_("Only acts on this instrument (its code).")
            ),
        ],
        responses={200: ActOutput(many=True), **_errors(400)},
        summary="Participation acts, with their sources and verification state",
    )
    def get(self, request: Request) -> Response:
        query = _query(ActListQuery, request)
        acts = selectors.acts_for(party=query.get("party"), instrument=query.get("instrument"))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(acts, request, view=self)
        return paginator.get_paginated_response(ActOutput(page, many=True).data)

    @extend_schema(
        request=ActRecordInput,
        responses={201: ActOutput, **_errors(400, 403)},
        summary="Record a party's act on an instrument (the Secretariat's law editors)",
    )
    def post(self, request: Request) -> Response:
        data = ActRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.act_record(
            actor=acting_user(request),
            party=fields.pop("party"),
            instrument=fields.pop("instrument"),
            **fields,
        )
        return Response(ActOutput(act).data, status=status.HTTP_201_CREATED)


class ActDetailApi(APIView):
    @extend_schema(responses={200: ActOutput, **_errors(404)}, summary="One participation act")
    def get(self, request: Request, pk: int) -> Response:
        return Response(ActOutput(selectors.act_get(pk=pk)).data)

    @extend_schema(
        request=ActUpdateInput,
        responses={200: ActOutput, **_errors(400, 403, 404)},
        summary="Correct an act (the Secretariat's law editors); it needs verifying again",
    )
    def patch(self, request: Request, pk: int) -> Response:
        act = selectors.act_get(pk=pk)
        data = ActUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        act = services.act_update(actor=acting_user(request), act=act, **data.validated_data)
        return Response(ActOutput(act).data)


class ActVerifyApi(APIView):
    @extend_schema(
        request=ActVerifyInput,
        responses={200: ActOutput, **_errors(400, 403, 404)},
        summary="Verify an act against the depositary (the Secretariat's administrators)",
    )
    def post(self, request: Request, pk: int) -> Response:
        act = selectors.act_get(pk=pk)
        data = ActVerifyInput(data=request.data)
        data.is_valid(raise_exception=True)
        act = services.act_verify(
            actor=acting_user(request), act=act, note=data.validated_data["note"]
        )
        return Response(ActOutput(act).data)


# --- Participation status ------------------------------------------------------------------


class PartyStatusOutput(serializers.Serializer):
    party = serializers.CharField()
    party_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    bound = serializers.BooleanField()
    to_verify = serializers.BooleanField()
    act = ActFactsOutput(allow_null=True, help_text=_("The act the status rests on."))
    acts = ActFactsOutput(many=True, help_text=_("Every act of the party on the instrument."))
    pending = ActFactsOutput(many=True, help_text=_("Acts done but not yet in effect."))


class InstrumentParticipationOutput(serializers.Serializer):
    instrument = serializers.CharField()
    on = serializers.DateField()
    parties = PartyStatusOutput(many=True)


class InstrumentParticipationApi(APIView):
    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: InstrumentParticipationOutput, **_errors(400, 404)},
        summary="Each party's status in an instrument on a date, and the acts behind it",
    )
    def get(self, request: Request, code: str) -> Response:
        instrument = selectors.instrument_get(code=code)
        on_date = _on_date(_query(OnDateQuery, request))
        rows = selectors.instrument_participation(instrument=instrument, on_date=on_date)
        body = {
            "instrument": instrument.code,
            "on": on_date,
            "parties": [
                {
                    "party": party.code,
                    "party_name": party.name,
                    "status": answer.status,
                    "status_label": answer.label,
                    "bound": answer.bound,
                    "to_verify": answer.to_verify,
                    "act": answer.act,
                    "acts": answer.acts,
                    "pending": answer.pending,
                }
                for party, answer in rows
            ],
        }
        return Response(InstrumentParticipationOutput(body).data)


class MatrixInstrumentOutput(serializers.Serializer):
    code = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True)  # type: ignore[assignment]
    kind = serializers.CharField()
    short_name = serializers.CharField()


class MatrixCellOutput(serializers.Serializer):
    party = serializers.CharField()
    instrument = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    to_verify = serializers.BooleanField()


class MatrixOutput(serializers.Serializer):
    on = serializers.DateField()
    parties = PartyOutput(many=True)
    instruments = MatrixInstrumentOutput(many=True)
    cells = MatrixCellOutput(many=True)


class MatrixApi(APIView):
    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: MatrixOutput, **_errors(400)},
        summary="Every treaty party's status in every instrument on a date",
    )
    def get(self, request: Request) -> Response:
        on_date = _on_date(_query(OnDateQuery, request))
        parties, instruments, statuses = selectors.matrix(on_date=on_date)
        cells = [
            {
                "party": party.code,
                "instrument": instrument.code,
                "status": answer.status,
                "status_label": answer.label,
                "to_verify": answer.to_verify,
            }
            for party in parties
            for instrument in instruments
            for answer in [statuses[(party.pk, instrument.pk)]]
        ]
        body = {"on": on_date, "parties": parties, "instruments": instruments, "cells": cells}
        return Response(MatrixOutput(body).data)


# --- Obligations -----------------------------------------------------------------------------


class BasisOutput(serializers.Serializer):
    """Why a rule binds: custom, or a provision of an instrument the party is bound by."""

    customary = serializers.BooleanField()
    instrument = serializers.CharField(source="instrument.code", allow_null=True)
    provision = serializers.CharField()
    act_kind = serializers.CharField(source="status.act.kind", allow_null=True)
    act_date = serializers.DateField(source="status.act.date", allow_null=True)
    act_date_precision = serializers.CharField(source="status.act.date_precision", allow_null=True)
    to_verify = serializers.BooleanField()
    text = serializers.CharField(source="describe")


class ObligationOutput(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    title = serializers.CharField(source="rule.title")
    kind = serializers.CharField(source="rule.kind")
    bases = BasisOutput(many=True)
    conditions = serializers.ListField(child=serializers.CharField())
    customary_only = serializers.BooleanField()
    to_verify = serializers.BooleanField()


class ObligationsQuery(OnDateQuery):
    conflict = ConflictTypeField(required=False)


class ObligationsOutput(serializers.Serializer):
    party = serializers.CharField()
    on = serializers.DateField()
    conflict = serializers.CharField(allow_null=True)
    obligations = ObligationOutput(many=True)


class PartyObligationsApi(APIView):
    @extend_schema(
        parameters=[
            ON_PARAMETER,
            OpenApiParameter(
                "conflict",
                str,
                enum=ConflictType.values,
                description=_("Only the law applying in this type of armed conflict."),
            ),
        ],
        responses={200: ObligationsOutput, **_errors(400, 404)},
        summary="Every rule binding a party on a date, with its bases and conditions",
    )
    def get(self, request: Request, code: str) -> Response:
        party = core_selectors.party_list(active_only=False).filter(code=code).first()
        if party is None:
            raise NotFound()
        query = _query(ObligationsQuery, request)
        on_date = _on_date(query)
        conflict = query.get("conflict")
        obligations = selectors.obligations_for(
            party=party, on_date=on_date, conflict_type=conflict
        )
        body = {
            "party": party.code,
            "on": on_date,
            "conflict": conflict,
            "obligations": obligations,
        }
        return Response(ObligationsOutput(body).data)


# --- Rules -------------------------------------------------------------------------------------


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


class RuleListQuery(serializers.Serializer):
    kind = RuleKindField(required=False)
    customary = serializers.BooleanField(required=False, allow_null=True, default=None)
    instrument = _instrument_field(required=False)


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


def _filtered_rules(query: dict[str, Any]) -> QuerySet[Rule]:
    # TODO(lead): move these filters into selectors.rule_list(kind=, customary=, instrument=).
    rules = selectors.rule_list()
    if query.get("kind"):
        rules = rules.filter(kind=query["kind"])
    if query.get("customary") is not None:
        rules = rules.filter(customary=query["customary"])
    if query.get("instrument") is not None:
        rules = rules.filter(
            pk__in=RuleBasis.objects.filter(instrument=query["instrument"]).values("rule_id")
        )
    return rules


class RuleListApi(APIView):
    pagination_class = LawPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=Rule.Kind.values, description=_("Only this kind.")),
            OpenApiParameter(
                "customary", bool, description=_("Only customary (or only non-customary) rules.")
            ),
            OpenApiParameter(
                "instrument", str, description=_("Only rules laid down by this instrument.")
            ),
        ],
        responses={200: RuleOutput(many=True), **_errors(400)},
        summary="The active rules of the catalogue",
    )
    def get(self, request: Request) -> Response:
        rules = _filtered_rules(_query(RuleListQuery, request))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rules, request, view=self)
        return paginator.get_paginated_response(RuleOutput(page, many=True).data)

    @extend_schema(
        request=RuleCreateInput,
        responses={201: RuleDetailOutput, **_errors(400, 403)},
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
        responses={200: RuleDetailOutput, **_errors(404)},
        summary="One rule, with its bases and the characteristics its trigger reads",
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(RuleDetailOutput(selectors.rule_get(code=code)).data)

    @extend_schema(
        request=RuleSaveInput,
        responses={200: RuleDetailOutput, **_errors(400, 403, 404)},
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


# --- Screening -------------------------------------------------------------------------------


class ScreenInput(serializers.Serializer):
    description = serializers.DictField(
        help_text=_(
            "The weapon description: characteristic code -> value (a choice code, a "
            "list of codes for a set, true/false); null or absent means not answered."
        )
    )
    parties = _party_field(
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
        responses={200: ScreeningOutput, **_errors(400)},
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
            on_date=_on_date(values),
            conflict_type=values.get("conflict_type"),
        )
        return Response(ScreeningOutput(screening).data)


# --- Bilateral agreements ------------------------------------------------------------------


class BilateralOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    counterpart = serializers.CharField(source="counterpart.code")
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    subject = serializers.CharField()
    signed_on = serializers.DateField(allow_null=True)
    in_force_from = serializers.DateField(allow_null=True)
    in_force_until = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    document_reference = serializers.CharField()
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    notified_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_released_to(self, agreement: BilateralAgreement) -> list[str]:
        return sorted(party.code for party in agreement.released_to.all())


class BilateralUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    counterpart = _party_field(active_only=True, required=False)
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    subject = serializers.CharField(required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    in_force_from = serializers.DateField(required=False, allow_null=True)
    in_force_until = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=BilateralAgreement.Status.choices, required=False)
    document_reference = serializers.CharField(max_length=300, required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = _party_field(active_only=True, many=True, required=False)


class BilateralRegisterInput(BilateralUpdateInput):
    version = None  # type: ignore[assignment]
    counterpart = _party_field(active_only=True)
    title_en = serializers.CharField(max_length=300)


class BilateralListApi(APIView):
    pagination_class = LawPagination

    @extend_schema(
        responses=BilateralOutput(many=True),
        summary="The bilateral agreements I may see",
    )
    def get(self, request: Request) -> Response:
        agreements = selectors.bilateral_list(actor=acting_user(request))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(agreements, request, view=self)
        return paginator.get_paginated_response(BilateralOutput(page, many=True).data)

    @extend_schema(
        request=BilateralRegisterInput,
        responses={201: BilateralOutput, **_errors(400, 403)},
        summary="Register a bilateral agreement of my party (notifies the Secretariat)",
    )
    def post(self, request: Request) -> Response:
        data = BilateralRegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        agreement = services.bilateral_register(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(BilateralOutput(agreement).data, status=status.HTTP_201_CREATED)


class BilateralDetailApi(APIView):
    @extend_schema(
        responses={200: BilateralOutput, **_errors(404)},
        summary="One bilateral agreement (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        agreement = selectors.bilateral_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=agreement)
        return Response(BilateralOutput(agreement).data)

    @extend_schema(
        request=BilateralUpdateInput,
        responses={200: BilateralOutput, **_errors(400, 403, 404, 409)},
        summary="Change a registered agreement (its owner party); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        agreement = selectors.bilateral_get(actor=actor, pk=pk)
        data = BilateralUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        agreement = services.bilateral_update(
            actor=actor,
            agreement=agreement,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(BilateralOutput(agreement).data)


# --- CSV export and import -----------------------------------------------------------------


class CsvRenderer(renderers.BaseRenderer):
    """Lets a client ask for text/csv. Exports answer with their CSV directly; an error
    asked for as CSV comes as one row of code and detail."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if isinstance(data, str):
            return data.encode()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "detail"])
        if isinstance(data, dict):
            writer.writerow([data.get("code", ""), data.get("detail", "")])
        return out.getvalue().encode()


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR}


class InstrumentsExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_instruments",
        summary="All instruments as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        return _csv_response(
            csvio.write_instruments(selectors.instrument_list()), "instruments.csv"
        )


class ParticipationExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_participation",
        summary="All participation acts as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        return _csv_response(csvio.write_participation(selectors.acts_for()), "participation.csv")


class RulesExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_rules",
        summary="The whole rules catalogue as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        rules = selectors.rule_list(include_inactive=True)
        return _csv_response(csvio.write_rules(rules), "rules.csv")


class CsvImportInput(serializers.Serializer):
    file = serializers.FileField(help_text=_("A UTF-8 CSV file in the reference format."))


class CsvImportOutput(serializers.Serializer):
    changed = serializers.IntegerField(help_text=_("How many records were created or changed."))


class _CsvImportApi(APIView):
    """A whole file or nothing: a bad row answers 400 with errors.file listing
    "Row N: reason", and nothing of the file is stored."""

    parser_classes = [MultiPartParser, FormParser]
    import_file: Callable[..., int]

    @extend_schema(
        request={"multipart/form-data": CsvImportInput},
        responses={200: CsvImportOutput, **_errors(400, 403)},
        summary="Import a CSV file (the Secretariat's law editors)",
    )
    def post(self, request: Request) -> Response:
        data = CsvImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        # One byte over the limit is enough for the parser to refuse the file as too large.
        content = data.validated_data["file"].read(csvio.MAX_BYTES + 1)
        changed = type(self).import_file(actor=acting_user(request), content=content)
        return Response(CsvImportOutput({"changed": changed}).data)


class InstrumentsImportApi(_CsvImportApi):
    import_file = staticmethod(services.instruments_import)


class ParticipationImportApi(_CsvImportApi):
    import_file = staticmethod(services.participation_import)


class RulesImportApi(_CsvImportApi):
    import_file = staticmethod(services.rules_import)
