from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The mechanism's number in the agreement: the menu's order (two modules may not share one).
NUMBER = 8


class LegislationConfig(AppConfig):
    name = "accord.legislation"
    label = "legislation"
    verbose_name = _("Harmonisation of legislation")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "legislation",
                NUMBER,
                _("Harmonisation of legislation"),
                _("Model acts, national implementation and the conformity matrix."),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.legislation.audit_labels import labels

        register_action_labels(labels())
