"""grid() and decide() must agree on every cell: checked on a large random sample."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from sanctuary_atlas.engine.grid import NOT_A_JURISDICTION

MONTHS = [dt.date(y, m, 1) for y in range(1987, 2027) for m in range(1, 13)]


def test_grid_shape_and_codes(atlas):
    g = atlas.grid("county", dates=MONTHS)
    assert g.codes.shape == (len(g.ids), len(MONTHS), 9)
    assert set(np.unique(g.codes)) <= {0, 1, 2, 3, NOT_A_JURISDICTION}


def test_grid_agrees_with_decide_on_random_cells(atlas):
    rng = random.Random(20261127)
    g = atlas.grid("county", dates=MONTHS)
    # every county with its own law, plus a random sample of the rest
    with_law = {p.government for p in atlas.law.provisions}
    rows = [i for i, jid in enumerate(g.ids) if jid in with_law]
    rows += rng.sample(range(len(g.ids)), 300)
    checked = 0
    for _ in range(3000):
        i = rng.choice(rows)
        d = rng.randrange(len(MONTHS))
        k = rng.randrange(len(g.kinds))
        jid, date, kind = g.ids[i], MONTHS[d], g.kinds[k]
        code = int(g.codes[i, d, k])
        j = atlas.registry[jid]
        if code == NOT_A_JURISDICTION:
            assert (j.valid_to and date.isoformat() >= j.valid_to) or (
                j.valid_from and date.isoformat() < j.valid_from
            )
            continue
        assert g.effect(jid, date, kind) == atlas.decide(jid, kind, date).effect, (jid, date, kind)
        checked += 1
    assert checked > 2500


def test_grid_agrees_on_every_change_date(atlas):
    """The cells on and just before each breakpoint are where an off-by-one would hide."""
    from sanctuary_atlas.engine.decide import chain_for
    from sanctuary_atlas.engine.timeline import breakpoints

    govs = sorted({p.government for p in atlas.law.provisions if p.level in ("county", "place")})
    for level in ("county", "place", "state"):
        ids = [g for g in govs if atlas.registry[g].kind == level] or [
            j.id for j in atlas.registry.of_kind(level)
        ][:3]
        dates = sorted(
            {
                d + dt.timedelta(days=delta)
                for jid in ids
                for d in breakpoints(atlas.law, chain_for(atlas.registry, jid))
                for delta in (-1, 0)
            }
        )
        if not dates:
            continue
        g = atlas.grid(level, dates=dates)
        for jid in ids:
            for date in dates:
                for kind in g.kinds:
                    assert g.effect(jid, date, kind) == atlas.decide(jid, kind, date).effect, (
                        jid,
                        date,
                        kind,
                    )


def test_grid_marks_connecticut_counties_by_date(atlas):
    g = atlas.grid("county", dates=[dt.date(2020, 1, 1), dt.date(2023, 1, 1)])
    old, new = g.ids.index("county:09003"), g.ids.index("county:09110")
    assert g.codes[old, 0, 0] != NOT_A_JURISDICTION and g.codes[old, 1, 0] == NOT_A_JURISDICTION
    assert g.codes[new, 0, 0] == NOT_A_JURISDICTION and g.codes[new, 1, 0] != NOT_A_JURISDICTION


def test_grid_to_table(atlas):
    g = atlas.grid("state", kinds=["detainer_hold"], dates=[dt.date(2018, 3, 1)])
    table = g.to_pandas()
    assert list(table.columns) == ["id", "date", "kind", "effect"]
    assert len(table) == 51
