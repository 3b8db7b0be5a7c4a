"""Pages of the law base: instruments and participation, the participation matrix, a
party's obligations, the rules catalogue, screening a weapon description, the register of
bilateral agreements, and CSV export and import.

Views translate a request into selector and service calls and render the answers; the law
itself (status on a date, which rule binds whom, what a description engages) is the
engine's, reached through `accord.law.selectors`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.api.filters import page_filters
from accord.core.audit import record_view
from accord.core.errors import Conflict, PermissionDenied, ValidationFailed
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import add_service_errors
from accord.law import csvio, engine, selectors, services
from accord.law.api.filters import RuleFilter
from accord.law.domain.conditions import ConditionError, Test, fields_of, parse
from accord.law.domain.vocabulary import BY_CODE, SET, VOCABULARY
from accord.law.forms import (
    BILATERAL_FIELDS,
    BilateralForm,
    ImportForm,
    ObligationsForm,
    OnDateForm,
    RuleFilterForm,
    ScreeningForm,
)
from accord.law.models import Activity, ConflictType, Instrument
from accord.law.permissions import (
    can_edit_bilateral,
    can_edit_law,
    can_register_bilateral,
    can_verify_facts,
)

VOCABULARY_ORDER = {c.code: index for index, c in enumerate(VOCABULARY)}


def _render(
    request: HttpRequest,
    template: str,
    section: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a law page with what its sub-navigation needs."""
    user = request.user
    return render(
        request,
        template,
        {
            "section": section,
            "can_edit_law": can_edit_law(user),
            "can_register_bilateral": can_register_bilateral(user),
            **context,
        },
        status=status,
    )


def _on_date(request: HttpRequest) -> tuple[OnDateForm, dt.date]:
    """The `?on=` date, or today (the form then carries the error to show)."""
    form = OnDateForm({"on": request.GET.get("on", "")})
    return form, form.date()


def _labels(choices: Any, codes: Iterable[str]) -> list[str]:
    named = dict(choices.choices)
    return [str(named.get(code, code)) for code in codes]


# --- Landing -------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return _render(request, "law/index.html", "index", {})


# --- Instruments and participation -------------------------------------------------------------


def _tree(instruments: Iterable[Instrument]) -> list[tuple[Instrument, int]]:
    """Instruments in order, each followed by its protocols and amendments (with depth)."""
    instruments = list(instruments)
    present = {i.pk for i in instruments}
    children: dict[int, list[Instrument]] = defaultdict(list)
    roots = []
    for instrument in instruments:
        if instrument.parent_id in present:
            children[instrument.parent_id].append(instrument)
        else:
            roots.append(instrument)
    ordered: list[tuple[Instrument, int]] = []

    def walk(instrument: Instrument, depth: int) -> None:
        ordered.append((instrument, depth))
        for child in children.get(instrument.pk, []):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return ordered


@login_required
def instrument_list(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        "law/instrument_list.html",
        "instruments",
        {"rows": _tree(selectors.instrument_list())},
    )


@login_required
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = selectors.instrument_get(code=code)
    date_form, on_date = _on_date(request)
    return _render(
        request,
        "law/instrument_detail.html",
        "instruments",
        {
            "instrument": instrument,
            "children": selectors.instrument_list().filter(parent=instrument),
            "activities": _labels(Activity, instrument.activities),
            "conflicts": _labels(ConflictType, instrument.conflicts),
            "date_form": date_form,
            "on_date": on_date,
            "participation": selectors.instrument_participation(
                instrument=instrument, on_date=on_date
            ),
            "acts": selectors.acts_for(instrument=instrument),
            "can_verify": can_verify_facts(request.user),
        },
    )


