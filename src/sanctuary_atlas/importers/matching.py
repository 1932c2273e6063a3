"""Match names as printed in public sources to registry jurisdictions, saying how each matched.

A match is exact (same name once punctuation, case and "County"/"Parish" are set aside), fuzzy
(a close spelling, flagged for review) or none (kept and reported, never dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import us

from ..registry import Registry, _base, _norm

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def clean(text: object) -> str:
    """Trim, fold curly apostrophes and runs of spaces: the text as printed, tidied."""
    return re.sub(r"\s+", " ", str(text or "").translate(_APOSTROPHES)).strip()


def state_abbr(text: str) -> str | None:
    st = us.states.lookup(clean(text)) if clean(text) else None
    return st.abbr if st is not None else None


def state_of(text: str) -> tuple[str | None, list[str]]:
    """A state's postal code from a name or code as printed; a misspelling ("UTAHJ") is read as
    the closest state name and flagged."""
    abbr = state_abbr(text)
    if abbr or not clean(text):
        return abbr, []
    from rapidfuzz import fuzz, process

    names = {s.abbr: s.name.upper() for s in [*us.states.STATES, us.states.DC]}
    hit = process.extractOne(clean(text).upper(), names, scorer=fuzz.ratio, score_cutoff=85)
    if hit:
        return hit[2], [f"state_misspelt: {clean(text)!r} read as {hit[2]}"]
    return None, [f"state_unknown: {clean(text)!r}"]


@dataclass(frozen=True)
class Match:
    id: str | None
    method: str  # exact | fuzzy | none
    note: str = ""


class CountyMatcher:
    """Find a county (or county-equivalent) of a state by the name a source printed."""

    def __init__(self, registry: Registry):
        self.by_state: dict[str, dict[str, list[str]]] = {}
        for j in registry.of_kind("county"):
            names = self.by_state.setdefault(j.state, {})
            names.setdefault(_base(j.name), []).append(j.id)
            names.setdefault(_norm(j.name), []).append(j.id)
        self.registry = registry

    def match(self, state: str | None, name: str) -> Match:
        if not state or state not in self.by_state:
            return Match(None, "none", f"unknown state {state!r}")
        names = self.by_state[state]
        key_full, key_base = _norm(clean(name)), _base(clean(name))
        for key in (key_full, key_base):
            ids = sorted(set(names.get(key, [])), key=self._current_first)
            if ids:
                return Match(ids[0], "exact")
        from rapidfuzz import fuzz, process

        hit = process.extractOne(key_base, list(names), scorer=fuzz.ratio, score_cutoff=85)
        if hit:
            ids = sorted(set(names[hit[0]]), key=self._current_first)
            return Match(ids[0], "fuzzy", f"{name!r} read as {self.registry[ids[0]].name!r}")
        return Match(None, "none", f"no county named {name!r} in {state}")

    def _current_first(self, jid: str) -> tuple:
        return (bool(self.registry[jid].valid_to), jid)
