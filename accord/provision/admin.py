"""Provision in the admin, for reading: every change goes through the pages or the API,
which call the services and audit it."""

from __future__ import annotations

from django.contrib import admin

from accord.core.admin import ReadOnlyAdmin
from accord.provision.models import Commitment, Requirement


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    list_display = ("reference", "owner", "quantity", "needed_by", "state", "classification")
    list_filter = ("state", "classification", "release")
    search_fields = ("reference",)


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ("id", "owner", "requirement", "quantity", "terms", "state", "classification")
    list_filter = ("state", "terms", "classification")
