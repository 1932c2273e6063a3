"""The compiled law: the validated tree flattened into what the engine reads.

Built once by `sanctuary build` and stored as JSON in the compiled store, so that answering a
question never parses YAML.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

LEVEL_OF_KIND = {"federal": "federal", "state": "state", "county": "county", "place": "place"}


@dataclass(frozen=True)
class Exc:
    when: dict[str, Any]
    effect: str
    text: str
    cite: str


@dataclass(frozen=True)
class Prov:
    key: str  # measure#provision
    measure: str
    provision: str
    title: str
    href: str
    government: str  # canonical id of the enacting government
    level: str
    kind: str
    effect: str
    actors: frozenset[str]
    cite: str
    start: dt.date
    end: dt.date | None
    end_reason: str | None
    only_if: dict[str, Any] | None
    only_if_text: str | None
    exceptions: tuple[Exc, ...]
    applies_in: frozenset[str] | None = None  # a federal order binding named parties only


@dataclass(frozen=True)
class Event:
    id: str
    event: str
    title: str
    href: str
    date: dt.date
    end: dt.date | None
    scope: frozenset[str] | None  # None: everywhere
    suspends: frozenset[str]
    restores: frozenset[str]
    cite: str

    def active(self, date: dt.date) -> bool:
        return self.date <= date and (self.end is None or date < self.end)


@dataclass
class Law:
    provisions: list[Prov]
    events: list[Event]
    facts: dict[str, dict[str, Any]]
    measures: dict[str, dict[str, Any]]
    by_government: dict[tuple[str, str], list[Prov]] = field(default_factory=dict, repr=False)
    events_for: dict[str, list[Event]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_gov: dict[tuple[str, str], list[Prov]] = defaultdict(list)
        for p in self.provisions:
            by_gov[(p.government, p.kind)].append(p)
        self.by_government = dict(by_gov)
        events_for: dict[str, list[Event]] = defaultdict(list)
        for e in sorted(self.events, key=lambda e: (e.date, e.id)):
            for target in e.suspends | e.restores:
                events_for[target].append(e)
        self.events_for = dict(events_for)

    def governments_with_law(self) -> set[str]:
        """Governments with law of their own, or named by a federal order that binds them alone."""
        named = {j for p in self.provisions if p.applies_in for j in p.applies_in}
        return {p.government for p in self.provisions} | named

    # ------------------------------------------------------------ (de)serialisation

    def to_json(self) -> dict[str, Any]:
        def prov(p: Prov) -> dict:
            d = asdict(p)
            d["actors"] = sorted(p.actors)
            d["start"] = p.start.isoformat()
            d["applies_in"] = sorted(p.applies_in) if p.applies_in is not None else None
            d["end"] = p.end.isoformat() if p.end else None
            return d

        def event(e: Event) -> dict:
            d = asdict(e)
            d.update(
                date=e.date.isoformat(),
                end=e.end.isoformat() if e.end else None,
                scope=sorted(e.scope) if e.scope is not None else None,
                suspends=sorted(e.suspends),
                restores=sorted(e.restores),
            )
            return d

        return {
            "provisions": [prov(p) for p in self.provisions],
            "events": [event(e) for e in self.events],
            "facts": self.facts,
            "measures": self.measures,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Law:
        date = dt.date.fromisoformat
        provisions = [
            Prov(
                **{
                    **p,
                    "actors": frozenset(p["actors"]),
                    "start": date(p["start"]),
                    "end": date(p["end"]) if p["end"] else None,
                    "exceptions": tuple(Exc(**e) for e in p["exceptions"]),
                    "applies_in": frozenset(p["applies_in"]) if p.get("applies_in") is not None else None,
                }
            )
            for p in data["provisions"]
        ]
        events = [
            Event(
                **{
                    **e,
                    "date": date(e["date"]),
                    "end": date(e["end"]) if e["end"] else None,
                    "scope": frozenset(e["scope"]) if e["scope"] is not None else None,
                    "suspends": frozenset(e["suspends"]),
                    "restores": frozenset(e["restores"]),
                }
            )
            for e in data["events"]
        ]
        return cls(provisions, events, data["facts"], data["measures"])


def compile_law(tree, registry) -> Law:
    """Flatten a validated LawTree into a Law, resolving consolidated governments."""
    provisions = []
    for m in sorted(tree.measures.values(), key=lambda m: m.id):
        gov = registry.government_of(m.jurisdiction)
        level = LEVEL_OF_KIND[registry[gov].kind]
        href = str(m.sources[0].href)
        for p in m.provisions:
            end = (
                min(d for d in (p.ends, m.ends.date if m.ends else None) if d) if (p.ends or m.ends) else None
            )
            end_reason = (
                "superseded"
                if p.ends and (not m.ends or p.ends < m.ends.date)
                else (m.ends.reason.value if m.ends else None)
            )
            provisions.append(
                Prov(
                    key=f"{m.id}#{p.id}",
                    measure=m.id,
                    provision=p.id,
                    title=m.title,
                    href=href,
                    government=gov,
                    level=level,
                    kind=p.kind.value,
                    effect=p.effect.value,
                    actors=frozenset(a.value for a in p.applies_to),
                    cite=p.cite,
                    start=p.effective or m.effective,
                    end=end,
                    end_reason=end_reason,
                    only_if=p.only_if,
                    only_if_text=p.only_if_text,
                    exceptions=tuple(Exc(e.when, e.effect.value, e.text, e.cite) for e in p.unless),
                    applies_in=(
                        frozenset(
                            j
                            for i in m.applies_in
                            for j in registry.ids_of_government(registry.government_of(i))
                        )
                        if m.applies_in is not None
                        else None
                    ),
                )
            )
    measure_provisions = defaultdict(set)
    for p in provisions:
        measure_provisions[p.measure].add(p.key)
    events = []
    for e in sorted(tree.events.values(), key=lambda e: (e.date, e.id)):

        def expand(targets: list[str]) -> frozenset[str]:
            out: set[str] = set()
            for t in targets:
                out |= measure_provisions.get(t, set()) if "#" not in t else {t}
            return frozenset(out)

        events.append(
            Event(
                id=e.id,
                event=e.event.value,
                title=e.title,
                href=str(e.sources[0].href),
                date=e.date,
                end=e.ends,
                scope=None
                if e.scope == "everywhere"
                else frozenset(registry.government_of(j) for j in e.scope) | frozenset(e.scope),
                suspends=expand(e.suspends),
                restores=expand(e.restores),
                cite=e.cite,
            )
        )
    facts = {name: spec.model_dump(exclude_none=True) for name, spec in sorted(tree.facts.items())}
    measures = {
        m.id: m.model_dump(mode="json", exclude_none=True)
        for m in sorted(tree.measures.values(), key=lambda m: m.id)
    }
    return Law(provisions, events, facts, measures)
