"""The FastAPI application factory: pages (Jinja2, Vietnamese) and the JSON API under /api."""

from __future__ import annotations

import asyncio
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
    """NQ57_MAX_IN_FLIGHT (default 10): kept below the database pool size (15 connections)."""
    raw = os.environ.get("NQ57_MAX_IN_FLIGHT", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_IN_FLIGHT


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def create_app(database_url: str | None = None, *, upload_limit: int | None = None) -> FastAPI:
    engine = database.engine_for(database_url)
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

    @app.middleware("http")
    async def _refuse_huge_bodies(request: Request, call_next):
        # Refuse an oversized upload before reading it (the exact per-file check is in uploads.py).
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > app.state.upload_limit + 1024 * 1024:
            message = (
                f"Tệp quá lớn: giới hạn là {app.state.upload_limit // (1024 * 1024)} MB "
                "(đặt bằng biến môi trường NQ57_MAX_UPLOAD_MB)."
            )
            if _wants_json(request):
                return JSONResponse({"detail": message}, status_code=413)
            return deps.render(request, "error.html", {"title": "Tệp quá lớn", "message": message}, 413)
        return await call_next(request)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path != "/docs":  # Swagger UI starts itself with an inline script
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
            )
        return response

    # Requests in flight are bounded below the pool size. Above it, requests held pooled
    # connections while waiting for worker threads that were all waiting for a connection:
    # the app deadlocked until the 30 s pool timeout (bench/load.py, 200 officers). One gate
    # per event loop (a semaphore belongs to the loop it waits on).
    limit = max_in_flight()
    gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @app.middleware("http")
    async def _bounded(request: Request, call_next):
        loop = asyncio.get_running_loop()
        gate = gates.get(loop)
        if gate is None:
            gate = gates[loop] = asyncio.Semaphore(limit)
        async with gate:
            return await call_next(request)

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
