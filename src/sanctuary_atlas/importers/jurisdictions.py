"""Build the jurisdiction registry (data/jurisdictions.csv).

Inputs:
- U.S. Census Bureau, Population Estimates Program, Vintage 2019 county file
  co-est2019-alldata.csv (Latin-1): every county and county-equivalent as of 2019.
- data/curated/county-changes.csv: later and earlier changes with their dates and sources
  (Connecticut's planning regions, Alaska's census areas, renamed or merged counties).
- data/curated/places.csv and county-aliases.csv: places the law tree names, and the
  consolidated governments that one government answers for under several ids.
- State metadata from the `us` package.

Run: python -m sanctuary_atlas.importers.jurisdictions RAW_DATA_DIR
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import us

DATA = Path(__file__).resolve().parent.parent / "data"
CURATED = DATA / "curated"
CENSUS_FILE = "census/county-population-2010-2019.csv"
CENSUS_SOURCE = (
    "U.S. Census Bureau, Population Estimates Program, Vintage 2019, co-est2019-alldata",
    "https://www2.census.gov/programs-surveys/popest/datasets/2010-2019/counties/totals/co-est2019-alldata.csv",
)
FIELDS = [
    "id",
    "kind",
    "name",
    "state",
    "fips",
    "government",
    "valid_from",
    "valid_to",
    "source_title",
    "source_href",
]


def states() -> list[dict]:
    rows = []
    for s in [*us.states.STATES, us.states.DC]:
        rows.append(
            {
                "id": f"state:{s.fips}",
                "kind": "state",
                "name": s.name,
                "state": s.abbr,
                "fips": s.fips,
                "government": "",
                "valid_from": "",
                "valid_to": "",
                "source_title": "State FIPS codes (Census Bureau), via the `us` package",
                "source_href": "https://www.census.gov/library/reference/code-lists/ansi.html",
            }
        )
    return rows


def census_counties(raw_dir: Path) -> list[dict]:
    path = raw_dir / CENSUS_FILE
    rows = []
    with path.open(encoding="latin-1", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["SUMLEV"] != "50":
                continue
            fips = f"{int(rec['STATE']):02d}{int(rec['COUNTY']):03d}"
            state = us.states.lookup(f"{int(rec['STATE']):02d}")
            rows.append(
                {
                    "id": f"county:{fips}",
                    "kind": "county",
                    "name": rec["CTYNAME"],
                    "state": state.abbr,
                    "fips": fips,
                    "government": "",
                    "valid_from": "",
                    "valid_to": "",
                    "source_title": CENSUS_SOURCE[0],
                    "source_href": CENSUS_SOURCE[1],
                }
            )
    return rows


def read_curated(name: str) -> list[dict]:
    with (CURATED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build(raw_dir: Path) -> list[dict]:
    counties = {r["fips"]: r for r in census_counties(raw_dir)}
    for change in read_curated("county-changes.csv"):
        row = counties.get(change["fips"]) or {
            "id": f"county:{change['fips']}",
            "kind": "county",
            "name": change["name"],
            "state": change["state"],
            "fips": change["fips"],
            "government": "",
        }
        row.update(
            valid_from=change["valid_from"],
            valid_to=change["valid_to"],
            source_title=change["source_title"],
            source_href=change["source_href"],
        )
        counties[change["fips"]] = row
    for alias in read_curated("county-aliases.csv"):
        counties[alias["fips"]]["government"] = alias["government"]
    places = [
        {
            "id": f"place:{p['geoid']}",
            "kind": "place",
            "name": p["name"],
            "state": p["state"],
            "fips": p["geoid"],
            "government": p["government"],
            "valid_from": "",
            "valid_to": "",
            "source_title": p["source_title"],
            "source_href": p["source_href"],
        }
        for p in read_curated("places.csv")
    ]
    federal = {
        "id": "us",
        "kind": "federal",
        "name": "United States",
        "state": "",
        "fips": "",
        "government": "",
        "valid_from": "",
        "valid_to": "",
        "source_title": "",
        "source_href": "",
    }
    rows = [
        federal,
        *states(),
        *sorted(counties.values(), key=lambda r: r["fips"]),
        *sorted(places, key=lambda r: r["fips"]),
    ]
    return rows


def write(rows: list[dict], path: Path = DATA / "jurisdictions.csv") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m sanctuary_atlas.importers.jurisdictions RAW_DATA_DIR", file=sys.stderr)
        return 2
    raw_dir = Path(argv[0])
    if not (raw_dir / CENSUS_FILE).exists():
        print(f"error: {raw_dir / CENSUS_FILE} not found", file=sys.stderr)
        return 2
    rows = build(raw_dir)
    write(rows)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("state", "county", "place")}
    print(f"wrote {len(rows)} jurisdictions: {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
