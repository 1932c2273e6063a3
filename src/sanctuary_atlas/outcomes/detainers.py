"""ICE's individual-level detainer records (the layout of the public FOIA releases: 6 lines of
preamble, the header on row 7, 64 or 65 columns) into an embedded DuckDB database without loading
a file into memory; facilities mapped to counties; detainers issued and declined by county and
month, joined to the county's legal status. Malformed rows are kept in a rejects table, never lost.

    sanctuary detainers load FILE... --db detainers.duckdb
    sanctuary detainers summary --db detainers.duckdb [--definition limits_detainer_holds]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

PREAMBLE_LINES = 6
ICE_COLUMNS = [
    "Detainer Prepare Date",
    "Facility State",
    "Facility AOR",
    "Port of Departure",
    "Departure Country",
    "Departed Date",
    "Case Status",
    "Detainer Criminality",
    "Detainer Facility",
    "Detainer Facility Code",
    "Facility City",
    "Detainer Threat Level",
    "Gender",
    "Citizenship Country",
    "Birth Country",
    "Birth Date",
    "Birth Year",
    "Entry Status",
    "MSC Charge",
    "MSC Sentence Days",
    "MSC Sentence Months",
    "MSC Sentence Years",
    "MSC Charge Code",
    "MSC Charge Date",
    "MSC Conviction Date",
    "Aggravated Felon Yes No",
    "Processing Disposition",
    "Case Category",
    "TOA Case Category",
    "TOA Current Program",
    "Apprehension Method",
    "Final Order Yes No",
    "Final Order Date",
    "Apprehension Date",
    "Entry Date",
    "Prior Felony Yes No",
    "Multiple Prior MISD Yes No",
    "Violent Misdemeanor Yes No",
    "Illegal Entry Yes No",
    "Illegal Reentry Yes No",
    "Immigration Fraud Yes No",
    "Significant Risk Yes No",
    "Other Removal Reason Yes No",
    "Other Removal Reason",
    "Criminal Street Gang Yes No",
    "Aggravated Felony Yes No",
    "Deportation Ordered Yes No",
    "Order to Show Cause Served Yes No",
    "Order to Show Cause Served Date",
    "Biometric Match Yes No",
    "Statements Made Yes No",
    "Unlawful Attempt Yes No",
    "Unlawful Entry Yes No",
    "Visa Yes No",
    "Federal Register Notice Yes No",
    "Resume Custody Yes No",
    "Detainer Lift Reason",
    "Detainer Lift Reason Code",
    "Active Investigation Yes No",
    "Arrest Warrant Served Date",
    "Detainer Type",
    "Notify Release Request Yes No",
    "TOD Current Duty Site",
    "EID DTA ID",
    "Anonymized Identifier",
]
DECLINED = (
    "%declined%"  # ICE's lift reason for a detainer a local agency declined ("Detainer Declined by LEA")
)


def snake(header: str) -> str:
    if header == "Order to Show Cause Served Yes No":
        return "order_show_cause_served_yes_no"
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def connect(db: str | Path):
    import duckdb

    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE IF NOT EXISTS detainer_loads (file VARCHAR, rows BIGINT, rejected BIGINT, "
        "missing_columns VARCHAR, extra_columns VARCHAR)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS detainer_rejects (file VARCHAR, line BIGINT, error VARCHAR, raw VARCHAR)"
    )
    return con


def _ensure_table(con, columns: list[str]) -> None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'detainers'"
    ).fetchone()[0]
    if not exists:
        cols = ", ".join(f'"{c}" VARCHAR' for c in columns)
        con.execute(f"CREATE TABLE detainers (file_original VARCHAR, row_original BIGINT, {cols})")
        return
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'detainers'"
        ).fetchall()
    }
    for c in columns:
        if c not in have:  # a release with a new column: keep it
            con.execute(f'ALTER TABLE detainers ADD COLUMN "{c}" VARCHAR')


def _record(con, file: str, rows: int, rejected: int, header: list[str]) -> dict:
    expected = [snake(h) for h in ICE_COLUMNS]
    missing = [c for c in expected if c not in header and c != "birth_date"]
    extra = [c for c in header if c not in expected]
    con.execute(
        "INSERT INTO detainer_loads VALUES (?, ?, ?, ?, ?)",
        [file, rows, rejected, ",".join(missing), ",".join(extra)],
    )
    return {
        "file": file,
        "rows": rows,
        "rejected": rejected,
        "missing_columns": missing,
        "extra_columns": extra,
    }


def load_csv(con, path: Path, batch: int = 100_000) -> dict:
    """Stream the CSV with the csv module in batches (the file is never held in memory); a row whose
    number of fields differs from the header's goes to detainer_rejects with its line and text."""
    import csv

    rows = rejected = 0
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for _ in range(PREAMBLE_LINES):
            fh.readline()
        reader = csv.reader(fh)
        header = [snake(h) for h in next(reader)]
        _ensure_table(con, header)
        chunk: list[list] = []
        for values in reader:
            line = reader.line_num + PREAMBLE_LINES
            if not any(values):
                continue
            if len(values) != len(header):
                rejected += 1
                con.execute(
                    "INSERT INTO detainer_rejects VALUES (?, ?, ?, ?)",
                    [
                        path.name,
                        line,
                        f"{len(values)} fields, the header has {len(header)}",
                        ",".join(values)[:2000],
                    ],
                )
                continue
            chunk.append([line, *[v if v != "" else None for v in values]])
            if len(chunk) >= batch:
                _insert(con, path.name, header, chunk)
                rows += len(chunk)
                chunk = []
        if chunk:
            _insert(con, path.name, header, chunk)
            rows += len(chunk)
    return _record(con, path.name, rows, rejected, header)


