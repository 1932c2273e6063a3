"""End-to-end tests in headless Chromium (Debian's package, driven by Playwright): the map draws
every county, the slider recolours it, a click lands on the county's page, the ask form answers
with a citation. Skipped where Chromium or Playwright is not installed (.ci/run installs both)."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from sanctuary_atlas.web.headless import CHROMIUM, CHROMIUM_FLAGS, free_port

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def server(atlas):
    import uvicorn

    from sanctuary_atlas.web import create_app
    from sanctuary_atlas.web.geometry import GeometryMissing, shapes

    try:
        shapes()
    except GeometryMissing as exc:
        pytest.skip(str(exc))
    port = free_port()
    config = uvicorn.Config(create_app(atlas), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        yield pg
        browser.close()


def wait_drawn(page, at_least: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.drawn || 0) >= {at_least}", timeout=15000)


def test_map_draws_every_county(page, server):
    from sanctuary_atlas.web.geometry import shapes

    page.goto(server + "/")
    wait_drawn(page, 1)
    n = page.locator("#counties path").count()
    assert n == len(shapes()["counties"]) > 3000
    uncoloured = page.locator("#counties path.c9").count()
    assert uncoloured < 50  # only shapes with no county on that date (e.g. Connecticut after 2022)


def test_slider_recolours_without_reload(page, server):
    page.goto(server + "/")
    wait_drawn(page, 1)
    page.evaluate("window.__marker = 'same page'")
    los_angeles = page.locator('#counties path[data-fips="06037"]')
    now = los_angeles.get_attribute("class")
    slider = page.locator("#date")
    months = page.evaluate("JSON.parse(document.getElementById('months').textContent)")
    page.evaluate(
        "i => { const s = document.getElementById('date'); s.value = i;"
        " s.dispatchEvent(new Event('input')); }",
        months.index("2013-06-01"),
    )
    wait_drawn(page, 2)
    before = los_angeles.get_attribute("class")
    assert page.evaluate("window.__marker") == "same page"
    assert page.locator("#date-label").inner_text() == "2013-06-01"
    assert now != before, "California's holds changed between 2013 and today"
    assert slider.count() == 1


def test_click_a_county_opens_its_page(page, server):
    page.goto(server + "/")
    wait_drawn(page, 1)
    page.locator('#counties path[data-fips="48453"]').dispatch_event("click")
    page.wait_for_url("**/place/county:48453**")
    assert "Travis County" in page.locator("h1").inner_text()
    assert page.locator("table.answers tr").count() == 10


def test_ask_form_answers_with_a_citation(page, server):
    page.goto(server + "/ask")
    page.fill("input[name=place]", "Cook County, IL")
    page.select_option("select[name=kind]", "detainer_hold")
    page.fill("input[name=on]", "2018-03-01")
    page.click("button[type=submit]")
    page.wait_for_selector("#result")
    text = page.locator("#result").inner_text()
    assert "prohibited" in text
    assert "5 ILCS 805/15" in text or "46-37" in text


def test_map_first_draw_and_recolour_are_measured(page, server):
    page.goto(server + "/")
    wait_drawn(page, 1)
    assert page.evaluate("window.lastRecolourMs") > 0
