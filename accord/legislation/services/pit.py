"""Point-in-time versions of national provisions (`models.pit`).

`national_provision_save`: the state's own staff (`can_edit_national`) record the
wording of a provision of their national act from a day on. A version from the same day
as an existing one corrects it; a later day closes the provision's current version (its
`valid_to` becomes the new `valid_from`: periods are half-open) and the new one is
current. A day before the latest version is
refused (record versions in order), as is a day before the act's enactment. The
amending act, when named, is one of the state's own national acts the actor sees.
One audit event on the act per save.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.errors import ValidationFailed
from accord.core.guards import require, require_seen
from accord.core.validation import full_clean
from accord.legislation.models import NationalAct, NationalProvision
from accord.legislation.permissions import can_edit_national

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@transaction.atomic
def national_provision_save(
    *,
    actor: User,
    act: NationalAct,
    eid: str,
    text: str,
    valid_from: dt.date,
    num: str = "",
    heading: str = "",
    amended_by: Any = None,
) -> NationalProvision:
    require_seen(actor, act)
    require(can_edit_national(actor, act))
    amending = None
    if amended_by not in (None, ""):
        amending = (
            NationalAct.objects.visible_to(actor)
            .filter(pk=getattr(amended_by, "pk", amended_by), owner=party_of(actor))
            .first()
        )
        if amending is None:
            raise ValidationFailed.single("amended_by", _("Choose an act of your own state."))
    if valid_from < act.enacted_on:
        raise ValidationFailed.single(
            "valid_from", _("A provision cannot take effect before its act is enacted.")
        )
    versions = list(
        NationalProvision.objects.select_for_update()
        .filter(act=act, eid=eid)
        .order_by("valid_from")
    )
    same_day = next((v for v in versions if v.valid_from == valid_from), None)
    latest = versions[-1] if versions else None
    before = snapshot(same_day) if same_day is not None else None
    if same_day is not None:
        provision = same_day
    else:
        if latest is not None and latest.valid_from > valid_from:
            raise ValidationFailed.single(
                "valid_from",
                _("A later version is in effect from %(day)s: record versions in order.")
                % {"day": date_format(latest.valid_from, "SHORT_DATE_FORMAT")},
            )
        provision = NationalProvision(act=act, eid=eid, valid_from=valid_from)
    provision.text, provision.num, provision.heading = text, num, heading
    provision.amended_by = amending
    full_clean(provision, exclude=["act", "amended_by"])
    if same_day is None and latest is not None:
        latest.valid_to = valid_from
        latest.save(update_fields=["valid_to"])
    provision.save()
    record_event(
        actor=actor,
        action="legislation.national.provision",
        obj=act,
        before=before,
        after=snapshot(provision),
    )
    return provision
