from typing import Any

from django.db.models import QuerySet

from accord.core.selectors import get_visible
from tests.markedapp.models import Dossier


def dossier_list(*, actor: Any) -> QuerySet[Dossier]:
    return Dossier.objects.visible_to(actor).select_related("owner").order_by("-id")


def dossier_get(*, actor: Any, pk: int) -> Dossier:
    return get_visible(Dossier, actor, pk=pk)
