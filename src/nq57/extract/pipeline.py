"""extract_file(path) / extract_document(doc, unrepaired) -> ExtractionResult for one plan or report.

Order of work: the header (kind, number, date, locality, title, period, signer, căn cứ); real
tables by their header words (`tables`); tables OCR flattened into lines (`flattened`); then,
for a plan, targets written in the text (`prose`: all of them when there is no indicator
table, else only to fill cells the OCR lost), and for a report, its figures (`results`) and the
targets of its outlook part. Budget lines are summed against the stated total.

Every item carries provenance (page, line span in `Document.text()`, confidence 0..1).
A file that does not look like a plan or report at all sets `is_plan_document = False` (the
CLI then exits with code 2); a plan with nothing to extract gives empty lists and a warning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from nq57.extract import assigned, flattened, prose, results
from nq57.extract import budget as budget_mod
from nq57.extract.cutoff import data_cut_off
from nq57.extract.header import parse_header
from nq57.extract.items import Context, Found
from nq57.extract.lines import Line, document_lines
from nq57.extract.model import PlanJSON, Provenance, Source
from nq57.extract.prose_budget import read_prose_budget
from nq57.extract.reading import read_pair
from nq57.extract.tables import read_tables
from nq57.extract.textutil import fold, similar
from nq57.text.document import Document

_PLAN_WORDS = re.compile(r"ke hoach|bao cao|chi tieu|nhiem vu|nghi quyet|chuyen doi so|ubnd|uy ban")


@dataclass
class ExtractionResult:
    plan: PlanJSON
    warnings: list[str] = field(default_factory=list)
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)
    is_plan_document: bool = True
    # the document's lines as the extractor saw them (repaired text; `Line.no` is what
    # provenance line numbers refer to), so a review screen can show each item's source
    lines: list[Line] = field(default_factory=list)

    def source_text(self, section: str, index: int) -> str:
        """The text of the lines an item was read from."""
        provs = self.provenance.get(section, [])
        if not 0 <= index < len(provs):
            return ""
        p = provs[index].source
        return "\n".join(ln.text for ln in self.lines
                         if ln.page == p.page and p.line_start <= ln.no <= p.line_end).strip()

    def to_json(self, explain: bool = False) -> dict:
        data = self.plan.to_json()
        if explain:
            for section, items in self.provenance.items():
                for item, prov in zip(data[section], items, strict=False):
                    item["source"] = prov.source.model_dump()
                    item["confidence"] = round(prov.confidence, 2)
            data["warnings"] = list(self.warnings)
        return data


def looks_damaged(lines: list[Line]) -> bool:
    """OCR that lost its diacritics: few letters carry a Vietnamese mark."""
    text = " ".join(ln.text for ln in lines[:400])
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 200:
        return False
    marked = sum(1 for c in letters if unicodedata.decomposition(c) or c in "đĐ")
    return marked / len(letters) < 0.12


def _dedupe(found: list[Found], against: list[Found] | None = None, threshold: float = 0.85) -> list[Found]:
    kept: list[Found] = []
    pool = list(against or [])
    for f in found:
        name = getattr(f.item, "name", None) or getattr(f.item, "item", "")
        if any(similar(name, getattr(k.item, "name", None) or getattr(k.item, "item", "")) >= threshold
               and _same_figure(f.item, k.item) for k in kept + pool):
            continue
        kept.append(f)
    return kept


def _same_figure(a: object, b: object) -> bool:
    """Whether two items may be one: results with two different figures are two ("… trong tháng"
    and "… lũy kế từ đầu năm" of one row), whatever their names."""
    first, second = getattr(a, "actual", None), getattr(b, "actual", None)
    if not (first is None or second is None or first == second):
        return False
    # "… cấp tỉnh" and "… cấp xã": one indicator's targets for two levels are two indicators
    levels = [re.findall(r"\bcap\s+(?:tinh|xa|phuong|huyen|trung uong|co so)\b", fold(getattr(x, "name", None) or ""))
              for x in (a, b)]
    return not (levels[0] and levels[1] and levels[0] != levels[1])


def _merge_results(tabled: list[Found], written: list[Found]) -> list[Found]:
    """A report often gives the same figure in its text and in a table: keep one result and
    take from each what the other lacks (the text's "171/200", the table's verdict)."""
    out = list(tabled)
    for f in written:
        twin = next((t for t in out if similar(t.item.name, f.item.name) >= 0.9
                     and (t.item.actual is None or f.item.actual is None or t.item.actual == f.item.actual)), None)
        if twin is None:
            out.append(f)
            continue
        for key in ("unit", "actual", "numerator", "denominator", "target", "status"):
            if getattr(twin.item, key) is None and getattr(f.item, key) is not None:
                setattr(twin.item, key, getattr(f.item, key))
    return out


def _own_task_money(task_money: list[Found], budget: list[Found]) -> list[Found]:
    """The budget lines of a task table's "Kinh phí" column that the budget table does not hold
    already: none where the two add up to the same money (the same spending twice), else those
    whose task the budget table does not name."""
    if not budget or not task_money:
        return task_money
    total = sum(f.item.amount or 0 for f in budget)
    if abs(sum(f.item.amount or 0 for f in task_money) - total) <= 0.005 * max(total, 1):
        return []
    return [f for f in task_money if not any(similar(f.item.item, b.item.item) >= 0.8 for b in budget)]


def extract_document(doc: Document, unrepaired: Document | None = None) -> ExtractionResult:
    """Extract one document; `unrepaired` (the same file read without diacritic repair) lets
    the flattened-table reader see the OCR's own symbols."""
    lines = document_lines(doc, unrepaired)
    warnings: list[str] = list(doc.warnings)
    info = parse_header(lines)
    ctx = Context(ocr=doc.repaired or looks_damaged(lines), level=info.locality.level, kind=info.kind)
    cut_off = data_cut_off(lines, info)
    ctx.year = int(info.period.start[:4]) if info.period.start else None
    ctx.as_of = cut_off or info.period.end
    tabled = read_tables(lines, ctx)
    flat = flattened.read_flattened(lines, ctx)
    indicators = tabled["indicators"] + _dedupe(flat["indicators"], tabled["indicators"])
    tasks = tabled["tasks"] + _dedupe(flat["tasks"], tabled["tasks"], 0.95)
    if not tasks and info.kind != "report":
        # no task table: numbered assignments in the text ("Giao X chủ trì, ... hoàn thành trong Quý III")
        tasks = assigned.read_assigned_tasks(lines, ctx)
    budget = tabled["budget"] + flat["budget"]
    budget += _own_task_money(tabled["task_budget"] + flat["task_budget"], budget)
    totals = tabled["totals"] + flat["totals"]
    if not budget and info.kind != "report":
        # "- Tập huấn …: 60 triệu đồng;" in a plan's text (a report's money in bullets is what was spent: results)
        budget, totals = read_prose_budget(lines)
    report_results: list[Found] = tabled["results"] + _dedupe(flat["results"], tabled["results"])
    if info.kind == "report":
        # the text reader also sees a flattened table's lines as sentences: the table's rows win
        table_lines = [(f.page, f.line_start, f.line_end) for f in flat["results"]]
        written = [f for f in results.read_results(lines, ctx)
                   if not any(p == f.page and f.line_start <= end and start <= f.line_end for p, start, end in table_lines)]
        report_results = _merge_results(report_results, written)
        tabled_results = {id(f.item) for f in tabled["results"] + flat["results"]}
        for kind, expected in ctx.unlisted_counts:
            given = sum(1 for f in report_results if f.item.status == kind)
            # (a summary under a table counts that table's rows, not the text's figures too)
            in_tables = sum(1 for f in report_results if f.item.status == kind and id(f.item) in tabled_results)
            if expected not in (given, in_tables):
                warnings.append(f"Văn bản ghi {expected} chỉ tiêu '{kind}' nhưng các kết quả đọc được cho {given}")
        indicators += _dedupe(prose.read_outlook_indicators(lines, ctx), indicators)
    else:
        in_text = prose.read_prose_indicators(lines, ctx, has_table=bool(indicators))
        if indicators:
            filled = prose.fill_from_prose(flat["indicators"], in_text)
            if filled:
                warnings.append(f"{filled} mục tiêu trong bảng không đọc được đã lấy từ phần văn bản của kế hoạch")
        else:
            indicators += _dedupe(in_text, indicators)
    warnings += budget_mod.check_total(budget, totals)
    warnings += ctx.warnings
    years = sorted({t.year for f in indicators for t in f.item.targets if t.year})
    if info.period.start is None and years:
        info.period.start, info.period.end = f"{years[0]}-01-01", f"{years[-1]}-12-31"
    plan = PlanJSON(document=info, indicators=[f.item for f in indicators], tasks=[f.item for f in tasks],
                    budget=[f.item for f in budget], results=[f.item for f in report_results])
    prov = {
        name: [Provenance(source=Source(page=f.page, line_start=f.line_start, line_end=f.line_end),
                          confidence=f.confidence) for f in found]
        for name, found in (("indicators", indicators), ("tasks", tasks), ("budget", budget),
                            ("results", report_results))
    }
    text = fold(" ".join(ln.text for ln in lines[:200]))
    is_plan = bool(_PLAN_WORDS.search(text)) and (info.locality.name is not None or len(_PLAN_WORDS.findall(text)) >= 3)
    if not is_plan:
        warnings.append("Tệp này không giống một kế hoạch hay báo cáo (không thấy 'Kế hoạch', 'Báo cáo', "
                        "'chỉ tiêu', 'nhiệm vụ', tên địa phương)")
    elif not (plan.indicators or plan.tasks or plan.results or plan.budget):
        warnings.append("Không tìm thấy chỉ tiêu, nhiệm vụ, kinh phí hay kết quả nào trong văn bản")
    return ExtractionResult(plan=plan, warnings=warnings, provenance=prov, is_plan_document=is_plan, lines=lines)


def extract_file(path: str | Path) -> ExtractionResult:
    doc, unrepaired = read_pair(path)
    return extract_document(doc, unrepaired)
