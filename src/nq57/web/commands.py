"""`nq57 serve`, `nq57 demo`, `nq57 users add`."""

from __future__ import annotations

import ctypes
import os
import sys

import typer

from nq57.errors import UserError

ROLE_HELP = "province_admin | province_viewer | commune_leader | unit_officer | commune_viewer"


# glibc's malloc gives each thread that allocates an arena of its own (up to 8 per core), and
# each keeps what it once held: with 40 worker threads, argon2's 19 MiB per login and the
# pages' buffers, a server grew to ~300 MB per process under bench/load.py (two workers
# 726 MB). One arena, with blocks up to 32 MiB (argon2's included) kept in it for reuse rather
# than mapped afresh each time (a fresh 19 MiB map costs ~10 ms of page faults per login):
# two workers peaked at ~370 MB.
MALLOC_ARENAS = 1
MALLOC_MMAP_THRESHOLD = 32 * 1024 * 1024
MALLOC_TRIM_THRESHOLD = 64 * 1024 * 1024
MALLOC_ENV = {
    "MALLOC_ARENA_MAX": str(MALLOC_ARENAS),
    "MALLOC_MMAP_THRESHOLD_": str(MALLOC_MMAP_THRESHOLD),
    "MALLOC_TRIM_THRESHOLD_": str(MALLOC_TRIM_THRESHOLD),
}
_MALLOPT = {"MALLOC_ARENA_MAX": -8, "MALLOC_MMAP_THRESHOLD_": -3, "MALLOC_TRIM_THRESHOLD_": -1}  # glibc's malloc.h


def lean_malloc() -> None:
    """The settings of MALLOC_ENV for this running process, unless the environment sets its own
    (glibc only; elsewhere nothing)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        for name, value in MALLOC_ENV.items():
            if name not in os.environ:
                libc.mallopt(_MALLOPT[name], int(value))
    except (OSError, AttributeError):
        pass


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Địa chỉ lắng nghe (0.0.0.0 để mở cho mạng nội bộ)."),
        port: int = typer.Option(8000, help="Cổng."),
        workers: int = typer.Option(
            1,
            min=1,
            help="Số tiến trình phục vụ (nên bằng số lõi CPU khi nhiều người dùng cùng lúc; "
            "phiên đăng nhập lưu trong cơ sở dữ liệu nên các tiến trình dùng chung).",
        ),
    ) -> None:
        """Chạy ứng dụng web (FastAPI + uvicorn)."""
        import uvicorn

        from nq57.web.app import create_served_app

        if workers == 1:
            lean_malloc()
            web = create_served_app()
            typer.echo(f"nq57 đang chạy tại http://{host}:{port}/  (Ctrl+C để dừng)")
            uvicorn.run(web, host=host, port=port, log_level="warning")
            return
        # Several processes: one Python process uses one core at most (the GIL), and the app
        # keeps no state of its own between requests (sessions are in the database). The schema
        # is brought up to date here, once, so the workers do not race to migrate a new database;
        # then this process becomes uvicorn's supervisor (same pid, without the CLI's imports).
        from nq57.store.db import dispose_all, get_engine

        get_engine()
        dispose_all()
        for name, value in MALLOC_ENV.items():
            os.environ.setdefault(name, value)
        typer.echo(f"nq57 đang chạy tại http://{host}:{port}/  ({workers} tiến trình; Ctrl+C để dừng)")
        sys.stdout.flush()
        os.execv(sys.executable, [
            sys.executable, "-m", "uvicorn", "nq57.web.app:create_served_app", "--factory", "--host", host,
            "--port", str(port), "--workers", str(workers), "--log-level", "warning",
        ])

    @app.command()
    def demo(
        seeds: str = typer.Option("", help="Thư mục chứa các văn bản mẫu (mặc định: ../shared/seeds cạnh kho mã)."),
        host: str = typer.Option("127.0.0.1", help="Địa chỉ in ra cho người dùng."),
        port: int = typer.Option(8000, help="Cổng in ra cho người dùng."),
    ) -> None:
        """Nạp đơn vị hành chính, năm văn bản mẫu, số liệu minh hoạ 2025–2026 và tài khoản demo."""
        from nq57.demo.build import build_demo, print_summary

        summary = build_demo(seeds or None)
        print_summary(summary, host, port)

    users = typer.Typer(help="Quản lý tài khoản người dùng.", no_args_is_help=True)
    app.add_typer(users, name="users")

    @users.command("add")
    def users_add(
        username: str = typer.Option(..., "--username", help="Tên đăng nhập."),
        password: str = typer.Option(..., "--password", help="Mật khẩu (ít nhất 8 ký tự)."),
        role: str = typer.Option(..., "--role", help=ROLE_HELP),
        commune: str = typer.Option("", "--commune", help='Xã/phường, ví dụ "Phước Bình, Đồng Nai".'),
        province: str = typer.Option("", "--province", help='Tỉnh, ví dụ "Đồng Nai".'),
        unit: str = typer.Option("", "--unit", help="Đơn vị trong xã (cho unit_officer)."),
        full_name: str = typer.Option("", "--full-name", help="Họ tên hiển thị."),
    ) -> None:
        """Tạo (hoặc cập nhật) một tài khoản."""
        from nq57.store.db import session_scope
        from nq57.web.scope import resolve_scope

        with session_scope() as session:
            from nq57.web import accounts

            scope = resolve_scope(session, role, commune=commune, province=province, unit=unit)
            user = accounts.create_user(
                session,
                username,
                password,
                role,
                province_id=scope.province_id,
                commune_id=scope.commune_id,
                unit_id=scope.unit_id,
                full_name=full_name,
            )
            typer.echo(f"Đã tạo tài khoản '{user.username}' ({accounts.ROLE_LABELS[role]}) — {scope.label}")


__all__ = ["register", "UserError"]
