from typing import Any

from django.http import HttpRequest

from accord.core.navigation import modules


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"accord_modules": modules()}
