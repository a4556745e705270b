"""The FastAPI application factory: pages (Jinja2, Vietnamese) and the JSON API under /api."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import weakref
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import sessionmaker
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nq57.errors import UserError
from nq57.web import database, deps, formatting

HERE = Path(__file__).parent
DEFAULT_MAX_UPLOAD_MB = 50


def max_upload_bytes() -> int:
    """NQ57_MAX_UPLOAD_MB (default 50) in bytes."""
    raw = os.environ.get("NQ57_MAX_UPLOAD_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * 1024 * 1024)


DEFAULT_MAX_IN_FLIGHT = 10


def max_in_flight() -> int:
    """NQ57_MAX_IN_FLIGHT (default 10): requests let in at once; on PostgreSQL the app's pool keeps
    as many connections open, plus a few overflow ones (web/database.py)."""
    raw = os.environ.get("NQ57_MAX_IN_FLIGHT", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_IN_FLIGHT


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


class _RefuseHugeBodies:
    """Refuse an oversized upload before reading it (the exact per-file check is in uploads.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            limit = scope["app"].state.upload_limit
            length = Headers(scope=scope).get("content-length", "")
            if length.isdigit() and int(length) > limit + 1024 * 1024:
                request = Request(scope, receive)
                message = (
                    f"Tệp quá lớn: giới hạn là {limit // (1024 * 1024)} MB "
                    "(đặt bằng biến môi trường NQ57_MAX_UPLOAD_MB)."
                )
                if _wants_json(request):
                    response = JSONResponse({"detail": message}, status_code=413)
                else:
                    response = deps.render(request, "error.html", {"title": "Tệp quá lớn", "message": message}, 413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class _SecurityHeaders:
    """nosniff, no framing, same-origin referrer and a CSP on every response the app sends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_csp = scope["path"] != "/docs"  # Swagger UI starts itself with an inline script

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
                if with_csp:
                    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _InFlightGate:
    """At most `limit` requests in the app at once, the rest wait their turn. One gate per event
    loop (a semaphore belongs to the loop it waits on); the whole request, its body and the
    teardown of its database session included, holds its place."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        gate = self.gates.get(loop)
        if gate is None:
            gate = self.gates[loop] = asyncio.Semaphore(self.limit)
        async with gate:
            await self.app(scope, receive, send)


def create_served_app() -> FastAPI:
    """The app as `nq57 serve` runs it, in a process of its own.

    Fewer, cheaper garbage collections under load: what exists at start-up (modules,
    templates, mappers) is frozen out of every later scan, and young objects are collected in
    larger batches (a request makes thousands of short-lived ORM and response objects).
    bench/load.py, 200 officers on the national database: submit p95 374 -> 276 ms.
    Not in create_app: tests build many apps in one process and must not freeze them.
    """
    app = create_app()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    return app


def create_app(database_url: str | None = None, *, upload_limit: int | None = None) -> FastAPI:
    engine = database.engine_for(database_url, pool_size=max_in_flight())
    app = FastAPI(
        title="nq57 API",
        version="1",
        description=(
            "Theo dõi triển khai Nghị quyết 57-NQ/TW: chỉ tiêu, giá trị, nhiệm vụ, trạng thái, cảnh báo. "
            "Xác thực bằng mã API của từng người dùng: `Authorization: Bearer <mã>`."
        ),
        dependencies=[Depends(deps.csrf_guard)],
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker(engine, expire_on_commit=False)
    app.state.upload_limit = upload_limit if upload_limit is not None else max_upload_bytes()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    formatting.install(templates.env)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # Plain ASGI middleware (not @app.middleware("http"), whose per-request task group and
    # memory streams cost ~0.3 ms of CPU each, three times per request; bench/request_cost.py).
    # Added innermost first: the in-flight gate is the outermost layer.
    app.add_middleware(_RefuseHugeBodies)
    app.add_middleware(_SecurityHeaders)
    # Requests in flight are bounded below the pool size. Above it, requests held pooled
    # connections while waiting for worker threads that were all waiting for a connection:
    # the app deadlocked until the 30 s pool timeout (bench/load.py, 200 officers).
    app.add_middleware(_InFlightGate, limit=max_in_flight())

    @app.exception_handler(deps.NotLoggedIn)
    async def _not_logged_in(request: Request, exc: deps.NotLoggedIn):
        if _wants_json(request):
            return JSONResponse(
                {"detail": "Cần đăng nhập hoặc mã API (Authorization: Bearer)."},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(deps.Forbidden)
    async def _forbidden(request: Request, exc: deps.Forbidden):
        if _wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=403)
        return deps.render(request, "error.html", {"title": "Không có quyền", "message": exc.message}, 403)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        if _wants_json(request) or request.method not in ("GET", "POST"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        titles = {403: "Không được phép", 404: "Không tìm thấy", 413: "Tệp quá lớn"}
        return deps.render(
            request,
            "error.html",
            {"title": titles.get(exc.status_code, "Có lỗi"), "message": str(exc.detail)},
            exc.status_code,
        )

    @app.exception_handler(UserError)
    async def _user_error(request: Request, exc: UserError):
        # A service refused the input (unknown unit, locked value, bad period ...): say why.
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return deps.render(request, "error.html", {"title": "Không thực hiện được", "message": str(exc)}, 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        logging.getLogger("nq57.web").exception("unexpected error on %s %s", request.method, request.url.path)
        message = "Có lỗi hệ thống, thao tác chưa được thực hiện. Hãy thử lại hoặc báo quản trị viên."
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=500)
        return HTMLResponse(
            f"<!doctype html><html lang='vi'><meta charset='utf-8'><title>Lỗi</title><p>{message}</p>"
            "<p><a href='/'>Về trang chính</a></p></html>",
            status_code=500,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = [
            {"field": ".".join(str(p) for p in err.get("loc", ())), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        text = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return deps.render(request, "error.html", {"title": "Dữ liệu không hợp lệ", "message": text}, 422)

    @app.get("/docs", include_in_schema=False)
    def _docs():
        # Swagger UI from our own static files (the default page would load it from a CDN).
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="nq57 API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    from nq57.web.routes import register_routes

    register_routes(app)
    return app
