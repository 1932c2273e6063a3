"""The `sanctuary` command: a thin skin over the Python API.

Every command takes --json (one JSON document on stdout, nothing else). Exit status: 0 success;
2 bad input (unknown place, bad date, unknown kind, an invalid law tree) with a one-line reason
on stderr; 1 internal error.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .vocabulary import Kind

EXIT_BAD_INPUT = 2


def _atlas():
    from . import atlas

    return atlas()


def _emit(obj, as_json: bool, render) -> None:
    if as_json:
        data = obj.model_dump(mode="json") if hasattr(obj, "model_dump") else obj
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        render(obj)


def _render(name: str, *args) -> None:
    """Print a readable table; rich is imported only when a table is asked for."""
    from rich.console import Console

    from . import render

    getattr(render, name)(Console(), *args)


class AtlasGroup(click.Group):
    """Turns the atlas's own errors into a one-line reason and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import BadInput, LawTreeError
        from .registry import UnknownJurisdiction

        try:
            return super().invoke(ctx)
        except (BadInput, UnknownJurisdiction) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except LawTreeError as exc:
            click.echo(f"error: the law tree is invalid ({len(exc.problems)} problems):", err=True)
            for p in exc.problems:
                click.echo(f"  {p}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # an atlas bug: one line, exit 1 (SANCTUARY_DEBUG=1 shows the traceback)
            import os

            if os.environ.get("SANCTUARY_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (set SANCTUARY_DEBUG=1 for details)", err=True
            )
            sys.exit(1)


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
on_option = click.option("--on", "on", metavar="YYYY-MM-DD", help="The date (default: today).")


@click.group(cls=AtlasGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sanctuary-atlas")
def main() -> None:
    """What US state and local law says about cooperating with federal immigration
    enforcement, on any date, with citations."""


def _parse_fact_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    from .errors import BadInput

    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BadInput(f"bad fact {pair!r}: use NAME=VALUE, e.g. judicial_warrant=true")
        out[name.strip()] = value.strip()
    return out


@main.command()
@click.argument("place")
@click.argument("kind", metavar="KIND")
@on_option
@click.option(
    "--fact",
    "facts",
    multiple=True,
    metavar="NAME=VALUE",
    help="A fact of the request, e.g. judicial_warrant=true or conviction=felony.",
)
@click.option("--trace", is_flag=True, help="Show every provision considered.")
@json_option
def ask(place: str, kind: str, on: str | None, facts: tuple[str, ...], trace: bool, as_json: bool) -> None:
    """May, must or must not the agency in PLACE do KIND?

    Example: sanctuary ask "Travis County, TX" detainer_hold --on 2018-03-01
    """
    decision = _atlas().decide(place, kind, on, _parse_fact_pairs(facts))
    _emit(decision, as_json, lambda d: _render("render_decision", d, trace))


@main.command()
@click.argument("place")
@on_option
@json_option
def show(place: str, on: str | None, as_json: bool) -> None:
    """Every request kind at once for PLACE.

    Example: sanctuary show chicago --on 2020-01-01
    """
    _emit(_atlas().show(place, on), as_json, lambda s: _render("render_show", s))


@main.command()
@click.argument("place")
@click.argument("kind", required=False)
@json_option
def timeline(place: str, kind: str | None, as_json: bool) -> None:
    """The dates on which the answers for PLACE change, and why.

    Example: sanctuary timeline "travis county tx" detainer_hold
    """
    _emit(_atlas().timeline(place, kind), as_json, lambda t: _render("render_timeline", t))


@main.command()
@click.argument("query")
@json_option
def lookup(query: str, as_json: bool) -> None:
    """Find jurisdictions by name, FIPS code or id.

    Example: sanctuary lookup "austin, texas"
    """
    _emit(_atlas().lookup_out(query), as_json, lambda r: _render("render_lookup", r))


@main.command()
@on_option
@click.option("--state", metavar="XX", help="Only this state (postal code).")
@json_option
def agreements(on: str | None, state: str | None, as_json: bool) -> None:
    """287(g) agreements on ICE's newest list on or before a date.

    Example: sanctuary agreements --on 2025-07-18 --state TX
    """
    _emit(_atlas().agreements(on, state), as_json, lambda a: _render("render_agreements", a))


@main.command()
@click.argument("list_id", required=False)
@json_option
def designations(list_id: str | None, as_json: bool) -> None:
    """Government "sanctuary" lists (DHS 2025, DOJ 2016/2017/2025), entry by entry as printed.

    Example: sanctuary designations dhs-2025-05-29
    """
    _emit(_atlas().designations(list_id), as_json, lambda d: _render("render_designations", d, bool(list_id)))


@main.command()
@click.option(
    "--definition", "definition", metavar="NAME", help="A definition (see `sanctuary definitions`)."
)
@on_option
@click.option("--level", type=click.Choice(["state", "county", "place"]), default="county", show_default=True)
@click.option("--local-only", is_flag=True, help="Count a county or place only by its own local law.")
@click.option("--all", "all_defs", is_flag=True, help="Every definition at every level, side by side.")
@click.option("--series", "series_csv", type=click.Path(dir_okay=False), help="Write a monthly series (CSV).")
@click.option("--chart", type=click.Path(dir_okay=False), help="Draw the monthly series (PNG and SVG).")
@json_option
def count(definition, on, level, local_only, all_defs, series_csv, chart, as_json) -> None:
    """How many jurisdictions count as "sanctuary" under a definition on a date.

    Example: sanctuary count --definition limits_detainer_holds --on 2025-08-05 --level county
    """
    from . import counts
    from .api import parse_date
    from .errors import BadInput

    atlas, date = _atlas(), parse_date(on)
    if all_defs:
        table = counts.side_by_side(atlas, date)
        _emit(
            {"date": date.isoformat(), "counts": table}, as_json, lambda t: _render("render_side_by_side", t)
        )
        return
    if not definition:
        raise BadInput("give --definition NAME (see `sanctuary definitions`) or --all")
    if series_csv or chart:
        inherit = False if local_only else None
        written = counts.write_series(atlas, definition, level, inherit, series_csv, chart)
        click.echo(json.dumps(written) if as_json else "wrote " + ", ".join(written.values()))
        return
    from .definitions import count as count_members

    result = count_members(atlas, definition, date, level, False if local_only else None)
    _emit(result, as_json, lambda r: _render("render_count", r))


@main.command()
@json_option
def definitions(as_json: bool) -> None:
    """The named definitions of "sanctuary" and where each comes from.

    Example: sanctuary definitions
    """
    from .definitions import load_definitions

    defs = [d.model_dump(mode="json") for d in load_definitions().values()]
    _emit({"definitions": defs}, as_json, lambda d: _render("render_definitions", d))


@main.command()
@click.argument("list_id", required=False)
@click.option("--definition", default="any_limit", show_default=True, metavar="NAME")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write every row as CSV.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write the Markdown report.")
@json_option
def reconcile(list_id, definition, csv_path, report_path, as_json) -> None:
    """Each government list against the law on the list's own date, with the reasons.

    Example: sanctuary reconcile doj-2025-08-05 --csv reconcile.csv
    """
    from pathlib import Path

    from . import reconcile as rec

    atlas = _atlas()
    if report_path:
        Path(report_path).write_text(rec.report(atlas, definition), encoding="utf-8")
    lists = [list_id] if list_id else [lst.id for lst in atlas.designations().lists]
    rows = [row for lid in lists for row in rec.reconcile(atlas, lid, definition)]
    if csv_path:
        rec.write_csv(rows, Path(csv_path))
    summary = {lid: dict(rec.summary([r for r in rows if r["list_id"] == lid])["overall"]) for lid in lists}
    doc = {"definition": definition, "lists": summary, "rows": rows if as_json else []}
    _emit(doc, as_json, lambda s: _render("render_reconcile", s))


@main.command()
@json_option
def check(as_json: bool) -> None:
    """Check published claims (claims.yaml) against the atlas: supported, contradicted, wrong unit
    or scope, or not checkable.

    Example: sanctuary check
    """
    from .claims import check as check_claims

    results = [r.model_dump(mode="json") for r in check_claims(_atlas())]
    _emit({"claims": results}, as_json, lambda c: _render("render_claims", c))


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


@main.command()
@json_option
def coverage(as_json: bool) -> None:
    """How far each jurisdiction's law has been researched.

    Example: sanctuary coverage --json
    """
    _emit(_atlas().coverage(), as_json, lambda c: _render("render_coverage", c))


@main.command()
@json_option
def validate(as_json: bool) -> None:
    """Check the whole law tree; list every problem with its file and line.

    Example: sanctuary validate
    """
    from .loader import LAW_DIR, load_tree
    from .registry import Registry

    registry = Registry.from_csv()
    tree = load_tree(LAW_DIR, known_jurisdictions=set(registry.jurisdictions))
    n_prov = sum(len(m.provisions) for m in tree.measures.values())
    summary = {
        "valid": True,
        "measures": len(tree.measures),
        "provisions": n_prov,
        "court_events": len(tree.events),
        "facts": len(tree.facts),
    }
    if as_json:
        click.echo(json.dumps(summary))
    else:
        click.echo(
            f"law tree valid: {summary['measures']} measures, {n_prov} provisions, "
            f"{summary['court_events']} court events, {summary['facts']} facts"
        )


@main.command()
@click.option("--path", type=click.Path(dir_okay=False), help="Where to write the store.")
@json_option
def build(path: str | None, as_json: bool) -> None:
    """Validate the law tree and data, and write the compiled store.

    Example: sanctuary build
    """
    from pathlib import Path

    from . import store

    out, law = store.build(Path(path) if path else None)
    summary = {
        "store": str(out),
        "provisions": len(law.provisions),
        "court_events": len(law.events),
        "measures": len(law.measures),
    }
    click.echo(
        json.dumps(summary)
        if as_json
        else f"built {out}: {summary['measures']} measures, {summary['provisions']} provisions"
    )


@main.command(name="export")
@click.option(
    "--out",
    "out",
    default="export",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder to write.",
)
@on_option
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["csv", "parquet"]),
    help="Repeat for several (default: both).",
)
@json_option
def export_cmd(out: str, on: str | None, formats: tuple[str, ...], as_json: bool) -> None:
    """Write every table as CSV and Parquet, each county's answers on a date, and datapackage.json.

    Example: sanctuary export --out export --on 2025-08-05
    """
    from pathlib import Path

    from .api import parse_date
    from .export import export

    summary = export(_atlas(), Path(out), parse_date(on), formats or ("csv", "parquet"))
    click.echo(json.dumps(summary) if as_json else f"wrote {summary['files']} files to {summary['out']}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve the JSON API (and its OpenAPI description) over HTTP.

    Example: sanctuary serve --port 8000, then open http://127.0.0.1:8000/api/ask?place=travis%20tx&kind=detainer_hold
    """
    import uvicorn

    from . import atlas
    from .web import create_app

    uvicorn.run(create_app(atlas()), host=host, port=port, log_level="info")


@main.command()
def kinds() -> None:
    """List the request kinds."""
    from .vocabulary import KIND_DESCRIPTIONS

    for k in Kind:
        click.echo(f"{k.value:22} {KIND_DESCRIPTIONS[k]}")


def run() -> None:  # pragma: no cover - console entry for python -m
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
