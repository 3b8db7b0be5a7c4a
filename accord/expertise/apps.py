from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertiseConfig(AppConfig):
    name = "accord.expertise"
    label = "expertise"
    verbose_name = _("Joint legal expertise")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "expertise",
                1,
                _("Joint legal expertise"),
                _(
                    "Weapons register, joint legal reviews of new weapons and technologies, "
                    "conclusions per party."
                ),
            )
        )
        # A change in a party's treaty participation may undo what a conclusion rests on:
        # the handler is named in settings.ACCORD_OUTBOX_HANDLERS (accord/core/outbox.py).
        from accord.core.action_labels import register_action_labels
        from accord.expertise.audit_labels import labels

        register_action_labels(labels())
        from accord.core.desk import register_desk
        from accord.expertise.desk import lines as desk_lines

        register_desk("expertise", desk_lines)
