"""Three-valued conditions over facts: True, False, or None when a fact is unknown."""

from __future__ import annotations

from typing import Any

CONVICTION_LEVELS = ("none", "misdemeanor", "felony", "serious_or_violent_felony")


def holds(cond: dict[str, Any] | None, facts: dict[str, Any]) -> bool | None:
    """Whether every clause of `cond` holds: False if one fails, None if one is unknown."""
    if not cond:
        return True
    result: bool | None = True
    for name, wanted in cond.items():
        value = facts.get(name)
        if value is None:
            result = None
            continue
        if isinstance(wanted, dict):  # {at_least: LEVEL}
            ok = CONVICTION_LEVELS.index(value) >= CONVICTION_LEVELS.index(wanted["at_least"])
        else:
            ok = value == wanted
        if not ok:
            return False
    return result


def satisfying(cond: dict[str, Any]) -> dict[str, Any]:
    """The least facts that make `cond` hold."""
    return {
        name: (wanted["at_least"] if isinstance(wanted, dict) else wanted) for name, wanted in cond.items()
    }


def defaults(fact_specs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Default facts: an ordinary ICE request, criminal history unknown."""
    return {name: spec["default"] for name, spec in fact_specs.items() if spec.get("default") is not None}


def parse_facts(pairs: dict[str, Any], fact_specs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Check and normalise user facts ("true"/"false" strings allowed); raise ValueError."""
    out: dict[str, Any] = {}
    for name, raw in pairs.items():
        spec = fact_specs.get(name)
        if spec is None:
            raise ValueError(f"unknown fact {name!r}; known facts: {', '.join(sorted(fact_specs))}")
        if spec["type"] == "bool":
            if isinstance(raw, bool):
                out[name] = raw
            elif str(raw).lower() in ("true", "yes", "1"):
                out[name] = True
            elif str(raw).lower() in ("false", "no", "0"):
                out[name] = False
            else:
                raise ValueError(f"fact {name!r} takes true or false, not {raw!r}")
        else:
            if raw not in spec["levels"]:
                raise ValueError(f"fact {name!r} takes one of {', '.join(spec['levels'])}, not {raw!r}")
            out[name] = raw
    return out
