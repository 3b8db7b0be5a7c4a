"""The module's records in the admin, for reading: every change goes through the pages or
the API, which call the services and audit it."""

from __future__ import annotations

from django.contrib import admin

from accord.core.admin import ReadOnlyAdmin
from accord.legislation.models import ConformityCell, ModelAct, NationalAct


@admin.register(ModelAct)
class ModelActAdmin(ReadOnlyAdmin):
    list_display = ("number", "title_en", "stage", "owner", "classification", "release")
    list_filter = ("stage", "classification", "release")
    search_fields = ("number", "title_en", "title_ru")


@admin.register(NationalAct)
class NationalActAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "kind", "enacted_on", "in_force_on", "classification")
    list_filter = ("kind", "owner")
    search_fields = ("title", "title_en", "title_ru", "frbr_work")


@admin.register(ConformityCell)
class ConformityCellAdmin(ReadOnlyAdmin):
    list_display = ("act", "provision_eid", "owner", "status", "enacted_on", "in_force_on")
    list_filter = ("status", "owner")
