from django.apps import AppConfig


class MarkedAppConfig(AppConfig):
    name = "tests.markedapp"
    label = "markedapp"
