"""Tasks written as numbered assignments in running text (a plan without a task table):

"2. Giao Văn phòng HĐND và UBND chủ trì, phối hợp với Trung tâm Phục vụ hành chính công rà
soát quy trình nội bộ ..., hoàn thành trước ngày 30/6/2026."

The lead is the unit named before "chủ trì"; the supporting units follow "phối hợp (với)" up to
the first action verb, which starts the task's name; the deadline is the last clause when it
names a period ("hoàn thành trong Quý III/2026", "thực hiện hằng năm"). A statement without a
deadline is a standing responsibility, not a task, and is skipped; so is the whole "Tổ chức thực
hiện" part (each unit's duties, even with a reporting date).

Also a numbered task with its details on labelled lines below it:
"1. Xây dựng bản đồ số ..." / "- Đơn vị chủ trì: Phòng Kinh tế" / "- Đơn vị phối hợp: ..." /
"- Thời gian hoàn thành: Quý II/2026" / "- Sản phẩm: ...".
"""

from __future__ import annotations

import re
from dataclasses import replace

from nq57.extract.deadlines import parse_deadline
from nq57.extract.items import Context, Found, split_units
from nq57.extract.lines import Line
from nq57.extract.model import Deadline, Task
from nq57.extract.orgs import canonical
from nq57.extract.statements import folded_same_length, is_heading, statements
from nq57.extract.textutil import clean, fold, sentence_case

# Verbs that open a task in Vietnamese plans (folded); the unit list before them ends there.
_VERBS = (
    "xay dung", "ra soat", "lap dat", "to chuc", "huong dan", "trien khai", "thuc hien", "tuyen truyen",
    "cap nhat", "hoan thien", "ban hanh", "nang cap", "dau tu", "phat trien", "so hoa", "kien toan",
    "bao cao", "tham muu", "day manh", "nghien cuu", "dao tao", "boi duong", "tap huan", "van hanh",
    "duy tri", "theo doi", "kiem tra", "don doc", "pho bien", "ung dung", "cung cap", "ho tro",
    "thanh lap", "lap", "hoan thanh", "ket noi", "mo rong", "chuan hoa", "dieu tra", "khao sat",
    "ra quyet", "danh gia", "tong hop", "thu thap", "chuyen doi", "phoi hop", "giam sat", "quan ly",
    "bo tri", "phat dong", "lua chon", "trang bi", "sap xep", "dang tai", "cai dat",
)
_VERB_RE = re.compile(r"(?<![\w])(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r")\b")
_LEAD = re.compile(r"^\W*(?:\d{1,2}[.)]\s*|[a-zđ]\)\s*)?(?:giao|phan cong|de nghi|yeu cau)?\s*"
                   r"(?P<lead>[^\W\d].{2,90}?)\s+(?:la (?:co quan|don vi) )?chu tri\b\s*,?\s*")
_LEAD_WITH_SUPPORT = re.compile(r"^\W*(?:\d{1,2}[.)]\s*|[a-zđ]\)\s*)?(?:giao\s+)?(?P<lead>[^\W\d].{2,60}?)\s+(?=phoi hop\b)")
_SUPPORT = re.compile(r"^phoi hop(?:\s+voi)?\s+")
_LEAD_ALONE = re.compile(r"^\W*(?:\d{1,2}[.)]\s*|[a-zđ]\)\s*)?giao\s+(?P<lead>[^\W\d].{2,60}?)\s+(?=" + _VERB_RE.pattern + r")")
_DEADLINE_TAIL = re.compile(r"(?:,|\.|;|\s-|\)(?=\s*(?:truoc|trong)\s+(?:ngay|thang|quy|nam)\b))\s*"
                            r"(?:(?:hoan thanh|thuc hien|thoi gian(?: hoan thanh)?|thoi han)\s*:?\s*)?"
                            r"(?:trong|truoc|den|vao|tu)?\s*(?:ngay|thang|quy|nam|hang|h[ae]ng|thuong|moi|dinh ky)"
                            r"[^,;]*$")


def _task(text: str, ctx: Context) -> Task | None:
    text = clean(text).rstrip(" .;")
    text, f = folded_same_length(text)
    m = _LEAD.match(f)
    if not m:
        # "Công an xã phối hợp các thôn hướng dẫn …": a unit that does it with others, no "chủ trì";
        # "Giao Trung tâm Phục vụ hành chính công xã số hóa hồ sơ …": a unit given the task alone
        m = _LEAD_WITH_SUPPORT.match(f) or _LEAD_ALONE.match(f)
        if not m or canonical(text[m.start("lead"):m.end("lead")], strict=True, level=ctx.level) is None:
            return None
    lead = text[m.start("lead"):m.end("lead")].strip(" ,:")
    rest_at = m.end()
    tail = _DEADLINE_TAIL.search(f, rest_at)
    if not tail:
        return None
    deadline = parse_deadline(text[tail.start():].strip(" ,.;-"))
    if deadline.due is None and deadline.recurrence is None:
        return None
    body, fbody = text[rest_at:tail.start()], f[rest_at:tail.start()]
    support: list[str] = []
    sm = _SUPPORT.match(fbody)
    if sm:
        verb = _VERB_RE.search(fbody, sm.end())
        if verb is None:
            return None
        support = split_units(re.sub(r"\s+(?:và|va)\s+", ", ", body[sm.end():verb.start()]).strip(" ,"))
        body = body[verb.start():]
    name = sentence_case(body.strip(" ,:"))
    if len(name.split()) < 3 or len(lead.split()) > 12:
        return None
    dl = Deadline(text=sentence_case(deadline.text or ""), due=deadline.due, recurrence=deadline.recurrence)
    code = re.match(r"^\W*(\d{1,2})[.)]", text)
    return Task(code=code.group(1) if code else None, name=name, lead=sentence_case(lead), support=support,
                deadline=dl)


