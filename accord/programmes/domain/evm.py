"""Earned value (the formulas shown on the programme's page):

    CV   = EV - AC                 cost variance
    SV   = EV - PV                 schedule variance
    CPI  = EV / AC                 cost performance index
    SPI  = EV / PV                 schedule performance index
    EAC  = BAC / CPI               estimate at completion (cost efficiency continues)
    VAC  = BAC - EAC               variance at completion
    TCPI = (BAC - EV) / (BAC - AC) to-complete performance index (to finish on budget)

An index whose divisor is zero is undefined (None). Money to the cent, indices to four
places, half to even."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Figures:
    cv: Decimal
    sv: Decimal
    cpi: Decimal | None
    spi: Decimal | None
    eac: Decimal | None
    vac: Decimal | None
    tcpi: Decimal | None


def _ratio(a: Decimal, b: Decimal) -> Decimal | None:
    return None if b == 0 else (a / b).quantize(PLACES, rounding=ROUND_HALF_EVEN)


def figures(*, pv: Decimal, ev: Decimal, ac: Decimal, bac: Decimal) -> Figures:
    for value in (pv, ev, ac, bac):
        if not isinstance(value, Decimal):
            raise TypeError("Earned value takes exact decimals.")
    eac = None if ev == 0 else (bac * ac / ev).quantize(CENT, rounding=ROUND_HALF_EVEN)
    return Figures(
        cv=(ev - ac).quantize(CENT),
        sv=(ev - pv).quantize(CENT),
        cpi=_ratio(ev, ac),
        spi=_ratio(ev, pv),
        eac=eac,
        vac=None if eac is None else (bac - eac).quantize(CENT),
        tcpi=_ratio(bac - ev, bac - ac),
    )
