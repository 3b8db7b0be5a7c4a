"""The admin site is for the Secretariat's administrators; its writes go through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accord.core import services
from accord.core.models import AuditEvent, Party
from accord.core.permissions import acting_user, is_secretariat_administrator


class ReadOnlyAdmin(admin.ModelAdmin):
    """A module's records in the admin, for reading only: every write goes through the
    module's services (which check, validate and audit), never through the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


def _admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    return is_secretariat_administrator(user)


admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
admin.site.site_header = _("Accord administration")
admin.site.site_title = _("Accord administration")


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ru", "kind", "standing", "active")
    list_filter = ("kind", "standing", "active")
    search_fields = ("code", "name_en", "name_ru")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("code",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Party, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        actor = acting_user(request)
        if change:
            services.party_update(actor=actor, party=Party.objects.get(pk=obj.pk), **fields)
        else:
            created = services.party_create(actor=actor, **form.cleaned_data)
            obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # parties are superseded (made inactive), never deleted


# An event's detail: shown only where `detail_readable` (core.audit_access) holds.
_DETAIL_FIELDS = ("object_repr", "before", "after")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "created_at",
        "actor_username",
        "actor_party_code",
        "action",
        "object_type",
        "object_id",
    )
    list_filter = ("action", "actor_party_code")
    search_fields = ("actor_username", "object_repr", "object_id")

    def get_queryset(self, request: HttpRequest) -> Any:
        from accord.core.selectors import audit_events_visible_to

        return audit_events_visible_to(request.user)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """The same need-to-know as the audit pages (core.audit_access): an event's
        detail (its object's name, before/after) only to those who may read it."""
        fields = list(super().get_fields(request, obj))
        if obj is not None and not getattr(obj, "detail_readable", False):
            fields = [f for f in fields if f not in _DETAIL_FIELDS]
        return fields

    def get_search_fields(self, request: HttpRequest) -> Any:
        """Searching the object names would tell a non-auditor which events name what."""
        from accord.core.roles import Role

        if getattr(request.user, "has_role", lambda _role: False)(Role.AUDITOR):
            return self.search_fields
        return tuple(f for f in self.search_fields if f not in _DETAIL_FIELDS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
