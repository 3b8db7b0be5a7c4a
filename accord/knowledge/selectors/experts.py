"""Reading the expert roster through `visible_to` (by default the own party and the
Secretariat), with filters on a domain (a subtree), a language and availability."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from accord.core.selectors import get_visible
from accord.knowledge.models import Expert

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def expert_list(
    *, actor: User, domain: str = "", language: str = "", availability: str = ""
) -> QuerySet[Expert]:
    experts = Expert.objects.visible_to(actor).select_related("owner").order_by("name", "id")
    if domain:
        # The domain or any path below it, among the paths stored as ";a/b;c;".
        domain = domain.strip().strip("/")
        experts = experts.filter(
            Q(domains__icontains=f";{domain};") | Q(domains__icontains=f";{domain}/")
        )
    if language:
        experts = experts.filter(languages__icontains=language.lower())
    if availability:
        experts = experts.filter(availability=availability)
    return experts


def expert_get(*, actor: User, pk: Any) -> Expert:
    return get_visible(expert_list(actor=actor), actor, pk=pk)
