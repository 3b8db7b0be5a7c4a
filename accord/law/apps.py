from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawConfig(AppConfig):
    name = "accord.law"
    label = "law"
    verbose_name = _("Treaties and bilateral agreements")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "law",
                7,
                _("Treaties and bilateral agreements"),
                _(
                    "Treaties, participation, the IHL rules catalogue and the register of "
                    "bilateral agreements."
                ),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.law.audit_labels import labels

        register_action_labels(labels())
