"""Readable tables for the CLI (rich). Each function takes a console and a response model."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

COLOURS = {
    "required": "bold yellow",
    "prohibited": "bold red",
    "permitted": "bold green",
    "restricted": "bold magenta",
    "protected": "green",
}


def _effect(effect: str) -> str:
    return f"[{COLOURS.get(effect, 'bold')}]{effect}[/]"


def _place(j) -> str:
    return f"{j.name}, {j.state} ({j.id})" if j.state else f"{j.name} ({j.id})"


def render_decision(console, d, trace: bool = False) -> None:
    console.print(f"{escape(_place(d.jurisdiction))} · {d.kind} · {d.date}")
    if d.facts:
        console.print("facts: " + ", ".join(f"{k}={v}" for k, v in d.facts.items()))
    console.print(
        f"answer: {_effect(d.effect)}"
        + (f" (otherwise {_effect(d.default_effect)})" if d.effect == "restricted" else "")
    )
    if d.exceptions:
        console.print("exceptions:")
        for e in d.exceptions:
            console.print(f"  • when {escape(e.when)}: {_effect(e.effect)}  [dim]{escape(e.cite)}[/]")
    if d.controlling:
        console.print("controlling:")
        for c in d.controlling:
            console.print(f"  • {escape(c.cite)} — {escape(c.title)} ({c.level}, {c.effect})")
            console.print(f"    [link={c.href}]{escape(c.href)}[/link]")
    else:
        console.print(
            "controlling: none — no law speaks to this, so the federal baseline applies "
            "(a detainer is a request, 8 C.F.R. 287.7(a); no duty on local agencies)"
        )
    for n in d.notes:
        console.print(f"[yellow]note:[/] {escape(n)}")
    if trace:
        table = Table(
            "level",
            "measure",
            "provision",
            "effect",
            "status",
            "by",
            "cite",
            title="trace",
            title_justify="left",
        )
        for t in d.trace:
            table.add_row(t.level, t.measure, t.provision, t.effect, t.status, t.by or "", escape(t.cite))
        console.print(table)


def render_show(console, s) -> None:
    table = Table(
        "kind", "answer", "controlling", title=f"{_place(s.jurisdiction)} on {s.date}", title_justify="left"
    )
    for kind, d in s.decisions.items():
        ctl = "; ".join(c.cite for c in d.controlling) or "federal baseline"
        table.add_row(kind, _effect(d.effect), escape(ctl))
    console.print(table)
    for entry in s.designations:
        console.print(
            f"named on {entry['list_id']} ({entry['date']}) as {escape(entry['name_as_printed'])!r} "
            f"under {entry['category_as_printed']}"
        )


def render_timeline(console, t) -> None:
    table = Table(
        "date",
        "kind",
        "before",
        "after",
        "why",
        title=f"{_place(t.jurisdiction)}: changes",
        title_justify="left",
    )
    for c in t.changes:
        table.add_row(str(c.date), c.kind, _effect(c.before), _effect(c.after), escape("; ".join(c.causes)))
    console.print(table if t.changes else "no changes: the federal baseline applies throughout")
    quiet = [e for e in t.law if not e.changed_answers]
    if quiet:
        console.print("[bold]On the record, changing no answer here[/] (funding orders, rulings, ...):")
    for e in quiet:
        console.print(f"{e.date} {escape(e.measure)} {e.event.replace('_', ' ')} — {escape(e.title)}")
    for e in t.agreements:
        what = "first on ICE's 287(g) list" if e.event == "first_listed" else "no longer on ICE's 287(g) list"
        console.print(f"{e.date} {what}: {escape(e.agency)} ({e.model}, signed {e.signed or '?'})")


def render_lookup(console, r) -> None:
    table = Table("id", "name", "state", "kind")
    for j in r.matches:
        table.add_row(j.id, j.name, j.state, j.kind)
    console.print(table)


def render_coverage(console, c) -> None:
    table = Table("id", "name", "status", "last verified", "measures", "open questions")
    for e in c.jurisdictions:
        table.add_row(
            e.id,
            e.name,
            e.status,
            str(e.last_verified or ""),
            str(e.measures),
            str(len(e.open_questions) or ""),
        )
    console.print(table)


def render_agreements(console, a) -> None:
    if a.ice_list is not None:
        table = Table(
            "state",
            "agency",
            "model",
            "signed",
            "county",
            "status",
            title=f"{a.count} 287(g) agreements on ICE's list of {a.ice_list.date} ({a.ice_list.id})",
            title_justify="left",
        )
        for g in a.agreements:
            table.add_row(
                g.state,
                escape(g.agency),
                g.model,
                g.signed or f"[red]{escape(g.signed_raw)}[/]",
                g.county_fips,
                g.status,
            )
        console.print(table)
    if a.reconstructed:
        table = Table(
            "state",
            "agency",
            "models",
            "first signed",
            "county",
            "confidence",
            title=f"{len(a.reconstructed)} agreements active by a secondary reconstruction (not ICE)",
            title_justify="left",
        )
        for r in a.reconstructed:
            table.add_row(r.state, escape(r.agency), r.models, r.first_signed, r.county_fips, r.confidence)
        console.print(table)
    for n in a.notes:
        console.print(f"[yellow]note:[/] {escape(n)}")


def render_designations(console, d, entries: bool) -> None:
    table = Table("list", "publisher", "date", "entries", "as printed", "withdrawn", title_justify="left")
    for lst in d.lists:
        table.add_row(
            lst.id,
            escape(lst.publisher),
            lst.date,
            str(lst.count),
            str(lst.count_as_printed),
            escape(lst.withdrawn),
        )
    console.print(table)
    if not entries:
        return
    for lst in d.lists:
        detail = Table(
            "#", "as printed", "heading", "state", "matched", "flag", title=lst.title, title_justify="left"
        )
        for e in lst.entries:
            detail.add_row(
                str(e.entry),
                escape(e.name_as_printed),
                e.category_as_printed,
                e.state,
                e.jurisdiction_id or "[red]unmatched[/]",
                e.flag,
            )
        console.print(detail)


def render_count(console, r) -> None:
    console.print(
        f"{r.title} — {r.level} level on {r.date}"
        f"{' (own local law only)' if not r.inherit_state_law else ''}: [bold]{r.count}[/]"
    )
    console.print(", ".join(r.members[:40]) + (" …" if len(r.members) > 40 else ""))
    for n in r.notes:
        console.print(f"[yellow]note:[/] {escape(n)}")


def render_side_by_side(console, t) -> None:
    table = Table(
        "definition",
        "level",
        "count",
        "own local law only",
        title=f'How many are "sanctuaries" on {t["date"]}?',
        title_justify="left",
    )
    for r in t["counts"]:
        table.add_row(
            escape(r["title"]),
            r["level"],
            str(r["count"]),
            "" if r["count_local_only"] is None else str(r["count_local_only"]),
        )
    console.print(table)


def render_definitions(console, d) -> None:
    for x in d["definitions"]:
        console.print(f"[bold]{x['id']}[/] — {escape(x['title'])}: {escape(x['description'])}")
        console.print(f"  [dim]origin: {escape(x['origin'])}; levels: {', '.join(x['levels'])}[/]")


def render_reconcile(console, s) -> None:
    for list_id, outcomes in s["lists"].items():
        table = Table("outcome", "count", title=f"{list_id} against {s['definition']}", title_justify="left")
        for k, v in sorted(outcomes.items()):
            table.add_row(k, str(v))
        console.print(table)


def render_claims(console, c) -> None:
    for r in c["claims"]:
        console.print(f"[bold]{r['verdict']}[/] — {escape(r['id'])}: “{escape(r['quote'][:120])}”")
        console.print(f"  {escape(r['evidence'])}")


def render_compare(console, r) -> None:
    console.print(f"[bold]{escape(r.description)}[/] ({r.unit}; data years {r.data_years})")
    console.print(
        f"counted under {r.definition} on {r.date}: mean {r.mean_treated:,.2f}; others: {r.mean_control:,.2f}"
    )
    table = Table("method", "difference", "95% interval", "counted", "compared")
    for e in r.estimates:
        table.add_row(
            e.method,
            f"{e.estimate:,.2f}",
            f"{e.ci_low:,.2f} to {e.ci_high:,.2f}",
            str(e.n_treated),
            str(e.n_control),
        )
    console.print(table)
    balance = Table(
        "covariate", "std. mean diff. before", "after matching", title="balance", title_justify="left"
    )
    for b in r.balance:
        balance.add_row(b.covariate, f"{b.smd_before:+.2f}", f"{b.smd_after:+.2f}")
    console.print(balance)
    for c in r.caveats:
        console.print(f"[yellow]caveat:[/] {escape(c)}")


def render_event_study(console, r) -> None:
    console.print(
        f"cohorts (first year counted): {r.cohorts}; never counted {r.never_treated}; "
        f"excluded as counted from the start {r.always_treated_excluded}"
    )
    table = Table("years from adoption", "ATT", "95% band")
    for e in r.effects:
        table.add_row(str(e.relative_year), f"{e.att:+.2f}", f"{e.ci_low:+.2f} to {e.ci_high:+.2f}")
    console.print(table)
    for c in r.caveats:
        console.print(f"[yellow]caveat:[/] {escape(c)}")
