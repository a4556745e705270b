"""The rules that turn a report's data into formal Vietnamese, as officials write it.

The result is a list of `Line`s (headings, paragraphs, bullets) the writers lay out.
Results are worded so a general reader can extract them back:
"- <indicator> đạt 85,5% (KH có từ 80% trở lên)." under a lead line
"* Có 10/13 chỉ tiêu đạt và vượt kế hoạch đề ra:".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nq57.report.content import BudgetLine, IndicatorResult, ReportContent, Target, TaskResult
from nq57.report.numbers import short_date, vn_date_words, vn_number, vn_quantity

LineKind = Literal["heading1", "heading2", "para", "lead", "bullet"]


@dataclass(frozen=True)
class Line:
    text: str
    kind: LineKind = "para"


STATUS_LABEL = {"achieved": "Đạt", "not_achieved": "Chưa đạt", "not_evaluated": "Chưa đánh giá"}
TASK_STATUS_LABEL = {
    "done": "Hoàn thành",
    "done_late": "Hoàn thành quá hạn",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa triển khai",
    "overdue": "Quá hạn",
}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


# ---- small pieces ---------------------------------------------------------------------------


def sentence_case(text: str) -> str:
    """Capitalise the first letter only (Vietnamese is not title-cased)."""
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an acronym ("UBND", "DVCTT")."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def _end(text: str, mark: str) -> str:
    text = text.strip().rstrip(".;:,")
    return text + mark


def target_words(target: Target | None, unit: str | None) -> str:
    """The plan's target after "KH": "có từ 80% trở lên", "trên 90%", "100%", "tăng bậc"."""
    if target is None:
        return "chưa xác định"
    if target.value is None or target.op in ("rank", "bool", "text"):
        return lower_first(target.text or "chưa xác định")
    amount = vn_quantity(target.value, unit)
    return {
        ">=": f"có từ {amount} trở lên",
        ">": f"trên {amount}",
        "=": amount,
        "<=": f"không quá {amount}",
        "<": f"dưới {amount}",
    }[target.op]


def target_cell(target: Target | None, unit: str | None) -> str:
    """The target as a table cell: "≥ 80%", "> 90%", or the plan's own words."""
    if target is None:
        return ""
    if target.value is None or target.op in ("rank", "bool", "text"):
        return target.text or ""
    sign = {">=": "≥ ", ">": "> ", "=": "", "<=": "≤ ", "<": "< "}[target.op]
    return sign + vn_quantity(target.value, unit)


_BARE_NUMBER_UNITS = (None, "", "chỉ số", "thứ bậc")


def _is_yes_no(item: IndicatorResult) -> bool:
    return item.target is not None and item.target.op == "bool"


def value_words(item: IndicatorResult) -> str:
    """What was reached, joined to the name: " đạt 85,5%", ": 0,85", ": đã thực hiện", or ""."""
    if item.value is None:
        return ""
    if _is_yes_no(item):
        return ": đã thực hiện" if item.value else ": chưa thực hiện"
    if item.unit in _BARE_NUMBER_UNITS:
        # An index or a rank has no unit word to hang "đạt" on: "Chỉ số DTI: 0,85".
        return f": {vn_number(item.value)}"
    got = f"đạt {vn_quantity(item.value, item.unit)}"
    if item.numerator is not None and item.denominator is not None:
        # "33.099/33.174, đạt 99,77%": the counts behind a rate, as reports quote them.
        got = f"{vn_number(item.numerator)}/{vn_number(item.denominator)}, {got}"
    return " " + got


def value_cell(item: IndicatorResult) -> str:
    if item.value is None:
        return ""
    if _is_yes_no(item):
        return "Có" if item.value else "Chưa"
    return vn_quantity(item.value, item.unit)


def _indicator_bullet(item: IndicatorResult) -> str:
    name = sentence_case(item.name).rstrip(" .;:,")
    plan = f"(KH {target_words(item.target, item.unit)})"
    text = f"{name}{value_words(item)} {plan}"
    # A not-evaluated item's reason goes in its group's lead line (as reports write it), so the
    # bullet stays "name (KH target)" for a reader.
    if item.status == "not_achieved" and item.reason:
        text = f"{_end(text, '.')} Nguyên nhân: {lower_first(item.reason).rstrip('.')}"
    return "- " + _end(text, ";")


_NO_DATA = "chưa có số liệu trong kỳ báo cáo"


def _unique_texts(items) -> list[str]:
    return list(dict.fromkeys(items))


