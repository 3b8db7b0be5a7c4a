"""Writing the schedule: work packages, baselines (dates and costs frozen), and the
monthly earned-value snapshots (figures computed once, when recorded, and stored)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen
from accord.core.models import Party
from accord.core.validation import full_clean
from accord.programmes.domain import evm
from accord.programmes.models import Baseline, BaselineItem, EvmSnapshot, Programme, WorkPackage
from accord.programmes.permissions import can_manage
from accord.programmes.services.finance import _amount

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@transaction.atomic
def work_package_add(
    *,
    actor: User,
    programme: Programme,
    wbs_code: str,
    title: str,
    owner: Party,
    start: dt.date,
    finish: dt.date,
    budget_at_completion: Any,
    milestone: bool = False,
) -> WorkPackage:
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    if programme.work_packages.filter(wbs_code=wbs_code).exists():
        raise ValidationFailed.single("wbs_code", _("This WBS code is taken."))
    package = WorkPackage(
        programme=programme,
        wbs_code=wbs_code,
        title=title,
        owner=owner,
        start=start,
        finish=finish,
        budget_at_completion=_amount(
            budget_at_completion, "budget_at_completion", programme.currency, positive=False
        ),
        milestone=milestone,
    )
    full_clean(package, exclude=["programme"])
    if finish < start:
        raise ValidationFailed.single("finish", _("The end comes before the start."))
    package.save()
    record_event(
        actor=actor, action="programmes.work_package.add", obj=programme, after=snapshot(package)
    )
    return package


@transaction.atomic
def work_package_reschedule(
    *, actor: User, package: WorkPackage, start: dt.date, finish: dt.date, budget_at_completion: Any
) -> WorkPackage:
    """Move a work package's dates or cost (a baseline taken before keeps the old ones)."""
    programme = package.programme
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    if finish < start:
        raise ValidationFailed.single("finish", _("The end comes before the start."))
    before = snapshot(package)
    package.start, package.finish = start, finish
    package.budget_at_completion = _amount(
        budget_at_completion, "budget_at_completion", programme.currency, positive=False
    )
    package.save(update_fields=["start", "finish", "budget_at_completion"])
    record_event(
        actor=actor,
        action="programmes.work_package.reschedule",
        obj=programme,
        before=before,
        after=snapshot(package),
    )
    return package


@transaction.atomic
def baseline_take(*, actor: User, programme: Programme, name: str) -> Baseline:
    """Freeze the schedule's dates and costs as they stand."""
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    if not name.strip():
        raise ValidationFailed.single("name", _("This field is required."))
    packages = list(programme.work_packages.all())
    if not packages:
        raise ValidationFailed.single("name", _("Add work packages before a baseline."))
    baseline = Baseline.objects.create(programme=programme, name=name.strip())
    BaselineItem.objects.bulk_create(
        BaselineItem(
            baseline=baseline,
            wbs_code=p.wbs_code,
            title=p.title,
            start=p.start,
            finish=p.finish,
            budget_at_completion=p.budget_at_completion,
        )
        for p in packages
    )
    record_event(
        actor=actor,
        action="programmes.baseline.take",
        obj=programme,
        after={"baseline": baseline.pk, "name": baseline.name, "items": len(packages)},
    )
    return baseline


@transaction.atomic
def evm_record(
    *, actor: User, programme: Programme, period: dt.date, pv: Any, ev: Any, ac: Any, bac: Any
) -> EvmSnapshot:
    """Store a month's PV, EV, AC, BAC and the figures computed from them. A month is
    recorded once: history is not rewritten."""
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    month = period.replace(day=1)
    if programme.evm_snapshots.filter(period=month).exists():
        raise Conflict(_("This month's snapshot is already recorded."))
    cur = programme.currency
    values = {
        "pv": _amount(pv, "pv", cur, positive=False),
        "ev": _amount(ev, "ev", cur, positive=False),
        "ac": _amount(ac, "ac", cur, positive=False),
        "bac": _amount(bac, "bac", cur, positive=False),
    }
    if any(v < 0 for v in values.values()):
        raise ValidationFailed.single("pv", _("Earned-value figures are not negative."))
    figures = evm.figures(**values)
    snap = EvmSnapshot.objects.create(  # type: ignore[misc]
        programme=programme,
        period=month,
        planned_value=values["pv"],
        earned_value=values["ev"],
        actual_cost=values["ac"],
        budget_at_completion=values["bac"],
        cost_variance=figures.cv,
        schedule_variance=figures.sv,
        cpi=figures.cpi,
        spi=figures.spi,
        eac=figures.eac,
        vac=figures.vac,
        tcpi=figures.tcpi,
    )
    record_event(actor=actor, action="programmes.evm.record", obj=programme, after=snapshot(snap))
    return snap
