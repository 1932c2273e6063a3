"""National ICE detainer counts by calendar year, 2007-2015, and by lift reason: NPR's
aggregates of ICE records released under FOIA (2007-10-01 to 2015-07-19)."""

from __future__ import annotations

import csv
from pathlib import Path

FILES = {
    "all": "detainers/npr-all-detainers-by-year.csv",
    "by_reason": "detainers/npr-detainers-by-lift-reason-and-year.csv",
}
PARTIAL_YEARS = {2007: "October-December only", 2015: "to 2015-07-19 only"}


def detainers_by_year(raw: Path) -> tuple[list[dict], list[dict]]:
    rows = []
    with (raw / FILES["all"]).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            year = int(rec["year"])
            rows.append(
                {
                    "year": year,
                    "lift_reason": "(all detainers)",
                    "count": rec["count"],
                    "coverage": PARTIAL_YEARS.get(year, "full year"),
                }
            )
    with (raw / FILES["by_reason"]).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            year = int(rec["year"])
            rows.append(
                {
                    "year": year,
                    "lift_reason": rec["lift_reason"],
                    "count": rec["count"],
                    "coverage": PARTIAL_YEARS.get(year, "full year"),
                }
            )
    rows.sort(key=lambda r: (r["year"], r["lift_reason"]))
    return rows, []
