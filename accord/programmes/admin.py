"""The module's records in the admin, for reading: every change goes through the pages
or the API, which call the services and audit it."""

from __future__ import annotations

from django.contrib import admin

from accord.core.admin import ReadOnlyAdmin
from accord.programmes.models import Contribution, ExchangeRate, Programme, SupportRequest


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ("identifier", "title_en", "owner", "stage", "classification", "release")
    list_filter = ("stage", "classification", "release")
    search_fields = ("identifier", "title_en", "title_ru")


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ("programme", "party", "kind", "amount", "currency", "value_date")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReadOnlyAdmin):
    list_display = ("currency", "quote", "rate_date", "rate")


@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    list_display = ("title_en", "kind", "owner", "status")
