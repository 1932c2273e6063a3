"""Crosswalks: county -> ICE Enforcement and Removal Operations Area of Responsibility, and
law-enforcement agency (FBI ORI) -> county."""

from __future__ import annotations

import csv
from pathlib import Path

from ..registry import Registry
from .matching import CountyMatcher

AOR_FILE = "ice-areas/county-aor.csv"
AGENCIES_FILE = "agencies/fbi-agencies-2025.csv"
NCIC_STATES = {"NB": "NE"}  # the FBI's ORI prefixes use NCIC state codes: NB is Nebraska


def county_aor(raw: Path, registry: Registry) -> tuple[list[dict], list[dict]]:
    rows, problems = [], []
    with (raw / AOR_FILE).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            fips = rec["geoid"].zfill(5)
            rows.append({"county_fips": fips, "aor": rec["aor"], "name_as_printed": rec["name"]})
            if f"county:{fips}" not in registry:
                problems.append(
                    {
                        "table": "county_aor",
                        "key": fips,
                        "problem": f"county {fips} ({rec['name']}) is not in the registry",
                    }
                )
    return rows, problems


def agency_counties(raw: Path, registry: Registry) -> tuple[list[dict], list[dict]]:
    """Each ORI with the county (or counties) the FBI lists it in, matched to FIPS."""
    matcher = CountyMatcher(registry)
    rows, problems = [], []
    with (raw / AGENCIES_FILE).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            names = [n.strip() for n in rec["county_name"].replace(";", ",").split(",") if n.strip()]
            fips, methods = [], []
            state = NCIC_STATES.get(rec["state_abbr"], rec["state_abbr"])
            for name in names:
                m = matcher.match(state, name)
                fips.append(m.id.split(":")[1] if m.id else "")
                methods.append(m.method)
            if not names or "none" in methods:
                problems.append(
                    {
                        "table": "agency_counties",
                        "key": rec["ori"],
                        "problem": f"county {rec['county_name']!r} ({rec['state_abbr']}) not matched",
                    }
                )
            rows.append(
                {
                    "ori": rec["ori"],
                    "agency": rec["pub_agency_name"],
                    "state": state,
                    "agency_type": rec["agency_type_name"],
                    "county_as_printed": rec["county_name"],
                    "county_fips": ";".join(f for f in fips if f),
                    "match": ";".join(methods),
                    "population": rec["population"],
                    "data_year": rec["data_year"],
                }
            )
    return rows, problems
