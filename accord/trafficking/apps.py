from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    name = "accord.trafficking"
    label = "trafficking"
    verbose_name = _("Illicit trafficking")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "trafficking",
                2,
                _("Illicit trafficking"),
                _(
                    "Registers of marked items, incidents, tracing requests, watchlist "
                    "screening, joint operations."
                ),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.trafficking.audit_labels import labels

        register_action_labels(labels())
