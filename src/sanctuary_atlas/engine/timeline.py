"""Timelines: the dates on which an answer changes, and what changed it."""

from __future__ import annotations

import datetime as dt

from .decide import Chain
from .law import Law

ORIGIN = dt.date(1900, 1, 1)  # before any measure in the tree


def breakpoints(law: Law, chain: Chain, kind: str | None = None) -> list[dt.date]:
    """Every date on which something that binds this government may change, sorted."""
    dates = set()
    targets = set()
    for gov in chain.levels:
        for (g, k), provs in law.by_government.items():
            if g != gov or (kind is not None and k != kind):
                continue
            for p in provs:
                if p.applies_in is not None and not (p.applies_in & chain.scope_ids):
                    continue
                dates.add(p.start)
                if p.end:
                    dates.add(p.end)
                targets.add(p.key)
    for key in targets:
        for e in law.events_for.get(key, ()):
            if e.scope is None or e.scope & chain.scope_ids:
                dates.add(e.date)
                if e.end:
                    dates.add(e.end)
    return sorted(dates)


def causes(law: Law, chain: Chain, kind: str, date: dt.date) -> list[str]:
    """What starts or ends on `date` for this government and kind."""
    out = []
    for gov in chain.levels:
        for p in law.by_government.get((gov, kind), ()):
            if p.start == date:
                out.append(f"{p.measure} takes effect ({p.cite})")
            if p.end == date:
                out.append(f"{p.measure} ends: {p.end_reason or 'ended'} ({p.cite})")
            for e in law.events_for.get(p.key, ()):
                if e.scope is not None and not (e.scope & chain.scope_ids):
                    continue
                if e.date == date:
                    out.append(f"{e.id}: {e.event} ({e.cite})")
                if e.end == date:
                    out.append(f"{e.id}: {e.event} ends")
    return sorted(set(out))
