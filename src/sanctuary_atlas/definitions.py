"""Named definitions of "sanctuary" (definitions.yaml) as queries over the law and the record:
who counts on a date, and how many over time."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .engine.decide import Chain, evaluate
from .engine.grid import EFFECT_CODES, _days, answers_over_time
from .errors import BadInput
from .vocabulary import Kind

DEFINITIONS_FILE = Path(__file__).resolve().parent / "definitions.yaml"
LEVELS = ("state", "county", "place")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limits: list[Kind] | None = None
    score: dict[str, int] | None = None
    state_mandate: bool | None = None
    agreement_287g: bool | None = None
    listed_on: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Rule:
        if sum(v is not None for v in self.model_dump().values()) != 1:
            raise ValueError(
                "a rule has exactly one of limits, score, state_mandate, agreement_287g, listed_on"
            )
        return self


class Definition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    description: str
    origin: str
    rule: Rule
    levels: list[str] = Field(default_factory=lambda: list(LEVELS))
    inherit_state_law: bool = True


class CountOut(BaseModel):
    definition: str
    title: str
    date: dt.date
    level: str
    inherit_state_law: bool
    count: int
    members: list[str]
    notes: list[str] = Field(default_factory=list)


@cache
def load_definitions() -> dict[str, Definition]:
    from .loader import read_yaml

    data, _ = read_yaml(DEFINITIONS_FILE)
    return {k: Definition(id=k, **v) for k, v in data.items()}


def get(name: str) -> Definition:
    defs = load_definitions()
    if name not in defs:
        raise BadInput(f"unknown definition {name!r}; definitions: {', '.join(defs)}")
    return defs[name]


def state_law_chain(state_id: str) -> Chain:
    """State law as it binds the state's counties (a county with no law of its own)."""
    return Chain(
        government=state_id, kind="county", levels=("us", state_id), scope_ids=frozenset({"us", state_id})
    )


def local_only_chain(chain: Chain) -> Chain:
    return Chain(chain.government, chain.kind, (chain.levels[0], chain.levels[-1]), chain.scope_ids)


def _limits(codes: np.ndarray, defaults: np.ndarray) -> np.ndarray:
    return (codes == EFFECT_CODES["prohibited"]) | (
        (codes == EFFECT_CODES["restricted"]) & (defaults == EFFECT_CODES["prohibited"])
    )


def series(
    atlas, definition: Definition, level: str, dates: list[dt.date], inherit_state_law: bool | None = None
) -> tuple[list[str], np.ndarray]:
    """(ids, member mask [ids x dates]) for a definition at a level."""
    if level not in definition.levels:
        raise BadInput(
            f"definition {definition.id!r} is for levels {', '.join(definition.levels)}, not {level!r}"
        )
    inherit = definition.inherit_state_law if inherit_state_law is None else inherit_state_law
    rule, days = definition.rule, _days(dates)
    if rule.listed_on or rule.agreement_287g:
        return _record_series(atlas, rule, level, dates)
    kinds = [k.value for k in (rule.limits or list(Kind))]
    if level != "state" and inherit and not rule.state_mandate:  # the grid's shared answers are the fast path
        g = atlas.grid(level, kinds=kinds, dates=dates)
        limited = g.limits()
        mask = limited.sum(axis=2) >= rule.score["min"] if rule.score else limited.any(axis=2)
        return g.ids, mask & _exists(atlas, g.ids, days)
    ids, chains = _chains(atlas, level, inherit)
    mask = np.zeros((len(ids), len(dates)), dtype=bool)
    score = np.zeros((len(ids), len(dates)), dtype=np.uint8)
    for i, chain in enumerate(chains):
        for kind in kinds:
            if rule.state_mandate:
                mask[i] |= _mandates(atlas.law, chain, kind, dates)
                continue
            codes, defaults = answers_over_time(atlas.law, chain, kind, days)
            limited = _limits(codes, defaults)
            mask[i] |= limited
            score[i] += limited
    if rule.score:
        mask = score >= rule.score["min"]
    if level != "state":
        mask &= _exists(atlas, ids, days)
    return ids, mask


def _chains(atlas, level: str, inherit: bool) -> tuple[list[str], list[Chain]]:
    from .engine.decide import chain_for

    if level == "state":
        ids = sorted(j.id for j in atlas.registry.of_kind("state"))
        return ids, [state_law_chain(s) for s in ids]
    ids = sorted(j.id for j in atlas.registry.of_kind(level))
    chains = [chain_for(atlas.registry, j) for j in ids]
    if not inherit:
        chains = [local_only_chain(c) for c in chains]
    return ids, chains


