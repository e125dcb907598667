"""Dashboard in headless Debian Chromium: the dyad page, a click through to the evidence
highlighted in its article, and stored script payloads that must not run."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path("/usr/bin/chromium").exists() or shutil.which("chromedriver") is None,
        reason="needs Debian chromium + chromium-driver (apt-get install chromium chromium-driver)",
    ),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip)")

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)
XSS_DOC = {
    "id": "xss-browser",
    "text": "به گزارش خبرگزاری مهر، <script>window.__xss = 1; alert(1)</script> وزیر امور "
    'خارجه ایران با <img src=x onerror="window.__xss=2"> همتای بلاروسی خود در تهران دیدار '
    'و گفت‌وگو کرد "onmouseover=window.__xss=3 x=" و دو طرف بر گسترش همکاری‌های اقتصادی، '
    "تجاری و فرهنگی میان دو کشور تأکید کردند و درباره مسائل منطقه‌ای رایزنی کردند.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`rasad serve` in a thread on a free loopback port, over a fixtures store."""
    import httpx
    import uvicorn
    from api_support import TOKEN, free_port, require_store, wait_until_up

    from rasad.api import create_app
    from rasad.fixtures import build

    require_store()
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    build(db)
    port = free_port()
    config = uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1", port=port,
                            log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/api/sectors")
    body = json.dumps(XSS_DOC, ensure_ascii=False).encode()
    stored = httpx.post(
        base + "/api/ingest", content=body, headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()
    assert stored["stored"] == [XSS_DOC["id"]], stored
    yield base
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(1280, 1000)
    yield driver
    driver.quit()


@pytest.mark.parametrize(("pair", "event_type", "day"), [("IRN-BLR", "CONSULT", "2024-07-31")])
def test_web_dyad_click_highlights_evidence(
    server: str, browser, tmp_path: Path, pair: str, event_type: str, day: str
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/dyads/{pair}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    rows = [
        row for row in browser.find_elements(By.CSS_SELECTOR, "tr.event")
        if row.get_attribute("data-type") == event_type and day in row.text
    ]
    assert rows, f"no {event_type} event on {day} in the {pair} timeline"
    browser.save_screenshot(str(tmp_path / "dyad.png"))
    evidence = rows[0].find_element(By.CSS_SELECTOR, "td.evidence").text
    rows[0].find_element(By.CSS_SELECTOR, "a.event-link").click()
    mark = browser.find_element(By.CSS_SELECTOR, "article mark")
    assert mark.is_displayed() and mark.text.strip() == evidence.strip()
    browser.save_screenshot(str(tmp_path / "evidence.png"))
    assert (tmp_path / "evidence.png").stat().st_size > 0


@pytest.mark.parametrize("path", [f"/documents/{XSS_DOC['id']}", "/search?q=بلاروسی"])
def test_web_stored_script_does_not_run(server: str, browser, path: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(server + path)
    time.sleep(0.3)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no dialog is open
    assert browser.execute_script("return window.__xss === undefined")
    # the payload is shown as text (a search snippet may start inside it), never run
    assert "onerror=" in browser.find_element(By.TAG_NAME, "main").text