@login_required
@require_POST
def act_verify(request: HttpRequest, pk: int) -> HttpResponse:
    act = selectors.act_get(pk=pk)
    services.act_verify(actor=acting_user(request), act=act)
    messages.success(
        request,
        _("Verified: %(act)s of %(party)s on %(instrument)s.")
        % {
            "act": act.get_kind_display(),
            "party": act.party.code,
            "instrument": act.instrument.code,
        },
    )
    return redirect(reverse("law:instrument", args=[act.instrument.code]) + f"#act-{act.pk}")


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    date_form, on_date = _on_date(request)
    parties, instruments, statuses = selectors.matrix(on_date=on_date)
    instruments = [instrument for instrument, _depth in _tree(instruments)]
    rows = [
        (party, [(instrument, statuses[(party.pk, instrument.pk)]) for instrument in instruments])
        for party in parties
    ]
    return _render(
        request,
        "law/matrix.html",
        "matrix",
        {
            "date_form": date_form,
            "on_date": on_date,
            "instruments": instruments,
            "rows": rows,
            "legend": list(engine.STATUS_LABELS.items()),
        },
    )


# --- Obligations -----------------------------------------------------------------------------


@login_required
def obligations(request: HttpRequest) -> HttpResponse:
    parties = selectors.treaty_parties()
    own = party_of(request.user)
    data = request.GET.copy()
    if not data.get("party") and own is not None and own in parties:
        data["party"] = own.code  # a state's users start from their own obligations
    form = ObligationsForm(data or None, parties=parties)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        arguments = form.arguments()
        context.update(
            arguments,
            conflict_label=dict(ConflictType.choices).get(arguments["conflict_type"] or ""),
            obligations=selectors.obligations_for(**arguments),
        )
    return _render(request, "law/obligations.html", "obligations", context)


# --- Rules -----------------------------------------------------------------------------------


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    instruments = list(selectors.instrument_list())
    form = RuleFilterForm(request.GET or None, instruments=instruments)  # the controls
    filterset = page_filters(RuleFilter, request)  # the API list's filters (issue 10 item 2)
    arguments = filterset.selector_arguments()
    if "instrument" in arguments:
        arguments["instrument"] = arguments["instrument"].code
    rules = filterset.filter_queryset(selectors.rule_list(**arguments))
    return _render(request, "law/rule_list.html", "rules", {"form": form, "rules": rules})


@login_required
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    rule = selectors.rule_get(code=code)
    characteristics: list[Any] = []
    trigger_error = ""
    if rule.trigger.strip():
        try:
            codes = fields_of(parse(rule.trigger))
        except ConditionError as exc:  # a stored trigger the vocabulary no longer reads
            trigger_error = str(exc)
        else:
            characteristics = sorted(
                (BY_CODE[c] for c in codes), key=lambda c: VOCABULARY_ORDER[c.code]
            )
    return _render(
        request,
        "law/rule_detail.html",
        "rules",
        {
            "rule": rule,
            "activities": _labels(Activity, rule.activities),
            "conflicts": _labels(ConflictType, rule.conflicts),
            "characteristics": characteristics,
            "trigger_error": trigger_error,
        },
    )


# --- Screening -------------------------------------------------------------------------------


OUTCOME_ORDER: list[str] = [
    engine.Outcome.PROHIBITED,
    engine.Outcome.RESTRICTED,
    engine.Outcome.OBLIGATIONS,
    engine.Outcome.INFORMATION_NEEDED,
]


def _word(code: str, value: Any) -> str:
    """One answer to a characteristic, for people."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    characteristic = BY_CODE[code]
    if characteristic.kind == SET and isinstance(value, list | tuple | set):
        return ", ".join(str(characteristic.choice_label(v)) for v in value)
    return str(characteristic.choice_label(value))


def _answers(description: dict[str, Any], skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The answered characteristics of a description, as (label, answer) for people."""
    codes = [c for c in description if c in BY_CODE and c not in skip]
    return [
        (str(BY_CODE[code].label), _word(code, description[code]))
        for code in sorted(codes, key=VOCABULARY_ORDER.__getitem__)
        if description[code] is not None
    ]


def _explain(test_text: str, description: dict[str, Any]) -> str:
    """A test of a trigger that held (`delivery in (...)`), in words and in the page's
    language, with the answer that made it hold (`Delivery: Remotely delivered`)."""
    try:
        test = parse(test_text)
    except ConditionError:
        return test_text
    if not isinstance(test, Test) or test.field not in BY_CODE:
        return test_text
    names = {"characteristic": BY_CODE[test.field].label}
    if test.op == "known":
        return _("%(characteristic)s: answered") % names
    if test.op == "unknown":
        return _("%(characteristic)s: not answered") % names
    if test.op == "has":
        value = _word(test.field, test.values[0])
        return _("%(characteristic)s: includes %(value)s") % {**names, "value": value}
    value = _word(test.field, description.get(test.field, test.values[0]))
    return _("%(characteristic)s: %(value)s") % {**names, "value": value}