def _count(n: int, total: int) -> str:
    """ "10/13"; Vietnamese reports pad single digits: "02/13"."""
    return f"{n:02d}/{total:02d}" if total >= 10 else f"{n}/{total}"


# ---- the document's fixed parts --------------------------------------------------------------


def issuer_lines(content: ReportContent) -> tuple[str | None, str]:
    """(the parent body or None, the issuing body) in capitals, for the header's left column."""
    loc = content.header.locality
    if content.party:
        return (
            f"ĐẢNG BỘ {loc.province_level} {loc.province}".upper(),
            f"ĐẢNG ỦY {loc.level} {loc.name}".upper(),
        )
    return (None, f"ỦY BAN NHÂN DÂN\n{loc.level} {loc.name}".upper())


def number_line(content: ReportContent) -> str:
    if content.party:
        return f"Số {content.header.number or '      '}" + ("" if content.header.number else "-BC/ĐU")
    return f"Số: {content.header.number or '        /BC-UBND'}"


def place_date_line(content: ReportContent) -> str:
    h = content.header
    return f"{h.locality.name}, {vn_date_words(h.issued_on, h.period.end.year)}"


def issuer_name(content: ReportContent) -> str:
    loc = content.header.locality
    return f"Đảng ủy {loc.level} {loc.name}" if content.party else f"UBND {loc.level} {loc.name}"


def _what(content: ReportContent) -> str:
    return "Kết quả lãnh đạo, chỉ đạo thực hiện" if content.party else "Kết quả thực hiện"


def subject(content: ReportContent) -> str:
    """The line under "BÁO CÁO": what and which period, and where."""
    h = content.header
    if h.subject:
        return h.subject
    # A Party committee reports on its leadership of the work; the People's Committee on the work.
    text = (
        f"{_what(content)} Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia "
        f"trên địa bàn {h.locality.level} {h.locality.name} {h.period.label}"
    )
    if h.period.next_label:
        text += f", phương hướng, nhiệm vụ {h.period.next_label}"
    return text


def signature_lines(content: ReportContent) -> list[str]:
    """Authority and position lines above the signer's name (upper case)."""
    title = (content.signer.title or "").strip().lower()
    deputy = title.startswith("phó")
    if content.party:
        return ["K/T BÍ THƯ", "PHÓ BÍ THƯ"] if deputy else ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    if deputy:
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def recipients(content: ReportContent) -> list[str]:
    """The "Nơi nhận:" list: each entry starts with "- "; the last ends with "."."""
    loc = content.header.locality
    items = content.recipients or (
        [
            f"Ban Thường vụ {'Tỉnh ủy' if loc.province_level == 'tỉnh' else 'Thành ủy'} {loc.province} (để b/c)",
            "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ",
            "Lưu Văn phòng Đảng ủy",
        ]
        if content.party
        else [
            f"UBND {loc.province_level} {loc.province} (để b/c)",
            f"Sở Khoa học và Công nghệ {loc.province_level} {loc.province}",
            f"Thường trực Đảng ủy {loc.level}",
            f"Thường trực HĐND {loc.level}",
            f"Chủ tịch, các Phó Chủ tịch UBND {loc.level}",
            "Lưu: VT",
        ]
    )
    # Nghị định 30 ends each line with ";", Hướng dẫn 36 with ",".
    between = "," if content.party else ";"
    out = []
    for i, item in enumerate(items):
        mark = "." if i == len(items) - 1 else between
        out.append("- " + _end(item.lstrip("- "), mark))
    return out


# ---- the body ---------------------------------------------------------------------------------


def _opening(content: ReportContent) -> list[Line]:
    h = content.header
    lines = [Line(f"Căn cứ {_end(basis, ';')}") for basis in content.legal_basis]
    if lines:
        lines[-1] = Line(_end(lines[-1].text, ";"))
    who = "Đảng ủy" if content.party else "UBND"
    lines.append(
        Line(
            f"{who} {h.locality.level} {h.locality.name} báo cáo {lower_first(_what(content))} Nghị quyết số 57-NQ/TW {h.period.label} "
            "như sau:"
        )
    )
    return lines


