"""The records in the admin, for reading: every change goes through the pages or the API,
which call the services and audit it."""

from __future__ import annotations

from django.contrib import admin

from accord.core.admin import ReadOnlyAdmin
from accord.provision.models import Record


@admin.register(Record)
class RecordAdmin(ReadOnlyAdmin):
    list_display = ("title_en", "owner", "classification", "release", "version")
    list_filter = ("classification", "release")
    search_fields = ("title_en", "title_ru")