def _missing(items: Iterable[engine.ScreenedRule]) -> list[tuple[Any, int]]:
    """The characteristics pending rules wait for, each with how many rules wait for it,
    the most wanted first."""
    counts: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for code in item.evaluation.missing:
            if code in BY_CODE:
                counts[code].add(item.rule.code)
    ordered = sorted(counts, key=lambda c: (-len(counts[c]), VOCABULARY_ORDER[c]))
    return [(BY_CODE[code], len(counts[code])) for code in ordered]


def _explain_failed(test_text: str, description: dict[str, Any]) -> str:
    """A test of a trigger that failed, in words: the answer given, against what the rule
    reads (`Delivery: Emplaced by hand`)."""
    negated = test_text.startswith("not ")
    try:
        test = parse(test_text[4:] if negated else test_text)
    except ConditionError:
        return test_text
    if not isinstance(test, Test) or test.field not in BY_CODE:
        return test_text
    names = {"characteristic": BY_CODE[test.field].label}
    answer = description.get(test.field)
    if answer is None:
        return _("%(characteristic)s: not answered") % names
    return _("%(characteristic)s: %(value)s") % {**names, "value": _word(test.field, answer)}


SUMMARY_COUNTS = [
    engine.Outcome.PROHIBITED,
    engine.Outcome.RESTRICTED,
    engine.Outcome.OBLIGATIONS,
    engine.Outcome.INFORMATION_NEEDED,
]


def _column(
    result: engine.PartyScreening, description: dict[str, Any], own_party_id: int | None = None
) -> dict[str, Any]:
    """One party's column of the screening page: the gravest outcomes first."""
    engaged = sorted(result.engaged, key=lambda item: OUTCOME_ORDER.index(item.outcome))
    outcomes = [item.outcome for item in result.engaged + result.pending]
    return {
        "result": result,
        "own": result.party.pk == own_party_id,
        "counts": [outcomes.count(o) for o in SUMMARY_COUNTS] + [len(result.exceptions)],
        "not_engaged": [
            (item, [(_explain_failed(text, description), text) for text in item.failed])
            for item in result.not_engaged
        ],
        "worst_label": engine.OUTCOME_LABELS[result.worst] if result.worst else "",
        "engaged": [
            (item, [(_explain(text, description), text) for text in item.evaluation.held])
            for item in engaged
        ],
        "pending": [
            (item, [BY_CODE[code] for code in item.evaluation.missing if code in BY_CODE])
            for item in result.pending
        ],
        "missing": _missing(result.pending),
    }


@login_required
def screen(request: HttpRequest) -> HttpResponse:
    """Screen a weapon description against each party's law. GET keeps results linkable;
    POST is answered the same way."""
    data = request.POST if request.method == "POST" else request.GET
    form = ScreeningForm(data or None, parties=selectors.treaty_parties())
    context: dict[str, Any] = {"form": form}
    status = 200
    if form.is_bound:
        screening = None
        if form.is_valid():
            try:
                screening = selectors.screening(**form.arguments())
            except ValidationFailed as exc:
                add_service_errors(form, exc)
        if screening is None:
            status = 400
        else:
            own_party_id = getattr(party_of(acting_user(request)), "pk", None)
            context.update(
                screening=screening,
                # The conflict type is shown once, as the screening's own.
                answers=_answers(
                    screening.description, skip=["conflict_type"] if screening.conflict_type else []
                ),
                columns=[
                    _column(r, screening.description, own_party_id)
                    for r in engine.own_party_first(screening, own_party_id).parties
                ],
                summary_headings=[engine.OUTCOME_LABELS[o] for o in SUMMARY_COUNTS]
                + [engine.SUMMARY_LABELS[engine.Summary.PERMITTED_EXCEPTION]],
                answer_next=_missing(item for r in screening.parties for item in r.pending),
                conflict_label=dict(ConflictType.choices).get(screening.conflict_type or ""),
            )
    return _render(request, "law/screen.html", "screen", context, status=status)


