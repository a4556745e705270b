"""Login, logout, the start page and the user's own account (API token)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from nq57.web import accounts
from nq57.web.deps import SESSION_COOKIE, Viewer, get_db, optional_viewer, render, viewer

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # Only local paths: never redirect a user to another site after login.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def home_for(who: Viewer) -> str:
    if who.role in accounts.PROVINCE_ROLES:
        return "/province"
    return "/dashboard"


@router.get("/")
def home(who: Viewer | None = Depends(optional_viewer)):
    if who is None:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(home_for(who), status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/", who: Viewer | None = Depends(optional_viewer)):
    if who is not None:
        return RedirectResponse(home_for(who), status_code=303)
    return render(request, "login.html", {"next": _safe_next(next), "username": "", "error": None})


@router.post("/login")
def login_submit(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
    db: Session = Depends(get_db),
):
    address = request.client.host if request.client else ""
    try:
        result = accounts.login(db, username, password, address)
    except accounts.LoginThrottled as exc:
        db.commit()
        return render(request, "login.html", {"next": next, "username": username, "error": str(exc)}, 429)
    db.commit()
    if result is None:
        return render(
            request,
            "login.html",
            {"next": next, "username": username, "error": "Tên đăng nhập hoặc mật khẩu không đúng."},
            401,
        )
    target = _safe_next(next)
    if target == "/":
        target = home_for(Viewer(user=result.user, csrf_token="", via_token=False))
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.session_token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
    )
    return response


@router.post("/logout")
def logout(request: Request, db: Session = Depends(get_db)):
    accounts.logout(db, request.cookies.get(SESSION_COOKIE))
    db.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/account")
def account(request: Request, who: Viewer = Depends(viewer)):
    return render(request, "account.html", {"new_token": None})


@router.post("/account/token")
def new_api_token(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    user = db.merge(who.user)
    token = accounts.issue_api_token(db, user)
    db.commit()
    return render(request, "account.html", {"new_token": token})
