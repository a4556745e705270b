"""Pages and commands around the core flows: pins, reports, offline assets, users add, audit."""

from __future__ import annotations

import re

from typer.testing import CliRunner
from web_helpers import csrf_of, login


def test_pages_load_nothing_from_another_site(client, world):
    login(client, "lanhdao.a")
    for path in ("/login", "/dashboard", "/plan", "/entry", "/approvals", "/reports", "/audit", "/docs"):
        html = client.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert url.startswith(("/", "#", "?", "javascript:")), f"{path} loads {url}"
    assert client.get("/static/app.css").status_code == 200


def test_leader_pins_an_indicator_on_his_dashboard(client, world):
    login(client, "lanhdao.a")
    page = client.get(f"/dashboard?period={world.period}")
    assert "Mục đã ghim" not in page.text
    client.post("/pins", data={"csrf_token": csrf_of(page.text), "kind": "indicator", "ref_id": world.ind_a_economy,
                               "back": "/dashboard"})
    pinned = client.get(f"/dashboard?period={world.period}").text
    section = pinned.split("Mục đã ghim", 1)[1].split("</section>", 1)[0]
    assert "wifi công cộng" in section
    assert "hồ sơ thủ tục" not in section


def test_pinning_another_communes_indicator_is_refused(client, world):
    login(client, "lanhdao.a")
    page = client.get("/dashboard")
    response = client.post("/pins", data={"csrf_token": csrf_of(page.text), "kind": "indicator",
                                          "ref_id": world.ind_b_office})
    assert response.status_code == 403


def test_report_download(client, world):
    login(client, "lanhdao.a")
    page = client.get("/reports")
    response = client.post("/reports", data={"csrf_token": csrf_of(page.text), "commune": world.commune_a,
                                             "period": world.period, "fmt": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_report_of_another_commune_is_refused(client, world):
    login(client, "lanhdao.a")
    page = client.get("/reports")
    response = client.post("/reports", data={"csrf_token": csrf_of(page.text), "commune": world.commune_b,
                                             "period": world.period, "fmt": "docx"})
    assert response.status_code == 403


def test_audit_lists_a_change_and_filters_by_user(client, world, token_for):
    client.put(f"/api/indicators/{world.ind_a_office}/values/{world.period}", json={"value": 64},
               headers=token_for("vanphong.a"))
    login(client, "lanhdao.a")
    everyone = client.get("/audit").text
    assert "vanphong.a" in everyone
    nobody = client.get("/audit?actor=khong.co.ai").text
    assert "vanphong.a</td>" not in nobody
    bad_date = client.get("/audit?since=31/02/2026")
    assert "không phải là ngày hợp lệ" in bad_date.text
    by_indicator = client.get(f"/api/communes/{world.commune_a}/audit?indicator={world.ind_a_office}",
                              headers=token_for("lanhdao.a")).json()
    assert by_indicator and all("hồ sơ thủ tục" in row["subject"] for row in by_indicator)
    other = client.get(f"/api/communes/{world.commune_a}/audit?indicator={world.ind_a_economy}",
                       headers=token_for("lanhdao.a")).json()
    assert other == []


def test_users_add_command(web_url, monkeypatch, world):
    from nq57.cli import app

    monkeypatch.setenv("NQ57_DATABASE_URL", web_url)
    runner = CliRunner()
    ok = runner.invoke(app, ["users", "add", "--username", "Canbo.Moi", "--password", "mat-khau-123",
                             "--role", "unit_officer", "--commune", "Thử Nghiệm, Mẫu", "--unit", "Phòng Kinh tế"])
    assert ok.exit_code == 0, ok.output
    assert "canbo.moi" in ok.output
    typo = runner.invoke(app, ["users", "add", "--username", "z", "--password", "mat-khau-123", "--role",
                               "unit_officer", "--commune", "Thử Nghiệm, Mẫu", "--unit", "Phòng Kính tế xã hội"])
    assert typo.exit_code != 0 and "Phòng Kinh tế" in str(typo.exception)
    short = runner.invoke(app, ["users", "add", "--username", "x", "--password", "ngan", "--role", "commune_viewer",
                                "--commune", "Thử Nghiệm, Mẫu"])
    assert short.exit_code != 0
    wrong_role = runner.invoke(app, ["users", "add", "--username", "y", "--password", "mat-khau-123",
                                     "--role", "admin", "--province", "Mẫu"])
    assert wrong_role.exit_code != 0


def test_a_service_refusal_is_a_message_not_a_crash(client, world, token_for):
    # an unknown period reaches the tracking services, which refuse it with a UserError
    response = client.put(f"/api/indicators/{world.ind_a_office}/values/2026-13", json={"value": 1},
                          headers=token_for("vanphong.a"))
    assert response.status_code == 422
    assert "2026-13" in response.json()["detail"]
