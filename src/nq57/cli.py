"""The `nq57` command line. Each stage registers its own commands from its package.

The command names and options are a contract other tools call: keep them stable.
"""

from __future__ import annotations

import importlib
import sys

import typer

from nq57.errors import UserError

app = typer.Typer(
    help="nq57: đọc kế hoạch/báo cáo Nghị quyết 57, theo dõi chỉ tiêu, nhiệm vụ, cảnh báo và báo cáo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """nq57: đọc kế hoạch/báo cáo Nghị quyết 57, theo dõi chỉ tiêu, nhiệm vụ, cảnh báo và báo cáo."""

# Modules that define `register(app: typer.Typer) -> None`. A module that is not
# there yet is skipped, so each stage can land on its own.
COMMAND_MODULES = (
    "nq57.text.commands",
    "nq57.extract.commands",
    "nq57.track.commands",
    "nq57.web.commands",
    "nq57.report.commands",
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(app)


@app.command()
def info() -> None:
    """In ra nơi lưu dữ liệu và cơ sở dữ liệu đang dùng."""
    from nq57 import __version__
    from nq57.config import data_dir, database_url

    typer.echo(f"nq57 {__version__}")
    typer.echo(f"Thư mục dữ liệu (NQ57_DATA_DIR): {data_dir()}")
    typer.echo(f"Cơ sở dữ liệu (NQ57_DATABASE_URL): {database_url()}")


_register_all()


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
