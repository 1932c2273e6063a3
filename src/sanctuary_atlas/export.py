"""`sanctuary export`: every table as CSV and Parquet, the law flattened into tables, each
county's answers on a date, and a Frictionless datapackage.json describing them all."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

PUBLIC_DOMAIN = {"name": "public-domain", "title": "U.S. Government Work (17 U.S.C. 105)"}
PROJECT = {"name": "MIT", "title": "MIT License (the atlas's own compilation and code)"}
CENSUS = {"title": "U.S. Census Bureau", "path": "https://www.census.gov/"}
ICE = {
    "title": "U.S. Immigration and Customs Enforcement, 287(g) program lists",
    "path": "https://www.ice.gov/identify-and-arrest/287g",
}
TABLES = {  # name: (description, sources, licence)
    "jurisdictions": (
        "Every state, county and county-equivalent, and the places the atlas names, with FIPS "
        "codes, validity dates and consolidated-government aliases",
        [
            CENSUS,
            {
                "title": "Wikipedia infoboxes, for place codes (each place's source_title says which)",
                "path": "https://en.wikipedia.org/",
            },
        ],
        PUBLIC_DOMAIN,
    ),
    "measures": (
        "Every measure of the law tree: one version of one legal instrument, with dates and its "
        "official source",
        [{"title": "Sanctuary Atlas law tree (each row cites its source)"}],
        PROJECT,
    ),
    "provisions": (
        "Every provision: request kind, effect, who it binds, pin cite and dates",
        [{"title": "Sanctuary Atlas law tree (each row cites its source)"}],
        PROJECT,
    ),
    "court_events": (
        "Injunctions, stays and rulings that suspend or restore provisions, with scope and window",
        [{"title": "Sanctuary Atlas law tree (each row cites its source)"}],
        PROJECT,
    ),
    "agreements_287g": (
        "287(g) agreements: agency x model x signing date, with status over ICE's lists",
        [ICE],
        PUBLIC_DOMAIN,
    ),
    "agreement_lists_287g": (
        "Each ICE 287(g) list (workbook, web table, roster) and its date",
        [ICE],
        PUBLIC_DOMAIN,
    ),
    "agreement_sightings_287g": (
        "Each agreement's appearance on each ICE list, as printed",
        [ICE],
        PUBLIC_DOMAIN,
    ),
    "agreements_287g_flagged": (
        "Agreements with data-quality flags (ICE's errors kept, not fixed)",
        [ICE],
        PUBLIC_DOMAIN,
    ),
    "agreements_287g_reconstructed": (
        "Secondary: an agency-level reconstruction of 287(g) agreements 2002-2017 from ICE's "
        "rosters, CRS RL32270, GAO-09-109, MPI and NCLR appendices; linked to ICE-list agreements",
        [
            {
                "title": "deportationdata/ice-287g, pre2018-agreements-best-guess.csv (commit "
                "92556ed51e6084d8672c45611063fc2e2956160a)",
                "path": "https://github.com/deportationdata/ice-287g",
            }
        ],
        {
            "name": "unspecified",
            "title": "No licence stated by the compiler; the facts come from "
            "U.S. Government works and published studies",
        },
    ),
    "designation_lists": (
        "Government 'sanctuary' lists: publisher, date, withdrawal, citation",
        [{"title": "U.S. Department of Justice; U.S. Department of Homeland Security"}],
        PUBLIC_DOMAIN,
    ),
    "designations": (
        "Each entry of each list as printed, matched to a jurisdiction, mislabels flagged",
        [{"title": "U.S. Department of Justice; U.S. Department of Homeland Security"}],
        PUBLIC_DOMAIN,
    ),
    "county_population": (
        "County population and components of change, 2010-2019 (Vintage 2019)",
        [
            {
                "title": "U.S. Census Bureau, co-est2019-alldata",
                "path": "https://www2.census.gov/programs-surveys/popest/datasets/2010-2019/"
                "counties/totals/co-est2019-alldata.csv",
            }
        ],
        PUBLIC_DOMAIN,
    ),
    "county_facts": (
        "County covariates c. 2014 (QuickFacts; column names carry the data years)",
        [
            {
                "title": "U.S. Census Bureau, State & County QuickFacts",
                "path": "https://www.census.gov/quickfacts/",
            }
        ],
        PUBLIC_DOMAIN,
    ),
    "county_aor": (
        "County to ICE Enforcement and Removal Operations Area of Responsibility",
        [{"title": "ICE ERO Areas of Responsibility"}],
        PUBLIC_DOMAIN,
    ),
    "agency_counties": (
        "Law-enforcement agency (FBI ORI) to county",
        [{"title": "FBI Crime Data Explorer agency list, 2025", "path": "https://cde.ucr.cjis.gov/"}],
        PUBLIC_DOMAIN,
    ),
    "detainers_national": (
        "National ICE detainers by calendar year and lift reason, 2007-2015 (NPR's "
        "aggregates of ICE records released under FOIA)",
        [{"title": "NPR, from ICE records released under FOIA"}],
        PUBLIC_DOMAIN,
    ),
    "import_problems": ("Rows the importers kept but could not fully match, and why", [], PROJECT),
}


def law_tables(law) -> dict[str, list[dict]]:
    measures = []
    for mid, m in sorted(law.measures.items()):
        ends = m.get("ends") or {}
        source = m["sources"][0]
        measures.append(
            {
                "id": mid,
                "title": m["title"],
                "kind": m["kind"],
                "jurisdiction": m["jurisdiction"],
                "enacted": m.get("enacted", ""),
                "effective": m["effective"],
                "ends": ends.get("date", ""),
                "ends_reason": ends.get("reason", ""),
                "confidence": m.get("confidence", "high"),
                "source_title": source["title"],
                "source_href": source["href"],
            }
        )
    provisions = [
        {
            "key": p.key,
            "measure": p.measure,
            "provision": p.provision,
            "government": p.government,
            "level": p.level,
            "kind": p.kind,
            "effect": p.effect,
            "applies_to": ";".join(sorted(p.actors)),
            "cite": p.cite,
            "effective": p.start.isoformat(),
            "ends": p.end.isoformat() if p.end else "",
            "exceptions": json.dumps([e.__dict__ for e in p.exceptions], sort_keys=True),
        }
        for p in sorted(law.provisions, key=lambda p: p.key)
    ]
    events = [
        {
            "id": e.id,
            "event": e.event,
            "title": e.title,
            "date": e.date.isoformat(),
            "ends": e.end.isoformat() if e.end else "",
            "scope": ";".join(sorted(e.scope or ["everywhere"])),
            "suspends": ";".join(sorted(e.suspends)),
            "restores": ";".join(sorted(e.restores)),
            "cite": e.cite,
            "source_href": e.href,
        }
        for e in law.events
    ]
    return {"measures": measures, "provisions": provisions, "court_events": events}


def store_tables(con) -> dict[str, list[dict]]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = {}
    for name in names:
        if name in ("meta", "documents"):
            continue
        cur = con.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
        cols = [c[0] for c in cur.description]
        out[name] = [dict(zip(cols, row, strict=True)) for row in cur]
    return out


def status_table(atlas, on: dt.date) -> list[dict]:
    g = atlas.grid("county", dates=[on])
    from .engine.grid import EFFECT_NAMES

    return [
        {"id": jid, "date": on.isoformat(), "kind": kind, "effect": EFFECT_NAMES[int(g.codes[i, 0, k])]}
        for i, jid in enumerate(g.ids)
        for k, kind in enumerate(g.kinds)
    ]


def export(atlas, out: Path, on: dt.date, formats: tuple[str, ...] = ("csv", "parquet")) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    tables = {**store_tables(atlas.db), **law_tables(atlas.law)}
    status_name = f"status_{on.isoformat().replace('-', '_')}"
    tables[status_name] = status_table(atlas, on)
    resources = []
    for name, rows in sorted(tables.items()):
        fields = list(rows[0]) if rows else []
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            _write(path, fmt, fields, rows)
            description, sources, licence = (
                TABLES.get(
                    name,
                    (f"Each county's answer for every request kind on {on} (default facts)", [], PROJECT),
                )
                if name == status_name or name in TABLES
                else ("", [], PROJECT)
            )
            resources.append(
                {
                    "name": f"{name}-{fmt}" if len(formats) > 1 else name,
                    "path": path.name,
                    "format": fmt,
                    "description": description,
                    "sources": sources,
                    "licenses": [licence],
                    "schema": {"fields": [{"name": f, "type": "string"} for f in fields]},
                    "rows": len(rows),
                }
            )
    geojson, geojson_rows = _write_geojson(out, on, tables[status_name])
    if geojson:
        resources.append(
            {
                "name": geojson.stem,
                "path": geojson.name,
                "format": "geojson",
                "description": f"Every county shape with its answer for each request kind on {on} "
                "(default facts); shapes from us-atlas (Census cartographic boundaries)",
                "sources": [
                    {
                        "title": "U.S. Census Bureau cartographic boundary files, via us-atlas",
                        "path": "https://github.com/topojson/us-atlas",
                    }
                ],
                "licenses": [PUBLIC_DOMAIN],
                "rows": geojson_rows,
            }
        )
    package = {
        "name": "sanctuary-atlas",
        "title": "Sanctuary Atlas",
        "description": "US state and local law on cooperation with federal immigration enforcement, "
        "with 287(g) agreements, government lists and county facts.",
        "licenses": [PROJECT],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return {"out": str(out), "tables": len(tables), "files": len(resources) + 1}


def _write_geojson(out: Path, on: dt.date, status: list[dict]) -> tuple[Path | None, int]:
    """Jurisdiction status on a date as GeoJSON (None where the map geometry is not installed)."""
    from .web.geometry import GeometryMissing, county_features

    try:
        features = county_features()
    except GeometryMissing:
        return None, 0
    answers: dict[str, dict[str, str]] = {}
    for row in status:
        answers.setdefault(row["id"], {})[row["kind"]] = row["effect"]
    for f in features:
        f["properties"].update(
            {"id": f"county:{f['id']}", "date": on.isoformat(), **answers.get(f"county:{f['id']}", {})}
        )
    path = out / f"status_{on.isoformat().replace('-', '_')}.geojson"
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")),
        encoding="utf-8",
    )
    return path, len(features)


def _write(path: Path, fmt: str, fields: list[str], rows: list[dict]) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table(
            {f: pa.array([None if r[f] is None else str(r[f]) for r in rows], pa.string()) for f in fields}
        )
        pq.write_table(table, path)
    else:
        raise ValueError(f"unknown format {fmt!r}")
