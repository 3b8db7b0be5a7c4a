from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "accord.standards"
    label = "standards"
    verbose_name = _("Protection standards")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "standards",
                3,
                _("Protection standards"),
                _("Standards for protecting critical facilities, ballots, facility assessments."),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.standards.audit_labels import labels

        register_action_labels(labels())
        from accord.core.desk import register_desk
        from accord.standards.desk import lines as desk_lines

        register_desk("standards", desk_lines)
