"""Engine semantics on small synthetic law trees: each test builds the law it needs."""

from __future__ import annotations

import datetime as dt

import pytest

from lawkit import SOURCE, make_atlas, measure

# Synthetic law placed in Texas (state:48), Travis County (county:48453) and Austin (place:4805000).
STATE_MANDATE = measure(
    "state-mandate",
    "state:48",
    "2017-09-01",
    """
- id: hold
  kind: detainer_hold
  effect: required
  applies_to: [jails]
  cite: State Code § 1(a)
  unless:
    - when: {lawful_status_shown: true}
      effect: permitted
      text: the person shows lawful status
      cite: State Code § 1(b)
- id: inquiry
  kind: status_inquiry
  effect: protected
  applies_to: [local_agencies]
  cite: State Code § 2
""",
)
COUNTY_LIMIT = measure(
    "county-limit",
    "county:48453",
    "2017-02-01",
    """
- id: hold
  kind: detainer_hold
  effect: prohibited
  applies_to: [sheriffs, jails]
  cite: County Policy § 1
  unless:
    - when: {conviction: {at_least: serious_or_violent_felony}}
      effect: permitted
      text: the person was convicted of a serious or violent felony
      cite: County Policy § 1(a)
- id: inquiry
  kind: status_inquiry
  effect: prohibited
  applies_to: [sheriffs]
  cite: County Policy § 2
""",
    ends="ends: {date: 2019-01-01, reason: rescinded}\n",
)


@pytest.fixture
def texas(tmp_path):
    return make_atlas(
        tmp_path,
        {
            "states/tx/state-mandate.yaml": STATE_MANDATE,
            "local/tx/travis-county/county-limit.yaml": COUNTY_LIMIT,
        },
    )


def test_baseline_without_law_is_permitted(texas):
    d = texas.decide("county:48453", "detainer_hold", "2016-01-01")
    assert d.effect == "permitted" and d.basis == "baseline" and d.controlling == []


def test_day_before_and_day_of_effective_date(texas):
    assert texas.decide("county:48453", "detainer_hold", "2017-01-31").effect == "permitted"
    d = texas.decide("county:48453", "detainer_hold", "2017-02-01")
    assert d.effect == "restricted" and d.default_effect == "prohibited"
    assert [(e.effect, e.facts) for e in d.exceptions] == [
        ("permitted", {"conviction": "serious_or_violent_felony"})
    ]


def test_facts_flip_a_restricted_answer(texas):
    on = "2017-03-01"
    assert texas.decide("travis tx", "detainer_hold", on, {"conviction": "felony"}).effect == "prohibited"
    assert (
        texas.decide("travis tx", "detainer_hold", on, {"conviction": "serious_or_violent_felony"}).effect
        == "permitted"
    )


def test_state_mandate_voids_county_limit(texas):
    d = texas.decide("county:48453", "detainer_hold", "2017-09-01")
    assert d.effect == "required"
    assert [c.measure for c in d.controlling] == ["state-mandate"]
    status = {(t.measure, t.provision): (t.status, t.by) for t in d.trace}
    assert status[("county-limit", "hold")] == ("preempted", "state-mandate")
    # the state exception is listed; a default fact keeps the answer definite. Where it holds the
    # state imposes no duty, so the county's own limit governs again.
    assert [(e.when, e.effect) for e in d.exceptions] == [("the person shows lawful status", "prohibited")]
    shown = texas.decide("county:48453", "detainer_hold", "2017-09-01", {"lawful_status_shown": True})
    assert shown.effect == "restricted" and shown.default_effect == "prohibited"


def test_state_protection_voids_county_ban_but_is_no_duty(texas):
    d = texas.decide("county:48453", "status_inquiry", "2018-01-01")
    assert d.effect == "permitted"
    assert {t.measure: t.status for t in d.trace}["county-limit"] == "preempted"


def test_repeal_ends_a_measure(texas):
    d = texas.decide("county:48453", "status_inquiry", "2019-01-01")
    rows = {t.measure: t.status for t in d.trace}
    assert rows["county-limit"] == "not_in_force"


def test_state_law_does_not_bind_other_actors(texas):
    # the status_inquiry protection binds local agencies; the state's own agencies are not bound
    d = texas.decide("state:48", "status_inquiry", "2018-01-01")
    assert d.basis == "baseline"
    assert {t.measure: t.status for t in d.trace}["state-mandate"] == "not_applicable"


