"""decide(): may, must or must not an agency do what a federal immigration request asks?

Semantics (docs/engine.md, DESIGN "Engine semantics"):
1. Collect the provisions of the request kind in force on the date at each level that binds the
   acting agency: federal, the state, the acting government itself. Drop what a court event
   suspends there on that date.
2. Federal baseline: detainers are requests (8 C.F.R. 287.7(a)); absent other law, permitted.
3. Higher levels bind lower ones: a higher `required` or `protected` voids a contrary lower
   limit; a higher `prohibited` is a floor a lower level may not loosen. Within a level the most
   restrictive binding rule applies. `protected` never becomes a duty.
4. Facts: a labelled exception whose condition turns on an unknown fact makes the answer
   `restricted`; each exception that would change the answer is listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..vocabulary import ACTORS_BY_JURISDICTION_KIND, RESTRICTIVENESS, Effect, TraceStatus
from .conditions import defaults, holds, satisfying
from .law import Event, Law, Prov

PERMITTED, REQUIRED, PROHIBITED, PROTECTED, RESTRICTED = (
    Effect.permitted.value,
    Effect.required.value,
    Effect.prohibited.value,
    Effect.protected.value,
    Effect.restricted.value,
)
_RANK = {k.value: v for k, v in RESTRICTIVENESS.items()}


@dataclass(frozen=True)
class Chain:
    """The governments whose law binds an acting government, top down."""

    government: str  # canonical id of the acting government
    kind: str  # its jurisdiction kind (federal, state, county, place)
    levels: tuple[str, ...]  # government ids: "us", the state, the government itself
    scope_ids: frozenset[str]  # ids a court event's scope may name to reach this government


def chain_for(registry, jid: str) -> Chain:
    gov = registry.government_of(jid)
    j = registry[gov]
    levels = ["us"]
    if j.kind in ("county", "place"):
        levels += [j.state_id, gov]
    elif j.kind == "state":
        levels.append(gov)
    scope = {"us", gov, *registry.ids_of_government(gov)}
    if j.state_id:
        scope.add(j.state_id)
    return Chain(gov, j.kind, tuple(levels), frozenset(scope))


def acting_agencies(chain: Chain) -> frozenset[str]:
    """The agencies that act for a government. A consolidated government acts through the agencies
    of every kind of jurisdiction it is (San Francisco: a sheriff and jail, and city police)."""
    if chain.kind == "federal":
        return frozenset(a for s in ACTORS_BY_JURISDICTION_KIND.values() for a in s)
    kinds = {chain.kind} | {i.split(":")[0] for i in chain.scope_ids if ":" in i and i != _state_of(chain)}
    return frozenset(a for k in kinds for a in ACTORS_BY_JURISDICTION_KIND.get(k, frozenset({"all"})))


def _state_of(chain: Chain) -> str | None:
    """The state above a county or place (also when its own level is absent: state law alone)."""
    return chain.levels[1] if chain.kind in ("county", "place") and len(chain.levels) > 1 else None


def court_status(law: Law, p: Prov, chain: Chain, date: dt.date) -> Event | None:
    """The court event that suspends `p` here on `date`, if the latest one in force does."""
    latest = None
    for e in law.events_for.get(p.key, ()):
        if e.active(date) and (e.scope is None or e.scope & chain.scope_ids):
            latest = e  # events_for is sorted by date
    return latest if latest is not None and p.key in latest.suspends else None


def _lifecycle(law: Law, p: Prov, chain: Chain, date: dt.date, actors) -> tuple[str, str | None]:
    if date < p.start:
        return TraceStatus.not_in_force.value, None
    if p.end is not None and date >= p.end:
        reason = p.end_reason or "ended"
        status = TraceStatus.superseded if reason in ("superseded", "amended") else TraceStatus.not_in_force
        return status.value, reason
    if not (p.actors & actors):
        return TraceStatus.not_applicable.value, "binds " + ", ".join(sorted(p.actors))
    event = court_status(law, p, chain, date)
    if event is not None:
        return TraceStatus.enjoined.value, event.id
    return "", None


def candidates(law: Law, chain: Chain, kind: str, date: dt.date) -> tuple[list[list[Prov]], list[dict]]:
    """Provisions in force per level, and trace rows for those that are not."""
    actors = acting_agencies(chain)
    levels, out_rows = [], []
    for gov in chain.levels:
        live = []
        for p in law.by_government.get((gov, kind), ()):
            if p.applies_in is not None and not (p.applies_in & chain.scope_ids):
                continue  # a federal order that binds other parties only
            status, by = _lifecycle(law, p, chain, date, actors)
            if status:
                out_rows.append(_row(p, p.effect, status, by))
            else:
                live.append(p)
        levels.append(live)
    return levels, out_rows


def _row(p: Prov, effect: str, status: str, by: str | None) -> dict:
    return {
        "measure": p.measure,
        "provision": p.provision,
        "level": p.level,
        "jurisdiction": p.government,
        "effect": effect,
        "status": status,
        "by": by,
        "cite": p.cite,
        "href": p.href,
    }


def provision_effect(p: Prov, facts: dict[str, Any]) -> tuple[str | None, str]:
    """The provision's effect under definite facts (unknown counts as not holding), and its cite."""
    if p.only_if and holds(p.only_if, facts) is not True:
        return None, p.cite
    for e in p.exceptions:
        if holds(e.when, facts) is True:
            return e.effect, e.cite
    return p.effect, p.cite


