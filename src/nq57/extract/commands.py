"""`nq57 extract FILE [--json] [--explain]`.

Exit codes: 0 on success; 2 (one line "Lỗi: ...") when the file cannot be read or is not a plan
or report at all (a novel, an invoice sheet): nothing in it looks like a Kế hoạch/Báo cáo.
A plan with no indicators is not an error: empty lists and a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from nq57.errors import UserError


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract(
        file: Path = typer.Argument(..., help="Tệp kế hoạch/báo cáo (.txt, .md, .docx, .xlsx, .pdf, ảnh quét)"),
        as_json: bool = typer.Option(False, "--json", help="In Plan JSON (shared/spec/plan-json.md)"),
        explain: bool = typer.Option(False, "--explain",
                                     help="Thêm nguồn (trang, dòng) và độ tin cậy cho từng mục (JSON)"),
    ) -> None:
        """Trích chỉ tiêu, nhiệm vụ, kinh phí, kết quả từ một kế hoạch hoặc báo cáo."""
        from nq57.extract.pipeline import extract_file

        result = extract_file(file)
        if not result.is_plan_document:
            raise UserError(f"{file}: không phải kế hoạch hay báo cáo (not a plan or report) — "
                            + "; ".join(result.warnings[-1:]))
        if as_json or explain:
            typer.echo(json.dumps(result.to_json(explain=explain), ensure_ascii=False, indent=1))
            for w in result.warnings:
                typer.echo(f"Cảnh báo: {w}", err=True)
            return
        from nq57.extract.summary import print_summary

        print_summary(result)
