"""`nq57 text FILE|-`: print a document as clean Unicode text, or its structure as JSON."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("text")
    def text_command(
        file: Annotated[str, typer.Argument(metavar="FILE|-", help="Tệp cần đọc (.txt .md .docx .doc .xlsx .pdf ảnh), hoặc - để đọc từ stdin.")],
        no_repair: Annotated[bool, typer.Option("--no-repair", help="In nguyên văn đã đọc, không sửa dấu.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="In cấu trúc (trang, đoạn, bảng) dạng JSON.")] = False,
        ocr_max_pages: Annotated[
            int | None,
            typer.Option("--ocr-max-pages", min=1, help="Số trang tối đa được OCR (mặc định 200, hoặc NQ57_OCR_MAX_PAGES)."),
        ] = None,
    ) -> None:
        """Đọc văn bản (kể cả bản scan, phông TCVN3/VNI) và in ra chữ Unicode sạch."""
        from nq57.text.readers import Limits, read_document

        limits = Limits.from_env(max_ocr_pages=ocr_max_pages)
        doc = read_document(file, repair=not no_repair, progress=True, limits=limits)
        if as_json:
            typer.echo(json.dumps(doc.to_json(), ensure_ascii=False, indent=1))
        else:
            sys.stdout.write(doc.text())
            sys.stdout.flush()
