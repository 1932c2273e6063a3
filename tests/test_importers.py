"""Importers over the raw public files (skipped where the raw files are not beside the project):
nothing lost, nothing silently fixed, and the same tables every time."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sanctuary_atlas.importers import designations, ice_287g
from sanctuary_atlas.importers.tables import read_table
from sanctuary_atlas.registry import Registry

RAW = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_raw = pytest.mark.skipif(not (RAW / "ice-287g").is_dir(), reason="raw public files not present")
R = Registry.from_csv()


@pytest.fixture(scope="module")
def built():
    return ice_287g.build(RAW, R)


@needs_raw
def test_every_workbook_row_is_kept(built):
    with (RAW / "ice-287g/sheets/MAPPING.csv").open(encoding="utf-8") as fh:
        expected = {r["new_name"]: int(r["data_rows"]) for r in csv.DictReader(fh)}
    lists = {r["file"]: int(r["rows"]) for r in built["agreement_lists_287g"] if r["series"] == "workbook"}
    assert lists == expected


@needs_raw
def test_every_archived_and_roster_row_is_kept(built):
    with (RAW / "ice-287g/archived/MAPPING.csv").open(encoding="utf-8") as fh:
        archived = sum(int(r["data_rows"]) for r in csv.DictReader(fh))
    rows = built["agreement_lists_287g"]
    assert sum(r["rows"] for r in rows if r["series"] == "web-table") == archived == 2831
    assert sum(r["rows"] for r in rows if r["series"] == "roster") == 1472
    assert sum(r["rows"] for r in rows if r["series"] == "partners-page") == 69
    assert sum(r["rows"] for r in rows) == len(built["agreement_sightings_287g"])


@needs_raw
def test_the_committed_tables_are_what_the_importer_writes(built):
    for name in ("agreements_287g", "agreement_lists_287g"):
        committed = read_table(name)
        fresh = [{k: str(v) for k, v in row.items()} for row in built[name]]
        assert committed == fresh, f"{name} is stale: run make data"


@needs_raw
def test_importer_is_deterministic(built):
    again = ice_287g.build(RAW, R)
    assert again == built


@needs_raw
def test_designations_importer_matches_committed_table():
    fresh = designations.build(RAW, R)["designations"]
    assert read_table("designations") == [{k: str(v) for k, v in r.items()} for r in fresh]


def test_a_signing_date_in_the_year_5025_is_flagged_not_fixed():
    import datetime as dt

    signed, raw, flags = ice_287g.parse_signed(dt.datetime(5025, 7, 7))
    assert signed is None and raw == "5025-07-07" and flags == ["signed_year_5025"]
    assert ice_287g.parse_signed("05/082025")[2] == ["signed_unreadable"]
    assert ice_287g.parse_signed("7/7/2025")[0] == dt.date(2025, 7, 7)
    assert ice_287g.parse_signed(None)[2] == ["signed_missing"]


def test_agency_names_normalise_but_stay_distinct():
    assert ice_287g.agency_key("Harris County Sheriff’s Office") == ice_287g.agency_key(
        "Harris County Sheriffs Office"
    )
    assert ice_287g.agency_key("Waria-labelon County Sheriff's Office") == ice_287g.agency_key(
        "Walton County Sheriff's Office"
    )
    assert ice_287g.agency_key("Harris County Sheriff's Office") != ice_287g.agency_key(
        "Harris County Constable"
    )


@pytest.mark.parametrize(
    ("state", "printed", "expected"),
    [
        ("VA", "Richmond", "county:51760"),  # Richmond city, not Richmond County (51159)
        ("MD", "Baltimore City", "county:24510"),
        ("NY", "Albany", "place:3601000"),  # Albany city, not Albany County (36001)
    ],
)
def test_a_city_entry_matches_its_own_government(state, printed, expected):
    entry = {"list_id": "test", "state": state, "name_as_printed": printed, "category_as_printed": "Cities"}
    match = designations.match_entry(entry, R, designations.CountyMatcher(R), {})
    assert match["jurisdiction_id"] == expected


@needs_raw
def test_reconstruction_keeps_every_source_row():
    from sanctuary_atlas.importers import ice_287g_reconstruction

    with (RAW / ice_287g_reconstruction.FILE).open(encoding="utf-8") as fh:
        source_rows = len(list(csv.DictReader(fh)))
    out = ice_287g_reconstruction.build(RAW, R, read_table("agreements_287g"))
    assert len(out["agreements_287g_reconstructed"]) == source_rows == 229
