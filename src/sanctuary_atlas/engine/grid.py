"""grid(): the same answers as decide() for every jurisdiction of a level × dates × kinds.

An answer changes only on the dates a binding measure or court event starts or ends. So the
engine decides once per segment between those dates, per group of governments bound by the
same law (most counties share only their state's), then fills the grid with numpy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..vocabulary import Kind
from .decide import chain_for, evaluate
from .law import Law
from .timeline import ORIGIN, breakpoints

EFFECT_CODES = {"permitted": 0, "required": 1, "prohibited": 2, "restricted": 3}
EFFECT_NAMES = {v: k for k, v in EFFECT_CODES.items()}
NOT_A_JURISDICTION = 255  # the id did not exist on that date (e.g. Connecticut's old counties)
EFFECT_NAMES[NOT_A_JURISDICTION] = "n/a"


@dataclass
class Grid:
    ids: list[str]
    dates: np.ndarray  # datetime64[D]
    kinds: list[str]
    codes: np.ndarray  # uint8 [len(ids), len(dates), len(kinds)]
    defaults: np.ndarray  # uint8, same shape: the default effect behind a `restricted` answer

    def limits(self) -> np.ndarray:
        """Where the law limits the act: prohibited, or restricted with prohibition the default."""
        prohibited, restricted = EFFECT_CODES["prohibited"], EFFECT_CODES["restricted"]
        return (self.codes == prohibited) | ((self.codes == restricted) & (self.defaults == prohibited))

    def effect(self, jid: str, date: dt.date, kind: str) -> str:
        i = self.ids.index(jid)
        d = int(np.searchsorted(self.dates, np.datetime64(date, "D")))
        return EFFECT_NAMES[int(self.codes[i, d, self.kinds.index(kind)])]

    def to_pandas(self):
        """Long table: id, date, kind, effect."""
        import pandas as pd

        n_ids, n_dates, n_kinds = self.codes.shape
        return pd.DataFrame(
            {
                "id": np.repeat(np.array(self.ids, dtype=object), n_dates * n_kinds),
                "date": np.tile(np.repeat(self.dates, n_kinds), n_ids),
                "kind": np.tile(np.array(self.kinds, dtype=object), n_ids * n_dates),
                "effect": pd.Categorical.from_codes(
                    np.where(self.codes.ravel() == NOT_A_JURISDICTION, 4, self.codes.ravel()),
                    [*EFFECT_CODES, "n/a"],
                ),
            }
        )


def _days(values) -> np.ndarray:
    return np.array([np.datetime64(v, "D") for v in values], dtype="datetime64[D]")


def grid(
    law: Law,
    registry,
    level: str = "county",
    kinds: list[str] | None = None,
    dates: list[dt.date] | np.ndarray | None = None,
) -> Grid:
    kinds = [str(k) for k in (kinds or list(Kind))]
    dates = np.sort(_days(dates if dates is not None else [dt.date.today()]))
    members = sorted(registry.of_kind(level), key=lambda j: j.id)
    with_law = law.governments_with_law() | {g for e in law.events if e.scope is not None for g in e.scope}
    groups: dict[tuple, list[int]] = defaultdict(list)
    chains = {}
    for row, j in enumerate(members):
        chain = chain_for(registry, j.id)
        own = chain.government if chain.government in with_law else None
        key = (chain.levels[:2] if len(chain.levels) > 2 else chain.levels, chain.kind, own)
        groups[key].append(row)
        chains.setdefault(key, chain)
    codes = np.empty((len(members), len(dates), len(kinds)), dtype=np.uint8)
    defaults = np.empty_like(codes)  # the answer where no listed exception applies
    for key, rows in groups.items():
        chain = chains[key]
        for k, kind in enumerate(kinds):
            chain_codes, chain_defaults = answers_over_time(law, chain, kind, dates)
            codes[rows, :, k] = chain_codes[None, :]
            defaults[rows, :, k] = chain_defaults[None, :]
    _mask_nonexistent(codes, members, dates)
    _mask_nonexistent(defaults, members, dates)
    return Grid([j.id for j in members], dates, kinds, codes, defaults)


def answers_over_time(law: Law, chain, kind: str, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One government's answer codes (and default-effect codes) on each date: decided once per
    interval between the dates its law changes."""
    starts = [ORIGIN, *breakpoints(law, chain, kind)]
    answers = [evaluate(law, chain, kind, s, {})[:2] for s in starts]
    seg_codes = np.array([EFFECT_CODES[a[0]] for a in answers], dtype=np.uint8)
    seg_defaults = np.array([EFFECT_CODES[a[1]] for a in answers], dtype=np.uint8)
    segment = np.searchsorted(_days(starts), dates, side="right") - 1
    return seg_codes[segment], seg_defaults[segment]


def _mask_nonexistent(codes: np.ndarray, members, dates: np.ndarray) -> None:
    for row, j in enumerate(members):
        if j.valid_from:
            codes[row, dates < np.datetime64(j.valid_from, "D"), :] = NOT_A_JURISDICTION
        if j.valid_to:
            codes[row, dates >= np.datetime64(j.valid_to, "D"), :] = NOT_A_JURISDICTION
