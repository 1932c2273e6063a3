"""The coverage registry (law/coverage.yaml): how far each jurisdiction has been researched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .loader import LawTreeError, Problem, _validate, read_yaml

STATUSES = ("researched", "partial", "not_researched")


class CoverageRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["researched", "partial", "not_researched"]
    last_verified: dt.date
    note: str | None = None
    searched: str | None = None  # for "no law found": what was searched
    open_questions: list[str] = []  # what the search could not settle and would change answers


def load_coverage(file: Path, registry, law) -> list[dict]:
    """Every jurisdiction looked at, with its status and the number of measures it enacted."""
    if not file.exists():
        return []
    data, lines = read_yaml(file)
    problems, out = [], []
    counts: dict[str, int] = {}
    for m in law.measures.values():
        gov = registry.government_of(m["jurisdiction"])
        counts[gov] = counts.get(gov, 0) + 1
    for jid, rec in (data or {}).items():
        record, errs = _validate(CoverageRecord, rec, file.name, lines, (jid,))
        problems += [Problem(Path("law") / file.name, p.line, f"{jid}: {p.message}") for p in errs]
        if jid not in registry:
            problems.append(
                Problem(Path("law") / file.name, lines.get((jid,), 1), f"unknown jurisdiction {jid}")
            )
            continue
        if record is None:
            continue
        gov = registry.government_of(jid)
        out.append(
            {
                "id": jid,
                "name": registry[jid].name,
                "status": record.status,
                "last_verified": record.last_verified.isoformat(),
                "measures": counts.get(gov, 0),
                "note": record.note,
                "open_questions": record.open_questions,
                "also": [i for i in registry.ids_of_government(gov) if i != jid],
            }
        )
    if problems:
        raise LawTreeError(problems)
    return sorted(out, key=lambda r: r["id"])
