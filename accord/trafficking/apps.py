from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    name = "accord.trafficking"
    label = "trafficking"
    verbose_name = _("Illicit trafficking")
