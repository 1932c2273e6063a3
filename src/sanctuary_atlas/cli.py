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
        except OSError as exc:  # a path the user gave cannot be read or written
            click.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
            sys.exit(EXIT_BAD_INPUT)
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
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the coverage page (Markdown): states x kinds today, and research status.",
)
@json_option
def coverage(report_path: str | None, as_json: bool) -> None:
    """How far each jurisdiction's law has been researched.

    Example: sanctuary coverage --json
    """
    atlas = _atlas()
    if report_path:
        from pathlib import Path

        from .coverage_page import coverage_page

        Path(report_path).write_text(coverage_page(atlas), encoding="utf-8")
    _emit(atlas.coverage(), as_json, lambda c: _render("render_coverage", c))


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
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 16),
    help="Server processes (each reads the store; the store is read-only).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web atlas (map, place pages, ask form) and its JSON API over HTTP.

    Example: sanctuary serve --port 8000, then open http://127.0.0.1:8000/api/ask?place=travis%20tx&kind=detainer_hold
    """
    import uvicorn

    from . import atlas

    atlas()  # build the store once, before any worker starts
    uvicorn.run(
        "sanctuary_atlas.web:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


@main.command()
def kinds() -> None:
    """List the request kinds."""
    from .vocabulary import KIND_DESCRIPTIONS

    for k in Kind:
        click.echo(f"{k.value:22} {KIND_DESCRIPTIONS[k]}")


# Commands over the record, the definitions and the outcomes live in their own modules.
from . import cli_outcomes, cli_record  # noqa: E402, F401


def run() -> None:  # pragma: no cover - console entry for python -m
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
