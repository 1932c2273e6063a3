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
from dataclasses import dataclass, field
from pathlib import Path

from ..registry import Registry
from .crosswalks import NCIC_STATES
from .matching import CountyMatcher, clean, state_abbr, state_of

ICE_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
MODELS = {
    "jail enforcement model": "jail_enforcement",
    "jail enforcement": "jail_enforcement",
    "warrant service officer": "warrant_service_officer",
    "warrant service officers": "warrant_service_officer",
    "task force model": "task_force",
    "task force": "task_force",
}
SHEET_COLUMNS = {
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
    "ADDENDUM",
}
AGENCY_TYPES = {"county": "county", "municipality": "municipal", "state agency": "state"}
# Known extraction artefacts in the Wayback-derived tables: kept as printed, flagged, and read as.
ARTEFACTS = {"Waria-labelon County Sheriff's Office": "Walton County Sheriff's Office"}


@dataclass
class Snapshot:
    id: str
    date: dt.date  # the list's own date: ICE's label, the roster caption, or the capture date
    order: str  # tie-break within a date (am/pm, capture time)
    kind: str  # participating | pending
    series: str  # partners-page | roster | web-table | workbook
    file: str
    source: str
    rows: int = 0


@dataclass
class Sighting:
    snapshot: Snapshot
    state: str | None
    agency: str
    agency_type: str | None
    county: str
    model: str
    signed: dt.date | None
    signed_raw: str
    moa: str
    flags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def agency_key(agency: str) -> str:
    a = clean(ARTEFACTS.get(clean(agency), agency)).lower().replace("'", "")
    a = re.sub(r"[^a-z0-9 ]+", " ", a.replace("&", " and "))
    a = re.sub(r"\bsheriffs?\b", "sheriff", a)
    a = re.sub(r"\bdept\b", "department", a)
    a = re.sub(r"\bcorrection\b", "corrections", a)
    return re.sub(r"\s+", " ", a).strip()


def infer_agency_type(agency: str) -> str:
    a = agency.lower()
    if re.search(r"\b(county|parish)\b", a):
        return "county"
    if re.search(r"\b(state police|state patrol|highway patrol|department of|commission|alcohol)\b", a):
        return "state"
    if re.search(r"\b(police|city of|town of|village of|marshal)\b", a):
        return "municipal"
    return "state"


def county_from_agency(agency: str) -> str:
    m = re.search(r"^(?:the\s+)?(.+?\s(?:county|parish))\b", clean(agency), re.I)
    return m.group(1) if m else ""


def parse_signed(value: object) -> tuple[dt.date | None, str, list[str]]:
    """ICE's signing date: a date, or None with a flag saying why. The raw text is kept."""
    if value in (None, ""):
        return None, "", ["signed_missing"]
    if isinstance(value, dt.datetime | dt.date):
        d = value.date() if isinstance(value, dt.datetime) else value
        raw = d.isoformat()
        if not 1990 <= d.year <= 2030:
            return None, raw, [f"signed_year_{d.year}"]
        return d, raw, []
    raw = clean(value)
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            return parse_signed(dt.datetime.strptime(raw, fmt))[0], raw, []
        except ValueError:
            continue
    return None, raw, ["signed_unreadable"]


def model_of(text: str) -> tuple[str, list[str]]:
    key = clean(text).lower()
    if not key:
        return "unknown", []
    if key in MODELS:
        return MODELS[key], []
    return "unknown", [f"model_unknown:{clean(text)}"]


# ---------------------------------------------------------------- readers, one per series


def read_partners_page(raw: Path) -> list[Sighting]:
    path = raw / "ice-287g/pre2018/historical-ice-lists.csv"
    out, snaps = [], {}
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            as_of = dt.date.fromisoformat(rec["as_of"])
            snap = snaps.setdefault(
                as_of,
                Snapshot(
                    id=f"partners-{as_of}",
                    date=as_of,
                    order=rec["capture"],
                    kind="participating",
                    series="partners-page",
                    file=path.name,
                    source=f"ICE 287(g) partners page, as of {as_of} (Wayback {rec['capture']})",
                ),
            )
            out.append(
                Sighting(
                    snap,
                    state_abbr(rec["state_abbr"]),
                    clean(rec["agency"]),
                    None,
                    "",
                    "unknown",
                    None,
                    "",
                    "",
                    ["model_not_listed", "signed_not_listed"],
                )
            )
    return out


