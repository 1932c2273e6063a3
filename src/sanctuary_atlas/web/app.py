"""FastAPI application: JSON API under /api, pages rendered with Jinja2 (autoescaped).

Every input is validated; bad input is a 4xx with a JSON {"error": …} body (API) or an error
page (pages); nothing writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..answers import AgreementsOut, CoverageOut, Decision, DesignationsOut, LookupOut, ShowOut, TimelineOut
from ..api import Atlas, parse_date, parse_kind
from ..definitions import CountOut
from ..errors import BadInput
from ..registry import UnknownJurisdiction
from ..vocabulary import KIND_DESCRIPTIONS, Kind
from . import pages

HERE = Path(__file__).resolve().parent
FIRST_MONTH = dt.date(1987, 1, 1)


def create_app(atlas: Atlas | None = None) -> FastAPI:
    app = FastAPI(
        title="Sanctuary Atlas",
        version="0.1.0",
        description="US state and local law on cooperation with federal immigration enforcement, "
        "on any date, with citations.",
    )
    app.state.atlas = atlas
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def get() -> Atlas:
        if app.state.atlas is None:
            from .. import atlas as default_atlas

            app.state.atlas = default_atlas()
        return app.state.atlas

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api")

    @app.exception_handler(UnknownJurisdiction)
    async def _unknown(request: Request, exc: UnknownJurisdiction):
        if wants_html(request):
            return templates.TemplateResponse(
                request, "error.html", {"message": str(exc), "suggestions": exc.suggestions}, status_code=404
            )
        return JSONResponse(
            status_code=404, content={"error": str(exc), "suggestions": [j.id for j in exc.suggestions]}
        )

    @app.exception_handler(BadInput)
    async def _bad(request: Request, exc: BadInput):
        if wants_html(request):
            return templates.TemplateResponse(
                request, "error.html", {"message": str(exc), "suggestions": []}, status_code=400
            )
        return JSONResponse(status_code=400, content={"error": str(exc)})

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse(status_code=422, content={"error": reasons})

    # ------------------------------------------------------------------ JSON API

    def facts_of(fact: list[str] | None) -> dict[str, str]:
        out = {}
        for pair in fact or []:
            name, sep, value = pair.partition("=")
            if not sep or not name:
                raise BadInput(f"bad fact {pair!r}: use NAME=VALUE")
            out[name] = value
        return out

    @app.get("/api/ask", response_model=Decision, tags=["law"])
    async def ask(
        place: str,
        kind: str,
        on: str | None = None,
        fact: Annotated[list[str] | None, Query(description="NAME=VALUE")] = None,
    ) -> Decision:
        """May, must or must not the agency in `place` do `kind` on `on`? (= `sanctuary ask --json`)"""
        return Response(
            ask_json(place, kind, on or dt.date.today().isoformat(), tuple(fact or ())),
            media_type="application/json",
        )

    @lru_cache(maxsize=65536)
    def ask_json(place: str, kind: str, on: str, fact: tuple[str, ...]) -> bytes:
        """The answer's JSON, computed once per distinct question (the store is read-only)."""
        return get().decide(place, kind, on, facts_of(list(fact))).model_dump_json().encode()

    @app.get("/api/show", response_model=ShowOut, tags=["law"])
    async def show(place: str, on: str | None = None) -> ShowOut:
        return get().show(place, on)

    @app.get("/api/timeline", response_model=TimelineOut, tags=["law"])
    async def timeline(place: str, kind: str | None = None) -> TimelineOut:
        return get().timeline(place, kind)

    @app.get("/api/lookup", response_model=LookupOut, tags=["places"])
    async def lookup(q: str) -> LookupOut:
        return get().lookup_out(q)

    @app.get("/api/coverage", response_model=CoverageOut, tags=["law"])
    async def coverage() -> CoverageOut:
        return get().coverage()

    @app.get("/api/agreements", response_model=AgreementsOut, tags=["record"])
    async def agreements(on: str | None = None, state: str | None = None) -> AgreementsOut:
        return get().agreements(on, state)

    @app.get("/api/agreements.csv", tags=["record"], response_class=Response)
    def agreements_csv(on: str | None = None, state: str | None = None) -> Response:
        rows = [a.model_dump() for a in get().agreements(on, state).agreements]
        return csv_response(rows, "agreements.csv")

    @app.get("/api/designations", response_model=DesignationsOut, tags=["record"])
    async def designations(list: str | None = None) -> DesignationsOut:
        return get().designations(list)

    @app.get("/api/designations.csv", tags=["record"], response_class=Response)
    def designations_csv(list: str | None = None) -> Response:
        rows = [
            {"list_id": lst.id, **e.model_dump()}
            for lst in get().designations(list).lists
            for e in lst.entries
        ]
        return csv_response(rows, "designations.csv")

    @app.get("/api/count", response_model=CountOut, tags=["definitions"])
    async def count(
        definition: str, on: str | None = None, level: str = "county", local_only: bool = False
    ) -> CountOut:
        from ..definitions import count as count_members

        return count_members(get(), definition, parse_date(on), level, False if local_only else None)

    @app.get("/api/count.csv", tags=["definitions"], response_class=Response)
    def count_csv(definition: str, level: str = "county") -> Response:
        from .. import definitions as D

        months = D.monthly(FIRST_MONTH, dt.date.today())
        _, mask = D.series(get(), D.get(definition), level, months)
        rows = [
            {"month": m.isoformat(), "definition": definition, "level": level, "count": int(c)}
            for m, c in zip(months, mask.sum(axis=0), strict=True)
        ]
        return csv_response(rows, f"{definition}-{level}.csv")

    @app.get("/api/map", tags=["map"])
    async def map_layer(
        on: str | None = None, kind: str | None = None, definition: str | None = None
    ) -> dict:
        """Codes for every county shape, in the map's order: effects 0 permitted, 1 required,
        2 prohibited, 3 restricted, 9 n/a; or, for a definition, 1 member and 0 not."""
        return pages.map_layer(get(), parse_date(on), kind, definition)

    @app.get("/api/overlay", tags=["map"])
    async def overlay(layer: str, on: str | None = None) -> dict:
        """County FIPS codes of an overlay: `287g` (active agreements) or `list:LIST_ID`."""
        return pages.overlay(get(), layer, parse_date(on))

    # ------------------------------------------------------------------ pages

    def render(request: Request, name: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            name,
            {"kinds": [k.value for k in Kind], "kind_descriptions": KIND_DESCRIPTIONS, **context},
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        return render(request, "map.html", **pages.map_context(get()))

    @app.get("/place/{place}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, place: str, on: str | None = None) -> HTMLResponse:
        return render(request, "place.html", **pages.place_context(get(), place, parse_date(on)))

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(
        request: Request,
        place: str | None = None,
        kind: str | None = None,
        on: str | None = None,
        fact: Annotated[list[str] | None, Query()] = None,
    ) -> HTMLResponse:
        given = facts_of([f for f in fact or [] if f])  # the form sends "" for an unknown fact
        decision = get().decide(place, parse_kind(kind), on, given) if place and kind else None
        return render(
            request,
            "ask.html",
            decision=decision,
            place=place or "",
            kind=kind or "detainer_hold",
            on=on or dt.date.today().isoformat(),
            facts=get().law.facts,
            given=given,
        )

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request) -> HTMLResponse:
        return render(request, "sources.html", **pages.sources_context(get()))

    @app.get("/method", response_class=HTMLResponse, include_in_schema=False)
    def method_page(request: Request) -> HTMLResponse:
        return render(request, "method.html")

    @app.get("/api/health", tags=["meta"])
    async def health() -> dict:
        return {"ok": True}

    return app


def csv_response(rows: list[dict], filename: str) -> Response:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    return Response(
        buf.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
