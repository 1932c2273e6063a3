"""`sanctuary check`: each published claim in claims.yaml against the atlas query that measures it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from . import definitions as D

CLAIMS_FILE = Path(__file__).resolve().parent / "claims.yaml"
TOLERANCE = 0.10  # a count within 10% of the claim supports it


class Query(BaseModel):
    model_config = ConfigDict(extra="forbid")
    definition: str
    on: dt.date
    levels: list[str]
    inherit_state_law: bool | None = None


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quote: str
    count_claimed: float
    unit: str
    source: dict[str, str]
    date: dt.date
    query: Query | None = None
    not_checkable: str | None = None
    note: str | None = None


class CheckOut(BaseModel):
    id: str
    quote: str
    source: dict[str, str]
    date: dt.date
    count_claimed: float
    unit: str
    verdict: str  # supported | contradicted | wrong unit or scope | not checkable
    measured: int | None
    by_level: dict[str, int]
    definition: str | None
    evidence: str


def load_claims() -> dict[str, Claim]:
    from .loader import read_yaml

    data, _ = read_yaml(CLAIMS_FILE)
    return {k: Claim(**v) for k, v in data.items()}


def check(atlas) -> list[CheckOut]:
    out = []
    for cid, c in load_claims().items():
        base: dict[str, Any] = {
            "id": cid,
            "quote": c.quote,
            "source": c.source,
            "date": c.date,
            "count_claimed": c.count_claimed,
            "unit": c.unit,
        }
        if c.query is None:
            out.append(
                CheckOut(
                    **base,
                    verdict="not checkable",
                    measured=None,
                    by_level={},
                    definition=None,
                    evidence=c.not_checkable or "",
                )
            )
            continue
        by_level = {
            lvl: D.count(atlas, c.query.definition, c.query.on, lvl, c.query.inherit_state_law).count
            for lvl in c.query.levels
        }
        measured = sum(by_level.values())
        definition = D.get(c.query.definition)
        inherit = (
            definition.inherit_state_law if c.query.inherit_state_law is None else c.query.inherit_state_law
        )
        # A state law counted once per county it binds is not the unit of a list that names a state once.
        units_ok = not (inherit and len(c.query.levels) > 1)
        close = abs(measured - c.count_claimed) <= TOLERANCE * max(c.count_claimed, 1)
        verdict = "wrong unit or scope" if not units_ok else ("supported" if close else "contradicted")
        researched = [r for r in atlas.coverage_rows if r["id"].startswith("state:")]
        evidence = (
            f"{definition.title} on {c.query.on}: {measured} "
            f"({', '.join(f'{k} {v}' for k, v in by_level.items())}) against {c.count_claimed:g} claimed. "
            + (c.note or "")
            + f" Research so far: {51 - len(researched)} states not yet researched, "
            f"{sum(r['status'] != 'researched' for r in researched)} partly; a place not researched "
            "counts as having no limiting law."
        )
        out.append(
            CheckOut(
                **base,
                verdict=verdict,
                measured=measured,
                by_level=by_level,
                definition=c.query.definition,
                evidence=evidence.strip(),
            )
        )
    return out
