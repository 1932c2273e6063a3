"""The county panel, comparisons and the event study on the embedded data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctuary_atlas.errors import BadInput
from sanctuary_atlas.outcomes.compare import OUTCOMES, chart, compare
from sanctuary_atlas.outcomes.event_study import event_study
from sanctuary_atlas.outcomes.panel import county_panel

CRIME = Path(__file__).resolve().parents[2] / "shared" / "data" / "crime" / "county-ucr-crosssection.csv"


def test_panel_is_one_row_per_county_and_year(atlas):
    p = county_panel(atlas, "limits_detainer_holds")
    assert p.groupby(["county_fips", "year"]).size().max() == 1
    assert set(p.year) == set(range(2010, 2020))
    fresno = p[(p.county_fips == "06019") & (p.year == 2015)].iloc[0]  # no law of its own in the atlas
    assert fresno.status and fresno.status_from_state_law_only  # California's TRUST Act
    assert p[(p.county_fips == "06019") & (p.year == 2013)].iloc[0].status == False  # noqa: E712
    assert {"population", "international_migration_per_10k", "foreign_born_pct", "active_287g"} <= set(
        p.columns
    )


def test_compare_gives_three_estimates_with_intervals_and_caveats(atlas, tmp_path):
    r = compare(atlas, "limits_detainer_holds", dt.date(2019, 7, 1), "poverty_pct")
    assert [e.method for e in r.estimates] == [
        "raw difference in means",
        "nearest-neighbour matching (ATT)",
        "OLS with controls",
    ]
    for e in r.estimates:
        assert e.ci_low <= e.estimate <= e.ci_high
    raw = r.estimates[0]
    assert raw.estimate == pytest.approx(r.mean_treated - r.mean_control)
    assert r.unit == "percent" and any("association, not effect" in c for c in r.caveats)
    assert all(abs(b.smd_after) <= abs(b.smd_before) + 0.05 for b in r.balance)
    assert set(chart(r, str(tmp_path / "c.png"))) == {"png", "svg"}


def test_compare_refuses_what_it_cannot_do(atlas):
    with pytest.raises(BadInput, match="unknown outcome"):
        compare(atlas, "limits_detainer_holds", dt.date(2019, 7, 1), "happiness")
    with pytest.raises(BadInput, match="needs --crime"):
        compare(atlas, "limits_detainer_holds", dt.date(2019, 7, 1), "crime_per_10k")


@pytest.mark.skipif(not CRIME.exists(), reason="the county crime file is not beside the project")
def test_crime_outcome_reads_the_users_file_and_says_its_year_is_unknown(atlas):
    r = compare(atlas, "limits_detainer_holds", dt.date(2019, 7, 1), "crime_per_10k", str(CRIME))
    assert r.unit == "per 10,000 residents" and r.data_years == OUTCOMES["crime_per_10k"][2]
    assert any("states no year" in c for c in r.caveats)


def test_event_study_has_effects_around_adoption(atlas):
    r = event_study(atlas, "limits_detainer_holds")
    years = [e.relative_year for e in r.effects]
    assert min(years) < 0 <= max(years)
    assert sum(r.cohorts.values()) > 0 and r.never_treated > 1000
