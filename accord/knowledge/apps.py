from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The mechanism's number in the agreement: the menu's order (two modules may not share one).
NUMBER = 5


class KnowledgeConfig(AppConfig):
    name = "accord.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge exchange")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "knowledge",
                NUMBER,
                _("Knowledge exchange"),
                _("Library of shared knowledge and requests for information."),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.knowledge.audit_labels import labels

        register_action_labels(labels())
