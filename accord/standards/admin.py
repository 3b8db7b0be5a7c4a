"""The standards module in the admin: for reading only, and only what the user may see
(`visible_to`, the one access rule). Edits go through the standards pages and the API, which
call the services and audit every change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accord.core.admin import ReadOnlyAdmin
from accord.standards.models import (
    Action,
    Assessment,
    Ballot,
    Clause,
    Comment,
    Facility,
    Standard,
    StandardVersion,
)


@admin.register(Standard)
class StandardAdmin(ReadOnlyAdmin):
    list_display = ("code", "title_en", "owner", "classification", "release")
    list_filter = ("classification", "release")
    search_fields = ("code", "title_en", "title_ru")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Standard.objects.visible_to(request.user)


@admin.register(StandardVersion)
class StandardVersionAdmin(ReadOnlyAdmin):
    list_display = ("standard", "number", "label", "stage", "adopted_at")
    list_filter = ("stage",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return StandardVersion.objects.visible_to(request.user)


@admin.register(Clause)
class ClauseAdmin(ReadOnlyAdmin):
    list_display = ("version", "number", "kind", "title_en")
    list_filter = ("kind",)
    search_fields = ("number", "title_en", "title_ru")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Clause.objects.visible_to(request.user)


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("standard_version", "clause_number", "party", "type", "disposition")
    list_filter = ("type", "disposition", "withdrawn")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Comment.objects.visible_to(request.user)


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ("standard_version", "opens_on", "closes_on", "rule", "state", "result")
    list_filter = ("state", "rule")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Ballot.objects.visible_to(request.user)


@admin.register(Facility)
class FacilityAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "sector", "protection_class", "classification")
    list_filter = ("sector", "classification")
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return Facility.objects.visible_to(request.user)


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("facility", "standard_version", "protection_class", "state", "score")
    list_filter = ("state",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return Assessment.objects.filter(facility__in=Facility.objects.visible_to(request.user))


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "assessment", "owner_name", "due_date", "status")
    list_filter = ("status",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return Action.objects.filter(
            assessment__facility__in=Facility.objects.visible_to(request.user)
        )
