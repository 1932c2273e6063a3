"""The JSON API over HTTP: the same response models as the CLI's --json. Read-only.

Bad input is a 4xx with a JSON {"error": …} body, never a 500.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from .answers import CoverageOut, Decision, LookupOut, ShowOut, TimelineOut
from .api import Atlas, BadInput
from .registry import UnknownJurisdiction

INDEX = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sanctuary Atlas</title></head>
<body><h1>Sanctuary Atlas</h1>
<p>What US state and local law says about cooperating with federal immigration enforcement,
on any date, with citations.</p>
<ul>
<li><a href="/api/ask?place=Travis%20County,%20TX&amp;kind=detainer_hold&amp;on=2018-03-01">/api/ask</a></li>
<li><a href="/api/show?place=chicago&amp;on=2020-01-01">/api/show</a></li>
<li><a href="/api/timeline?place=travis%20tx&amp;kind=detainer_hold">/api/timeline</a></li>
<li><a href="/api/lookup?q=austin%20texas">/api/lookup</a></li>
<li><a href="/api/coverage">/api/coverage</a></li>
<li><a href="/docs">/docs</a> and <a href="/openapi.json">/openapi.json</a></li>
</ul></body></html>"""


def create_app(atlas: Atlas | None = None) -> FastAPI:
    app = FastAPI(title="Sanctuary Atlas", version="0.1.0")
    app.state.atlas = atlas

    def get() -> Atlas:
        if app.state.atlas is None:
            from . import atlas as default_atlas

            app.state.atlas = default_atlas()
        return app.state.atlas

    @app.exception_handler(UnknownJurisdiction)
    async def _unknown(_: Request, exc: UnknownJurisdiction):
        return JSONResponse(
            status_code=404, content={"error": str(exc), "suggestions": [j.id for j in exc.suggestions]}
        )

    @app.exception_handler(BadInput)
    async def _bad(_: Request, exc: BadInput):
        return JSONResponse(status_code=400, content={"error": str(exc)})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return INDEX

    @app.get("/api/ask", response_model=Decision)
    def ask(
        place: str,
        kind: str,
        on: str | None = None,
        fact: Annotated[list[str] | None, Query(description="NAME=VALUE")] = None,
    ) -> Decision:
        facts = {}
        for pair in fact or []:
            name, sep, value = pair.partition("=")
            if not sep:
                raise BadInput(f"bad fact {pair!r}: use NAME=VALUE")
            facts[name] = value
        return get().decide(place, kind, on, facts)

    @app.get("/api/show", response_model=ShowOut)
    def show(place: str, on: str | None = None) -> ShowOut:
        return get().show(place, on)

    @app.get("/api/timeline", response_model=TimelineOut)
    def timeline(place: str, kind: str | None = None) -> TimelineOut:
        return get().timeline(place, kind)

    @app.get("/api/lookup", response_model=LookupOut)
    def lookup(q: str) -> LookupOut:
        return get().lookup_out(q)

    @app.get("/api/coverage", response_model=CoverageOut)
    def coverage() -> CoverageOut:
        return get().coverage()

    return app
