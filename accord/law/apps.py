from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawConfig(AppConfig):
    name = "accord.law"
    label = "law"
    verbose_name = _("Treaties and bilateral agreements")
