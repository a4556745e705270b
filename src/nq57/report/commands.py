"""`nq57 report`: the official report of a commune for a period, as .docx, .xlsx or .pdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from nq57.errors import UserError
from nq57.report.periods import parse_period
from nq57.report.render import FORMATS


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"Ngày không hợp lệ: {text!r}. Viết theo dạng YYYY-MM-DD, ví dụ 2026-04-05.") from exc


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        commune: str = typer.Option(..., "--commune", help='Xã/phường, ví dụ "Phước Bình, Đồng Nai".'),
        period: str = typer.Option(
            ..., "--period", help="Kỳ báo cáo: 2026-03, 2026-Q1, 2026-6M, 2026-9M, 2026."
        ),
        fmt: str = typer.Option("docx", "--format", help="docx, xlsx hoặc pdf."),
        output: Path = typer.Option(..., "-o", "--output", help="Tệp kết quả."),
        party: bool = typer.Option(False, "--party", help="Bản của Đảng ủy (Hướng dẫn 36-HD/VPTW)."),
        as_of: str | None = typer.Option(None, "--as-of", help="Ngày lập báo cáo (mặc định: hôm nay)."),
    ) -> None:
        """Lập báo cáo kết quả thực hiện của xã/phường (Nghị định 30/2020 hoặc Hướng dẫn 36)."""
        from nq57.report import build_report
        from nq57.store.db import session_scope

        fmt_clean = fmt.lower().lstrip(".")
        if fmt_clean not in FORMATS:
            raise UserError(f"Định dạng không hỗ trợ: {fmt!r}. Chọn một trong: {', '.join(FORMATS)}.")
        day = _parse_date(as_of)
        parse_period(period)  # a bad period is reported before the database is touched
        if output.parent and not output.parent.exists():
            raise UserError(f"{output}: thư mục {output.parent} không tồn tại.")
        with session_scope() as session:
            data = build_report(session, commune, period, fmt_clean, party=party, as_of=day)
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise UserError(f"{output}: không ghi được tệp ({exc.strerror}).") from exc
        typer.echo(f"Đã lập báo cáo: {output} ({len(data):,} byte)".replace(",", "."))