def _conflicts(higher: str, lower: str) -> bool:
    if higher in (REQUIRED, PROTECTED):
        return lower == PROHIBITED
    if higher == PROHIBITED:
        return lower != PROHIBITED
    return False


def combine(levels: list[list[Prov]], facts: dict[str, Any]):
    """Resolve one scenario. Returns (effect, controlling [(prov, effect, cite)], trace rows)."""
    result, controlling, rows = PERMITTED, [], []
    for live in levels:
        survivors = []
        for p in live:
            eff, cite = provision_effect(p, facts)
            if eff is None:
                rows.append(_row(p, p.effect, TraceStatus.not_applicable.value, "condition not met"))
            elif controlling and _conflicts(result, eff):
                rows.append(_row(p, eff, TraceStatus.preempted.value, controlling[0][0].measure))
            else:
                survivors.append((p, eff, cite))
        if not survivors:
            continue
        top = max(_RANK[eff] for _, eff, _ in survivors)
        winners = [s for s in survivors if _RANK[s[1]] == top]
        level_effect = winners[0][1]
        losers = [s for s in survivors if _RANK[s[1]] != top]
        if result == PERMITTED or (result == PROTECTED and level_effect == REQUIRED):
            demoted, result, controlling = controlling, level_effect, winners
        elif level_effect == result or (result == PROHIBITED and level_effect == PROHIBITED):
            demoted, controlling = [], controlling + winners
        else:  # a lower permission under a higher duty or protection: it does not control
            demoted = winners
        for p, eff, _ in losers + demoted:
            rows.append(_row(p, eff, TraceStatus.less_restrictive.value, None))
    for p, eff, _ in controlling:
        rows.append(_row(p, eff, TraceStatus.applied.value, None))
    return result, controlling, rows


def _plain(effect: str) -> str:
    """`protected` answers the agency's question as `permitted`: it may, and decides itself."""
    return PERMITTED if effect == PROTECTED else effect


def evaluate(law: Law, chain: Chain, kind: str, date: dt.date, given: dict[str, Any]):
    """The core of decide(): (effect, default effect, exceptions, controlling, trace rows)."""
    levels, rows = candidates(law, chain, kind, date)
    base = {**defaults(law.facts), **given}
    default_effect, controlling, scenario_rows = combine(levels, base)
    default_effect = _plain(default_effect)
    exceptions, unknown_matters = [], False
    seen = set()
    for live in levels:
        for p in live:
            conds = (
                [(p.only_if, p.only_if_text or "the provision's condition holds", p.cite)]
                if p.only_if
                else []
            )
            conds += [(e.when, e.text, e.cite) for e in p.exceptions]
            for cond, text, cite in conds:
                if holds(cond, given) is False or holds(cond, base) is True:
                    continue
                facts = {**base, **satisfying(cond)}
                effect = _plain(combine(levels, facts)[0])
                if effect == default_effect or (text, effect) in seen:
                    continue
                seen.add((text, effect))
                exceptions.append(
                    {
                        "when": text,
                        "effect": effect,
                        "cite": cite,
                        "measure": p.measure,
                        "facts": satisfying(cond),
                    }
                )
                unknown_matters |= holds(cond, base) is None
    effect = RESTRICTED if unknown_matters else default_effect
    return effect, default_effect, exceptions, controlling, rows + scenario_rows
