from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers the durability system check.
        from accord.core import checks  # noqa: F401
        from accord.core.action_labels import CORE_LABELS, register_action_labels
        from accord.core.navigation import register_planned

        # The mechanisms no app provides yet; each app registers its own entry.
        register_planned()
        register_action_labels(CORE_LABELS)
        from accord.core.desk import notification_lines, register_desk

        register_desk("core", notification_lines)
        # Denials and read records name what a user asked for and was shown: their detail
        # is for the user and the auditors, not for every colleague of the party.
        from accord.core.audit_access import register_role_gate
        from accord.core.middleware import DENIAL_OBJECT_TYPE, READ_OBJECT_TYPE
        from accord.core.roles import Role

        def auditors(user: object) -> bool:
            return bool(getattr(user, "has_role", lambda _role: False)(Role.AUDITOR))

        register_role_gate(DENIAL_OBJECT_TYPE, auditors)
        register_role_gate(READ_OBJECT_TYPE, auditors)