_LABELS = (("lead", r"(?:co quan|don vi)?\s*chu tri"), ("support", r"(?:co quan|don vi)?\s*phoi hop"),
           ("deadline", r"thoi gian(?: hoan thanh| thuc hien)?|thoi han(?: hoan thanh)?|tien do"),
           ("product", r"san pham|ket qua"))
_LABEL_RE = re.compile(r"^\W*(" + "|".join(p for _, p in _LABELS) + r")\s*:\s*(.+)$")
# ("1, Về thể chế …": OCR reads a part's full stop as a comma)
_TITLE = re.compile(r"^\W*(?:nhiem vu\s*)?(\d{1,2}(?:\.\d{1,2})*)\s*[.):,]\s+\S|^\W*(\d{1,2}\.\d{1,2})\s+\S")


def _label(text: str) -> tuple[str, str] | None:
    """("lead", "Phòng Kinh tế") for "- Đơn vị chủ trì: Phòng Kinh tế"."""
    t, f = folded_same_length(clean(text))
    m = _LABEL_RE.match(f)
    if not m:
        return None
    role = next(r for r, p in _LABELS if re.fullmatch(p, m.group(1)))
    return role, t[m.start(2):].strip(" .;")


def _labelled(title: str, fields: dict[str, str]) -> Task | None:
    """A numbered task whose lead, support, deadline and product follow on labelled lines."""
    if "lead" not in fields or "deadline" not in fields:
        return None
    code = _TITLE.match(fold(title))
    name = re.sub(r"^\W*(?:[Nn]hiệm vụ\s*)?\d{1,2}(?:\.\d{1,2})*\s*[.):]?\s*", "", clean(title)).strip(" .;:")
    if len(name.split()) < 3:
        return None
    dl = parse_deadline(fields["deadline"])
    return Task(code=(code.group(1) or code.group(2)) if code else None, name=sentence_case(name), lead=fields["lead"],
                support=split_units(fields.get("support")), product=fields.get("product"),
                deadline=Deadline(text=dl.text, due=dl.due, recurrence=dl.recurrence))


def read_assigned_tasks(lines: list[Line], ctx: Context) -> list[Found]:
    """Assignment statements of a plan that have a lead and a deadline, as tasks; also numbered
    tasks followed by labelled lines ("- Cơ quan chủ trì: …", "- Thời gian hoàn thành: …")."""
    out: list[Found] = []
    confidence = 0.7 if not ctx.ocr else 0.6
    title = None
    fields: dict[str, str] = {}

    group: tuple[str, str] | None = None  # ("4", "Về kinh tế số, xã hội số"): the part "4.1", "4.2" … stand in

    def close(end_line: int) -> None:
        nonlocal group
        if title is None:
            return
        task = _labelled(title.text, fields)
        if task is not None:
            if group is not None and task.code and task.code.startswith(f"{group[0]}."):
                task.group = group[1]
            out.append(Found(task, title.page, title.line_start, end_line, confidence))
            return
        part = re.match(r"^\W*(\d{1,2})[.,]\s+(\S.{3,80})$", clean(title.text))
        if not fields and part:
            group = (part.group(1), part.group(2).strip(" .;:"))

    last_line = 0
    duties = False  # inside "Tổ chức thực hiện": each unit's standing duties, not the plan's tasks
    for st in statements(lines):
        if is_heading(st.text):
            duties = "to chuc thuc hien" in fold(st.text)
        if duties:
            close(last_line)
            title = None
            continue
        label = _label(st.text)
        if label is not None and title is not None:
            fields.setdefault(*label)
            last_line = st.line_end
            continue
        if title is not None and not fields and label is None and not _TITLE.match(fold(st.text)) \
                and not is_heading(st.text) and not re.search(r"[.;:]\s*$", title.text) and len(st.text) < 120:
            # the title's last words on a line of their own ("… và" / "Trạm Y tế xã."): the name goes on
            title = replace(title, text=f"{title.text} {st.text}", line_end=st.line_end)
            last_line = st.line_end
            continue
        close(last_line)
        title, fields = (st, {}) if _TITLE.match(fold(st.text)) else (None, {})
        last_line = st.line_end
        task = _task(st.text, ctx)
        if task is not None:
            out.append(Found(task, st.page, st.line_start, st.line_end, confidence))
            title = None
    close(last_line)
    return out
