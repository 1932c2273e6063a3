"""Sanctuary Atlas: what US state and local law says about cooperating with federal
immigration enforcement, on any date, with citations.

    import sanctuary_atlas as sa
    sa.lookup("travis tx")
    sa.decide("county:48453", "detainer_hold", "2018-03-01", facts={})
    sa.grid(level="county", kinds=None, dates=[...])
"""

from __future__ import annotations

from functools import lru_cache

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def atlas():
    """The default atlas, read from the compiled store (built on first use)."""
    from .api import Atlas

    return Atlas.load()


def lookup(query: str):
    return atlas().lookup(query)


def decide(place: str, kind: str, on=None, facts=None):
    return atlas().decide(place, kind, on, facts)


def show(place: str, on=None):
    return atlas().show(place, on)


def timeline(place: str, kind: str | None = None):
    return atlas().timeline(place, kind)


def grid(level: str = "county", kinds=None, dates=None):
    return atlas().grid(level, kinds, dates)
