"""Request-scoped helpers: the database session, who is asking, CSRF, rendering."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, HTTPException, Path, Query, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from nq57.store.models.accounts import User
from nq57.web import accounts, security

SESSION_COOKIE = "nq57_session"
ANON_CSRF_COOKIE = "nq57_csrf"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NotLoggedIn(Exception):
    """Raised by `viewer`; pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """The user is logged in but the role or scope does not allow this."""

    def __init__(self, message: str = "Bạn không có quyền xem hoặc thay đổi mục này.") -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Viewer:
    user: User
    csrf_token: str
    via_token: bool

    @property
    def role(self) -> str:
        return self.user.role


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session. Opening one does not touch the database, so it happens on the
    event loop (a sync dependency costs two worker-thread hops per request, ~0.1 ms of CPU each
    plus the waits; bench/request_cost.py)."""
    session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        # close() rolls back anything uncommitted without expiring loaded objects, so an
        # error page can still show who is logged in. Only a session still in a transaction
        # talks to the database when closed: that happens on a worker thread, shielded so a
        # client that went away cannot leave the connection checked out.
        if session.in_transaction():
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(session.close, limiter=anyio.CapacityLimiter(1))
        else:
            session.close()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def _resolve(request: Request, db: Session) -> Viewer | None:
    """Who is asking: an API token when an Authorization header is sent, else the session cookie."""
    if hasattr(request.state, "viewer"):
        return request.state.viewer
    found: Viewer | None = None
    if request.headers.get("authorization") is not None:
        user = accounts.user_for_api_token(db, _bearer(request))
        if user is not None:
            found = Viewer(user=user, csrf_token="", via_token=True)
    else:
        row = accounts.session_for(db, request.cookies.get(SESSION_COOKIE))
        if row is not None:
            found = Viewer(user=row.user, csrf_token=row.csrf_token, via_token=False)
    request.state.viewer = found
    return found


async def _resolved(request: Request, db: Session) -> Viewer | None:
    # A state change has been resolved already by csrf_guard: no worker thread for that.
    if hasattr(request.state, "viewer"):
        return request.state.viewer
    return await run_in_threadpool(_resolve, request, db)


async def optional_viewer(request: Request, db: Session = Depends(get_db)) -> Viewer | None:
    return await _resolved(request, db)


async def viewer(request: Request, db: Session = Depends(get_db)) -> Viewer:
    found = await _resolved(request, db)
    if found is None:
        raise NotLoggedIn()
    return found


def require_roles(*roles: str):
    """A dependency that admits only the given roles."""

    async def check(who: Viewer = Depends(viewer)) -> Viewer:
        if who.role not in roles:
            raise Forbidden()
        return who

    return check


async def csrf_guard(request: Request, db: Session = Depends(get_db)) -> None:
    """Every state change sent with cookies must carry the session's CSRF token.

    Token-authenticated API calls carry no cookies, so a forged cross-site request cannot
    use them; they are exempt.
    """
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("authorization") is not None:
        return
    who = _resolve(request, db)
    expected = who.csrf_token if who is not None else request.cookies.get(ANON_CSRF_COOKIE)
    supplied = request.headers.get("x-csrf-token")
    if not supplied:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            supplied = value if isinstance(value, str) else None
    if not security.same(expected, supplied):
        raise HTTPException(
            status_code=403,
            detail="Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ (thiếu mã CSRF). Hãy tải lại trang.",
        )


def templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200):
    """Render a page with the viewer and the CSRF token the forms need."""
    ctx: dict[str, Any] = dict(context or {})
    who = getattr(request.state, "viewer", None)
    ctx.setdefault("viewer", who)
    if who is not None:
        ctx.setdefault("csrf_token", who.csrf_token)
    else:
        ctx.setdefault("csrf_token", request.cookies.get(ANON_CSRF_COOKIE) or "")
    ctx.setdefault("role_labels", accounts.ROLE_LABELS)
    response = request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if who is None and not request.cookies.get(ANON_CSRF_COOKIE):
        token = ctx["csrf_token"] or security.new_token()
        ctx["csrf_token"] = token
        response = request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)
        response.set_cookie(
            ANON_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=request.url.scheme == "https"
        )
    return response


# Database ids are 32-bit on every backend we support: larger numbers are refused as 422
# (declared in the OpenAPI document) instead of overflowing the database driver.
MAX_ID = 2_147_483_647
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def by_id(db: Session, model, raw: object):
    """The row with this id, or None for a missing, malformed or out-of-range id."""
    text = str(raw or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        return None
    return db.get(model, int(text))