FLOOR = measure(
    "state-floor",
    "state:17",
    "2017-08-28",
    """
- id: hold
  kind: detainer_hold
  effect: prohibited
  applies_to: [law_enforcement]
  cite: State Floor § 15(a)
  unless:
    - when: {judicial_warrant: true}
      effect: permitted
      text: a judicial warrant
      cite: State Floor § 15(a)
""",
)
CITY_LOOSER = measure(
    "city-looser",
    "place:1714000",
    "2012-09-12",
    """
- id: hold
  kind: detainer_hold
  effect: prohibited
  applies_to: [police]
  cite: City Code § 42(a)
  unless:
    - when: {pending_felony_charge: true}
      effect: permitted
      text: a pending felony charge
      cite: City Code § 42(b)
- id: inquiry
  kind: status_inquiry
  effect: prohibited
  applies_to: [police]
  cite: City Code § 20
- id: share
  kind: share_status_info
  effect: prohibited
  applies_to: [police]
  cite: City Code § 30
""",
)
FEDERAL_1373 = measure(
    "fed-protect",
    "us",
    "1996-09-30",
    """
- id: share
  kind: share_status_info
  effect: protected
  applies_to: [all]
  cite: 8 U.S.C. 1373(a)
""",
)


@pytest.fixture
def illinois(tmp_path):
    return make_atlas(
        tmp_path,
        {
            "states/il/state-floor.yaml": FLOOR,
            "local/il/chicago/city-looser.yaml": CITY_LOOSER,
            "federal/fed-protect.yaml": FEDERAL_1373,
        },
    )


def test_city_carve_out_before_state_floor(illinois):
    d = illinois.decide("chicago", "detainer_hold", "2015-01-01")
    assert d.effect == "restricted" and d.default_effect == "prohibited"
    assert (
        illinois.decide("chicago", "detainer_hold", "2015-01-01", {"pending_felony_charge": True}).effect
        == "permitted"
    )


def test_state_floor_stops_a_city_loosening(illinois):
    d = illinois.decide("chicago", "detainer_hold", "2018-01-01", {"pending_felony_charge": True})
    assert d.effect == "prohibited"
    assert {t.measure: t.status for t in d.trace}["city-looser"] == "preempted"


def test_city_and_floor_both_control_when_equally_strict(illinois):
    d = illinois.decide("chicago", "detainer_hold", "2018-01-01", {"pending_felony_charge": False})
    assert d.effect == "prohibited"
    assert {c.measure for c in d.controlling} == {"state-floor", "city-looser"}


def test_judicial_warrant_flips_the_floor(illinois):
    d = illinois.decide("county:17201", "detainer_hold", "2018-01-01", {"judicial_warrant": True})
    assert d.effect == "permitted"


def test_city_stricter_than_state_floor(illinois):
    assert illinois.decide("chicago", "status_inquiry", "2018-01-01").effect == "prohibited"
    assert illinois.decide("county:17201", "status_inquiry", "2018-01-01").effect == "permitted"


def test_federal_protection_of_status_sharing_voids_local_ban(illinois):
    d = illinois.decide("chicago", "share_status_info", "2018-01-01")
    assert d.effect == "permitted"
    assert [c.measure for c in d.controlling] == ["fed-protect"]
    assert {t.measure: (t.status, t.by) for t in d.trace}["city-looser"] == ("preempted", "fed-protect")


INJUNCTION = f"""
id: an-injunction
event: injunction
title: Synthetic v. State (preliminary injunction)
court: W.D. Tex.
date: 2017-08-30
ends: 2017-09-26
scope: ['state:48']
suspends: [state-mandate#hold]
cite: Synthetic order at 1
{SOURCE}
"""
PARTIAL_STAY = f"""
id: a-stay
event: stay
title: Synthetic v. State (stay pending appeal)
court: 5th Cir.
date: 2017-09-25
scope: everywhere
restores: [state-mandate#hold]
cite: Synthetic stay order
{SOURCE}
"""


@pytest.fixture
def enjoined(tmp_path):
    return make_atlas(
        tmp_path,
        {
            "states/tx/state-mandate.yaml": STATE_MANDATE,
            "local/tx/travis-county/county-limit.yaml": COUNTY_LIMIT,
            "states/tx/an-injunction.yaml": INJUNCTION,
            "states/tx/a-stay.yaml": PARTIAL_STAY,
        },
    )


def test_injunction_window_and_stay(enjoined):
    during = enjoined.decide("county:48453", "detainer_hold", "2017-09-01")
    assert during.default_effect == "prohibited"  # the county limit stands while the mandate is enjoined
    assert {t.measure: (t.status, t.by) for t in during.trace}["state-mandate"] == (
        "enjoined",
        "an-injunction",
    )
    assert enjoined.decide("county:48453", "detainer_hold", "2017-09-24").default_effect == "prohibited"
    assert enjoined.decide("county:48453", "detainer_hold", "2017-09-25").effect == "required"


