"""Jurisdictions and forgiving lookup: "Travis County, TX", "travis tx", "48453",
"county:48453", "Austin, Texas" all find their place; an unknown name lists the closest ones."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

REGISTRY_CSV = Path(__file__).resolve().parent / "data" / "jurisdictions.csv"
# Longest first, so "juneau city and borough" loses "city and borough", not just "borough".
_SUFFIXES = tuple(
    sorted(
        (
            "county",
            "parish",
            "borough",
            "census area",
            "city and borough",
            "municipality",
            "planning region",
            "city",
            "town",
            "village",
        ),
        key=len,
        reverse=True,
    )
)
_PREFERENCE = {"federal": 0, "state": 1, "place": 2, "county": 3}


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    kind: str  # federal | state | county | place
    name: str
    state: str  # postal abbreviation; empty for the federal level
    fips: str
    government: str = ""  # canonical id of the consolidated government this id belongs to
    valid_from: str = ""
    valid_to: str = ""
    source_title: str = ""
    source_href: str = ""

    @property
    def state_id(self) -> str | None:
        return f"state:{self.fips[:2]}" if self.kind in ("state", "county", "place") else None

    def public(self) -> dict:
        return {"id": self.id, "name": self.name, "state": self.state, "kind": self.kind, "fips": self.fips}


class UnknownJurisdiction(LookupError):
    def __init__(self, query: str, suggestions: list[Jurisdiction]):
        self.query, self.suggestions = query, suggestions
        hint = "; ".join(
            f"{j.name}, {j.state} ({j.id})" if j.state else f"{j.name} ({j.id})" for j in suggestions
        )
        super().__init__(f"unknown place {query!r}" + (f"; did you mean: {hint}" if hint else ""))


_PUNCTUATION = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    text = _PUNCTUATION.sub(" ", text.lower().replace("saint ", "st ").replace("st. ", "st "))
    return _SPACES.sub(" ", text).strip()


def _base(name: str) -> str:
    n = _norm(name)
    for suffix in _SUFFIXES:
        if n.endswith(" " + suffix):
            return n[: -len(suffix) - 1]
    return n


@dataclass
class Registry:
    jurisdictions: dict[str, Jurisdiction]
    _by_state_base: dict[tuple[str, str], list[Jurisdiction]] = field(default_factory=dict, repr=False)
    _members: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for j in self.jurisdictions.values():
            self._by_state_base.setdefault((j.state, _base(j.name)), []).append(j)
            self._members.setdefault(self.government_of(j.id), []).append(j.id)

    @classmethod
    def from_csv(cls, path: Path = REGISTRY_CSV) -> Registry:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [Jurisdiction(**rec) for rec in csv.DictReader(fh)]
        return cls({j.id: j for j in rows})

    def __contains__(self, jid: str) -> bool:
        return jid in self.jurisdictions

    def __getitem__(self, jid: str) -> Jurisdiction:
        return self.jurisdictions[jid]

    def government_of(self, jid: str) -> str:
        """The canonical id of the government that acts for `jid` (itself unless consolidated)."""
        j = self.jurisdictions[jid]
        return j.government or j.id

    def ids_of_government(self, gid: str) -> list[str]:
        """Every id that reaches the same government (e.g. NYC and its five counties)."""
        return sorted(self._members.get(gid, [gid]))

    def of_kind(self, kind: str) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions.values() if j.kind == kind]

    # ------------------------------------------------------------ lookup

    def lookup(self, query: str, limit: int = 5) -> list[Jurisdiction]:
        """Jurisdictions matching `query`, best first; raise UnknownJurisdiction if none."""
        q = query.strip()
        found = self._exact(q) or (
            self._exact(q.replace("-", " ").replace("_", " "))
            if not q.startswith(("state:", "county:", "place:"))
            else []
        )
        if found:
            return found[:limit]
        raise UnknownJurisdiction(query, self.suggest(q, limit))

    def resolve(self, query: str) -> Jurisdiction:
        return self.lookup(query, limit=1)[0]

    def _exact(self, q: str) -> list[Jurisdiction]:
        import us

        low = q.lower()
        if low in ("us", "usa", "federal", "united states"):
            return [self.jurisdictions["us"]]
        if low in self.jurisdictions:
            return [self.jurisdictions[low]]
        digits = re.sub(r"\D", "", q)
        if digits == q.strip() and digits:
            kind = {2: "state", 5: "county", 7: "place"}.get(len(digits))
            jid = f"{kind}:{digits}" if kind else None
            return [self.jurisdictions[jid]] if jid in self.jurisdictions else []
        state = us.states.lookup(q.strip()) if len(q.strip()) > 1 else None
        if (
            state is not None
            and f"state:{state.fips}" in self.jurisdictions
            and _norm(q) in (_norm(state.name), state.abbr.lower())
        ):
            return [self.jurisdictions[f"state:{state.fips}"]]
        name, state_abbr = self._split_state(q)
        wants_county = bool(re.search(r"\b(county|parish|borough|census area)\b", name.lower()))
        base = _base(name)
        if state_abbr:
            candidates = list(self._by_state_base.get((state_abbr, base), []))
        else:
            candidates = [j for (s, b), js in self._by_state_base.items() if b == base for j in js]
        candidates = [j for j in candidates if j.kind != "state"]  # states matched above

        def rank(j: Jurisdiction) -> tuple:
            exact_name = _norm(j.name) == _norm(name)
            kind_pref = 0 if (j.kind == "county") == wants_county else 1
            current = 0 if not j.valid_to else 1
            return (not exact_name, kind_pref, current, _PREFERENCE[j.kind], j.id)

        return sorted(candidates, key=rank)

    @staticmethod
    def _split_state(q: str) -> tuple[str, str | None]:
        """Split "Travis County, TX" / "travis tx" / "Austin, Texas" into name and state."""
        import us

        if "," in q:
            name, _, tail = q.rpartition(",")
            st = us.states.lookup(tail.strip())
            if st is not None:
                return name.strip(), st.abbr
        words = q.split()
        for n in (3, 2, 1):  # "district of columbia", "new york", "tx"
            if len(words) > n:
                tail = " ".join(words[-n:])
                st = us.states.lookup(tail) if (n > 1 or len(tail) >= 2) else None
                if st is not None and (_norm(tail) in (_norm(st.name), st.abbr.lower())):
                    return " ".join(words[:-n]), st.abbr
        return q, None

    def suggest(self, q: str, limit: int = 5) -> list[Jurisdiction]:
        from rapidfuzz import fuzz, process, utils

        choices = {jid: f"{j.name} {j.state}" for jid, j in self.jurisdictions.items()}
        hits = process.extract(q, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
        return [self.jurisdictions[jid] for _, score, jid in hits if score >= 50]
