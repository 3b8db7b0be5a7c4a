from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The mechanism's number in the agreement: the menu's order (two modules may not share one).
NUMBER = 6


class ProgrammesConfig(AppConfig):
    name = "accord.programmes"
    label = "programmes"
    verbose_name = _("Programmes and financing")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "programmes",
                NUMBER,
                _("Programmes and financing"),
                _("Joint programmes, activities, budgets, contributions and support requests."),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.programmes.audit_labels import labels

        register_action_labels(labels())
