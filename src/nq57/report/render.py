"""One entry point from a report's content to the bytes of a chosen file format."""

from __future__ import annotations

from nq57.errors import UserError
from nq57.report.content import ReportContent

FORMATS = ("docx", "xlsx", "pdf")


def render(content: ReportContent, fmt: str) -> bytes:
    fmt = fmt.lower().lstrip(".")
    if fmt == "docx":
        from nq57.report.docx import write_docx

        return write_docx(content)
    if fmt == "xlsx":
        from nq57.report.xlsx import write_xlsx

        return write_xlsx(content)
    if fmt == "pdf":
        from nq57.report.docx import write_docx
        from nq57.report.pdf import docx_to_pdf

        return docx_to_pdf(write_docx(content))
    raise UserError(f"Định dạng báo cáo không hỗ trợ: {fmt!r}. Chọn một trong: {', '.join(FORMATS)}.")