def test_injunction_scope_is_limited(enjoined, tmp_path):
    # an injunction scoped to Texas does not reach a state it does not name
    d = enjoined.decide("county:06037", "detainer_hold", "2017-09-01")
    assert d.basis == "baseline"


def test_timeline_lists_changes_with_causes(enjoined):
    t = enjoined.timeline("county:48453", "detainer_hold")
    assert [(str(c.date), c.after) for c in t.changes] == [
        ("2017-02-01", "restricted"),
        ("2017-09-25", "required"),
    ]
    assert any("a-stay" in cause for cause in t.changes[1].causes)


def test_bad_facts_and_kinds_are_errors(texas):
    from sanctuary_atlas.api import BadInput

    with pytest.raises(BadInput, match="unknown fact"):
        texas.decide("travis tx", "detainer_hold", "2018-01-01", {"nonsense": True})
    with pytest.raises(BadInput, match="takes one of"):
        texas.decide("travis tx", "detainer_hold", "2018-01-01", {"conviction": "murder"})
    with pytest.raises(BadInput, match="did you mean 'detainer_hold'"):
        texas.decide("travis tx", "detainer_hld", "2018-01-01")
    with pytest.raises(BadInput, match="bad date"):
        texas.decide("travis tx", "detainer_hold", "2018-02-30")


def test_a_consolidated_government_acts_through_its_city_police(tmp_path):
    police_rule = measure(
        "sf-police-order",
        "county:06075",
        "2017-07-05",
        """
- id: inquiry
  kind: status_inquiry
  effect: prohibited
  applies_to: [police]
  cite: Police General Order § 1
""",
    )
    atlas = make_atlas(tmp_path, {"local/ca/san-francisco/sf-police-order.yaml": police_rule})
    for jid in ("county:06075", "place:0667000"):
        assert atlas.decide(jid, "status_inquiry", "2018-01-01").effect == "prohibited", jid
    # an ordinary county has no city police: the same rule would not bind its sheriff
    other = measure(
        "la-police-order",
        "county:06037",
        "2017-07-05",
        """
- id: inquiry
  kind: status_inquiry
  effect: prohibited
  applies_to: [police]
  cite: Police General Order § 1
""",
    )
    atlas = make_atlas(tmp_path / "la", {"local/ca/los-angeles-county/la-police-order.yaml": other})
    assert atlas.decide("county:06037", "status_inquiry", "2018-01-01").basis == "baseline"


def test_a_federal_order_binds_only_the_parties_it_names(tmp_path):
    order = measure(
        "an-injunction-order",
        "us",
        "2011-12-23",
        """
- id: stops
  kind: civil_enforcement
  effect: prohibited
  applies_to: [sheriffs]
  cite: Order at 40
""",
    ).replace("provisions:", "applies_in: ['county:04013']\nprovisions:")
    state = measure(
        "state-protects",
        "state:04",
        "2010-07-29",
        """
- id: assist
  kind: civil_enforcement
  effect: protected
  applies_to: [local_agencies]
  cite: State Code § 1051(A)
""",
    )
    atlas = make_atlas(
        tmp_path, {"federal/an-injunction-order.yaml": order, "states/az/state-protects.yaml": state}
    )
    bound = atlas.decide("county:04013", "civil_enforcement", "2012-01-01")
    assert bound.effect == "prohibited"  # the federal order outranks the state's protection
    assert {t.measure: t.status for t in bound.trace}["state-protects"] == "preempted"
    other = atlas.decide("county:04019", "civil_enforcement", "2012-01-01")
    assert other.effect == "permitted" and "an-injunction-order" not in {t.measure for t in other.trace}
    g = atlas.grid("county", kinds=["civil_enforcement"], dates=["2012-01-01"])
    assert g.effect("county:04013", dt.date(2012, 1, 1), "civil_enforcement") == "prohibited"
    assert g.effect("county:04019", dt.date(2012, 1, 1), "civil_enforcement") == "permitted"


def test_timeline_shows_law_that_changes_no_answer(atlas):
    """Funding orders and rulings without provisions are on the timeline, marked as changing no
    answer; a measure that did change an answer is marked so."""
    t = atlas.timeline("county:48453")
    silent = {m["id"] for m in atlas.law.measures.values() if not m.get("provisions")}
    listed = {e.measure: e for e in t.law}
    federal_silent = [
        mid for mid in silent if atlas.law.measures[mid]["jurisdiction"] == "us" and mid in listed
    ]
    assert federal_silent and all(not listed[m].changed_answers for m in federal_silent)
    movers = [e for e in t.law if e.changed_answers]
    assert movers
    for e in movers:  # each names a change of that day among its causes
        assert any(c.date == e.date and any(e.measure in why for why in c.causes) for c in t.changes), e
