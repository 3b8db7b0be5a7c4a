"""The law base in the admin: for reading and for verifying facts. Edits go through the
law pages, the API or CSV import, which call the services and audit every change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accord.core.admin import ReadOnlyAdmin
from accord.core.permissions import acting_user
from accord.law import services
from accord.law.models import (
    BilateralAgreement,
    Instrument,
    ParticipationAct,
    Rule,
    RuleException,
)


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    list_display = ("code", "short_name_en", "kind", "adopted", "entry_into_force")
    list_filter = ("kind",)
    search_fields = ("code", "short_name_en", "short_name_ru")


@admin.register(ParticipationAct)
class ParticipationActAdmin(ReadOnlyAdmin):
    list_display = (
        "party",
        "instrument",
        "kind",
        "date",
        "status_confirmed",
        "date_confirmed",
        "verified_at",
    )
    list_filter = ("kind", "party", "status_confirmed", "date_confirmed")
    search_fields = ("instrument__code", "party__code", "source_url")
    actions = ["verify"]

    @admin.action(description=_("Verify the selected facts against the depositary"))
    def verify(self, request: HttpRequest, queryset: Any) -> None:
        actor = acting_user(request)
        for act in queryset:
            services.act_verify(actor=actor, act=act)
        self.message_user(request, _("Facts verified."), messages.SUCCESS)


@admin.register(Rule)
class RuleAdmin(ReadOnlyAdmin):
    list_display = ("code", "title_en", "kind", "customary", "active")
    list_filter = ("kind", "customary", "active")
    search_fields = ("code", "title_en", "title_ru")


@admin.register(RuleException)
class RuleExceptionAdmin(ReadOnlyAdmin):
    list_display = ("code", "rule", "provision", "title_en")
    search_fields = ("code", "provision", "title_en", "title_ru")


@admin.register(BilateralAgreement)
class BilateralAgreementAdmin(ReadOnlyAdmin):
    list_display = ("title_en", "owner", "counterpart", "status", "signed_on")

    def get_queryset(self, request: HttpRequest) -> Any:
        return BilateralAgreement.objects.visible_to(request.user)
