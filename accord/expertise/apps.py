from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertiseConfig(AppConfig):
    name = "accord.expertise"
    label = "expertise"
    verbose_name = _("Joint legal expertise")

    # A change in a party's treaty participation may undo what a conclusion rests on: the
    # handler is named in settings.ACCORD_OUTBOX_HANDLERS (accord/core/outbox.py).
