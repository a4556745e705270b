"""A readable summary of an extraction: the header, then rich tables of each section."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from nq57.extract.pipeline import ExtractionResult

_KIND = {"plan": "Kế hoạch", "report": "Báo cáo", None: "(không rõ)"}
_STATUS = {"achieved": "Đạt", "not_achieved": "Chưa đạt", "not_evaluated": "Chưa đánh giá", None: ""}

# the summary speaks Vietnamese: a recurrence as the documents write it
_RECURRENCE = {"annual": "Hằng năm", "monthly": "Hằng tháng", "quarterly": "Hằng quý", "continuous": "Thường xuyên"}


def _targets(targets: list) -> str:
    parts = []
    for t in targets:
        value = "" if t.value is None else ("Có" if t.value is True else str(t.value))
        op = {"rank": "xếp hạng ", "bool": "", "text": ""}.get(t.op, f"{t.op} ")
        shown = f"{op}{value}".strip() or (t.text or "?")
        parts.append(f"{t.year}: {shown}" if t.year else shown)
    return "; ".join(parts)


def print_summary(result: ExtractionResult, console: Console | None = None) -> None:
    console = console or Console()
    plan = result.plan
    doc = plan.document
    loc = doc.locality
    console.print(f"[bold]{_KIND.get(doc.kind, doc.kind)}[/bold] số {doc.number or '(trống)'}"
                  f" — {doc.issuer or '(không rõ cơ quan ban hành)'}")
    if loc.name:
        console.print(f"Địa phương: {loc.level or ''} {loc.name}, {loc.province or '?'}")
    console.print(f"Ngày: {doc.issued_on or doc.issued_on_text or '(không rõ)'}"
                  f"   Kỳ: {doc.period.start or '?'} → {doc.period.end or '?'}")
    if doc.title:
        console.print(f"Tiêu đề: {doc.title}")
    if doc.signer.name or doc.signer.title:
        console.print(f"Người ký: {doc.signer.name or '?'} ({doc.signer.title or '?'})")
    if doc.references:
        console.print("Căn cứ: " + ", ".join(doc.references))

    if plan.indicators:
        t = Table(title=f"Chỉ tiêu ({len(plan.indicators)})", show_lines=False)
        for col in ("Mã", "Chỉ tiêu", "ĐVT", "Mục tiêu", "Chủ trì"):
            t.add_column(col)
        for i in plan.indicators:
            t.add_row(i.code or "", i.name, i.unit or "", _targets(i.targets), i.lead or "")
        console.print(t)
    if plan.tasks:
        t = Table(title=f"Nhiệm vụ ({len(plan.tasks)})")
        for col in ("Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"):
            t.add_column(col)
        for k in plan.tasks:
            due = k.deadline.text or k.deadline.due or _RECURRENCE.get(k.deadline.recurrence or "", "")
            t.add_row(k.code or "", k.name, k.lead or "", "; ".join(k.support), due)
        console.print(t)
    if plan.budget:
        t = Table(title=f"Kinh phí ({len(plan.budget)})")
        for col in ("Mã", "Nội dung", "Số tiền", "Đơn vị"):
            t.add_column(col)
        for b in plan.budget:
            t.add_row(b.code or "", b.item, "" if b.amount is None else f"{b.amount:,}".replace(",", "."),
                      b.unit or "")
        console.print(t)
    if plan.results:
        t = Table(title=f"Kết quả ({len(plan.results)})")
        for col in ("Chỉ tiêu", "Đạt", "ĐVT", "Kế hoạch", "Đánh giá"):
            t.add_column(col)
        for r in plan.results:
            actual = "" if r.actual is None else str(r.actual)
            if r.numerator is not None and r.denominator is not None:
                actual += f" ({r.numerator}/{r.denominator})"
            t.add_row(r.name, actual, r.unit or "", r.target.text if r.target else "", _STATUS.get(r.status, ""))
        console.print(t)
    for w in result.warnings:
        console.print(f"[yellow]Cảnh báo:[/yellow] {w}")
