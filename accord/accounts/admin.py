"""Users and role policies in the admin, written through the account services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accord.accounts import services
from accord.accounts.models import ApiToken, RolePolicy, User
from accord.core.admin import ReadOnlyAdmin
from accord.core.permissions import acting_user
from accord.core.roles import Role


class UserAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_password = forms.CharField(
        label=_("new password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name", "party", "clearance", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.role_codes)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserAdminForm
    list_display = ("username", "party", "clearance", "is_active", "last_login")
    list_filter = ("party", "clearance", "is_active", "groups")
    search_fields = ("username", "email", "first_name", "last_name")
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor of the selected users"))
    def reset_second_factor(self, request: HttpRequest, queryset: Any) -> None:
        """For a user who lost their device: they enrol afresh at the next sign-in."""
        actor = acting_user(request)
        for user in queryset:
            services.second_factor_reset(actor=actor, user=user)
        self.message_user(request, _("Second factor reset; the users enrol again at sign-in."))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return (
            "username",
            "email",
            "first_name",
            "last_name",
            "party",
            "clearance",
            "is_active",
            "roles",
            "new_password",
        )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        data = form.cleaned_data
        actor = acting_user(request)
        fields = {k: data[k] for k in UserAdminForm.Meta.fields}
        if change:
            user = services.user_update(
                actor=actor, user=User.objects.get(pk=obj.pk), roles=data["roles"], **fields
            )
        else:
            user = services.user_create(
                actor=actor,
                roles=data["roles"],
                **{k: v for k, v in fields.items() if k != "is_active"},
            )
        if data.get("new_password"):
            services.user_set_password(actor=actor, user=user, password=data["new_password"])
        obj.pk = user.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # roles were set by the service

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # users are deactivated, so their audit trail keeps its meaning


@admin.register(RolePolicy)
class RolePolicyAdmin(admin.ModelAdmin):
    list_display = ("group", "require_second_factor")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("group",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: RolePolicy, form: Any, change: bool) -> None:
        services.role_policy_set(
            actor=acting_user(request),
            role=obj.group.name,
            require_second_factor=obj.require_second_factor,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset:
            services.token_revoke(actor=acting_user(request), token_id=token.pk)


admin.site.unregister(Group)
