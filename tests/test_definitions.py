"""Named definitions, counts over time, reconciliation with the lists, and claim checks."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctuary_atlas import definitions as D
from sanctuary_atlas import reconcile as R
from sanctuary_atlas.claims import check, load_claims
from sanctuary_atlas.counts import side_by_side, write_series
from sanctuary_atlas.errors import BadInput


def test_every_definition_is_documented():
    for d in D.load_definitions().values():
        assert d.title and len(d.description) > 20 and d.origin
        assert set(d.levels) <= set(D.LEVELS)


def test_count_agrees_with_decide(atlas):
    on = dt.date(2018, 3, 1)
    members = set(D.count(atlas, "limits_detainer_holds", on, "county").members)
    for jid in ("county:06037", "county:17031", "county:48453", "county:36061", "county:20091"):
        d = atlas.decide(jid, "detainer_hold", on)
        limits = d.effect == "prohibited" or (d.effect == "restricted" and d.default_effect == "prohibited")
        assert (jid in members) == limits, jid


def test_state_law_inherited_versus_local_only(atlas):
    on = dt.date(2019, 1, 1)
    inherited = D.count(atlas, "limits_detainer_holds", on, "county")
    local = D.count(atlas, "limits_detainer_holds", on, "county", inherit_state_law=False)
    assert local.count < inherited.count
    fresno = "county:06019"  # a California county with no law of its own in the atlas
    assert not any(m["jurisdiction"] == fresno for m in atlas.law.measures.values())
    assert fresno in inherited.members and fresno not in local.members  # California's law
    assert "county:17031" in local.members  # Cook County's own ordinance


def test_state_level_counts_follow_state_law(atlas):
    before = D.count(atlas, "limits_detainer_holds", dt.date(2013, 12, 31), "state")
    after = D.count(atlas, "limits_detainer_holds", dt.date(2014, 1, 1), "state")
    assert "state:06" not in before.members and "state:06" in after.members  # TRUST Act, 2014-01-01
    mandates = D.count(atlas, "state_mandates_cooperation", dt.date(2018, 3, 1), "state")
    assert "state:48" in mandates.members  # Texas SB 4
    assert "state:06" not in mandates.members


def test_records_definitions(atlas):
    listed = D.count(atlas, "listed_doj_2025", dt.date(2025, 8, 5), "state")
    assert listed.count == 13
    assert D.count(atlas, "listed_doj_2025", dt.date(2025, 8, 4), "state").count == 0
    assert D.count(atlas, "has_active_287g", dt.date(2025, 7, 18), "county").count > 300


def test_unknown_definition_and_level(atlas):
    with pytest.raises(BadInput, match="unknown definition"):
        D.count(atlas, "sanctuary-ish", dt.date(2020, 1, 1), "county")
    with pytest.raises(BadInput, match="for levels state"):
        D.count(atlas, "state_mandates_cooperation", dt.date(2020, 1, 1), "county")


def test_series_is_monthly_and_writes_csv_and_charts(atlas, tmp_path):
    written = write_series(
        atlas, "limits_detainer_holds", "state", None, str(tmp_path / "s.csv"), str(tmp_path / "s.png")
    )
    lines = (tmp_path / "s.csv").read_text().splitlines()
    assert lines[0] == "month,definition,level,count" and lines[1].startswith("1987-01-01,")
    by_month = dict(line.split(",")[0::3] for line in lines[1:])
    assert int(by_month["2014-01-01"]) > int(by_month["2013-12-01"])  # California and Connecticut, 2014
    assert (tmp_path / "s.png").stat().st_size > 1000 and (tmp_path / "s.svg").read_text().startswith("<?xml")
    assert set(written) == {"csv", "png", "svg"}


def test_side_by_side_has_every_definition(atlas):
    rows = side_by_side(atlas, dt.date(2025, 8, 5))
    assert {r["definition"] for r in rows} == set(D.load_definitions())


def test_reconciliation_sorts_every_entry(atlas):
    rows = R.reconcile(atlas, "doj-2025-08-05")
    listed = [r for r in rows if r["entry"] != ""]
    assert len(listed) == 35
    outcomes = {r["outcome"] for r in rows}
    assert outcomes <= {
        "listed; the law limits cooperation",
        "listed; no limiting law found",
        "listed, not matched to a jurisdiction",
        "the law limits cooperation; not listed",
    }
    cook = next(r for r in listed if r["name_as_printed"] == "Cook County, IL")
    assert cook["outcome"] == "listed; the law limits cooperation"
    assert all(r["reason"] for r in rows if r["outcome"] == "listed; no limiting law found")


def test_claims_are_checked(atlas):
    assert load_claims()
    results = {r.id: r for r in check(atlas)}
    assert results["ice-ddor-week-1-declined"].verdict == "not checkable"
    for r in results.values():
        assert r.verdict in ("supported", "contradicted", "wrong unit or scope", "not checkable")
        assert r.evidence


def test_state_law_for_counties_ignores_rules_that_bind_only_state_agencies(atlas):
    """A state-level answer "as state law binds its counties" is not made by a rule that binds only
    state agencies (Pennsylvania State Police AR 7-14, Nebraska EO 25-01, New York EO 170)."""
    from sanctuary_atlas.definitions import state_law_chain
    from sanctuary_atlas.engine.decide import evaluate
    from sanctuary_atlas.vocabulary import ACTORS_BY_JURISDICTION_KIND, Kind

    county_actors = ACTORS_BY_JURISDICTION_KIND["county"]
    on = dt.date(2026, 11, 27)
    for state in atlas.registry.of_kind("state"):
        for kind in Kind:
            controlling = evaluate(atlas.law, state_law_chain(state.id), kind.value, on, {})[3]
            for prov, *_ in controlling:
                assert prov.actors & (county_actors | {"all"}), (state.id, kind.value, prov.key)
