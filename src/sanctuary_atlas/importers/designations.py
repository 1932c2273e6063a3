"""Government "sanctuary" lists as dated designations: DHS 2025-05-29 (parsed from its printed
page) and the Department of Justice lists of 2016, 2017 and 2025 (curated with citations).

Every entry keeps DHS's or DOJ's name and heading exactly as printed, is matched to a registry
jurisdiction where one exists, and is flagged where the publisher mislabelled it or no match
exists. Nothing is dropped.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import us

from ..registry import Registry, UnknownJurisdiction
from .matching import CountyMatcher, clean

CURATED = Path(__file__).resolve().parent.parent / "data" / "curated"
DHS_FILE = "dhs-2025/dhs-sanctuary-jurisdictions-2025-05-29.pdf"
HEADINGS = {"State": "State", "County": "County", "Counties": "County", "Cities": "City", "City": "City"}
STATE_NAMES = {s.name: s.abbr for s in [*us.states.STATES, us.states.DC]}


def parse_dhs(raw: Path) -> list[dict]:
    """Entries of the DHS page as printed: state heading, DHS's category heading, name."""
    import pdfplumber

    lines, repeats = [], set()
    with pdfplumber.open(raw / DHS_FILE) as pdf:
        for page in pdf.pages:
            page_lines = [clean(line) for line in (page.extract_text() or "").splitlines() if clean(line)]
            if lines and page_lines and page_lines[0] == lines[-1]:
                repeats.add(len(lines))  # the print repeats the last line of a page atop the next
            lines += page_lines
    start = lines.index("Sanctuary Jurisdiction List") + 1
    end = lines.index("Keywords", start)
    body = lines[start:end]
    repeats = {i - start for i in repeats}
    entries, state, heading = [], None, None
    for i, line in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if line in STATE_NAMES and nxt in HEADINGS:
            state, heading = STATE_NAMES[line], None
            state_name = line
            continue
        if line in HEADINGS and state:
            heading = line
            continue
        if not (state and heading):
            raise ValueError(f"DHS page: entry {line!r} before a state and heading")
        category = HEADINGS[heading]
        entries.append(
            {
                "list_id": "dhs-2025-05-29",
                "name_as_printed": state_name if category == "State" else line,
                "category_as_printed": heading,
                "state": state,
                "note_as_printed": line if category == "State" else "",
                "repeat": i in repeats,
            }
        )
    return entries


def read_doj() -> list[dict]:
    with (CURATED / "designations-doj.csv").open(encoding="utf-8", newline="") as fh:
        return [{**r, "note_as_printed": ""} for r in csv.DictReader(fh)]


def read_lists() -> list[dict]:
    with (CURATED / "designation-lists.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _corrections() -> dict[tuple[str, str, str], dict]:
    with (CURATED / "designation-matches.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["list_id"], r["state"], r["name_as_printed"]): r for r in csv.DictReader(fh)}


def _bare_name(name: str, state: str) -> str:
    """Strip the state and the "City of" / "State of" wrappers a list prints around a name."""
    full = us.states.lookup(state).name if state else ""
    n = re.sub(rf",\s*({re.escape(full)}|{state})\.?$", "", clean(name)) if state else clean(name)
    n = re.sub(r"^(city and county of|city of|town of|state of)\s+", "", n, flags=re.I)
    return re.sub(r"\s*\(.*\)$", "", n).strip()


def match_entry(entry: dict, registry: Registry, counties: CountyMatcher, corrections: dict) -> dict:
    """The jurisdiction a list entry names; a place whose code was not read in a Census file is
    flagged `place_id_secondary`, with the source of its code."""
    match = _match(entry, registry, counties, corrections)
    place = registry[match["jurisdiction_id"]] if match["jurisdiction_id"].startswith("place:") else None
    if place is not None and "census.gov" not in place.source_href and not match["flag"]:
        note = f"place code as given by {place.source_title}"
        match |= {
            "flag": "place_id_secondary",
            "match_note": "; ".join(filter(None, [match["match_note"], note])),
        }
    return match


def _match(entry: dict, registry: Registry, counties: CountyMatcher, corrections: dict) -> dict:
    state, name, category = entry["state"], entry["name_as_printed"], entry["category_as_printed"]
    fix = corrections.get((entry["list_id"], state, name)) or corrections.get(("*", state, name))
    if fix:
        return {
            "jurisdiction_id": fix["jurisdiction_id"],
            "match": "curated" if fix["jurisdiction_id"] else "none",
            "flag": fix["flag"],
            "match_note": fix["note"],
        }
    kind = HEADINGS.get(category, category)
    bare = _bare_name(name, state)
    if kind == "State":
        st = us.states.lookup(state)
        return {"jurisdiction_id": f"state:{st.fips}", "match": "exact", "flag": "", "match_note": ""}
    if kind == "County" or re.search(r"\b(county|parish|borough)\b", bare, re.I):
        m = counties.match(state, bare)
        flag = "category_mislabel" if kind == "City" and m.id else ""
        note = f"listed under {category}; matched as a county" if flag else m.note
        if m.id or kind == "County":
            return {
                "jurisdiction_id": m.id or "",
                "match": m.method,
                "flag": flag or ("" if m.id else "unmatched"),
                "match_note": note,
            }
    city = re.sub(r"(?i)\s+city$", "", bare).lower() + " city"
    for county in registry.of_kind("county") if kind == "City" else ():  # Virginia's independent cities
        if county.state == state and county.name.lower() == city and not county.valid_to:
            return {
                "jurisdiction_id": county.id,
                "match": "exact",
                "flag": "",
                "match_note": "an independent city: its government is a county-equivalent",
            }
    try:
        j = registry.resolve(f"{bare}, {state}")
        if j.kind == "place" or (j.kind in ("county", "state") and registry.government_of(j.id) != j.id):
            return {"jurisdiction_id": j.id, "match": "exact", "flag": "", "match_note": ""}
    except UnknownJurisdiction:
        pass
    for place in registry.of_kind("place"):  # a consolidated city named by its government
        if (
            place.state == state
            and place.government
            and registry[place.government].name.lower() in (bare.lower(), f"{bare.lower()} county")
        ):
            return {"jurisdiction_id": place.id, "match": "exact", "flag": "", "match_note": ""}
    return {
        "jurisdiction_id": "",
        "match": "none",
        "flag": "unmatched",
        "match_note": "no place with this name in the registry yet (place ids are added as the law "
        "tree or a list names them)",
    }


def build(raw: Path, registry: Registry) -> dict[str, list[dict]]:
    counties, corrections = CountyMatcher(registry), _corrections()
    entries = read_doj() + parse_dhs(raw)
    rows, numbers = [], {}
    for e in entries:
        match = match_entry(e, registry, counties, corrections)
        if e.get("repeat"):  # kept, flagged, and not counted as an entry of the list
            match["flag"] = "print_repeat"
            match["match_note"] = "the printed copy repeats this line across a page break; counted once"
        else:
            numbers[e["list_id"]] = numbers.get(e["list_id"], 0) + 1
        rows.append(
            {
                "list_id": e["list_id"],
                "entry": numbers[e["list_id"]],
                "name_as_printed": e["name_as_printed"],
                "category_as_printed": e["category_as_printed"],
                "state": e["state"],
                "note_as_printed": e["note_as_printed"],
                **match,
            }
        )
    lists = read_lists()
    for lst in lists:
        lst["count_parsed"] = numbers.get(lst["list_id"], 0)
    return {"designation_lists": lists, "designations": rows}