def _indicator_section(content: ReportContent, number: int) -> list[Line]:
    items = content.indicators
    total = len(items)
    out = [Line(f"{number}. Kết quả thực hiện các chỉ tiêu", "heading2")]
    if not items:
        return [*out, Line("Kế hoạch chưa có chỉ tiêu được theo dõi trong kỳ báo cáo.")]
    groups = [
        ("achieved", "chỉ tiêu đạt và vượt kế hoạch đề ra"),
        ("not_achieved", "chỉ tiêu chưa đạt so với kế hoạch"),
        ("not_evaluated", "chỉ tiêu chưa đánh giá"),
    ]
    for status, words in groups:
        chosen = [i for i in items if i.status == status]
        if not chosen:
            continue
        lead = f"* Có {_count(len(chosen), total)} {words}"
        if status == "not_evaluated":
            reasons = _unique_texts(
                lower_first(i.reason).rstrip(".") if i.reason else _NO_DATA for i in chosen
            )
            lead += f" (do {'; '.join(reasons)})"
        out.append(Line(lead + ":", "lead"))
        out.extend(Line(_indicator_bullet(i), "bullet") for i in chosen)
    last = out[-1]
    out[-1] = Line(_end(last.text, "."), last.kind)
    return out


def _task_bullet(task: TaskResult) -> str:
    parts = []
    if task.lead:
        parts.append(f"chủ trì: {task.lead}")
    if task.deadline_text or task.due:
        parts.append(f"thời hạn: {task.deadline_text or short_date(task.due)}")  # type: ignore[arg-type]
    detail = f" ({'; '.join(parts)})" if parts else ""
    text = sentence_case(task.name).rstrip(".;") + detail
    if task.note:
        text += f": {lower_first(task.note).rstrip('.')}"
    return "- " + _end(text, ";")


def _task_section(content: ReportContent, number: int) -> list[Line]:
    tasks = content.tasks
    out = [Line(f"{number}. Kết quả thực hiện các nhiệm vụ", "heading2")]
    if not tasks:
        return [*out, Line("Kế hoạch chưa có nhiệm vụ được theo dõi trong kỳ báo cáo.")]
    by = {s: [t for t in tasks if t.status == s] for s in TASK_STATUS_LABEL}
    done = len(by["done"]) + len(by["done_late"])
    clauses = [f"đã hoàn thành {done} nhiệm vụ"]
    if done:
        clauses[0] += f" (trong đó {len(by['done'])} nhiệm vụ hoàn thành đúng hạn"
        clauses[0] += f", {len(by['done_late'])} nhiệm vụ hoàn thành quá hạn)" if by["done_late"] else ")"
    if by["in_progress"]:
        clauses.append(f"{len(by['in_progress'])} nhiệm vụ đang thực hiện trong thời hạn")
    if by["not_started"]:
        clauses.append(f"{len(by['not_started'])} nhiệm vụ chưa triển khai")
    if by["overdue"]:
        clauses.append(f"{len(by['overdue'])} nhiệm vụ quá hạn chưa hoàn thành")
    out.append(Line(f"Kế hoạch đề ra {len(tasks)} nhiệm vụ; đến nay {', '.join(clauses)}."))
    for status, lead in (
        ("done", "Các nhiệm vụ đã hoàn thành đúng hạn:"),
        ("done_late", "Các nhiệm vụ hoàn thành quá hạn:"),
        ("overdue", "Các nhiệm vụ quá hạn chưa hoàn thành:"),
    ):
        if by[status]:
            out.append(Line(f"* {lead}", "lead"))
            out.extend(Line(_task_bullet(t), "bullet") for t in by[status])
    last = out[-1]
    out[-1] = Line(_end(last.text, "."), last.kind)
    return out


LIST_AT_MOST = 5  # past this many, a sentence counts the items and points to the appendix


def _name_list(items: list[IndicatorResult]) -> str:
    if len(items) <= LIST_AT_MOST:
        return ": " + "; ".join(lower_first(i.name).rstrip(" .;:,") for i in items)
    return " (chi tiết tại Phụ lục I)"


def _derived_difficulties(content: ReportContent) -> list[str]:
    """Facts the data itself shows, used with (not instead of) the units' own explanations."""
    out = []
    total = len(content.indicators)
    missed = [i for i in content.indicators if i.status == "not_achieved"]
    if missed:
        out.append(f"Còn {_count(len(missed), total)} chỉ tiêu chưa đạt kế hoạch đề ra{_name_list(missed)}")
    unrated = [i for i in content.indicators if i.status == "not_evaluated"]
    if unrated:
        out.append(
            f"Có {_count(len(unrated), total)} chỉ tiêu chưa có số liệu hoặc cơ sở để đánh giá trong kỳ"
        )
    late = [t for t in content.tasks if t.status == "overdue"]
    if late:
        out.append(f"Có {len(late)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành")
    return out


