from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accord.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accord.accounts import (
            audit_signals,
            deploy_checks,  # noqa: F401 - registers the checks
        )
        from accord.accounts.audit_labels import labels
        from accord.accounts.middleware import note_sign_in_time
        from accord.core.action_labels import register_action_labels

        user_logged_in.connect(note_sign_in_time, dispatch_uid="accord.accounts.last_seen")
        audit_signals.connect()
        register_action_labels(labels())
