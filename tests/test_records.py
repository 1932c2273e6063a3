"""The public record in the compiled store: 287(g) agreements and government lists."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctuary_atlas.errors import BadInput
from sanctuary_atlas.importers.tables import read_table


def test_agreements_on_a_sheet_day_match_that_sheet(atlas):
    out = atlas.agreements("2025-07-18")
    lists = {r["snapshot_id"]: r for r in read_table("agreement_lists_287g")}
    sheet = lists[out.ice_list.id]
    assert sheet["date"] == "2025-07-18" and sheet["list"] == "participating"
    assert out.count == int(sheet["rows"]) == 832  # ICE's workbook labelled 2025-07-18pm has 832 rows
    assert out.days_since_list == 0


def test_agreements_by_state_and_stale_list_note(atlas):
    tx = atlas.agreements("2025-07-18", state="tx")
    assert tx.count > 0 and all(a.state == "TX" for a in tx.agreements)
    old = atlas.agreements("2019-06-01")
    assert old.ice_list.date == "2017-08-01" and old.notes
    assert atlas.agreements("2000-01-01").count == 0
    with pytest.raises(BadInput):
        atlas.agreements("2025-07-18", state="Atlantis")


def test_before_ice_lists_the_reconstruction_answers_and_says_it_is_secondary(atlas):
    day = dt.date(2005, 1, 1)
    out = atlas.agreements(day.isoformat())
    assert out.ice_list is None and out.count == 0
    assert out.reconstructed and any("secondary" in n for n in out.notes)
    table = read_table("agreements_287g_reconstructed")
    started = [
        r for r in table if min(r["first_signed"] or "9999", r["active_from"] or "9999") <= "2005-01-01"
    ]
    assert {r.agency for r in out.reconstructed} <= {r["agency"] for r in started}
    later = [r for r in table if (r["first_signed"] or "0") > "2005-01-01" and not r["active_from"]]
    assert not {r["agency"] for r in later} & {r.agency for r in out.reconstructed}
    assert atlas.agreements("2025-07-18").reconstructed == []  # ICE's own list governs


def test_reconstruction_keeps_every_row_and_flags_what_it_inferred():
    table = read_table("agreements_287g_reconstructed")
    assert [int(r["row"]) for r in table] == list(range(1, len(table) + 1))
    merged = [r for r in table if "merged_agencies" in r["flags"]]
    assert merged and all(r["county_fips"] == "" for r in merged)
    moved = [r for r in table if "state_from_agency_name" in r["flags"]]
    assert moved and all(r["state"] and r["state"] not in r["agency"] for r in moved)


def test_ice_errors_are_kept_and_flagged():
    rows = read_table("agreements_287g")
    grundy = [r for r in rows if r["signed_raw"] == "5025-07-07"]
    assert grundy and all(r["signed"] == "" and "signed_year_5025" in r["flags"] for r in grundy)
    typo = [r for r in rows if r["signed_raw"] in ("05/082025", "7/72025")]
    assert typo and all("signed_unreadable" in r["flags"] for r in typo)
    assert any("state_misspelt: 'UTAHJ'" in r["flags"] for r in rows)


def test_county_level_agencies_are_matched():
    rows = [r for r in read_table("agreements_287g") if r["agency_type"] == "county"]
    matched = [r for r in rows if r["county_fips"]]
    assert len(matched) / len(rows) >= 0.98
    unmatched = [r for r in rows if not r["county_fips"]]
    assert all(r["flags"] for r in unmatched), "every unmatched agency says why"


def test_statuses_are_consistent():
    rows = read_table("agreements_287g")
    last = max(r["last_seen"] for r in rows if r["list"] == "participating")
    for r in rows:
        if r["status"] == "active":
            assert r["last_seen"] == last
        if r["status"] == "superseded":
            assert r["superseded_by"]
        assert r["first_seen"] <= r["last_seen"]


def test_dhs_list_counts_match_the_printed_page(atlas):
    (dhs,) = atlas.designations("dhs-2025-05-29").lists
    entries = dhs.entries
    counted = [e for e in entries if e.flag != "print_repeat"]
    assert dhs.count == len(counted) == 605
    by = {"State": 0, "County": 0, "City": 0}
    for e in counted:
        by[
            {"State": "State", "County": "County", "Counties": "County"}.get(e.category_as_printed, "City")
        ] += 1
    assert by == {"State": 14, "County": 391, "City": 200}
    assert dhs.withdrawn


def test_dhs_mislabels_are_kept_flagged_and_corrected(atlas):
    (dhs,) = atlas.designations("dhs-2025-05-29").lists
    ks = {e.name_as_printed: e for e in dhs.entries if e.state == "KS"}
    assert ks["Lawrence"].category_as_printed == "County" and ks["Lawrence"].flag == "category_mislabel"
    douglas = ks["Douglas County"]
    assert douglas.category_as_printed == "Cities" and douglas.flag == "category_mislabel"
    assert douglas.jurisdiction_id == "county:20045"
    repeat = [e for e in dhs.entries if e.flag == "print_repeat"]
    assert [e.name_as_printed for e in repeat] == ["Nicollet County"]


def test_every_dhs_county_entry_is_matched_and_the_mislabelled_city_goes_to_the_city(atlas):
    (dhs,) = atlas.designations("dhs-2025-05-29").lists
    counties = [e for e in dhs.entries if e.category_as_printed in ("County", "Counties")]
    assert all(e.jurisdiction_id for e in counties)
    (lawrence,) = [e for e in counties if e.name_as_printed == "Lawrence"]
    assert atlas.registry[lawrence.jurisdiction_id].kind == "place"  # a city DHS put under County


@pytest.mark.parametrize(
    "list_id, count",
    [("doj-oig-2016-05-31", 10), ("doj-2017-04-21", 9), ("doj-2017-11-15", 29), ("doj-2025-08-05", 35)],
)
def test_doj_lists(atlas, list_id, count):
    (lst,) = atlas.designations(list_id).lists
    assert lst.count == lst.count_as_printed == count
    assert lst.source_href.startswith("https://")


def test_unknown_list_is_bad_input(atlas):
    with pytest.raises(BadInput, match="unknown list"):
        atlas.designations("cis-2019")


def test_decision_shows_agreements_for_287g(atlas):
    rows = [
        r
        for r in read_table("agreements_287g")
        if r["status"] == "active" and r["agency_type"] == "county" and r["county_fips"]
    ]
    fips = rows[0]["county_fips"]
    d = atlas.decide(f"county:{fips}", "agreement_287g", dt.date(2025, 7, 18))
    assert any(a.county_fips == fips for a in d.agreements)
    assert atlas.decide(f"county:{fips}", "detainer_hold", dt.date(2025, 7, 18)).agreements == []


def test_show_lists_designations(atlas):
    s = atlas.show("cook county il", "2025-08-10")
    assert {d["list_id"] for d in s.designations} >= {
        "doj-oig-2016-05-31",
        "dhs-2025-05-29",
        "doj-2025-08-05",
    }


def test_place_ids_from_a_secondary_source_are_flagged(atlas):
    rows = read_table("designations")
    secondary = [r for r in rows if r["flag"] == "place_id_secondary"]
    assert secondary
    for r in secondary:
        place = atlas.registry[r["jurisdiction_id"]]
        assert place.kind == "place" and "census.gov" not in place.source_href, r
    census = [r for r in rows if r["jurisdiction_id"].startswith("place:") and not r["flag"]]
    assert all("census.gov" in atlas.registry[r["jurisdiction_id"]].source_href for r in census)
