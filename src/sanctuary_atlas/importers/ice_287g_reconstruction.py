"""The pre-2018 287(g) reconstruction: an agency-level best guess of agreements 2002-2017.

Source: `ice-287g/pre2018/pre2018-agreements-best-guess.csv` (see the raw data's SOURCES.md,
section 3c). It is secondary and derived — it combines ICE's rosters with CRS RL32270, GAO-09-109,
MPI and NCLR appendices and other studies — so it is kept in a table of its own, never merged
into the agreements read from ICE's lists. Each row is linked to the ICE agreements of the same
agency where one exists. Rows are kept as printed; what had to be inferred is flagged.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import us

from ..registry import Registry
from .ice_lists import agency_key
from .matching import CountyMatcher, clean

FILE = "ice-287g/pre2018/pre2018-agreements-best-guess.csv"
SOURCE = "pre2018-agreements-best-guess.csv (secondary reconstruction; see SOURCES.md 3c)"


def _state_and_agency(row: dict) -> tuple[str, str, list[str]]:
    """The postal code and the bare agency name: a state printed inside the name ("(North
    Carolina)", ", Texas", a trailing "AR") and an address pasted into it are moved out, flagged."""
    agency, flags = clean(row["agency"]), []
    if re.search(r"https?://", agency):
        agency = re.sub(r"\s*https?://.*$", "", agency)
        flags.append("url_in_name")
    state = us.states.lookup(row["state"].strip()) if row["state"].strip() else None
    printed = re.search(r"\s*(?:\(([A-Za-z .]+)\)|,\s*([A-Za-z .]+)|\s([A-Z]{2}))$", agency)
    named = printed and us.states.lookup(next(g for g in printed.groups() if g))
    if named and (state is None or named == state):
        agency = agency[: printed.start()].strip()
        if state is None:
            flags.append("state_from_agency_name")
        state = named
    leading = re.match(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?) ", agency)
    if state is None and leading and us.states.lookup(leading.group(1)):
        state = us.states.lookup(leading.group(1))
        flags.append("state_from_agency_name")
    return (state.abbr if state else ""), agency, flags


def _agency_type(agency: str, level: str) -> str:
    name = agency.lower()
    if "sheriff" in name or re.search(r"\bcounty\b|\bparish\b", name):
        return "county"
    if level == "statewide" or re.search(r"department of|highway patrol|state police|public safety", name):
        return "state"
    if re.search(r"police|city of|town of", name):
        return "municipal"
    return "other"


def _county(row: dict, state: str, agency: str, kind: str, counties: CountyMatcher) -> tuple[str, str]:
    given = {f.strip().zfill(5) for f in row["county_fips"].split(";") if f.strip()}
    if len(given) > 1:  # the source merged agencies of one name in two counties (SOURCES.md 3c)
        return "", "ambiguous"
    if given:
        return given.pop(), "given"
    if kind != "county" or not state:
        return "", "not_applicable"
    named = re.match(r"(?i)^(.+?\s(county|parish))\b", agency)
    name = named.group(1) if named else re.sub(r"(?i)\s*sheriff.*$", "", agency)
    m = counties.match(state, name)
    return (m.id.split(":")[1], m.method) if m.id else ("", "none")


def build(raw: Path, registry: Registry, agreements: list[dict]) -> dict[str, list[dict]]:
    counties = CountyMatcher(registry)
    ice = {}
    for a in agreements:
        ice.setdefault((a["state"], a["agency_key"]), []).append(a["agreement_id"])
    with (raw / FILE).open(encoding="utf-8", newline="") as fh:
        source = list(csv.DictReader(fh))
    out, problems = [], []
    for n, row in enumerate(source, start=1):
        state, agency, flags = _state_and_agency(row)
        kind = _agency_type(agency, row["jurisdiction_level"])
        fips, how = _county(row, state, agency, kind, counties)
        key = agency_key(agency)
        if how == "ambiguous":
            flags.append("merged_agencies")
            problems.append({"table": "agreements_287g_reconstructed", "key": str(n),
                             "problem": f"{state} {agency}: one row for agencies in "
                             f"{row['county_name']}; no county assigned"})  # fmt: skip
        if not state:
            flags.append("state_unknown")
        if how == "fuzzy":
            flags.append("county_fuzzy")
        if how == "none":
            flags.append("county_unmatched")
            problems.append({"table": "agreements_287g_reconstructed", "key": str(n),
                             "problem": f"{state} {agency}: no county matched"})  # fmt: skip
        out.append(
            {
                "row": n,
                "state": state,
                "agency": agency,
                "agency_as_printed": row["agency"],
                "agency_type": kind,
                "county_fips": fips,
                "county_match": how,
                "first_signed": row["first_signed_best"],
                "first_signed_source": row["first_signed_source"],
                "signing_dates": row["signing_dates"],
                "models": row["models"],
                "active_from": row["active_from"],
                "active_to": row["active_to"],
                "terminated": row["terminated"].upper() == "TRUE",
                "confidence": row["confidence"],
                "n_sources": row["n_sources"],
                "sources": row["secondary_sources"],
                "in_ice_roster": row["in_ice_roster"].upper() == "TRUE",
                "agreement_ids": " ".join(sorted(ice.get((state, key), []))),
                "moa_archived_url": row["moa_archived_url"],
                "flags": " ".join(flags),
            }
        )
    return {"agreements_287g_reconstructed": out, "problems": problems}
