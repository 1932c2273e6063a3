"""What the pages and the map layers show: plain functions over the atlas."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from .. import definitions as D
from ..engine.decide import chain_for
from ..engine.grid import EFFECT_CODES, NOT_A_JURISDICTION
from ..errors import BadInput
from ..vocabulary import Kind
from .geometry import SOURCE, shapes

FIRST_MONTH = dt.date(1987, 1, 1)
NA = "9"


def months_until(today: dt.date) -> list[str]:
    return [m.isoformat() for m in D.monthly(FIRST_MONTH, today)]


def map_context(atlas) -> dict:
    geo = shapes()
    return {
        "counties": geo["counties"],
        "states": geo["states"],
        "viewbox": geo["viewbox"],
        "months": months_until(dt.date.today()),
        "today": dt.date.today().isoformat(),
        "definitions": list(D.load_definitions().values()),
        "lists": atlas.designations().lists if atlas.db is not None else [],
        "geometry_source": SOURCE,
    }


@cache
def _order() -> tuple[str, ...]:
    return tuple(f"county:{fips}" for fips, _, _ in shapes()["counties"])


def map_layer(atlas, on: dt.date, kind: str | None, definition: str | None) -> dict:
    if bool(kind) == bool(definition):
        raise BadInput("give exactly one of kind or definition")
    return _layer(atlas, on, kind, definition)


@lru_cache(maxsize=4096)
def _layer(atlas, on: dt.date, kind: str | None, definition: str | None) -> dict:
    """One layer's codes, computed once per atlas, date and layer (the store is read-only)."""
    order = _order()
    if kind:
        from ..api import parse_kind

        kind = parse_kind(kind)
        g = atlas.grid("county", kinds=[kind], dates=[on])
        index = {jid: i for i, jid in enumerate(g.ids)}

        def code(jid: str) -> str:
            if jid not in index:
                return NA
            c = int(g.codes[index[jid], 0, 0])
            if c == NOT_A_JURISDICTION:  # a replaced county's shape (Connecticut 2022): its state's law
                return str(EFFECT_CODES[atlas.decide(jid, kind, on).effect])
            return str(c)

        codes = "".join(code(jid) for jid in order)
        return {"date": on.isoformat(), "layer": kind, "legend": _effect_legend(), "codes": codes}
    from ..outcomes.panel import county_membership

    fips, mask, _ = county_membership(atlas, definition, [on])  # a state definition colours its counties
    members = {f"county:{f}" for f, m in zip(fips, mask[:, 0], strict=True) if m}
    codes = "".join("1" if jid in members else "0" for jid in order)
    return {
        "date": on.isoformat(),
        "layer": definition,
        "count": len(members),
        "legend": {"1": D.get(definition).title, "0": "not counted"},
        "codes": codes,
    }


def _effect_legend() -> dict[str, str]:
    names = {v: k for k, v in EFFECT_CODES.items()}
    return {str(code): names[code] for code in sorted(names)} | {NA: "no such county on this date"}


def overlay(atlas, layer: str, on: dt.date) -> dict:
    if layer == "287g":
        ids, mask = D.series(atlas, D.get("has_active_287g"), "county", [on])
        title = "Active 287(g) agreement (ICE's newest list on or before the date)"
    elif layer.startswith("list:"):
        list_id = layer[5:]
        (lst,) = atlas.designations(list_id).lists
        ids, mask = D._record_series(
            atlas, D.Rule(listed_on=list_id), "county", [dt.date.fromisoformat(lst.date)]
        )
        title = f"Named on {lst.title} ({lst.date})"
    else:
        raise BadInput(f"unknown overlay {layer!r}: use 287g or list:LIST_ID")
    fips = sorted(jid.split(":")[1] for jid, m in zip(ids, mask[:, 0], strict=True) if m)
    return {"layer": layer, "title": title, "date": on.isoformat(), "fips": fips}


def place_context(atlas, place: str, on: dt.date) -> dict:
    from .. import records

    j = atlas.resolve(place)
    chain = chain_for(atlas.registry, j.id)
    show = atlas.show(j.id, on)
    today = dt.date.today()
    now = atlas.show(j.id, today) if on != today else show
    measures = [
        m
        for m in atlas.law.measures.values()
        if atlas.registry.government_of(m["jurisdiction"]) in chain.levels
    ]
    measures.sort(
        key=lambda m: (chain.levels.index(atlas.registry.government_of(m["jurisdiction"])), m["effective"])
    )
    keys = {p.key for p in atlas.law.provisions if p.government in chain.levels}
    events = [
        e
        for e in atlas.law.events
        if (e.suspends | e.restores) & keys and (e.scope is None or e.scope & chain.scope_ids)
    ]
    gov = atlas.registry[chain.government]
    agreements, agreement_events, facts = [], [], {}
    if atlas.db is not None:
        if gov.kind == "county":
            agreements = records.agreements(atlas.db, on, county_fips=gov.fips).agreements
            row = atlas.db.execute("SELECT * FROM county_facts WHERE county_fips = ?", (gov.fips,)).fetchone()
            pop = atlas.db.execute(
                "SELECT * FROM county_population WHERE county_fips = ? AND year = '2019'", (gov.fips,)
            ).fetchone()
            facts = {
                **(dict(row) if row else {}),
                **(
                    {f"{k}_2019": v for k, v in dict(pop).items() if k not in ("county_fips", "year")}
                    if pop
                    else {}
                ),
            }
        agreement_events = records.agreement_events(atlas.db, gov)
    coverage = {r["id"]: r for r in atlas.coverage_rows}
    state = atlas.registry[gov.state_id] if gov.state_id and gov.kind != "state" else None
    return {
        "j": j,
        "gov": gov,
        "on": on.isoformat(),
        "today": today.isoformat(),
        "show": show,
        "now": now,
        "timeline": atlas.timeline(j.id),
        "measures": measures,
        "events": events,
        "agreements": agreements,
        "agreement_events": agreement_events,
        "facts": facts,
        "coverage": [coverage[i] for i in chain.levels if i in coverage],
        "levels": chain.levels,
        "state": state,
        "aliases": [i for i in atlas.registry.ids_of_government(chain.government) if i != j.id],
    }


def sources_context(atlas) -> dict:
    from ..export import TABLES

    measures = sorted(atlas.law.measures.values(), key=lambda m: (m["jurisdiction"], m["effective"]))
    names = {m["jurisdiction"]: atlas.registry[m["jurisdiction"]].name for m in measures}
    return {
        "measures": measures,
        "names": names,
        "events": atlas.law.events,
        "coverage": atlas.coverage_rows,
        "tables": TABLES,
        "geometry_source": SOURCE,
        "kinds_all": [k.value for k in Kind],
    }
