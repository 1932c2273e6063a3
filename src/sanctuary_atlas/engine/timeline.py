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


def causes(law: Law, chain: Chain, kind: str, date: dt.date) -> list[tuple[str, str]]:
    """What starts or ends on `date` for this government and kind: (measure or event id, why)."""
    out = set()
    for gov in chain.levels:
        for p in law.by_government.get((gov, kind), ()):
            if p.start == date:
                out.add((p.measure, f"{p.measure} takes effect ({p.cite})"))
            if p.end == date:
                out.add((p.measure, f"{p.measure} ends: {p.end_reason or 'ended'} ({p.cite})"))
            for e in law.events_for.get(p.key, ()):
                if e.scope is not None and not (e.scope & chain.scope_ids):
                    continue
                if e.date == date:
                    out.add((e.id, f"{e.id}: {e.event} ({e.cite})"))
                if e.end == date:
                    out.add((e.id, f"{e.id}: {e.event} ends"))
    return sorted(out, key=lambda c: c[1])


def law_events(law: Law, chain: Chain, government_of) -> list[dict]:
    """Every measure and court event of the governments whose law binds this one, dated: also
    those that change no answer (funding orders, non-binding resolutions, rulings that suspend
    nothing), so that a timeline shows them."""
    out = []
    for m in law.measures.values():
        if government_of(m["jurisdiction"]) not in chain.levels:
            continue
        if m.get("applies_in") and not set(m["applies_in"]) & chain.scope_ids:
            continue
        base = {"measure": m["id"], "title": m["title"], "instrument": m["kind"], "level": m["jurisdiction"]}
        out.append({"date": m["effective"], "event": "takes_effect", **base})
        if m.get("ends"):
            out.append({"date": m["ends"]["date"], "event": f"ends: {m['ends']['reason']}", **base})
    mine = {p.key for gov in chain.levels for (g, _), ps in law.by_government.items() if g == gov for p in ps}
    for e in law.events:
        if e.scope is not None and not e.scope & chain.scope_ids:
            continue
        if (e.suspends | e.restores) and not (e.suspends | e.restores) & mine:
            continue
        base = {"measure": e.id, "title": e.title, "instrument": "court_event", "level": "court"}
        out.append({"date": e.date.isoformat(), "event": e.event, **base})
        if e.end:
            out.append({"date": e.end.isoformat(), "event": f"{e.event} ends", **base})
    return sorted(out, key=lambda r: (r["date"], r["measure"], r["event"]))