# --- Bilateral agreements ------------------------------------------------------------------------


@login_required
def bilateral_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.bilateral_list(actor=acting_user(request)), 50).get_page(
        request.GET.get("page")
    )
    return _render(request, "law/bilateral_list.html", "bilateral", {"page": page})


def _bilateral_form(request: HttpRequest, **kwargs: Any) -> BilateralForm:
    user = acting_user(request)
    own = party_of(user)
    counterparts = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    data = request.POST if request.method == "POST" else None
    return BilateralForm(data, clearance=user.clearance, counterparts=counterparts, **kwargs)


@login_required
def bilateral_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_register_bilateral(user):
        raise PermissionDenied()
    form = _bilateral_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.bilateral_register(actor=user, **form.service_arguments())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The agreement is registered and the Secretariat notified.")
            )
            return redirect("law:bilateral-detail", pk=agreement.pk)
    return _render(
        request,
        "law/bilateral_form.html",
        "bilateral",
        {"form": form, "agreement": None},
        status=400 if form.errors else 200,
    )


@login_required
def bilateral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    agreement = selectors.bilateral_get(actor=user, pk=pk)
    record_view(actor=user, obj=agreement)
    return _render(
        request,
        "law/bilateral_detail.html",
        "bilateral",
        {"agreement": agreement, "may_edit": can_edit_bilateral(user, agreement)},
    )


@login_required
def bilateral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    agreement = selectors.bilateral_get(actor=user, pk=pk)
    if not can_edit_bilateral(user, agreement):
        raise PermissionDenied()
    initial: dict[str, Any] = {
        name: getattr(agreement, name) for name in BILATERAL_FIELDS if name != "released_to"
    }
    initial.update(
        counterpart=agreement.counterpart_id,
        released_to=[p.pk for p in agreement.released_to.all()],
        version=agreement.version,
    )
    form = _bilateral_form(request, initial=initial, versioned=True)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.service_arguments()
            version = data.pop("version")
            try:
                services.bilateral_update(actor=user, agreement=agreement, version=version, **data)
            except Conflict as exc:
                form.add_error(None, str(exc.message))
                status = 409
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The agreement is updated."))
                return redirect("law:bilateral-detail", pk=agreement.pk)
    return _render(
        request,
        "law/bilateral_form.html",
        "bilateral",
        {"form": form, "agreement": agreement},
        status=status,
    )


# --- CSV export and import -----------------------------------------------------------------------


def _csv(content: str, name: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    filename = f"accord-{name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_instruments(request: HttpRequest) -> HttpResponse:
    return _csv(csvio.write_instruments(selectors.instrument_list()), "instruments")


@login_required
def export_participation(request: HttpRequest) -> HttpResponse:
    return _csv(csvio.write_participation(selectors.acts_for()), "participation")


@login_required
def export_rules(request: HttpRequest) -> HttpResponse:
    return _csv(csvio.write_rules(selectors.rule_list(include_inactive=True)), "rules")


IMPORTERS: dict[str, Callable[..., int]] = {
    "instruments": services.instruments_import,
    "participation": services.participation_import,
    "rules": services.rules_import,
}


@login_required
def import_csv(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_edit_law(user):
        raise PermissionDenied()
    form = ImportForm(request.POST or None, request.FILES or None)
    failure: ValidationFailed | None = None
    if request.method == "POST" and form.is_valid():
        importer = IMPORTERS[form.cleaned_data["kind"]]
        try:
            count = importer(actor=user, content=form.cleaned_data["file"].read())
        except ValidationFailed as exc:
            failure = exc
        else:
            messages.success(
                request,
                ngettext(
                    "The file was imported: %(count)s record created or updated.",
                    "The file was imported: %(count)s records created or updated.",
                    count,
                )
                % {"count": count},
            )
            return redirect("law:import")
    return _render(
        request,
        "law/import.html",
        "import",
        {
            "form": form,
            "failure": failure,
            "failure_lines": [
                str(message)
                for messages_ in (failure.errors if failure else {}).values()
                for message in messages_
            ],
        },
        status=400 if request.method == "POST" and (failure or form.errors) else 200,
    )
