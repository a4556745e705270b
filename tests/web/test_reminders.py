"""Reminders page: who would be reminded, and the leader's button sending them now by SMTP."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import date

import pytest
from sqlalchemy import func, select
from web_helpers import csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.tracking import Indicator, Notification, Unit


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("NQ57_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NQ57_SMTP_PORT", str(port))
    monkeypatch.setenv("NQ57_SMTP_FROM", "ubnd@xa-thu-nghiem.gov.vn")
    yield inbox
    controller.stop()


@pytest.fixture
def early_in_month(monkeypatch, world):
    """A day well before the month's cut-off (outside the automatic reminder window)."""
    day = date(int(world.period[:4]), 3, 2)
    monkeypatch.setattr("nq57.web.routes.reminders.today", lambda: day)
    return day


def _office_unit(web_url, world, email: str | None) -> tuple[int, str]:
    with session_scope(web_url) as s:
        unit = s.get(Indicator, world.ind_a_office).lead_unit
        unit.email = email
        return unit.id, unit.name


def test_page_shows_who_would_be_reminded_and_the_button_sends_now(client, world, web_url, smtp, early_in_month):
    office_id, office_name = _office_unit(web_url, world, "vanphong@xa-thu-nghiem.gov.vn")
    login(client, "lanhdao.a")
    page = client.get("/reminders")
    assert page.status_code == 200
    assert f'data-unit="{office_id}"' in page.text and office_name in page.text
    assert "Sẽ được nhắc" in page.text and "Chưa có địa chỉ thư" in page.text  # the economy unit has none
    assert smtp.messages == []  # showing sends nothing
    sent = client.post("/reminders/send", data={"csrf_token": csrf_of(page.text)})
    assert sent.status_code == 200 and "Đã gửi 1 thư nhắc" in sent.text and "Đã nhắc kỳ này" in sent.text
    assert [to for to, _ in smtp.messages] == [["vanphong@xa-thu-nghiem.gov.vn"]]
    body = email.message_from_string(smtp.messages[0][1], policy=email.policy.default).get_content()
    assert "Tỷ lệ hồ sơ thủ tục hành chính" in body and "Số điểm phát wifi" not in body  # his unit's only
    again = client.post("/reminders/send", data={"csrf_token": csrf_of(sent.text)})
    assert "Đã gửi 0 thư nhắc" in again.text and len(smtp.messages) == 1  # once per unit and month


def test_unreachable_mail_server_records_nothing(client, world, web_url, monkeypatch, early_in_month, token_for):
    _office_unit(web_url, world, "vanphong@xa-thu-nghiem.gov.vn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    monkeypatch.setenv("NQ57_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NQ57_SMTP_PORT", str(closed_port))
    response = client.post("/api/reminders/send", headers=token_for("lanhdao.a"))
    assert response.status_code == 422 and "Không gửi được thư" in response.json()["detail"]
    with session_scope(web_url) as s:
        assert s.scalar(select(func.count(Notification.id))) == 0
    monkeypatch.setenv("NQ57_SMTP_PORT", "hai-lam")
    bad = client.post("/api/reminders/send", headers=token_for("lanhdao.a"))
    assert bad.status_code == 422 and "NQ57_SMTP_PORT" in bad.json()["detail"]


def test_reminders_api_is_for_the_leader(client, world, web_url, early_in_month, token_for):
    _office_unit(web_url, world, None)
    preview = client.get("/api/reminders", headers=token_for("lanhdao.a"))
    assert preview.status_code == 200
    body = preview.json()
    assert body["month"] == f"{world.period[:4]}-03" and body["in_window"] is False
    with session_scope(web_url) as s:
        leads = {s.get(Indicator, i).lead_unit_id for i in (world.ind_a_office, world.ind_a_economy)}
        assert all(s.get(Unit, u).kind == "internal" for u in leads)
    assert {r["unit_id"] for r in body["reminders"]} == leads
    for user in ("vanphong.a", "xem.a", "tinh"):
        assert client.get("/api/reminders", headers=token_for(user)).status_code == 403, user
        assert client.post("/api/reminders/send", headers=token_for(user)).status_code == 403, user
