"""The expertise module in the admin: weapon systems and reviews, for reading only and only
what the user may see (`visible_to`, the one access rule). Their parts (versions, evidence,
findings, notes) are read on the expertise pages; edits go through the services there."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accord.core.admin import ReadOnlyAdmin
from accord.expertise.models import Review, WeaponSystem


@admin.register(WeaponSystem)
class WeaponSystemAdmin(ReadOnlyAdmin):
    list_display = ("designation", "owner", "category", "stage", "classification")
    list_filter = ("category", "stage", "classification")
    search_fields = ("designation",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return WeaponSystem.objects.visible_to(request.user)


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("subject", "initiating_party", "state", "created_at", "concluded_at")
    list_filter = ("state",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return Review.objects.visible_to(request.user)
