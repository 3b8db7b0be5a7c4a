"""WSGI entry point for gunicorn: `gunicorn accord.wsgi`."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
application = get_wsgi_application()


def _refuse_non_durable_database() -> None:
    # gunicorn runs no system checks, so the durability check runs here once per worker.
    from django.conf import settings

    from accord.core.checks import durability_problems

    if settings.ACCORD_REQUIRE_DURABLE_DATABASE:
        problems = durability_problems()
        if problems:
            raise ImproperlyConfigured("; ".join(problems))


_refuse_non_durable_database()

# Nor on the development SECRET_KEY while DEBUG is off.
from accord.accounts.deploy_checks import refuse_insecure_key  # noqa: E402

refuse_insecure_key()