def read_roster(raw: Path) -> list[Sighting]:
    path = raw / "ice-287g/pre2018/pre2018-roster-long.csv"
    out, snaps = [], {}
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            as_of = dt.date.fromisoformat(rec["content_asof"])
            snap = snaps.setdefault(
                rec["snapshot_ts"],
                Snapshot(
                    id=f"roster-{rec['snapshot_ts']}",
                    date=as_of,
                    order=rec["snapshot_ts"],
                    kind="participating",
                    series="roster",
                    file=path.name,
                    source=f"ICE Mutually Signed Agreements roster, {rec['caption'] or 'no caption'} "
                    f"(Wayback {rec['snapshot_ts']}; dated by {rec['asof_basis']})",
                ),
            )
            model, flags = model_of(rec["support_type"])
            signed, signed_raw, sflags = parse_signed(rec["date_signed"])
            out.append(
                Sighting(
                    snap,
                    state_abbr(rec["state"]),
                    clean(rec["agency"]),
                    None,
                    "",
                    model,
                    signed,
                    signed_raw,
                    rec["moa_file"],
                    flags + sflags,
                )
            )
    return out


def read_web_tables(raw: Path) -> list[Sighting]:
    folder = raw / "ice-287g/archived"
    out = []
    with (folder / "MAPPING.csv").open(encoding="utf-8", newline="") as fh:
        files = list(csv.DictReader(fh))
    for f in files:
        ts = f["wayback_timestamp"]
        snap = Snapshot(
            id=f"web-{ts}",
            date=dt.date.fromisoformat(f["capture_date"][:10]),
            order=ts,
            kind="participating",
            series="web-table",
            file=f["new_name"],
            source=f"ICE 287(g) page agency table, Wayback capture {ts}",
        )
        with (folder / f["new_name"]).open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                model, flags = model_of(rec["support"])
                signed, signed_raw, sflags = parse_signed(rec["signed"])
                agency = clean(rec["agency"])
                if agency in ARTEFACTS:
                    flags.append(f"extraction_artefact: read as {ARTEFACTS[agency]!r}")
                out.append(
                    Sighting(
                        snap,
                        state_abbr(rec["state"]),
                        agency,
                        None,
                        "",
                        model,
                        signed,
                        signed_raw,
                        clean(rec["link"]),
                        flags + sflags,
                    )
                )
    return out


def read_workbooks(raw: Path, progress=None) -> list[Sighting]:
    import openpyxl

    folder = raw / "ice-287g/sheets"
    with (folder / "MAPPING.csv").open(encoding="utf-8", newline="") as fh:
        files = list(csv.DictReader(fh))
    out = []
    for f in files:
        label = f["ice_file_label"]
        snap = Snapshot(
            id=f"{f['kind']}-{label}-{f['capture_folder_timestamp_utc']}",
            date=dt.date.fromisoformat(label[:10]),
            order=f"{label[10:]}|{f['capture_folder_timestamp_utc']}",
            kind=f["kind"],
            series="workbook",
            file=f["new_name"],
            source=f"ICE {f['kind']} agencies workbook labelled {label} "
            f"(captured {f['capture_folder_timestamp_utc']})",
        )
        wb = openpyxl.load_workbook(folder / f["new_name"], read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [clean(h) for h in next(rows)]
        new_columns = [h for h in header if h and h not in SHEET_COLUMNS]
        for values in rows:
            if all(v in (None, "") for v in values):
                continue  # trailing blank rows reported by read-only mode: not data
            rec = {h: v for h, v in zip(header, values, strict=False) if h}
            model, flags = model_of(rec.get("SUPPORT TYPE", ""))
            signed, signed_raw, sflags = parse_signed(rec["SIGNED"]) if "SIGNED" in rec else (None, "", [])
            extra = {h: str(rec.get(h)) for h in new_columns if rec.get(h) not in (None, "")}
            kind = clean(rec.get("TYPE", "")).lower()
            state, state_flags = state_of(clean(rec.get("STATE", "")))
            flags += state_flags
            out.append(
                Sighting(
                    snap,
                    state,
                    clean(rec.get("LAW ENFORCEMENT AGENCY", "")),
                    AGENCY_TYPES.get(kind),
                    clean(rec.get("COUNTY", "")),
                    model,
                    signed,
                    signed_raw,
                    clean(rec.get("MOA", "")),
                    flags
                    + sflags
                    + ([f"agency_type_unknown:{kind}"] if kind and kind not in AGENCY_TYPES else []),
                    extra,
                )
            )
        wb.close()
        if progress:
            progress()
    return out


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
