"""`sanctuary` commands over the public record and the definitions of "sanctuary"."""

from __future__ import annotations

import json

import click

from .cli import _atlas, _emit, _render, json_option, main, on_option


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
