"""`sanctuary` commands for outcomes: the county panel, comparisons, the event study, detainers."""

from __future__ import annotations

import click

from .cli import _atlas, _emit, _render, json_option, main, on_option


@main.command()
@click.option("--definition", default="limits_detainer_holds", show_default=True, metavar="NAME")
@click.option(
    "--crime",
    "crime_path",
    type=click.Path(exists=True, dir_okay=False),
    help="The county crime file (read from here, never stored).",
)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="CSV or .parquet file.")
def panel(definition: str, crime_path: str | None, out: str) -> None:
    """Write the county-year panel (2010-2019): status, 287(g), population, migration, covariates.

    Example: sanctuary panel --definition limits_detainer_holds --out panel.csv
    """
    from .definitions import get
    from .outcomes.panel import county_panel

    get(definition)
    frame = county_panel(_atlas(), definition, crime_path)
    frame.to_parquet(out) if out.endswith(".parquet") else frame.to_csv(out, index=False)
    click.echo(f"wrote {len(frame)} county-years to {out}")


@main.command()
@click.option("--definition", default="limits_detainer_holds", show_default=True, metavar="NAME")
@on_option
@click.option(
    "--outcome",
    required=True,
    help="median_household_income, poverty_pct, crime_per_10k, "
    "international_migration_per_10k or population_growth_pct.",
)
@click.option(
    "--crime",
    "crime_path",
    type=click.Path(exists=True, dir_okay=False),
    help="The county crime file, for crime_per_10k (read from here, never stored).",
)
@click.option("--chart", type=click.Path(dir_okay=False), help="Draw the estimates (PNG and SVG).")
@json_option
def compare(definition, on, outcome, crime_path, chart, as_json) -> None:
    """Counted counties against the rest on one outcome: raw difference, matching, regression.

    Example: sanctuary compare --definition limits_detainer_holds --on 2019-07-01 --outcome poverty_pct
    """
    from .api import parse_date
    from .definitions import get
    from .outcomes.compare import chart as draw
    from .outcomes.compare import compare as run

    get(definition)
    result = run(_atlas(), definition, parse_date(on), outcome, crime_path)
    if chart:
        draw(result, chart)
    _emit(result, as_json, lambda r: _render("render_compare", r))


@main.command(name="event-study")
@click.option("--definition", default="limits_detainer_holds", show_default=True, metavar="NAME")
@click.option("--outcome", default="international_migration_per_10k", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), help="Draw effects by year (PNG and SVG).")
@json_option
def event_study(definition, outcome, chart, as_json) -> None:
    """Staggered-adoption difference in differences (Callaway and Sant'Anna) around adoption.

    Example: sanctuary event-study --definition limits_detainer_holds --chart es.png
    """
    from .definitions import get
    from .outcomes.event_study import chart as draw
    from .outcomes.event_study import event_study as run

    get(definition)
    result = run(_atlas(), definition, outcome)
    if chart:
        draw(result, chart)
    _emit(result, as_json, lambda r: _render("render_event_study", r))


@main.group()
def detainers() -> None:
    """ICE's individual-level detainer records: load them, then count by county and month.

    Example: sanctuary detainers load FILE.csv --db d.duckdb, then sanctuary detainers summary --db d.duckdb
    """


@detainers.command(name="load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB file to write.")
@json_option
def detainers_load(files, db, as_json) -> None:
    """Load CSV, Excel or Parquet releases into DuckDB; malformed rows go to a rejects table.

    Example: sanctuary detainers load "ICE Detainers FY2024.xlsx" --db detainers.duckdb
    """
    from pathlib import Path

    from .outcomes.detainers import load

    reports = load([Path(f) for f in files], db)
    _emit(
        {"files": reports},
        as_json,
        lambda r: [
            click.echo(
                f"{x['file']}: {x['rows']} rows, {x['rejected']} rejected"
                + (f", missing {','.join(x['missing_columns'])}" if x["missing_columns"] else "")
                + (f", new columns {','.join(x['extra_columns'])}" if x["extra_columns"] else "")
            )
            for x in r["files"]
        ],
    )


@detainers.command(name="summary")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--definition", default="limits_detainer_holds", show_default=True, metavar="NAME")
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False), help="Write the county-month table as CSV."
)
@json_option
def detainers_summary(db, definition, csv_path, as_json) -> None:
    """Detainers issued and declined by county and month, with the county's legal status.

    Example: sanctuary detainers summary --db detainers.duckdb --csv county-months.csv
    """
    import csv as csvmod

    from .definitions import get
    from .outcomes.detainers import summary

    get(definition)
    rows = summary(_atlas(), db, definition)
    if csv_path and rows:
        with open(csv_path, "w", newline="", encoding="utf-8") as fh:
            w = csvmod.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    issued = sum(r["issued"] for r in rows)
    declined = sum(r["declined"] for r in rows)
    unmatched = sum(r["issued"] for r in rows if not r["county_fips"])
    _emit(
        {"rows": rows},
        as_json,
        lambda r: click.echo(
            f"{issued} detainers, {declined} declined, in {len(rows)} county-months; "
            f"{unmatched} at facilities not matched to a county"
        ),
    )
