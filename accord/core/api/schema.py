"""One place that documents the error answers every operation can give.

drf-spectacular documents what an endpoint declares; the answers the kernel gives to
every endpoint were declared (or not) one endpoint at a time, so the schema said "200
only" for operations that also answer 400, 404 or 401. This post-processing hook adds,
to every operation under /api/, each error answer it can really give, with the one
`Error` body, where the operation does not document it already:

- 401 and 403: every operation needs a signed-in user (or a token) and checks a permission;
- 404: an operation with a path parameter (a record that does not exist or that you may
  not see);
- 400: an operation with query parameters or a request body (a bad value, an unknown
  parameter).
"""

from __future__ import annotations

from typing import Any

ERROR_REF = {"$ref": "#/components/schemas/Error"}
METHODS = ("get", "post", "put", "patch", "delete")


def _error(description: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": ERROR_REF}}, "description": description}


def document_error_answers(result: dict[str, Any], generator: Any, **kwargs: Any) -> Any:
    """SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]: see the module's docstring."""
    for path, item in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = operation.get("parameters", [])
            answers = operation.setdefault("responses", {})
            wanted = {
                "401": "Not signed in, or the token is invalid, revoked or expired.",
                "403": "Your role or party may not do this.",
            }
            if any(p["in"] == "path" for p in parameters):
                wanted["404"] = "No such record, or one you may not see."
            if any(p["in"] == "query" for p in parameters) or "requestBody" in operation:
                wanted["400"] = "Bad input: the errors name each bad field or parameter."
            for code, description in wanted.items():
                answers.setdefault(code, _error(description))
    return result
