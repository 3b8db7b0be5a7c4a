"""Deployment checks of the security settings (issue 17.8).

The development fallback `SECRET_KEY` is an error under `accord check --deploy`, and
`gunicorn accord.wsgi` refuses to start on it while DEBUG is off (`refuse_insecure_key`,
called from accord/wsgi.py): a known key forges sessions and password-reset links.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

INSECURE_KEY_MESSAGE = (
    "SECRET_KEY is the development fallback while DEBUG is off: set SECRET_KEY in the "
    "environment (see the README's Configuration)."
)


def insecure_key_in_production() -> bool:
    fallback = getattr(settings, "INSECURE_FALLBACK_SECRET_KEY", None)
    return not settings.DEBUG and fallback is not None and fallback == settings.SECRET_KEY


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if insecure_key_in_production():
        return [checks.Error(INSECURE_KEY_MESSAGE, id="accord.E020")]
    return []


def refuse_insecure_key() -> None:
    if insecure_key_in_production():
        raise ImproperlyConfigured(INSECURE_KEY_MESSAGE)