def _insert(con, file: str, header: list[str], chunk: list[list]) -> None:
    import pyarrow as pa

    columns = list(zip(*chunk, strict=True))
    table = pa.table(
        {
            "file_original": pa.array([file] * len(chunk), pa.string()),
            "row_original": pa.array(columns[0], pa.int64()),
            **{h: pa.array(col, pa.string()) for h, col in zip(header, columns[1:], strict=True)},
        }
    )
    con.register("chunk", table)
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con.execute(f"INSERT INTO detainers ({cols}) SELECT {cols} FROM chunk")
    con.unregister("chunk")


def load_parquet(con, path: Path) -> dict:
    header = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    renamed = [snake(h) for h in header]
    _ensure_table(con, renamed)
    select = ", ".join(f'CAST("{h}" AS VARCHAR) AS "{n}"' for h, n in zip(header, renamed, strict=True))
    cols = ", ".join(f'"{n}"' for n in renamed)
    con.execute(f"""INSERT INTO detainers (file_original, row_original, {cols})
        SELECT '{path.name}', row_number() OVER (), {cols}
        FROM (SELECT {select} FROM read_parquet('{path}'))""")
    rows = con.execute("SELECT count(*) FROM detainers WHERE file_original = ?", [path.name]).fetchone()[0]
    return _record(con, path.name, rows, 0, renamed)


