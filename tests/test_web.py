"""The HTTP JSON API returns the same documents as the CLI, and 4xx JSON for bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sanctuary_atlas.web import create_app


@pytest.fixture(scope="module")
def client(atlas):
    return TestClient(create_app(atlas))


def test_ask_matches_the_python_api(client, atlas):
    r = client.get(
        "/api/ask",
        params={
            "place": "travis tx",
            "kind": "detainer_hold",
            "on": "2018-03-01",
            "fact": ["judicial_warrant=true"],
        },
    )
    assert r.status_code == 200
    expected = atlas.decide("travis tx", "detainer_hold", "2018-03-01", {"judicial_warrant": "true"})
    assert r.json() == expected.model_dump(mode="json")


@pytest.mark.parametrize(
    "params, status, text",
    [
        ({"place": "Travsi County, TX", "kind": "detainer_hold"}, 404, "unknown place"),
        ({"place": "travis tx", "kind": "nope"}, 400, "unknown kind"),
        ({"place": "travis tx", "kind": "detainer_hold", "on": "2018-13-01"}, 400, "bad date"),
        ({"place": "travis tx", "kind": "detainer_hold", "fact": "x"}, 400, "bad fact"),
        ({"place": "<script>alert(1)</script>", "kind": "detainer_hold"}, 404, "unknown place"),
    ],
)
def test_bad_input_is_4xx_json(client, params, status, text):
    r = client.get("/api/ask", params=params)
    assert r.status_code == status
    assert text in r.json()["error"]


def test_other_endpoints(client):
    assert client.get("/api/show", params={"place": "chicago"}).status_code == 200
    assert (
        client.get("/api/lookup", params={"q": "austin texas"}).json()["matches"][0]["id"] == "place:4805000"
    )
    assert client.get("/api/timeline", params={"place": "travis tx"}).status_code == 200
    assert "jurisdictions" in client.get("/api/coverage").json()
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]
    assert client.get("/").status_code == 200


def test_map_layers(client, atlas):
    from sanctuary_atlas.web.geometry import GeometryMissing, shapes

    try:
        order = [f"county:{fips}" for fips, _, _ in shapes()["counties"]]
    except GeometryMissing:
        pytest.skip("map geometry not installed")
    r = client.get("/api/map", params={"on": "2018-03-01", "kind": "detainer_hold"}).json()
    assert len(r["codes"]) == len(order)
    i = order.index("county:06037")
    assert r["legend"][r["codes"][i]] == atlas.decide("county:06037", "detainer_hold", "2018-03-01").effect
    state_def = client.get(
        "/api/map", params={"on": "2020-01-01", "definition": "state_mandates_cooperation"}
    ).json()
    assert state_def["codes"][order.index("county:48453")] == "1"  # Texas law colours every Texas county
    assert client.get("/api/map", params={"on": "2020-01-01"}).status_code == 400
    overlay = client.get("/api/overlay", params={"layer": "287g", "on": "2025-07-18"}).json()
    assert len(overlay["fips"]) > 300


def test_place_page_shows_open_questions_and_law_that_changes_no_answer(client, atlas):
    asked = next(r for r in atlas.coverage_rows if r["open_questions"] and r["id"].startswith("state:"))
    county = next(j for j in atlas.registry.of_kind("county") if j.state_id == asked["id"] and not j.valid_to)
    page = client.get(f"/place/{county.id}").text
    assert "Open question:" in page and asked["open_questions"][0][:40] in page.replace("&#39;", "'")
    assert "changing no answer here" in page  # the federal funding orders are on every timeline
    assert "Open question:" in client.get("/sources").text
