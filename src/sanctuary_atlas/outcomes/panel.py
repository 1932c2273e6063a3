"""The county panel: one row per county and year (2010-2019), joining legal status under a
definition (on July 1 of the year), whether that status comes only from state law, 287(g)
activity, population and migration, covariates, and crime where the user supplies it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from .. import definitions as D

YEARS = range(2010, 2020)
COVARIATES = {
    "log_population_2014": "log of population, 2014",
    "foreign_born_pct": "foreign-born share of residents, 2009-2013 (percent)",
    "median_household_income": "median household income, 2009-2013 (dollars)",
    "poverty_pct": "residents below the poverty line, 2009-2013 (percent)",
    "log_density_2014": "log of residents per square mile, 2014 (urbanisation)",
}
CRIME_NOTE = (
    "the county crime cross-section states no year; it appears derived from an ICPSR UCR county "
    "file whose terms discourage redistribution, so it is read from the path you give and "
    "never stored"
)


def _table(atlas, name: str) -> pd.DataFrame:
    return pd.read_sql_query(f'SELECT * FROM "{name}"', atlas._need_db())


def covariates(atlas) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0) becomes NaN below, and is dropped
        return _covariates(_table(atlas, "county_facts"))


def _covariates(f: pd.DataFrame) -> pd.DataFrame:
    num = lambda col: pd.to_numeric(f[col], errors="coerce")  # noqa: E731
    out = pd.DataFrame(
        {
            "county_fips": f["county_fips"],
            "log_population_2014": np.log(num("population_2014")),
            "foreign_born_pct": num("foreign_born_pct_2009_2013"),
            "median_household_income": num("median_household_income_2009_2013"),
            "poverty_pct": num("poverty_pct_2009_2013"),
            "log_density_2014": np.log(
                num("population_2014") / num("land_area_sq_mi_2010").replace(0, np.nan)
            ),
            "bachelors_pct": num("bachelors_pct_2009_2013"),
        }
    )
    return out.replace([np.inf, -np.inf], np.nan)


def crime(path: str | Path) -> pd.DataFrame:
    """The county crime cross-section (year not stated), from a path the user gives."""
    c = pd.read_csv(path)
    fips = c["FIPS_ST"].astype(int).map("{:02d}".format) + c["FIPS_CTY"].astype(int).map("{:03d}".format)
    return pd.DataFrame(
        {
            "county_fips": fips,
            "crime_per_10k": pd.to_numeric(c["crime_rate_per_100000"], errors="coerce") / 10,
        }
    )


def county_membership(
    atlas, definition: str, dates: list[dt.date]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(county FIPS, member mask, member-by-own-local-law mask) on each date. A definition made for
    states (state law mandates cooperation) counts a county when its state counts."""
    d = D.get(definition)
    if "county" not in d.levels:
        states, smask = D.series(atlas, d, "state", dates)
        row = {s: i for i, s in enumerate(states)}
        counties = sorted(j.id for j in atlas.registry.of_kind("county"))
        mask = np.array([smask[row[atlas.registry[c].state_id]] for c in counties])
        return [c.split(":")[1] for c in counties], mask, np.zeros_like(mask)
    ids, inherited = D.series(atlas, d, "county", dates)
    local = (
        D.series(atlas, d, "county", dates, inherit_state_law=False)[1]
        if (d.rule.limits or d.rule.score)
        else inherited
    )
    return [i.split(":")[1] for i in ids], inherited, local


def status(atlas, definition: str, dates: list[dt.date]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Membership on each date, with state law inherited and by own local law only."""
    fips, inherited, local = county_membership(atlas, definition, dates)
    return (
        pd.DataFrame(inherited, index=fips, columns=dates),
        pd.DataFrame(local, index=fips, columns=dates),
    )


def county_panel(
    atlas, definition: str = "limits_detainer_holds", crime_path: str | None = None
) -> pd.DataFrame:
    pop = _table(atlas, "county_population")
    for col in ("population", "international_migration", "domestic_migration", "births", "deaths"):
        pop[col] = pd.to_numeric(pop[col], errors="coerce")
    pop["year"] = pop["year"].astype(int)
    dates = [dt.date(y, 7, 1) for y in YEARS]
    member, local = status(atlas, definition, dates)
    g287, _ = status(atlas, "has_active_287g", dates)
    rows = []
    for y, d in zip(YEARS, dates, strict=True):
        rows.append(
            pd.DataFrame(
                {
                    "county_fips": member.index,
                    "year": y,
                    "status": member[d].values,
                    "status_local_law": local[d].values,
                    "active_287g": g287[d].values,
                }
            )
        )
    panel = pd.concat(rows).merge(pop, on=["county_fips", "year"], how="left")
    panel["status_from_state_law_only"] = panel["status"] & ~panel["status_local_law"]
    panel["international_migration_per_10k"] = panel["international_migration"] / panel["population"] * 10000
    panel = panel.merge(covariates(atlas), on="county_fips", how="left")
    if crime_path:
        panel = panel.merge(crime(crime_path), on="county_fips", how="left")
    registry = atlas.registry
    panel["state"] = [registry[f"county:{f}"].state for f in panel["county_fips"]]
    panel.insert(2, "definition", definition)
    return panel.sort_values(["county_fips", "year"]).reset_index(drop=True)
