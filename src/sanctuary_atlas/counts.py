"""Counts side by side, and monthly series as CSV and charts."""

from __future__ import annotations

import csv
import datetime as dt

from . import definitions as D

SERIES_START = dt.date(1987, 1, 1)


def side_by_side(atlas, on: dt.date) -> list[dict]:
    """Every definition at every level it allows, counted with and without state law inherited."""
    rows = []
    for name, d in D.load_definitions().items():
        for level in d.levels:
            row = {
                "definition": name,
                "title": d.title,
                "level": level,
                "count": D.count(atlas, name, on, level).count,
            }
            law_based = d.rule.limits or d.rule.score
            row["count_local_only"] = (
                D.count(atlas, name, on, level, False).count if law_based and level != "state" else None
            )
            rows.append(row)
    return rows


def write_series(
    atlas, name: str, level: str, inherit: bool | None, csv_path: str | None, chart_path: str | None
) -> dict[str, str]:
    months = D.monthly(SERIES_START, dt.date.today())
    definition = D.get(name)
    _, mask = D.series(atlas, definition, level, months, inherit)
    counts = mask.sum(axis=0)
    written = {}
    if csv_path:
        with open(csv_path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["month", "definition", "level", "count"])
            w.writerows([m.isoformat(), name, level, int(c)] for m, c in zip(months, counts, strict=True))
        written["csv"] = csv_path
    if chart_path:
        from .charts import figure, save

        fig, ax = figure(9, 3.6)
        ax.step(months, counts, where="post", color="#7a1f5c")
        scope = "own law only" if inherit is False else "state law counts"
        ax.set_title(f"{definition.title} — {level} level ({scope})")
        ax.set_ylabel(f"{level}s")
        ax.grid(alpha=0.3)
        fig.text(
            0.01,
            0.01,
            "Sanctuary Atlas: written law as researched so far; see `sanctuary coverage`",
            fontsize=7,
            color="#555",
        )
        written |= save(fig, chart_path)
    return written
