"""Knowledge items in the admin, for reading: every change goes through the pages or the
API, which call the services and audit it."""

from __future__ import annotations

from django.contrib import admin

from accord.core.admin import ReadOnlyAdmin
from accord.knowledge.models import KnowledgeItem


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(ReadOnlyAdmin):
    list_display = ("title_en", "kind", "stage", "owner", "classification", "release", "version")
    list_filter = ("kind", "stage", "classification", "release")
    search_fields = ("title_en", "title_ru")
