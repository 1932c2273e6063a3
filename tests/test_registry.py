"""Whole-registry invariants and forgiving lookup."""

from __future__ import annotations

import pytest
import us

from sanctuary_atlas.registry import Registry, UnknownJurisdiction

R = Registry.from_csv()


def test_fifty_states_and_dc():
    states = R.of_kind("state")
    assert len(states) == 51
    assert {s.state for s in states} == {s.abbr for s in [*us.states.STATES, us.states.DC]}


@pytest.mark.parametrize("state", [*us.states.STATES, us.states.DC], ids=lambda s: s.abbr)
def test_each_state_found_by_name_abbreviation_and_fips(state):
    for query in (state.name, state.abbr, state.fips, f"state:{state.fips}", state.name.lower()):
        assert R.resolve(query).id == f"state:{state.fips}", query


def test_every_county_is_found_by_its_id_and_fips():
    counties = R.of_kind("county")
    assert len(counties) > 3100
    for c in counties:
        assert R.resolve(c.id).id == c.id
        assert R.resolve(c.fips).id == c.id
        assert c.fips[:2] == R.resolve(c.state).fips


def test_every_current_county_is_found_by_name_and_state():
    for c in R.of_kind("county"):
        if c.valid_to:
            continue
        assert c.id in [j.id for j in R.lookup(f"{c.name}, {c.state}")], c


def test_ids_are_unique_and_well_formed():
    import re

    ids = list(R.jurisdictions)
    assert len(ids) == len(set(ids))
    pattern = re.compile(r"^(us|state:\d{2}|county:\d{5}|place:\d{7})$")
    assert all(pattern.match(i) for i in ids)


def test_connecticut_planning_regions_and_legacy_counties():
    ct = [c for c in R.of_kind("county") if c.state == "CT"]
    legacy = [c for c in ct if c.valid_to]
    regions = [c for c in ct if c.valid_from]
    assert len(legacy) == 8 and len(regions) == 9
    assert all(c.valid_to == "2022-06-06" for c in legacy)
    assert all(c.valid_from == "2022-06-06" for c in regions)
    assert R.resolve("Capitol Planning Region, CT").id == "county:09110"
    assert R.resolve("Hartford County, CT").id == "county:09003"


@pytest.mark.parametrize(
    "ids, government",
    [
        (
            ["place:3651000", "county:36005", "county:36047", "county:36061", "county:36081", "county:36085"],
            "place:3651000",
        ),
        (["county:06075", "place:0667000"], "county:06075"),
        (["county:42101", "place:4260000"], "county:42101"),
        (["county:08031", "place:0820000"], "county:08031"),
        (["state:11", "county:11001", "place:1150000"], "state:11"),
        (["county:47037", "place:4752006"], "county:47037"),
    ],
)
def test_consolidated_governments_are_aliased(ids, government):
    assert {R.government_of(i) for i in ids} == {government}
    assert R.ids_of_government(government) == sorted(ids)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Travis County, TX", "county:48453"),
        ("travis tx", "county:48453"),
        ("48453", "county:48453"),
        ("county:48453", "county:48453"),
        ("Austin, Texas", "place:4805000"),
        ("Austin County, TX", "county:48015"),
        ("Cook County, Illinois", "county:17031"),
        ("chicago", "place:1714000"),
        ("New York, NY", "place:3651000"),
        ("new york county", "county:36061"),
        ("Doña Ana County, NM", "county:35013"),
        ("st. louis city, mo", "county:29510"),
        ("us", "us"),
        ("suffolk-ma", "county:25025"),
        ("Winston-Salem, NC", None),
    ],
)
def test_forgiving_lookup(query, expected):
    if expected is None:  # a hyphenated name not in the registry is an unknown place, not a crash
        with pytest.raises(UnknownJurisdiction):
            R.resolve(query)
        return
    assert R.resolve(query).id == expected


def test_unknown_name_lists_closest_matches():
    with pytest.raises(UnknownJurisdiction) as exc:
        R.lookup("Travsi County, TX")
    assert exc.value.suggestions[0].id == "county:48453"
    assert "did you mean" in str(exc.value)


def test_unknown_code():
    with pytest.raises(UnknownJurisdiction):
        R.lookup("county:99999")
