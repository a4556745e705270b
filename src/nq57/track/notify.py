"""Reminders before each cut-off to the units that have not reported, through a notifier.

`Notifier` is any object with `send(to, subject, body)`; `SmtpNotifier` sends e-mail with
the standard library. A reminder is sent once per unit, month and kind (kept in
`notifications`).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import Notification, Unit, Value
from nq57.track import audit
from nq57.track.calendar import calendar_for
from nq57.track.status import commune_status


class Notifier(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


@dataclass
class SmtpNotifier:
    host: str
    port: int = 25
    sender: str = "nq57@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


@dataclass
class RecordingNotifier:
    """Keeps messages in memory (for previews and tests of callers)."""

    sent: list[tuple[str, str, str]]

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


def send_reminders(session: Session, commune: Unit, as_of: date, notifier: Notifier, days_before: int = 5) -> int:
    """Remind every unit that has not entered the current month's values, when the cut-off is
    at most `days_before` days away. Returns the number of messages sent."""
    calendar = calendar_for(session, commune)
    month = calendar.reporting_month(as_of)
    cutoff = calendar.cutoff(month)
    if (cutoff - as_of).days > days_before or as_of > cutoff:
        return 0
    status = commune_status(session, commune, str(month.year), as_of)
    entered = set(
        session.scalars(select(Value.indicator_id).where(Value.commune_id == commune.id, Value.period == str(month)))
    )
    missing: dict[int, list[str]] = {}
    for row in status.indicators:
        if row.lead_id and row.id not in entered and (row.target is not None or row.target_op in ("bool", "rank")):
            missing.setdefault(row.lead_id, []).append(f"- {row.code + '. ' if row.code else ''}{row.name}")
    sent = 0
    for unit_id, lines in missing.items():
        unit = session.get(Unit, unit_id)
        if not unit.email:
            continue
        already = session.scalar(
            select(Notification).where(
                Notification.unit_id == unit_id, Notification.period == str(month), Notification.kind == "reminder"
            )
        )
        if already is not None:
            continue
        subject = f"[nq57] Nhắc nhập số liệu {month.label} trước ngày {cutoff:%d/%m/%Y}"
        body = (
            f"Kính gửi {unit.name},\n\n"
            f"Đơn vị chưa nhập số liệu {month.label} của {commune.name} cho các chỉ tiêu sau:\n"
            + "\n".join(lines)
            + f"\n\nNgày chốt số liệu: {cutoff:%d/%m/%Y}. Hạn báo cáo: {calendar.report_due(month):%d/%m/%Y}.\n"
        )
        notifier.send(unit.email, subject, body)
        session.add(Notification(unit_id=unit_id, period=str(month), kind="reminder", recipient=unit.email))
        audit.record(session, "", "reminder.sent", "unit", unit_id, commune.id, {"period": str(month), "to": unit.email})
        sent += 1
    session.flush()
    return sent
