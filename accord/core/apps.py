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
