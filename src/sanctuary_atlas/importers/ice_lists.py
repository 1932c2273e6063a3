"""ICE's 287(g) lists, read as they were published: one reader per series (the 2007-2008 partners
page, the 2011-2017 roster, the 2021-2024 web tables, the 2025 workbooks), each row a sighting of
an agreement on a dated list, with ICE's spelling and errors kept and flagged."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .matching import clean, state_abbr, state_of

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
