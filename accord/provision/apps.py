from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The mechanism's number in the agreement: the menu's order (two modules may not share one).
NUMBER = 4


class ProvisionConfig(AppConfig):
    name = "accord.provision"
    label = "provision"
    verbose_name = _("Provision to the forces")

    def ready(self) -> None:
        from accord.core.navigation import Module, register

        register(
            Module(
                "provision",
                NUMBER,
                _("Provision to the forces"),
                _("Commitments and deliveries to the collective forces, gated by legal review."),
            )
        )
        from accord.core.action_labels import register_action_labels
        from accord.provision.audit_labels import labels

        register_action_labels(labels())
        from accord.core.desk import register_desk
        from accord.provision.desk import lines as desk_lines

        register_desk("provision", desk_lines)
