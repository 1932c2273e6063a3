"""The Python API: the one place the CLI and the web app call. Thin over engine and store."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from .answers import (
    AgreementsOut,
    ControllingOut,
    CoverageEntry,
    CoverageOut,
    Decision,
    DesignationsOut,
    ExceptionOut,
    JurisdictionOut,
    LawEvent,
    LookupOut,
    ShowOut,
    TimelineChange,
    TimelineOut,
    TraceOut,
)
from .engine.conditions import parse_facts
from .engine.decide import chain_for, evaluate
from .engine.timeline import ORIGIN, breakpoints, causes, law_events
from .errors import BadInput
from .registry import Jurisdiction, UnknownJurisdiction
from .vocabulary import Kind


def parse_kind(kind: str) -> str:
    try:
        return Kind(kind.strip().lower().replace("-", "_")).value
    except ValueError:
        from rapidfuzz import process

        best = process.extractOne(kind, [k.value for k in Kind])
        hint = f"; did you mean {best[0]!r}?" if best and best[1] >= 60 else ""
        raise BadInput(f"unknown kind {kind!r}{hint} Kinds: {', '.join(k.value for k in Kind)}") from None


def parse_date(value: str | dt.date | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"bad date {value!r}: use YYYY-MM-DD, e.g. 2018-03-01") from None


class Atlas:
    """The compiled law and registry, with every question the atlas answers."""

    def __init__(self, law, registry, coverage: list[dict] | None = None, store_path=None):
        self.law, self.registry, self.coverage_rows = law, registry, coverage or []
        self.store_path = store_path

    @classmethod
    def load(cls, path=None) -> Atlas:
        from . import store

        path = path or store.default_path()
        return cls(*store.load(path), store_path=path)

    @cached_property
    def db(self):
        """The compiled store's tables (None for an atlas built in memory, as in tests)."""
        from . import store

        return store.connect(self.store_path) if self.store_path else None

    # ------------------------------------------------------------ the record

    def agreements(self, on=None, state: str | None = None) -> AgreementsOut:
        from . import records

        date = parse_date(on)
        if state:
            import us

            st = us.states.lookup(state)
            if st is None:
                raise BadInput(f"unknown state {state!r}: use a postal code such as TX")
            state = st.abbr
        return records.agreements(self._need_db(), date, state=state)

    def designations(self, list_id: str | None = None) -> DesignationsOut:
        from . import records

        return records.designations(self._need_db(), list_id)

    def _need_db(self):
        if self.db is None:
            raise BadInput("this atlas has no compiled store: use Atlas.load()")
        return self.db

    def _agreements_of(self, j: Jurisdiction, date: dt.date):
        from . import records

        if self.db is None or j.kind not in ("county", "state"):
            return []
        if j.kind == "county":
            return records.agreements(self.db, date, county_fips=j.fips, agency_type="county").agreements
        return records.agreements(self.db, date, state=j.state, agency_type="state").agreements

    # ------------------------------------------------------------ lookup

    def lookup(self, query: str) -> list[Jurisdiction]:
        return self.registry.lookup(query)

    def lookup_out(self, query: str) -> LookupOut:
        return LookupOut(query=query, matches=[JurisdictionOut(**j.public()) for j in self.lookup(query)])

    def resolve(self, place: str) -> Jurisdiction:
        return self.registry.resolve(place)

    # ------------------------------------------------------------ decide

    def decide(
        self, place: str, kind: str, on: str | dt.date | None = None, facts: dict[str, Any] | None = None
    ) -> Decision:
        j = self.resolve(place)
        kind, date = parse_kind(kind), parse_date(on)
        try:
            given = parse_facts(facts or {}, self.law.facts)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
        chain = chain_for(self.registry, j.id)
        effect, default_effect, exceptions, controlling, rows = evaluate(self.law, chain, kind, date, given)
        notes = []
        if (j.valid_to and date >= dt.date.fromisoformat(j.valid_to)) or (
            j.valid_from and date < dt.date.fromisoformat(j.valid_from)
        ):
            notes.append(
                f"{j.name} was not a county-equivalent on {date}: "
                f"valid {j.valid_from or '…'} to {j.valid_to or '…'}"
            )
        for measure in dict.fromkeys(p.measure for p, _, _ in controlling):
            if self.law.measures[measure].get("confidence") == "low":
                notes.append(
                    f"{measure} has confidence low: not every fact in it was read in the "
                    "primary text; its note says which"
                )
        agreements = (
            self._agreements_of(self.registry[chain.government], date) if kind == "agreement_287g" else []
        )
        if agreements and effect == "prohibited":
            notes.append(
                f"ICE's list shows {len(agreements)} 287(g) agreement(s) here although the law "
                "prohibits them: practice and paper differ, or the list is stale"
            )
        return Decision(
            agreements=agreements,
            jurisdiction=JurisdictionOut(**j.public()),
            government=chain.government,
            kind=kind,
            date=date,
            facts=given,
            effect=effect,
            default_effect=default_effect,
            exceptions=[ExceptionOut(**e) for e in exceptions],
            controlling=[
                ControllingOut(
                    measure=p.measure,
                    provision=p.provision,
                    title=p.title,
                    level=p.level,
                    effect=eff,
                    cite=cite,
                    href=p.href,
                )
                for p, eff, cite in controlling
            ],
            basis="law" if controlling else "baseline",
            trace=[TraceOut(**r) for r in sorted(rows, key=_trace_order)],
            notes=notes,
        )

    def show(self, place: str, on: str | dt.date | None = None) -> ShowOut:
        from . import records

        j, date = self.resolve(place), parse_date(on)
        gov = self.registry.government_of(j.id)
        named = records.designations_of(self.db, self.registry.ids_of_government(gov)) if self.db else []
        return ShowOut(
            jurisdiction=JurisdictionOut(**j.public()),
            date=date,
            decisions={k.value: self.decide(j.id, k.value, date) for k in Kind},
            designations=named,
        )

    def timeline(self, place: str, kind: str | None = None) -> TimelineOut:
        j = self.resolve(place)
        kinds = [parse_kind(kind)] if kind else [k.value for k in Kind]
        chain = chain_for(self.registry, j.id)
        changes, moved = [], set()
        for k in kinds:
            before = evaluate(self.law, chain, k, ORIGIN, {})[0]
            for date in breakpoints(self.law, chain, k):
                after = evaluate(self.law, chain, k, date, {})[0]
                if after != before:
                    why = causes(self.law, chain, k, date)
                    moved |= {(date, cause_id) for cause_id, _ in why}
                    changes.append(
                        TimelineChange(
                            date=date, kind=k, before=before, after=after, causes=[text for _, text in why]
                        )
                    )
                before = after
        changes.sort(key=lambda c: (c.date, c.kind))
        law = [
            LawEvent(**e, changed_answers=(dt.date.fromisoformat(e["date"]), e["measure"]) in moved)
            for e in law_events(self.law, chain, self.registry.government_of)
        ]
        record = []
        if "agreement_287g" in kinds and self.db is not None:
            from . import records

            record = records.agreement_events(self.db, self.registry[chain.government])
        return TimelineOut(
            jurisdiction=JurisdictionOut(**j.public()),
            kinds=kinds,
            changes=changes,
            law=law,
            agreements=record,
        )

    def grid(self, level: str = "county", kinds=None, dates=None):
        from .engine.grid import grid

        if level not in ("state", "county", "place"):
            raise BadInput(f"unknown level {level!r}: use state, county or place")
        return grid(
            self.law,
            self.registry,
            level,
            kinds=[parse_kind(k) for k in kinds] if kinds else None,
            dates=[parse_date(d) for d in dates] if dates is not None else None,
        )

    def coverage(self) -> CoverageOut:
        return CoverageOut(jurisdictions=[CoverageEntry(**r) for r in self.coverage_rows])


_LEVEL_ORDER = {"federal": 0, "state": 1, "county": 2, "place": 2}


def _trace_order(row: dict) -> tuple:
    return (_LEVEL_ORDER.get(row["level"], 3), row["measure"], row["provision"])


__all__ = ["Atlas", "BadInput", "UnknownJurisdiction", "parse_date", "parse_kind"]
