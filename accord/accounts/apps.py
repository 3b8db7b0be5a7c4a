from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accord.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accord.accounts.audit_labels import labels
        from accord.core.action_labels import register_action_labels

        register_action_labels(labels())
