"""The client's address behind the README's TLS proxy, for the sign-in lockout.

`X-Forwarded-For` is a list the client may start itself ("forged, real, proxy1"): only the
entries the trusted proxies appended, counted from the right, can be believed. With
`ACCORD_TRUSTED_PROXY_COUNT = N` the client is the N-th address from the right; with
`ACCORD_TRUSTED_PROXY_ADDRESSES` the header is believed only from those peers. Without a
trusted proxy (the default) the peer address (`REMOTE_ADDR`) is the client.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: Any) -> str | None:
    """The client address django-axes locks on (AXES_CLIENT_IP_CALLABLE)."""
    peer = request.META.get("REMOTE_ADDR") or None
    count = settings.ACCORD_TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    trusted = settings.ACCORD_TRUSTED_PROXY_ADDRESSES
    if trusted and peer not in trusted:
        return peer  # not from our proxy: its header proves nothing
    chain = [item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item]
    if len(chain) < count:
        return peer
    return _address(chain[-count]) or peer