def _bullets(items: list[str]) -> list[Line]:
    lines = [Line("- " + _end(sentence_case(t.lstrip("- ")), ";"), "bullet") for t in items]
    if lines:
        lines[-1] = Line(_end(lines[-1].text, "."), "bullet")
    return lines


def _directions(content: ReportContent) -> list[str]:
    out = list(content.directions)
    for task in content.tasks:
        if task.due_next_period and task.status not in ("done", "done_late"):
            who = f"{task.lead} chủ trì " if task.lead else ""
            when = f", hoàn thành {lower_first(task.deadline_text)}" if task.deadline_text else ""
            out.append(f"{who}{lower_first(task.name).rstrip('.;')}{when}")
    for task in content.tasks:
        if task.status == "overdue":
            who = f"{task.lead} khẩn trương " if task.lead else "Khẩn trương "
            out.append(f"{who}hoàn thành nhiệm vụ quá hạn: {lower_first(task.name).rstrip('.;')}")
    missed = [i for i in content.indicators if i.status == "not_achieved"]
    if missed:
        out.append(
            "Tập trung chỉ đạo, có giải pháp cụ thể để hoàn thành các chỉ tiêu chưa đạt" + _name_list(missed)
        )
    return out


def body(content: ReportContent) -> list[Line]:
    """Every line of the body, from the legal basis to the closing sentence."""
    h = content.header
    out = _opening(content)
    out.append(Line(f"I. KẾT QUẢ THỰC HIỆN {h.period.label.upper()}", "heading1"))
    if h.data_as_of:
        out.append(Line(f"(Số liệu tính đến ngày {short_date(h.data_as_of)})"))
    out += _indicator_section(content, 1)
    out += _task_section(content, 2)
    section = 3
    if content.figures:
        out.append(Line(f"{section}. Một số kết quả nổi bật trong kỳ", "heading2"))
        out += _bullets([f.text for f in content.figures])
        section += 1
    if content.budget:
        out.append(Line(f"{section}. Kinh phí thực hiện", "heading2"))
        out += _bullets([_budget_words(b) for b in content.budget])
    roman = iter(_ROMAN[1:])
    out.append(Line(f"{next(roman)}. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN", "heading1"))
    difficulties = list(content.difficulties) + _derived_difficulties(content)
    out += (
        _bullets(difficulties) if difficulties else [Line("Không có khó khăn, vướng mắc phát sinh trong kỳ.")]
    )
    next_label = (h.period.next_label or "kỳ tiếp theo").upper()
    out.append(Line(f"{next(roman)}. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_label}", "heading1"))
    directions = _directions(content)
    out += (
        _bullets(directions)
        if directions
        else [Line("Tiếp tục triển khai các nhiệm vụ theo kế hoạch đề ra.")]
    )
    out.append(Line(f"{next(roman)}. ĐỀ XUẤT, KIẾN NGHỊ", "heading1"))
    out += _bullets(content.proposals) if content.proposals else [Line("Không có.")]
    out.append(
        Line(
            f"Trên đây là báo cáo {lower_first(_what(content))} Nghị quyết số 57-NQ/TW {h.period.label} "
            f"của {issuer_name(content)}./."
        )
    )
    return out


def _budget_words(line: BudgetLine) -> str:
    parts = [sentence_case(line.item)]
    if line.planned is not None:
        parts.append(f"dự toán {vn_number(line.planned)} {line.unit}")
    if line.disbursed is not None:
        parts.append(f"đã giải ngân {vn_number(line.disbursed)} {line.unit}")
    if line.source:
        parts.append(f"nguồn {lower_first(line.source)}")
    return ", ".join(parts)


# ---- appendix tables ----------------------------------------------------------------------------

INDICATOR_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kết quả thực hiện", "Đánh giá"]
TASK_HEADER = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"]


def indicator_rows(content: ReportContent) -> list[list[str]]:
    return [
        [
            str(n),
            i.name,
            i.unit or "",
            target_cell(i.target, i.unit),
            value_cell(i),
            STATUS_LABEL[i.status],
        ]
        for n, i in enumerate(content.indicators, 1)
    ]


def task_rows(content: ReportContent) -> list[list[str]]:
    return [
        [
            str(n),
            t.name,
            t.lead or "",
            t.deadline_text or (short_date(t.due) if t.due else ""),
            TASK_STATUS_LABEL[t.status],
        ]
        for n, t in enumerate(content.tasks, 1)
    ]
