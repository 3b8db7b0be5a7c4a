"""One error vocabulary for every service, mapped to HTTP and to pages in one place.

Services raise these; `accord.core.api.errors.exception_handler` answers them in the API and
`accord.core.middleware.ServiceErrorMiddleware` on pages. Messages are translatable and
never carry data the user may not see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """Base of the errors services raise on purpose."""

    status = 400
    code = "error"
    default_message: Any = _("The request could not be carried out.")

    def __init__(self, message: Any = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class NotFound(ServiceError):
    """The record does not exist, or the user may not see it (the two are one answer)."""

    status = 404
    code = "not_found"
    default_message = _("Not found.")


class PermissionDenied(ServiceError):
    """The user sees the record but may not do this to it.

    `roles`: the roles any one of which would allow it, when the refusal is about a role;
    the 403 page names them and whom to ask (the API's body keeps its shape).
    """

    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")

    def __init__(self, message: Any = None, *, roles: Sequence[str] = ()) -> None:
        self.roles: tuple[str, ...] = tuple(roles)
        super().__init__(message)


class Conflict(ServiceError):
    """The record changed since the user read it (a stale version), or the action does
    not fit its current state."""

    status = 409
    code = "conflict"
    default_message = _(
        "This record was changed by someone else since you opened it. "
        "Reload it to see the current version, then make your change again."
    )


class TooManyRequests(ServiceError):
    """The user asked for this more often than the deployment allows in a while."""

    status = 429
    code = "too_many_requests"
    default_message = _("Too many requests of this kind: wait a while, then try again.")


class ValidationFailed(ServiceError):
    """Input broke a rule; `errors` maps field names (or "__all__") to messages."""

    status = 400
    code = "invalid"
    default_message = _("Some of the data is not valid.")

    def __init__(
        self, errors: Mapping[str, Sequence[Any]] | None = None, message: Any = None
    ) -> None:
        self.errors: dict[str, list[Any]] = {k: list(v) for k, v in (errors or {}).items()}
        super().__init__(message)

    @classmethod
    def from_django(cls, exc: DjangoValidationError) -> ValidationFailed:
        if hasattr(exc, "error_dict"):
            return cls(
                {
                    field: [m for e in errs for m in e.messages]
                    for field, errs in exc.error_dict.items()
                }
            )
        return cls({"__all__": exc.messages})

    @classmethod
    def single(cls, field: str, message: Any) -> ValidationFailed:
        return cls({field: [message]})
