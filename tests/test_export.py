"""`sanctuary export`: every table written, described in datapackage.json with source and licence."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq

from sanctuary_atlas.export import export


def test_export_writes_every_table_and_describes_it(atlas, tmp_path):
    summary = export(atlas, tmp_path, dt.date(2025, 8, 5))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    files = {p.name for p in tmp_path.iterdir()} - {"datapackage.json"}
    assert {r["path"] for r in package["resources"]} == files
    assert summary["files"] == len(files) + 1
    names = {r["path"].rsplit(".", 1)[0] for r in package["resources"]}
    assert {
        "jurisdictions",
        "measures",
        "provisions",
        "court_events",
        "agreements_287g",
        "designations",
        "county_population",
        "status_2025_08_05",
    } <= names
    for r in package["resources"]:
        assert r["licenses"] and r["description"], r["name"]
        path = tmp_path / r["path"]
        if r["format"] == "csv":
            with path.open(encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
            assert len(rows) == r["rows"]
            assert list(rows[0]) == [f["name"] for f in r["schema"]["fields"]] if rows else True
        elif r["format"] == "parquet":
            assert pq.read_table(path).num_rows == r["rows"]
        else:
            assert len(json.loads(path.read_text())["features"]) == r["rows"]


def test_status_table_agrees_with_decide(atlas, tmp_path):
    export(atlas, tmp_path, dt.date(2018, 3, 1), formats=("csv",))
    with (tmp_path / "status_2018_03_01.csv").open(encoding="utf-8") as fh:
        rows = {(r["id"], r["kind"]): r["effect"] for r in csv.DictReader(fh)}
    for jid in ("county:48453", "county:06037", "county:17031", "county:36061"):
        for kind in ("detainer_hold", "agreement_287g", "share_status_info"):
            assert rows[(jid, kind)] == atlas.decide(jid, kind, "2018-03-01").effect


def test_geojson_status_on_a_date(atlas, tmp_path):
    from sanctuary_atlas.web.geometry import GeometryMissing, county_features

    try:
        county_features()
    except GeometryMissing:
        import pytest

        pytest.skip("map geometry not installed")
    export(atlas, tmp_path, dt.date(2018, 3, 1), formats=("csv",))
    doc = json.loads((tmp_path / "status_2018_03_01.geojson").read_text())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 3100
    travis = next(f for f in doc["features"] if f["id"] == "48453")
    assert travis["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = travis["geometry"]["coordinates"][0][0]
    assert -99 < lon < -97 and 30 < lat < 31
    assert (
        travis["properties"]["detainer_hold"]
        == atlas.decide("county:48453", "detainer_hold", "2018-03-01").effect
    )
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert any(r["format"] == "geojson" for r in package["resources"])
