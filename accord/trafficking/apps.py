from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    name = "accord.trafficking"
    label = "trafficking"
    verbose_name = _("Illicit trafficking")

    def ready(self) -> None:
        from accord.core.audit_access import register_role_gate
        from accord.core.navigation import Module, register
        from accord.trafficking.permissions import can_screen, may_read_registers

        # Events about register items and screened names are read by the roles that read
        # the register and screen (core.audit_access).
        register_role_gate("trafficking.item", may_read_registers)
        register_role_gate("trafficking.itemimport", may_read_registers)
        register_role_gate("trafficking.screening", can_screen)

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
        from accord.core.desk import register_desk
        from accord.trafficking.desk import lines as desk_lines

        register_desk("trafficking", desk_lines)
