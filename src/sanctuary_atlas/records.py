"""The public record beside the law: 287(g) agreements and government "sanctuary" lists, read
from the compiled store."""

from __future__ import annotations

import datetime as dt
import sqlite3

from .answers import (
    AgreementOut,
    AgreementsOut,
    DesignationEntry,
    DesignationListOut,
    DesignationsOut,
    ListOut,
    ReconstructedAgreementOut,
    RecordEvent,
)
from .errors import BadInput

AGREEMENT_FIELDS = list(AgreementOut.model_fields)
RECONSTRUCTED_FIELDS = list(ReconstructedAgreementOut.model_fields)
STALE_LIST_DAYS = 365  # an ICE list older than this leaves room for the reconstruction


def reconstructed(con: sqlite3.Connection, on: dt.date, state: str | None = None) -> list:
    """Agreements the secondary 2002-2017 reconstruction finds active on a date: signed (or
    first active) on or before it, and not ended before it."""
    day = on.isoformat()
    sql = (
        "SELECT * FROM agreements_287g_reconstructed WHERE "
        "MIN(COALESCE(NULLIF(first_signed, ''), '9999'), COALESCE(NULLIF(active_from, ''), '9999')) "
        "<= ? AND (terminated = 'False' OR active_to = '' OR ? <= active_to)"
    )
    params: list = [day, day]
    if state:
        sql += " AND state = ?"
        params.append(state)
    rows = con.execute(sql + " ORDER BY state, agency", params).fetchall()
    return [ReconstructedAgreementOut(**{k: str(r[k]) for k in RECONSTRUCTED_FIELDS}) for r in rows]


def latest_list(con: sqlite3.Connection, on: dt.date) -> sqlite3.Row | None:
    return con.execute(
        'SELECT * FROM agreement_lists_287g WHERE list = "participating" AND date <= ? '
        'ORDER BY date DESC, "order" DESC LIMIT 1',
        (on.isoformat(),),
    ).fetchone()


def agreements(
    con: sqlite3.Connection,
    on: dt.date,
    state: str | None = None,
    county_fips: str | None = None,
    agency_type: str | None = None,
) -> AgreementsOut:
    """The agreements on ICE's newest participating list on or before `on`."""
    snap = latest_list(con, on)
    if snap is None:
        return AgreementsOut(
            date=on,
            count=0,
            ice_list=None,
            days_since_list=None,
            agreements=[],
            reconstructed=reconstructed(con, on, state),
            notes=[
                "no ICE 287(g) list this early: the first is as of 2007-09-19",
                "`reconstructed` is a secondary reconstruction, not an ICE list",
            ],
        )
    sql = (
        "SELECT a.* FROM agreement_sightings_287g s JOIN agreements_287g a USING (agreement_id) "
        "WHERE s.snapshot_id = ?"
    )
    params: list = [snap["snapshot_id"]]
    for column, value in (("state", state), ("county_fips", county_fips), ("agency_type", agency_type)):
        if value:
            sql += f" AND a.{column} = ?"
            params.append(value)
    rows = con.execute(
        sql + " GROUP BY a.agreement_id ORDER BY a.state, a.agency, a.model", params
    ).fetchall()
    days = (on - dt.date.fromisoformat(snap["date"])).days
    notes = []
    if days > 31:
        notes.append(
            f"the newest ICE list on or before {on} is {days} days older ({snap['date']}); "
            "agreements signed or ended since are not seen"
        )
    extra = reconstructed(con, on, state) if days > STALE_LIST_DAYS else []
    if extra:
        notes.append("`reconstructed` is a secondary reconstruction, not an ICE list")
    return AgreementsOut(
        date=on,
        count=len(rows),
        ice_list=ListOut(id=snap["snapshot_id"], date=snap["date"], source=snap["source"], href=snap["href"]),
        days_since_list=days,
        agreements=[AgreementOut(**{k: r[k] for k in AGREEMENT_FIELDS}) for r in rows],
        reconstructed=extra,
        notes=notes,
    )


def designations(con: sqlite3.Connection, list_id: str | None = None) -> DesignationsOut:
    lists = con.execute("SELECT * FROM designation_lists ORDER BY date, list_id").fetchall()
    known = [r["list_id"] for r in lists]
    if list_id and list_id not in known:
        raise BadInput(f"unknown list {list_id!r}; lists: {', '.join(known)}")
    out = []
    for lst in lists:
        if list_id and lst["list_id"] != list_id:
            continue
        entries = con.execute(
            "SELECT * FROM designations WHERE list_id = ? ORDER BY rowid", (lst["list_id"],)
        ).fetchall()
        out.append(
            DesignationListOut(
                id=lst["list_id"],
                publisher=lst["publisher"],
                title=lst["title"],
                date=lst["date"],
                withdrawn=lst["withdrawn"],
                count=int(lst["count_parsed"]),
                count_as_printed=int(lst["count_as_printed"]),
                source_title=lst["source_title"],
                source_href=lst["source_href"],
                note=lst["note"],
                entries=[
                    DesignationEntry(
                        entry=int(e["entry"]),
                        name_as_printed=e["name_as_printed"],
                        category_as_printed=e["category_as_printed"],
                        state=e["state"],
                        jurisdiction_id=e["jurisdiction_id"],
                        match=e["match"],
                        flag=e["flag"],
                        note=e["match_note"],
                    )
                    for e in entries
                ],
            )
        )
    return DesignationsOut(lists=out)


def designations_of(con: sqlite3.Connection, ids: list[str]) -> list[dict]:
    """Every list entry that names one of `ids`."""
    marks = ", ".join("?" * len(ids))
    return [
        dict(r)
        for r in con.execute(
            f"SELECT d.list_id, l.date, d.name_as_printed, d.category_as_printed, d.flag FROM designations d "
            f"JOIN designation_lists l USING (list_id) WHERE d.jurisdiction_id IN ({marks}) AND d.flag != "
            f"'print_repeat' ORDER BY l.date",
            ids,
        )
    ]


def agreement_events(con: sqlite3.Connection, j) -> list[RecordEvent]:
    """When each 287(g) agreement of a county's sheriff or jail (or a state's agencies) first
    appears on ICE's participating lists, and when it is first missing from them."""
    if j.kind == "county":
        where, params = "county_fips = ? AND agency_type = 'county'", [j.fips]
    elif j.kind == "state":
        where, params = "state = ? AND agency_type = 'state'", [j.state]
    else:
        return []
    rows = con.execute(f"SELECT * FROM agreements_287g WHERE list = 'participating' AND {where}", params)
    events = []
    for r in rows:
        base = {
            "agreement_id": r["agreement_id"],
            "agency": r["agency"],
            "model": r["model"],
            "signed": r["signed"] or r["signed_raw"],
        }
        events.append(RecordEvent(date=dt.date.fromisoformat(r["first_seen"]), event="first_listed", **base))
        if r["absent_from"]:
            events.append(
                RecordEvent(date=dt.date.fromisoformat(r["absent_from"]), event="absent_from_list", **base)
            )
    return sorted(events, key=lambda e: (e.date, e.agency, e.event))
