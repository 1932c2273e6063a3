"""287(g) agreements, 2007-2025, from ICE's own lists, into one dated history.

Sources (raw files are read, never committed; see docs/data.md):
- ICE 287(g) partners page, agency lists as of 2007-09-19 and 2008-03-10 (Wayback captures);
- ICE "Mutually Signed Agreements" roster, 33 Wayback captures 2011-2017 (long form);
- ICE 287(g) page agency table, 20 Wayback captures 2021-2024;
- ICE participating and pending agency workbooks, May-July 2025, each dated by ICE's own label
  in its file name (MAPPING.csv), not by when it was downloaded.

An agreement is one agency x model x signing date. Each list is a snapshot; an agreement's
status over time is read from the snapshots it appears on. ICE's errors are kept and flagged,
never fixed: a signing date in the year 5025 stays as printed, with a flag.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

from ..registry import Registry
from .crosswalks import NCIC_STATES
from .ice_lists import (
    ARTEFACTS,
    ICE_PAGE,
    Sighting,
    agency_key,
    county_from_agency,
    infer_agency_type,
    parse_signed,
    read_partners_page,
    read_roster,
    read_web_tables,
    read_workbooks,
)
from .matching import CountyMatcher, clean

__all__ = ["agency_key", "build", "parse_signed"]


# ---------------------------------------------------------------- county of an agency


def _city_key(name: str) -> str:
    n = " " + clean(name).lower().replace(".", " ") + " "
    for short, full in ((" ft ", " fort "), (" mt ", " mount "), (" st ", " saint ")):
        n = n.replace(short, full)
    return re.sub(r"\s+", " ", n).strip()


class AgencyCounties:
    """The county an agency belongs to: the sheet's COUNTY column, the agency's own name
    ("X County Sheriff's Office"), or the FBI agency list (a city police department's county)."""

    def __init__(self, registry: Registry, raw: Path):
        self.matcher = CountyMatcher(registry)
        self.cities: dict[tuple[str, str], list[str]] = defaultdict(list)
        path = raw / "agencies/fbi-agencies-2025.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for rec in csv.DictReader(fh):
                    if rec["agency_type_name"] == "City":
                        key = (
                            NCIC_STATES.get(rec["state_abbr"], rec["state_abbr"]),
                            _city_key(rec["pub_agency_name"]),
                        )
                        self.cities[key].append(rec["county_name"])

    def county(self, s: Sighting, agency_type: str) -> tuple[str, str, str]:
        """(county id or "", method, note): the first exact match among the sheet's COUNTY
        column, the agency's own name and the FBI list; else the best fuzzy one; else none."""
        if agency_type == "state":
            return "", "not_applicable", "state agency"
        candidates = []
        if s.county and s.county.upper() not in ("#N/A", "N/A"):
            candidates.append((s.county, "sheet"))
        own = county_from_agency(ARTEFACTS.get(s.agency, s.agency))
        if own:
            candidates.append((own, "agency name"))
        if agency_type == "municipal":
            city = re.sub(
                r"^(city|town|village) of |\s*(police|public safety|marshal).*$", "", s.agency, flags=re.I
            )
            for listed in self.cities.get((s.state or "", _city_key(city)), [])[:1]:
                parts = [p.strip() for p in re.split(r"[;,]", listed) if p.strip()]
                note = f" (the city spans {', '.join(parts)}: the first is taken)" if len(parts) > 1 else ""
                candidates.append((parts[0].title() if parts else "", f"FBI agency list{note}"))
        if not candidates:
            return "", "none", "no county named in the source"
        matches = [(self.matcher.match(s.state, name), via, name) for name, via in candidates]
        for wanted in ("exact", "fuzzy"):
            for m, via, name in matches:
                if m.method == wanted:
                    return m.id, m.method, f"{via}: {m.note or name}"
        m, via, name = matches[0]
        return "", "none", f"{via}: {m.note}"


# ---------------------------------------------------------------- assemble


def agreement_id(state: str, key: str, model: str, signed: str, kind: str) -> str:
    digest = hashlib.sha1(f"{kind}|{state}|{key}|{model}|{signed}".encode()).hexdigest()[:10]
    return f"287g-{(state or 'xx').lower()}-{digest}"


def build(raw: Path, registry: Registry, progress=None) -> dict[str, list[dict]]:
    sightings = [
        *read_partners_page(raw),
        *read_roster(raw),
        *read_web_tables(raw),
        *read_workbooks(raw, progress),
    ]
    counties = AgencyCounties(registry, raw)
    snapshots = {s.snapshot.id: s.snapshot for s in sightings}
    for s in sightings:
        s.snapshot.rows += 1
    by_agreement: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        signed_key = s.signed.isoformat() if s.signed else s.signed_raw
        aid = agreement_id(s.state or "", agency_key(s.agency), s.model, signed_key, s.snapshot.kind)
        by_agreement[aid].append(s)
    ordered = sorted(snapshots.values(), key=lambda n: (n.date, n.order))
    series_dates = defaultdict(list)
    for n in ordered:
        series_dates[n.kind].append(n.date)
        series_dates[(n.kind, n.series)].append(n.date)
    latest = {kind: max(dates) for kind, dates in series_dates.items()}
    agreements, sighting_rows, flagged = [], [], []
    lineage: dict[tuple, list[tuple[dt.date, str]]] = defaultdict(list)
    for aid, group in by_agreement.items():
        group.sort(key=lambda s: (s.snapshot.date, s.snapshot.order))
        last = group[-1]
        kind = last.snapshot.kind
        agency_type = next(
            (s.agency_type for s in reversed(group) if s.agency_type), None
        ) or infer_agency_type(ARTEFACTS.get(last.agency, last.agency))
        county_id, method, note = counties.county(
            next((s for s in reversed(group) if s.county), last), agency_type
        )
        flags = sorted({f for s in group for f in s.flags})
        if agency_type != "state" and method in ("none", "fuzzy"):
            flags.append(f"county_{method}: {note}")
        seen_dates = sorted({s.snapshot.date for s in group})
        # A listing without a model (the 2007-2008 partners page) cannot be followed into lists that
        # name models: it is absent only from later lists of its own series.
        scope = (kind, last.snapshot.series) if last.model == "unknown" else kind
        later = [d for d in series_dates[scope] if d > seen_dates[-1]]
        row = {
            "agreement_id": aid,
            "list": kind,
            "state": last.state or "",
            "agency": last.agency,
            "agency_key": agency_key(last.agency),
            "agency_type": agency_type,
            "model": last.model,
            "signed": last.signed.isoformat() if last.signed else "",
            "signed_raw": last.signed_raw,
            "county_fips": county_id.split(":")[1] if county_id else "",
            "county_match": method,
            "first_seen": seen_dates[0].isoformat(),
            "last_seen": seen_dates[-1].isoformat(),
            "absent_from": later[0].isoformat() if later else "",
            "n_lists": len({s.snapshot.id for s in group}),
            "status": "",
            "superseded_by": "",
            "flags": "; ".join(flags),
        }
        agreements.append(row)
        lineage[(kind, row["state"], row["agency_key"], row["model"])].append(
            (seen_dates[-1], row["signed"], aid)
        )
        if flags:
            flagged.append(
                {
                    "agreement_id": aid,
                    "agency": last.agency,
                    "state": last.state or "",
                    "flags": "; ".join(flags),
                }
            )
        for s in group:
            sighting_rows.append(
                {
                    "snapshot_id": s.snapshot.id,
                    "agreement_id": aid,
                    "agency_as_printed": s.agency,
                    "county_as_printed": s.county,
                    "signed_as_printed": s.signed_raw,
                    "moa": s.moa,
                    "extra": json.dumps(s.extra, sort_keys=True) if s.extra else "",
                }
            )
    _statuses(agreements, lineage, latest)
    return {
        "agreements_287g": sorted(
            agreements,
            key=lambda r: (r["state"], r["agency_key"], r["model"], r["signed"], r["agreement_id"]),
        ),
        "agreement_lists_287g": [
            {
                "snapshot_id": n.id,
                "date": n.date.isoformat(),
                "order": n.order,
                "list": n.kind,
                "series": n.series,
                "rows": n.rows,
                "file": n.file,
                "source": n.source,
                "href": ICE_PAGE,
            }
            for n in ordered
        ],
        "agreement_sightings_287g": sorted(
            sighting_rows, key=lambda r: (r["snapshot_id"], r["agreement_id"], r["agency_as_printed"])
        ),
        "agreements_287g_flagged": sorted(
            flagged, key=lambda r: (r["state"], r["agency"], r["agreement_id"])
        ),
    }


def _statuses(agreements: list[dict], lineage: dict, latest: dict) -> None:
    by_id = {a["agreement_id"]: a for a in agreements}
    for versions in lineage.values():
        versions.sort()
        for i, (last_seen, _, aid) in enumerate(versions):
            row = by_id[aid]
            if row["model"] == "unknown" and last_seen != latest[row["list"]]:
                row["status"] = (
                    "listed_without_model"  # the 2007-2008 partners page: a listing, not a lifecycle
                )
            elif last_seen == latest[row["list"]]:
                row["status"] = "active" if row["list"] == "participating" else "pending"
            elif i + 1 < len(versions):
                row["status"], row["superseded_by"] = "superseded", versions[i + 1][2]
            else:
                row["status"] = "removed" if row["list"] == "participating" else "no_longer_pending"
