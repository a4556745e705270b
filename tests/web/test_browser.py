"""Browser tests: headless Debian chromium driven by Playwright against a live server with
the demo loaded. Each test saves a screenshot of the page it checks under artifacts/web/.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"
PASSWORD = "demo-nq57"

if not Path(CHROMIUM).exists():  # pragma: no cover - CI installs it
    pytest.skip("chromium is not installed (/usr/bin/chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The demo in a fresh data folder, served by uvicorn in a thread."""
    import uvicorn

    from nq57.demo.build import build_demo
    from nq57.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    previous = os.environ.get("NQ57_DATA_DIR")
    os.environ["NQ57_DATA_DIR"] = str(folder)
    url = f"sqlite:///{folder / 'nq57.sqlite3'}"
    try:
        build_demo(url=url)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        yield {"base": f"http://127.0.0.1:{port}", "url": url}
        server.should_exit = True
        thread.join(timeout=10)
    finally:
        if previous is None:
            os.environ.pop("NQ57_DATA_DIR", None)
        else:
            os.environ["NQ57_DATA_DIR"] = previous


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live):
    """Opens pages (logged in as a user); fails the test on any browser console error
    (a blocked script, a missing asset, a Content-Security-Policy violation)."""
    contexts, errors = [], []

    def open_as(username: str | None = None, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_default_timeout(30000)
        if username:
            page.goto(live["base"] + "/login")
            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()
    # pages that answer a wrong password or an invalid form with 401/422 are expected
    real = [e for e in errors if not re.search(r"status of (401|422|429)", e)]
    assert not real, f"browser console errors: {real}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _session(live):
    from nq57.store.db import session_scope

    return session_scope(live["url"])


def test_login(new_page, live):
    page = new_page()
    page.goto(live["base"] + "/dashboard")
    assert "/login" in page.url
    page.fill("#username", "demo.lanhdao")
    page.fill("#password", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "không đúng" in page.inner_text("[role=alert]")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard")
    assert "chỉ tiêu đạt" in page.inner_text("#summary-indicators")
    shot(page, "login-dashboard")


def test_dashboard_shows_the_seed_plans_indicators(new_page, live):
    from nq57.store.models.accounts import User
    from nq57.store.models.tracking import Indicator, Plan

    with _session(live) as s:
        commune_id = s.scalar(select(User.commune_id).where(User.username == "demo.lanhdao"))
        names = s.scalars(select(Indicator.name).join(Plan).where(Plan.commune_id == commune_id, Indicator.seq > 0)).all()
    assert names, "the demo imported no indicator for the leader's commune"
    page = new_page("demo.lanhdao")
    rows = page.locator("#indicators tbody tr[data-indicator]")
    assert rows.count() == len(names)
    table = page.inner_text("#indicators")
    for name in names[:3]:
        assert " ".join(name.split())[:40] in " ".join(table.split())
    # status words beside the colours, on every row
    assert page.locator("#indicators td.status .badge").count() == len(names)
    shot(page, "dashboard")


def _officer_indicator(live):
    """An indicator of the demo officer's unit with a numeric '>=' target this year."""
    from nq57.store.models.accounts import User
    from nq57.store.models.tracking import Indicator, Target

    with _session(live) as s:
        officer = s.scalar(select(User).where(User.username == "demo.canbo"))
        rows = s.execute(
            select(Indicator.id, Target.value, Indicator.unit)
            .join(Target, Target.indicator_id == Indicator.id)
            .where(Indicator.lead_unit_id == officer.unit_id, Target.op == ">=", Target.value.is_not(None))
        ).all()
    assert rows, "the demo officer's unit leads no indicator with a numeric target"
    return rows[0]


def test_officer_enters_a_value_and_the_leader_approves_it(new_page, live):
    indicator_id, target, _unit = _officer_indicator(live)
    leader = new_page("demo.lanhdao")
    period = leader.locator("select[name=period]").first.input_value()
    status_cell = f"#indicators tr[data-indicator='{indicator_id}'] td.status .badge"
    before = leader.get_attribute(status_cell, "data-status")
    new_value = 0 if before == "achieved" else target

    officer = new_page("demo.canbo")
    officer.goto(f"{live['base']}/entry?period={period}")
    field = officer.locator(f"#value_{indicator_id}")
    if field.is_disabled():  # already approved by the demo: the leader reopens it first
        pytest.skip("the chosen demo value is locked")
    field.fill(str(new_value).replace(".", ","))
    officer.fill(f"input[name=note_{indicator_id}]", "Số liệu kiểm tra bằng trình duyệt")
    officer.click("#save-entry")
    officer.wait_for_load_state()
    shot(officer, "entry-saved")
    assert "Đã lưu" in officer.inner_text("main"), officer.inner_text("main")[:2000]

    leader.goto(f"{live['base']}/dashboard?period={period}")
    after = leader.get_attribute(status_cell, "data-status")
    assert after != before
    assert after == ("not_achieved" if new_value == 0 else "achieved")
    shot(leader, "dashboard-status-changed")

    from nq57.store.models.tracking import Value

    with _session(live) as s:
        value_id = s.scalar(select(Value.id).where(Value.indicator_id == indicator_id, Value.period == period))
    leader.goto(f"{live['base']}/approvals")
    leader.click(f"#approve-{value_id}")
    leader.wait_for_load_state()
    assert "Đã duyệt" in leader.inner_text("[role=status]")
    shot(leader, "approved")

    officer.goto(f"{live['base']}/entry?period={period}")
    assert officer.locator(f"#value_{indicator_id}").is_disabled()
    assert "Đã duyệt, đã khoá" in officer.inner_text(f"fieldset[data-indicator='{indicator_id}']")
    shot(officer, "value-locked")


def test_upload_a_seed_document_through_review_to_import(new_page, live):
    from nq57.demo.build import find_seeds
    from nq57.store.models.accounts import User
    from nq57.store.models.tracking import Plan, Unit

    with _session(live) as s:  # a seed plan of a commune in the province admin's province
        province_id = s.scalar(select(User.province_id).where(User.username == "demo.tinh"))
        name = s.scalar(select(Plan.source_name).join(Unit, Unit.id == Plan.commune_id)
                        .where(Unit.parent_id == province_id, Plan.kind == "plan").order_by(Plan.id))
    seed = find_seeds() / name
    page = new_page("demo.tinh")
    page.goto(live["base"] + "/documents")
    page.set_input_files("#file", str(seed))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#review-form", timeout=60000)
    items = page.locator(".review-item")
    assert items.count() > 0
    assert page.locator(".review-item .source").first.inner_text().strip() != "(không rõ vị trí)"
    assert page.locator("select[name=commune]").input_value() != ""  # guessed from the document
    shot(page, "review")
    page.click("#confirm-import")
    page.wait_for_load_state()
    shot(page, "imported-plan")
    assert page.locator("#imported").count() == 1, page.inner_text("main")[:1500]
    assert seed.name in page.inner_text("#imported")
    shot(page, "imported-plan")


def test_excel_round_trip(new_page, live, tmp_path):
    from openpyxl import load_workbook

    indicator_id, target, _unit = _officer_indicator(live)
    page = new_page("demo.canbo")
    page.goto(live["base"] + "/entry/excel?period=2026-12")
    with page.expect_download() as info:
        page.click("#template-link")
    path = tmp_path / "mau.xlsx"
    info.value.save_as(path)
    book = load_workbook(path)
    filled = 0
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        if "ID" not in header or "Giá trị" not in header:
            continue
        for row in ws.iter_rows(min_row=2):
            if row[header.index("ID")].value == indicator_id:
                row[header.index("Giá trị")].value = target + 2
                row[header.index("Ghi chú")].value = "Nhập qua Excel (kiểm tra)"
                filled += 1
    assert filled == 1
    book.save(path)
    page.set_input_files("#excel-upload input[type=file]", str(path))
    page.click("#excel-upload button[type=submit]")
    page.wait_for_load_state()
    shot(page, "excel-preview")
    assert page.locator("#excel-preview").count() == 1, page.inner_text("main")[:1500]
    assert page.locator("#excel-preview tbody tr").count() == 1
    shot(page, "excel-preview")
    page.click("#excel-confirm")
    page.wait_for_load_state()
    assert "Đã lưu 1" in page.inner_text("[role=status]")
    from nq57.store.models.tracking import Value

    with _session(live) as s:
        value = s.scalar(select(Value).where(Value.indicator_id == indicator_id, Value.period == "2026-12"))
        assert value is not None and value.value == target + 2
    shot(page, "excel-imported")


def test_province_ranking(new_page, live):
    page = new_page("demo.tinh")
    assert "/province" in page.url
    rows = page.locator("#ranking tbody tr")
    assert rows.count() >= 1
    ranks = [r.strip() for r in page.locator("#ranking tbody tr td:first-child").all_inner_texts()]
    numbered = [int(r) for r in ranks if r.isdigit()]
    assert numbered == sorted(numbered)
    assert page.locator("#province-completeness tbody tr").count() >= 2
    if numbered:
        page.wait_for_function("document.querySelector('#ranking-chart') && Chart.getChart('ranking-chart')")
    shot(page, "province")
    page.click("#province-completeness tbody tr a >> nth=0")
    page.wait_for_url("**/dashboard?commune=*")
    assert page.locator("#summary-indicators").count() == 1


def test_phone_layout(new_page, live):
    page = new_page("demo.lanhdao", width=390)
    assert page.locator("#summary-indicators").is_visible()
    shot(page, "dashboard-phone")
