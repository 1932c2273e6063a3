"""`make data`: run every importer over the raw public files and write the normalized tables.

    python -m sanctuary_atlas.importers RAW_DATA_DIR

Prints a progress bar, the rows each table got, every problem it kept a row for, and the time
spent in each importer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..registry import Registry
from . import (
    census,
    crosswalks,
    designations,
    ice_287g,
    ice_287g_reconstruction,
    jurisdictions,
    npr_detainers,
)
from .tables import write_table


def main(argv: list[str], timings: dict[str, float] | None = None) -> int:
    from rich.console import Console
    from rich.progress import Progress

    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m sanctuary_atlas.importers RAW_DATA_DIR", file=sys.stderr)
        return 2
    raw = Path(argv[0])
    console = Console(stderr=True)
    timings = {} if timings is None else timings
    problems: list[dict] = []

    def timed(name, fn, *args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        timings[name] = time.perf_counter() - t0
        return result

    timed("jurisdictions", lambda: jurisdictions.write(jurisdictions.build(raw)))
    registry = Registry.from_csv()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(
            "287(g) workbooks", total=len(list((raw / "ice-287g/sheets").glob("*.xlsx")))
        )
        tables = timed("ice_287g", ice_287g.build, raw, registry, lambda: progress.advance(task))
    reconstruction = timed(
        "ice_287g_reconstruction", ice_287g_reconstruction.build, raw, registry, tables["agreements_287g"]
    )
    tables["agreements_287g_reconstructed"] = reconstruction["agreements_287g_reconstructed"]
    problems += reconstruction["problems"]
    tables |= timed("designations", designations.build, raw, registry)
    for name, fn in (
        ("county_population", census.population),
        ("county_facts", census.facts),
        ("detainers_national", npr_detainers.detainers_by_year),
    ):
        rows, found = timed(name, fn, raw)
        tables[name], problems = rows, problems + found
    for name, fn in (("county_aor", crosswalks.county_aor), ("agency_counties", crosswalks.agency_counties)):
        rows, found = timed(name, fn, raw, registry)
        tables[name], problems = rows, problems + found
    tables["import_problems"] = problems or [{"table": "", "key": "", "problem": ""}][:0]
    for name, rows in tables.items():
        if rows or name == "import_problems":
            write_table(name, rows or [{"table": None, "key": None, "problem": None}][:0])
    report(console, tables, timings)
    return 0


def report(console, tables: dict[str, list[dict]], timings: dict[str, float]) -> None:
    agreements = tables["agreements_287g"]
    county_level = [a for a in agreements if a["agency_type"] == "county"]
    matched = [a for a in county_level if a["county_fips"]]
    console.print(
        f"287(g): {len(agreements)} agreements on {len(tables['agreement_lists_287g'])} lists; "
        f"county-level agencies matched to a county: {len(matched)}/{len(county_level)} "
        f"({100 * len(matched) / max(1, len(county_level)):.1f}%), of which fuzzy "
        f"{sum(a['county_match'] == 'fuzzy' for a in matched)}; flagged: "
        f"{len(tables['agreements_287g_flagged'])}"
    )
    for a in county_level:
        if not a["county_fips"]:
            console.print(f"  unmatched: {a['state']} {a['agency']} ({a['flags']})")
    rebuilt = tables["agreements_287g_reconstructed"]
    console.print(
        f"pre-2018 reconstruction (secondary): {len(rebuilt)} rows; linked to an ICE-list agreement "
        f"{sum(bool(r['agreement_ids']) for r in rebuilt)}; county-level matched to a county "
        f"{sum(bool(r['county_fips']) for r in rebuilt if r['agency_type'] == 'county')}/"
        f"{sum(r['agency_type'] == 'county' for r in rebuilt)}; "
        f"flagged {sum(bool(r['flags']) for r in rebuilt)}"
    )
    d = [r for r in tables["designations"] if r["flag"] != "print_repeat"]
    console.print(
        f"designations: {len(d)} entries; matched {sum(bool(r['jurisdiction_id']) for r in d)}; "
        f"unmatched {sum(not r['jurisdiction_id'] for r in d)} (cities without a place id)"
    )
    for name, rows in sorted(tables.items()):
        console.print(f"  {name:28} {len(rows):7,} rows")
    total = sum(timings.values())
    console.print(
        f"time: {total:.2f} s — "
        + ", ".join(
            f"{k} {v:.2f} s ({100 * v / total:.0f}%)"
            for k, v in sorted(timings.items(), key=lambda kv: -kv[1])
        )
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
