"""Reminders before each cut-off to the units that have not reported, through a notifier.

`Notifier` is any object with `send(to, subject, body)`; `SmtpNotifier` sends e-mail with
the standard library. A reminder is sent once per unit, month and kind (kept in
`notifications`).
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
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


@dataclass(frozen=True)
class Reminder:
    """One unit that has not reported the month: where its reminder goes and for what."""

    unit_id: int
    unit_name: str
    email: str | None
    indicators: list[str]
    already_sent: bool


@dataclass(frozen=True)
class ReminderPlan:
    month: str
    month_label: str
    cutoff: date
    report_due: date
    in_window: bool  # the cut-off is at most `days_before` days away and not passed
    reminders: list[Reminder]


def reminder_plan(session: Session, commune: Unit, as_of: date, days_before: int = 5) -> ReminderPlan:
    """Who would be reminded for the current reporting month, without sending anything."""
    calendar = calendar_for(session, commune)
    month = calendar.reporting_month(as_of)
    cutoff = calendar.cutoff(month)
    in_window = 0 <= (cutoff - as_of).days <= days_before
    status = commune_status(session, commune, str(month.year), as_of)
    entered = set(
        session.scalars(select(Value.indicator_id).where(Value.commune_id == commune.id, Value.period == str(month)))
    )
    missing: dict[int, list[str]] = {}
    for row in status.indicators:
        if row.lead_id and row.id not in entered and (row.target is not None or row.target_op in ("bool", "rank")):
            missing.setdefault(row.lead_id, []).append(f"- {row.code + '. ' if row.code else ''}{row.name}")
    sent_to = set(
        session.scalars(
            select(Notification.unit_id).where(
                Notification.unit_id.in_(list(missing) or [0]), Notification.period == str(month),
                Notification.kind == "reminder",
            )
        )
    )
    reminders = []
    for unit_id, lines in missing.items():
        unit = session.get(Unit, unit_id)
        reminders.append(Reminder(unit_id, unit.name, unit.email, lines, unit_id in sent_to))
    reminders.sort(key=lambda r: r.unit_name)
    return ReminderPlan(str(month), month.label, cutoff, calendar.report_due(month), in_window, reminders)


def send_reminders(
    session: Session, commune: Unit, as_of: date, notifier: Notifier, days_before: int = 5, *, now: bool = False,
    actor: str = "",
) -> int:
    """Remind every unit that has not entered the current month's values, when the cut-off is
    at most `days_before` days away (or at once, `now`, before the cut-off passes). A unit is
    reminded once per month. Returns the number of messages sent."""
    plan = reminder_plan(session, commune, as_of, days_before)
    if as_of > plan.cutoff or not (plan.in_window or now):
        return 0
    sent = 0
    for reminder in plan.reminders:
        if not reminder.email or reminder.already_sent:
            continue
        subject = f"[nq57] Nhắc nhập số liệu {plan.month_label} trước ngày {plan.cutoff:%d/%m/%Y}"
        body = (
            f"Kính gửi {reminder.unit_name},\n\n"
            f"Đơn vị chưa nhập số liệu {plan.month_label} của {commune.name} cho các chỉ tiêu sau:\n"
            + "\n".join(reminder.indicators)
            + f"\n\nNgày chốt số liệu: {plan.cutoff:%d/%m/%Y}. Hạn báo cáo: {plan.report_due:%d/%m/%Y}.\n"
        )
        notifier.send(reminder.email, subject, body)
        session.add(Notification(unit_id=reminder.unit_id, period=plan.month, kind="reminder", recipient=reminder.email))
        audit.record(session, actor, "reminder.sent", "unit", reminder.unit_id, commune.id,
                     {"period": plan.month, "to": reminder.email})
        sent += 1
    session.flush()
    return sent


def smtp_from_env(environ: Mapping[str, str] | None = None) -> SmtpNotifier:
    """The SMTP notifier configured by NQ57_SMTP_HOST, _PORT, _FROM, _USER, _PASSWORD, _STARTTLS."""
    env = os.environ if environ is None else environ
    raw_port = env.get("NQ57_SMTP_PORT", "") or "25"
    if not raw_port.isdigit():
        raise UserError(f"NQ57_SMTP_PORT phải là một số cổng, không phải '{raw_port}'")
    return SmtpNotifier(
        host=env.get("NQ57_SMTP_HOST", "") or "localhost",
        port=int(raw_port),
        sender=env.get("NQ57_SMTP_FROM", "") or "nq57@localhost",
        username=env.get("NQ57_SMTP_USER") or None,
        password=env.get("NQ57_SMTP_PASSWORD") or None,
        starttls=env.get("NQ57_SMTP_STARTTLS", "").lower() in ("1", "true", "yes", "co"),
    )
