"""Browser tests: Debian's Chromium driven by Playwright against a live uvicorn server.

Skipped when /usr/bin/chromium is missing (install it with ``apt-get install -y chromium``).
Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_web import build_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from realpolitik.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "b.duckdb"
    build_store(db)
    port = _free_port()
    config = uvicorn.Config(create_app(db, token=""), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        yield pg
        browser.close()


def test_browser_overview_draws_chart_and_filter_changes_timeline(server: str, page: Any) -> None:
    page.goto(server + "/")
    chart = page.locator("#timeline svg.chart.bars")
    assert chart.count() == 1 and chart.is_visible()
    all_rects = page.locator("#timeline svg rect.bar").count()
    assert all_rects >= 4
    assert page.locator("table.events tbody tr").count() == 5
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)
    page.fill("input[name=actor]", "USA")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert "actor=USA" in page.url
    assert page.locator("table.events tbody tr").count() == 2
    assert page.locator("#timeline svg rect.bar").count() < all_rects
    assert "2 events" in page.locator("#timeline svg").inner_html()
    page.screenshot(path=str(SHOTS / "overview-usa.png"), full_page=True)


def test_browser_network_slider_swaps_window(server: str, page: Any) -> None:
    page.goto(server + "/network")
    visible = page.locator("#network figure.window:not([hidden])")
    assert visible.count() == 1 and visible.get_attribute("data-label") == "2024"
    assert visible.locator("svg.network circle").count() == 4
    page.screenshot(path=str(SHOTS / "network-2024.png"), full_page=True)
    page.locator("#window-slider").fill("0")
    visible = page.locator("#network figure.window:not([hidden])")
    assert visible.count() == 1 and visible.get_attribute("data-label") == "2023"
    assert visible.locator("svg.network circle").count() == 3
    assert page.locator("#window-label").inner_text() == "2023"
    page.screenshot(path=str(SHOTS / "network-2023.png"), full_page=True)


def test_browser_dyad_and_document_pages(server: str, page: Any) -> None:
    page.goto(server + "/dyads/RUS/PRK")
    assert page.locator("#dyad-chart svg a").count() == 2
    page.locator("#dyad-chart svg a").first.click()
    assert page.url.endswith("#p-2023-03-01")
    page.screenshot(path=str(SHOTS / "dyad.png"), full_page=True)
    page.goto(server + "/documents")
    page.click("text=Moscow and Pyongyang sign a treaty")
    assert page.locator("mark.trigger").count() == 2
    assert page.locator("mark.mention").count() == 4
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)


def test_browser_api_write_refused_without_token(server: str, page: Any) -> None:
    response = page.request.post(server + "/api/documents", data={"text": "hello"})
    assert response.status == 403
