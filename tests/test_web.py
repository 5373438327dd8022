"""The web page in a real browser (Debian's chromium driven by Playwright, never `playwright install`), served
by the real app over a real SQLite store: it loads offline, filters by country and dates, brushes the
timeline, opens an event with its Arabic evidence highlighted right to left, and renders a hostile article
inert. scripts/test.sh installs chromium when it is missing; without it these tests skip, or fail under
MARSAD_REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.run import ingest_paths

REPORTS = Path(__file__).parent / "data" / "store"
CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]

# written for this test: an event report wrapped in markup that must stay text
HOSTILE = {
    "id": "hostile", "published": "2023-05-12", "outlet": "<b onmouseover=alert(1)>outlet</b>",
    "url": "javascript:window.__pwned=3", "title": "<script>window.__pwned=4</script>عنوان",
    "text": ("<script>window.__pwned=1</script> قتل أربعة مدنيين في قصف على مدينة تدمر أمس الخميس "
             "<img src=x onerror=\"window.__pwned=2\"> \u202eمقلوب\u202c <a href=\"javascript:alert(1)\">رابط</a>."),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM:
        if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
            pytest.fail("MARSAD_REQUIRE_BROWSER=1 but no chromium: scripts/browser.sh did not install it")
        pytest.skip("no chromium: run scripts/test.sh (it installs Debian's chromium)")
    import uvicorn

    from marsad.api.app import create_app

    tmp = tmp_path_factory.mktemp("web")
    (tmp / "hostile.json").write_text(json.dumps(HOSTILE, ensure_ascii=False), encoding="utf-8")
    db = str(tmp / "web.db")
    with Store(db) as st:
        assert ingest_paths(st, [str(REPORTS), str(tmp / "hostile.json")], progress=False).added == 5
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.foreign = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(server) else pg.foreign.append(r.url))
    pg.goto(server + "/")
    pg.wait_for_selector("#events tbody tr")
    yield pg
    ctx.close()


def _until(pg, js: str, timeout: float = 10.0) -> None:
    """Wait until the expression `js` is true in the page (polled with evaluate: Playwright's
    wait_for_function evaluates strings in the page, which the page's Content-Security-Policy forbids)."""
    deadline = time.time() + timeout
    while not pg.evaluate(js):
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {js}")
        time.sleep(0.05)


def _rows(pg) -> list[str]:
    return pg.locator("#events tbody tr").all_inner_texts()


def test_the_page_loads_offline_with_map_timeline_and_list(page) -> None:
    assert len(_rows(page)) == 3
    page.wait_for_selector("path.leaflet-interactive")
    assert page.locator("path.leaflet-interactive").count() == 3          # one marker per placed event
    assert page.locator("#timeline rect.bar").count() >= 2
    _until(page, "document.querySelectorAll('.leaflet-overlay-pane path').length > 100")  # outlines
    assert page.errors == [] and page.foreign == []


def test_filter_by_country_and_dates(page) -> None:
    page.select_option("#f-country", "Syria")
    page.click("#f-apply")
    _until(page, "document.querySelector('#status').textContent.startsWith('3 events')")
    page.fill("#f-from", "2023-05-11")
    page.fill("#f-to", "2023-05-11")
    page.click("#f-apply")
    _until(page, "document.querySelector('#status').textContent.startsWith('1 events')")
    (row,) = _rows(page)
    assert "Palmyra" in row or "Tadmur" in row or "Homs" in row
    page.click("#f-reset")
    _until(page, "document.querySelectorAll('#events tbody tr').length === 3")


def test_brushing_the_timeline_sets_the_dates(page) -> None:
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + 35, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 15, box["y"] + 40, steps=5)
    page.mouse.up()
    _until(page, "document.querySelector('#f-from').value !== ''")
    assert page.input_value("#f-from") <= page.input_value("#f-to")


def test_an_event_shows_its_arabic_evidence_highlighted_right_to_left(page) -> None:
    page.locator("#events tbody tr", has_text="Izaz").click()
    page.wait_for_selector(".article mark")
    assert "Sources (3)" in page.inner_text("#detail")
    article = page.locator(".article").first
    assert article.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Noto Naskh Arabic" in article.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'قتل')")
    # each highlight is exactly the stored span of the original text (the article's text is the document's)
    checked = page.evaluate("""() => [...document.querySelectorAll('.article')].flatMap(a => [...a.querySelectorAll('mark')]
        .map(m => a.textContent.slice(+m.dataset.start, +m.dataset.end) === m.textContent))""")
    assert len(checked) >= 3 and all(checked)
    assert page.locator(".article mark.trigger").count() >= 1
    page.screenshot(path=str(Path(os.environ.get("MARSAD_SCREENSHOT_DIR", "/tmp")) / "marsad-web.png"))


def test_a_hostile_article_is_rendered_inert(page) -> None:
    page.locator("#events tbody tr", has_text="Palmyra").or_(
        page.locator("#events tbody tr", has_text="Homs")).first.click()
    page.wait_for_selector(".article")
    page.wait_for_timeout(300)
    text = page.locator(".article").first.inner_text()
    assert "<script>window.__pwned=1</script>" in text and "<img src=x" in text   # shown as text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#detail img, #detail script, #detail b").count() == 0
    assert page.locator("#detail a[href^='javascript']").count() == 0
    assert "<script>" in page.inner_text(".article-head")
    assert page.dialogs == [] and page.errors == []
