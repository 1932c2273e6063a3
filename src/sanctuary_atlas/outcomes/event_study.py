"""Event study with staggered adoption: Callaway and Sant'Anna's group-time average treatment
effects (the `differences` package), around the year a county's status under a definition
first holds, for a panel outcome (international migration per 10,000 residents, 2011-2019)."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from ..errors import BadInput
from .panel import county_panel

PANEL_OUTCOMES = {"international_migration_per_10k": "Net international migration per 10,000 residents"}
FIRST_FULL_YEAR = 2011  # Vintage 2019's 2010 column covers April to July only


class EventEffect(BaseModel):
    relative_year: int
    att: float
    ci_low: float
    ci_high: float


class EventStudyOut(BaseModel):
    definition: str
    outcome: str
    cohorts: dict[str, int]
    never_treated: int
    always_treated_excluded: int
    effects: list[EventEffect]
    caveats: list[str]


def event_study(atlas, definition: str, outcome: str = "international_migration_per_10k") -> EventStudyOut:
    if outcome not in PANEL_OUTCOMES:
        raise BadInput(f"unknown panel outcome {outcome!r}; outcomes: {', '.join(PANEL_OUTCOMES)}")
    from differences import ATTgt

    panel = county_panel(atlas, definition)
    panel = panel[(panel.year >= FIRST_FULL_YEAR) & panel[outcome].notna()].copy()
    first = panel[panel.status].groupby("county_fips")["year"].min()
    panel["cohort"] = panel["county_fips"].map(first)
    always = set(first[first == FIRST_FULL_YEAR].index)
    panel = panel[~panel.county_fips.isin(always)]
    data = panel[["county_fips", "year", outcome, "cohort"]].set_index(["county_fips", "year"])
    att = ATTgt(data=data, cohort_column="cohort")
    att.fit(formula=outcome, control_group="never_treated", progress_bar=False)
    agg = att.aggregate("event")
    effects = []
    columns = {c[-1]: c for c in agg.columns}  # ('EventAggregation', …, 'ATT' | 'lower' | 'upper')
    for rel, row in agg.iterrows():
        effects.append(
            EventEffect(
                relative_year=int(rel),
                att=float(row[columns["ATT"]]),
                ci_low=float(row[columns["lower"]]),
                ci_high=float(row[columns["upper"]]),
            )
        )
    cohorts = panel.drop_duplicates("county_fips")["cohort"].value_counts().sort_index()
    return EventStudyOut(
        definition=definition,
        outcome=outcome,
        cohorts={str(int(k)): int(v) for k, v in cohorts.items() if not np.isnan(k)},
        never_treated=int(panel.drop_duplicates("county_fips")["cohort"].isna().sum()),
        always_treated_excluded=len(always),
        effects=sorted(effects, key=lambda e: e.relative_year),
        caveats=[
            "Parallel trends are assumed: without the policy, counted counties' outcomes would have "
            "moved like never-counted ones.",
            "Adoption is the first July 1 on which the county counts; state laws adopt whole states at once, "
            "so few independent adoptions identify each cohort.",
            "Counties already counted in 2011 are excluded (no pre-period).",
            "Law coverage is incomplete (see `sanctuary coverage`).",
        ],
    )


def chart(result: EventStudyOut, path: str) -> dict[str, str]:
    from ..charts import figure, save

    fig, ax = figure(8, 3.4)
    xs = [e.relative_year for e in result.effects]
    ax.errorbar(
        xs,
        [e.att for e in result.effects],
        yerr=[[e.att - e.ci_low for e in result.effects], [e.ci_high - e.att for e in result.effects]],
        fmt="o-",
        color="#7a1f5c",
        capsize=3,
    )
    ax.axhline(0, color="#888", lw=0.8)
    ax.axvline(-0.5, color="#bbb", lw=0.8, ls="--")
    ax.set_xlabel("years relative to adoption")
    ax.set_ylabel("ATT, per 10,000 residents")
    ax.set_title(f"{PANEL_OUTCOMES[result.outcome]} — {result.definition}", fontsize=9)
    return save(fig, path)