def load_excel(con, path: Path, batch: int = 50_000) -> dict:
    """Every sheet, streamed with openpyxl in batches (read-only mode never holds the workbook)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = rejected = 0
    header: list[str] = []
    for ws in wb.worksheets:
        it = ws.iter_rows(values_only=True)
        for _ in range(PREAMBLE_LINES):
            next(it, None)
        header = [snake(str(h)) for h in next(it, []) if h is not None]
        _ensure_table(con, header)
        chunk: list[list] = []
        line = PREAMBLE_LINES + 1

        for values in it:
            line += 1
            if values is None or all(v in (None, "") for v in values):
                continue
            if len([v for v in values[len(header) :] if v not in (None, "")]):
                rejected += 1
                con.execute(
                    "INSERT INTO detainer_rejects VALUES (?, ?, ?, ?)",
                    [path.name, line, "more fields than the header", repr(values)[:2000]],
                )
                continue
            chunk.append([line, *[None if v is None else str(v) for v in values[: len(header)]]])
            if len(chunk) >= batch:
                _insert(con, f"{path.name}:{ws.title}", header, chunk)
                rows += len(chunk)
                chunk = []
        if chunk:
            _insert(con, f"{path.name}:{ws.title}", header, chunk)
            rows += len(chunk)
    wb.close()
    return _record(con, path.name, rows, rejected, header)


def load(paths: list[Path], db: str | Path) -> list[dict]:
    con = connect(db)
    out = []
    for path in map(Path, paths):
        loader = {".csv": load_csv, ".parquet": load_parquet, ".xlsx": load_excel}.get(path.suffix.lower())
        if loader is None:
            raise ValueError(f"{path}: not a CSV, Parquet or Excel file")
        out.append(loader(con, path))
    con.close()
    return out


def facility_counties(con, registry, agency_rows: list[dict]) -> None:
    """Map each (state, city, facility) to a county: "X COUNTY" in the facility's name, else the county
    the FBI lists for the facility's city police, else unmatched (kept, with its reason)."""
    from ..importers.matching import CountyMatcher, state_abbr

    matcher = CountyMatcher(registry)
    cities: dict[tuple[str, str], str] = {}
    for a in agency_rows:
        if a["agency_type"] == "City" and a["county_fips"]:
            cities.setdefault((a["state"], a["agency"].lower()), a["county_fips"].split(";")[0])
    facilities = con.execute(
        "SELECT DISTINCT facility_state, facility_city, detainer_facility FROM detainers"
    ).fetchall()
    rows = []
    for state_text, city, facility in facilities:
        state = state_abbr(state_text or "") or (state_text or "")
        fips, how = "", "unmatched: no county in the facility's name, and its city is not on the FBI list"
        m = re.search(r"^(.+?)\s+(COUNTY|PARISH)\b", (facility or "").upper())
        if m:
            match = matcher.match(state, f"{m.group(1).title()} {m.group(2).title()}")
            if match.id:
                fips, how = match.id.split(":")[1], f"facility name ({match.method})"
        if not fips and city and (state, city.lower()) in cities:
            fips, how = cities[(state, city.lower())], "facility city (FBI agency list)"
        rows.append((state_text, city, facility, fips, how))
    con.execute(
        "CREATE OR REPLACE TABLE facility_county (facility_state VARCHAR, facility_city VARCHAR, "
        "detainer_facility VARCHAR, county_fips VARCHAR, matched_by VARCHAR)"
    )
    con.executemany("INSERT INTO facility_county VALUES (?, ?, ?, ?, ?)", rows)


def county_months(con) -> list[dict]:
    """Detainers issued and lifted as declined by county and month. Rows whose prepare date cannot be
    read are counted under month 'unreadable' (kept, not dropped)."""
    cur = con.execute(f"""
        SELECT coalesce(f.county_fips, '') AS county_fips,
               coalesce(strftime(coalesce(
                   try_strptime(d.detainer_prepare_date, '%Y-%m-%d'),
                   try_strptime(d.detainer_prepare_date, '%m/%d/%Y'),
                   try_strptime(d.detainer_prepare_date, '%Y-%m-%d %H:%M:%S')), '%Y-%m'),
                 'unreadable') AS month,
               count(*) AS issued,
               count(*) FILTER (WHERE lower(d.detainer_lift_reason) LIKE '{DECLINED}') AS declined
        FROM detainers d LEFT JOIN facility_county f
          ON d.facility_state IS NOT DISTINCT FROM f.facility_state
         AND d.facility_city IS NOT DISTINCT FROM f.facility_city
         AND d.detainer_facility IS NOT DISTINCT FROM f.detainer_facility
        GROUP BY ALL ORDER BY county_fips, month""")
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def summary(atlas, db: str | Path, definition: str = "limits_detainer_holds") -> list[dict]:
    """County-month counts joined to the county's status under `definition` on the month's first day."""
    from .. import definitions as D

    con = connect(db)
    agency_rows = [dict(r) for r in atlas._need_db().execute("SELECT * FROM agency_counties")]
    facility_counties(con, atlas.registry, agency_rows)
    rows = county_months(con)
    con.close()
    months = sorted({r["month"] for r in rows if r["month"] != "unreadable"})
    dates = [dt.date.fromisoformat(m + "-01") for m in months]
    status = {}
    if dates:
        ids, mask = D.series(atlas, D.get(definition), "county", dates)
        for i, jid in enumerate(ids):
            for k, m in enumerate(months):
                status[(jid.split(":")[1], m)] = bool(mask[i, k])
    for r in rows:
        r["definition"] = definition
        r["status"] = status.get((r["county_fips"], r["month"])) if r["county_fips"] else None
    return rows
