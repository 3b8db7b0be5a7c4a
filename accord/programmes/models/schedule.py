"""The schedule of a programme: work packages (WBS), baselines that hold dates and costs,
and the monthly earned-value snapshots, stored and never recomputed later."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import Party
from accord.programmes.models.finance import MONEY
from accord.programmes.models.programme import Programme

RATIO: dict[str, Any] = {"max_digits": 12, "decimal_places": 4, "null": True, "blank": True}


class WorkPackage(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="work_packages")
    wbs_code = models.CharField(_("WBS code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("start"))
    finish = models.DateField(_("finish"))
    budget_at_completion = models.DecimalField(_("budget at completion"), **MONEY)
    milestone = models.BooleanField(_("milestone or phase gate"), default=False)

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["wbs_code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "wbs_code"], name="programmes_wbs_once")
        ]

    def __str__(self) -> str:
        return f"{self.wbs_code} {self.title}"


class Baseline(models.Model):
    """A frozen copy of the schedule's dates and costs."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="baselines")
    name = models.CharField(_("name"), max_length=200)
    taken_at = models.DateTimeField(_("taken"), auto_now_add=True)

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["taken_at", "id"]

    def __str__(self) -> str:
        return self.name


class BaselineItem(models.Model):
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="items")
    wbs_code = models.CharField(_("WBS code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateField(_("start"))
    finish = models.DateField(_("finish"))
    budget_at_completion = models.DecimalField(_("budget at completion"), **MONEY)

    class Meta:
        ordering = ["wbs_code"]

    def __str__(self) -> str:
        return self.wbs_code


class EvmSnapshot(models.Model):
    """A month's earned value: PV, EV, AC and BAC as reported, and the indices computed
    from them when recorded (`domain.evm`), stored so that later changes never rewrite
    history."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="evm_snapshots")
    period = models.DateField(_("month"))
    planned_value = models.DecimalField(_("PV"), **MONEY)
    earned_value = models.DecimalField(_("EV"), **MONEY)
    actual_cost = models.DecimalField(_("AC"), **MONEY)
    budget_at_completion = models.DecimalField(_("BAC"), **MONEY)
    cost_variance = models.DecimalField(_("CV"), **MONEY)
    schedule_variance = models.DecimalField(_("SV"), **MONEY)
    cpi = models.DecimalField(_("CPI"), **RATIO)
    spi = models.DecimalField(_("SPI"), **RATIO)
    eac = models.DecimalField(_("EAC"), null=True, blank=True, **MONEY)
    vac = models.DecimalField(_("VAC"), null=True, blank=True, **MONEY)
    tcpi = models.DecimalField(_("TCPI"), **RATIO)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("earned-value snapshot")
        verbose_name_plural = _("earned-value snapshots")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="programmes_evm_month")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.period}"