def _mandates(law, chain: Chain, kind: str, dates: list[dt.date]) -> np.ndarray:
    from .engine.timeline import ORIGIN, breakpoints

    starts = [ORIGIN, *breakpoints(law, chain, kind)]
    flags = []
    for s in starts:
        _, _, _, controlling, _ = evaluate(law, chain, kind, s, {})
        flags.append(
            any(p.level == "state" and eff in ("required", "protected") for p, eff, _ in controlling)
        )
    segment = np.searchsorted(_days(starts), _days(dates), side="right") - 1
    return np.array(flags, dtype=bool)[segment]


def _exists(atlas, ids: list[str], days: np.ndarray) -> np.ndarray:
    out = np.ones((len(ids), len(days)), dtype=bool)
    for i, jid in enumerate(ids):
        j = atlas.registry[jid]
        if j.valid_from:
            out[i] &= days >= np.datetime64(j.valid_from, "D")
        if j.valid_to:
            out[i] &= days < np.datetime64(j.valid_to, "D")
    return out


def _record_series(atlas, rule: Rule, level: str, dates: list[dt.date]) -> tuple[list[str], np.ndarray]:
    from . import records

    ids = sorted(j.id for j in atlas.registry.of_kind(level))
    index = {jid: i for i, jid in enumerate(ids)}
    mask = np.zeros((len(ids), len(dates)), dtype=bool)
    con = atlas._need_db()
    if rule.listed_on:
        lst = con.execute(
            "SELECT date FROM designation_lists WHERE list_id = ?", (rule.listed_on,)
        ).fetchone()
        if lst is None:
            raise BadInput(f"unknown list {rule.listed_on!r}")
        named = {
            r["jurisdiction_id"]
            for r in con.execute(
                "SELECT jurisdiction_id FROM designations WHERE list_id = ? AND jurisdiction_id != '' "
                "AND flag != 'print_repeat'",
                (rule.listed_on,),
            )
        }
        # every id of a named government: a listed city-county counts under each of its ids
        rows = sorted(
            {
                index[g]
                for j in named
                if j in atlas.registry
                for g in atlas.registry.ids_of_government(atlas.registry.government_of(j))
                if g in index
            }
        )
        mask[rows, :] = np.array([d >= dt.date.fromisoformat(lst["date"]) for d in dates])
        return ids, mask
    agency_type = "state" if level == "state" else "county"
    cache: dict[str, set[str]] = {}
    for d, date in enumerate(dates):
        snap = records.latest_list(con, date)
        if snap is None:
            continue
        if snap["snapshot_id"] not in cache:
            rows = con.execute(
                "SELECT DISTINCT a.state, a.county_fips FROM agreement_sightings_287g s "
                "JOIN agreements_287g a USING (agreement_id) WHERE s.snapshot_id = ? AND a.agency_type = ?",
                (snap["snapshot_id"], agency_type),
            ).fetchall()
            found = set()
            for r in rows:
                if agency_type == "county" and r["county_fips"]:
                    found.add(f"county:{r['county_fips']}")
                elif agency_type == "state":
                    import us

                    st = us.states.lookup(r["state"]) if r["state"] else None
                    if st:
                        found.add(f"state:{st.fips}")
            cache[snap["snapshot_id"]] = found
        for jid in cache[snap["snapshot_id"]]:
            if jid in index:
                mask[index[jid], d] = True
    return ids, mask


def count(atlas, name: str, on: dt.date, level: str, inherit_state_law: bool | None = None) -> CountOut:
    definition = get(name)
    if level not in LEVELS:
        raise BadInput(f"unknown level {level!r}: use state, county or place")
    ids, mask = series(atlas, definition, level, [on], inherit_state_law)
    members = [jid for jid, m in zip(ids, mask[:, 0], strict=True) if m]
    inherit = definition.inherit_state_law if inherit_state_law is None else inherit_state_law
    notes = []
    if level == "place":
        notes.append("places: only the places the law tree or a list names are in the registry")
    if definition.rule.limits or definition.rule.score or definition.rule.state_mandate:
        notes.append(
            "law coverage is incomplete: see `sanctuary coverage`; a jurisdiction not researched counts as "
            "having no limiting law"
        )
    return CountOut(
        definition=name,
        title=definition.title,
        date=on,
        level=level,
        inherit_state_law=inherit,
        count=len(members),
        members=members,
        notes=notes,
    )


def monthly(start: dt.date, end: dt.date) -> list[dt.date]:
    months, d = [], dt.date(start.year, start.month, 1)
    while d <= end:
        months.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


__all__ = ["CountOut", "Definition", "count", "get", "load_definitions", "monthly", "series"]
