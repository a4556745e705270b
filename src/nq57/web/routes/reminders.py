"""Reminders: the leader sees which units have not reported the current month and would be
reminded, and sends the reminders now by e-mail (SMTP from the NQ57_SMTP_* variables).
Page and API mirror.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from nq57.web import views
from nq57.web.context import commune_for, today
from nq57.web.deps import Viewer, get_db, render, require_roles

router = APIRouter()
leader_only = require_roles("commune_leader")


def _plan(db: Session, who: Viewer):
    from nq57.track.notify import reminder_plan

    commune = commune_for(db, who, None)
    return commune, reminder_plan(db, commune, today())


def _send(db: Session, who: Viewer) -> int:
    from nq57.errors import UserError
    from nq57.track.notify import send_reminders, smtp_from_env

    commune = commune_for(db, who, None)
    try:
        notifier = smtp_from_env()
        sent = send_reminders(db, commune, today(), notifier, now=True, actor=who.user.username)
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    except OSError as exc:
        # The mail server refused or is unreachable: a setting to fix, reported as the CLI does.
        # Messages sent before the failure stay recorded, so a retry does not repeat them.
        db.commit()
        raise HTTPException(422, f"Không gửi được thư qua máy chủ {notifier.host}:{notifier.port}: {exc}") from None
    db.commit()
    return sent


@router.get("/reminders", include_in_schema=False)
def reminders_page(request: Request, done: str | None = None, who: Viewer = Depends(leader_only),
                   db: Session = Depends(get_db)):
    from nq57.errors import UserError
    from nq57.track.notify import smtp_from_env

    commune, plan = _plan(db, who)
    try:
        smtp = smtp_from_env()
        server = f"{smtp.host}:{smtp.port}"
    except UserError as exc:  # a malformed setting is shown on this page, not raised
        server = str(exc)
    return render(request, "reminders.html", {"commune": commune, "plan": plan, "message": done, "server": server,
                                              "as_of": today()})


@router.post("/reminders/send", include_in_schema=False)
def reminders_send(who: Viewer = Depends(leader_only), db: Session = Depends(get_db)):
    sent = _send(db, who)
    return RedirectResponse(f"/reminders?done={quote(f'Đã gửi {sent} thư nhắc.')}", status_code=303)


# ---- API -------------------------------------------------------------------------------


@router.get("/api/reminders", tags=["Nhắc việc"], summary="Đơn vị chưa nhập số liệu tháng này (sẽ được nhắc)")
def api_reminders(who: Viewer = Depends(leader_only), db: Session = Depends(get_db)) -> dict:
    _, plan = _plan(db, who)
    return views.plain(plan)


@router.post("/api/reminders/send", tags=["Nhắc việc"], summary="Gửi ngay thư nhắc cho các đơn vị chưa nhập số liệu")
def api_send(who: Viewer = Depends(leader_only), db: Session = Depends(get_db)) -> dict:
    return {"sent": _send(db, who)}
