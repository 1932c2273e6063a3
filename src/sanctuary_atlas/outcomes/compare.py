"""`sanctuary compare`: counties counted under a definition against the rest, on one outcome —
the raw difference, a nearest-neighbour matched comparison with balance diagnostics, and a
regression with controls — each with a 95% interval, in the outcome's own unit, with every
caveat that applies. A cross-section shows association, not effect."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from pydantic import BaseModel

from ..errors import BadInput
from .panel import COVARIATES, CRIME_NOTE, county_membership, county_panel

OUTCOMES = {  # name: (description, unit, data years, needs crime file)
    "crime_per_10k": (
        "Index crimes per 10,000 residents (county UCR cross-section)",
        "per 10,000 residents",
        "year not stated in the source",
        True,
    ),
    "median_household_income": ("Median household income", "dollars", "2009-2013 (ACS)", False),
    "poverty_pct": ("Residents below the poverty line", "percent", "2009-2013 (ACS)", False),
    "international_migration_per_10k": (
        "Net international migration in 2019 per 10,000 residents",
        "per 10,000 residents",
        "2019 (Vintage 2019 estimates)",
        False,
    ),
    "population_growth_pct": ("Population change, 2010 to 2019", "percent", "2010-2019", False),
}


class Estimate(BaseModel):
    method: str
    estimate: float
    ci_low: float
    ci_high: float
    n_treated: int
    n_control: int
    note: str = ""


class Balance(BaseModel):
    covariate: str
    smd_before: float
    smd_after: float


class CompareOut(BaseModel):
    definition: str
    date: dt.date
    outcome: str
    description: str
    unit: str
    data_years: str
    mean_treated: float
    mean_control: float
    estimates: list[Estimate]
    balance: list[Balance]
    caveats: list[str]


def _frame(atlas, definition: str, on: dt.date, outcome: str, crime_path: str | None) -> pd.DataFrame:
    if outcome not in OUTCOMES:
        raise BadInput(f"unknown outcome {outcome!r}; outcomes: {', '.join(OUTCOMES)}")
    if OUTCOMES[outcome][3] and not crime_path:
        raise BadInput("the crime outcome needs --crime PATH to the county crime file (it is never stored)")

    panel = county_panel(atlas, definition, crime_path)
    last = panel[panel["year"] == 2019].set_index("county_fips")
    first = panel[panel["year"] == 2010].set_index("county_fips")
    frame = last.copy()
    frame["population_growth_pct"] = (last["population"] / first["population"] - 1) * 100
    fips, mask, local = county_membership(atlas, definition, [on])
    members = {f for f, m in zip(fips, mask[:, 0], strict=True) if m}
    local_members = {f for f, m in zip(fips, local[:, 0], strict=True) if m}
    frame["treated"] = frame.index.isin(members)
    frame["from_state_law_only"] = frame["treated"] & ~frame.index.isin(local_members)
    controls = [c for c in COVARIATES if c != outcome]
    return frame.dropna(subset=[outcome, *controls])


def _raw(frame: pd.DataFrame, y: str) -> Estimate:
    t, c = frame.loc[frame.treated, y], frame.loc[~frame.treated, y]
    diff = t.mean() - c.mean()
    se = math.sqrt(t.var(ddof=1) / len(t) + c.var(ddof=1) / len(c))
    return Estimate(
        method="raw difference in means",
        estimate=diff,
        ci_low=diff - 1.96 * se,
        ci_high=diff + 1.96 * se,
        n_treated=len(t),
        n_control=len(c),
        note="Welch standard error",
    )


def _matched(
    frame: pd.DataFrame, y: str, controls: list[str], seed: int = 0
) -> tuple[Estimate, list[Balance]]:
    """1:1 nearest-neighbour matching with replacement on standardised covariates (ATT); a
    bootstrap of treated counties gives the interval."""
    x = frame[controls].to_numpy(float)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    treated = frame.treated.to_numpy()
    xt, xc = x[treated], x[~treated]
    yt, yc = frame.loc[frame.treated, y].to_numpy(float), frame.loc[~frame.treated, y].to_numpy(float)
    nearest = np.array([np.argmin(((xc - row) ** 2).sum(axis=1)) for row in xt])
    gaps = yt - yc[nearest]
    rng = np.random.default_rng(seed)
    boot = [gaps[rng.integers(0, len(gaps), len(gaps))].mean() for _ in range(500)]
    low, high = np.percentile(boot, [2.5, 97.5])
    raw = frame[controls]
    sd = np.sqrt((raw[frame.treated].var() + raw[~frame.treated].var()) / 2)
    before = (raw[frame.treated].mean() - raw[~frame.treated].mean()) / sd
    after = (raw[frame.treated].mean() - raw[~frame.treated].iloc[nearest].mean()) / sd
    balance = [Balance(covariate=c, smd_before=float(before[c]), smd_after=float(after[c])) for c in controls]
    return (
        Estimate(
            method="nearest-neighbour matching (ATT)",
            estimate=float(gaps.mean()),
            ci_low=float(low),
            ci_high=float(high),
            n_treated=int(treated.sum()),
            n_control=len(set(nearest.tolist())),
            note="1:1 with replacement on standardised covariates; bootstrap interval (500 draws)",
        ),
        balance,
    )


def _regression(frame: pd.DataFrame, y: str, controls: list[str]) -> Estimate:
    import statsmodels.formula.api as smf

    data = frame.assign(treated=frame.treated.astype(int))
    model = smf.ols(f"{y} ~ treated + {' + '.join(controls)}", data=data)
    fit = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(data["state"])[0]})
    low, high = fit.conf_int().loc["treated"]
    return Estimate(
        method="OLS with controls",
        estimate=float(fit.params["treated"]),
        ci_low=float(low),
        ci_high=float(high),
        n_treated=int(data.treated.sum()),
        n_control=int((1 - data.treated).sum()),
        note=f"controls: {', '.join(controls)}; standard errors clustered by state",
    )


def compare(atlas, definition: str, on: dt.date, outcome: str, crime_path: str | None = None) -> CompareOut:
    frame = _frame(atlas, definition, on, outcome, crime_path)
    if frame.treated.sum() < 2 or (~frame.treated).sum() < 2:
        raise BadInput(
            f"too few counties on one side on {on}: {int(frame.treated.sum())} counted, "
            f"{int((~frame.treated).sum())} not"
        )
    controls = [c for c in COVARIATES if c != outcome]
    matched, balance = _matched(frame, outcome, controls)
    description, unit, years, _ = OUTCOMES[outcome]
    caveats = [
        "A cross-section shows association, not effect: counties that adopt limits differ in ways the "
        "controls may not capture.",
        f"{int(frame.from_state_law_only.sum())} of {int(frame.treated.sum())} counted counties count only "
        "because of their state's law.",
        "Standard errors are clustered by state: state law assigns status to whole states at once.",
        f"Status is on {on}; the outcome's data years are {years}.",
        "Law coverage is incomplete (see `sanctuary coverage`): a county not researched counts as having "
        "no limiting law.",
    ]
    if outcome == "crime_per_10k":
        caveats.append(f"Crime: {CRIME_NOTE}.")
    return CompareOut(
        definition=definition,
        date=on,
        outcome=outcome,
        description=description,
        unit=unit,
        data_years=years,
        mean_treated=float(frame.loc[frame.treated, outcome].mean()),
        mean_control=float(frame.loc[~frame.treated, outcome].mean()),
        estimates=[_raw(frame, outcome), matched, _regression(frame, outcome, controls)],
        balance=balance,
        caveats=caveats,
    )


def chart(result: CompareOut, path: str) -> dict[str, str]:
    from ..charts import figure, save

    fig, ax = figure(8, 2.8)
    for i, e in enumerate(reversed(result.estimates)):
        ax.errorbar(
            e.estimate,
            i,
            xerr=[[e.estimate - e.ci_low], [e.ci_high - e.estimate]],
            fmt="o",
            color="#7a1f5c",
            capsize=4,
        )
    ax.set_yticks(range(len(result.estimates)), [e.method for e in reversed(result.estimates)])
    ax.axvline(0, color="#888", lw=0.8)
    ax.set_xlabel(f"difference, {result.unit}")
    ax.set_title(f"{result.description}: counted vs not ({result.definition}, {result.date})", fontsize=9)
    return save(fig, path)
