"""Nothing crashes: random text and mutated real documents go through every parser."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57.extract.assigned import _task as assigned_task
from nq57.extract.deadlines import parse_deadline
from nq57.extract.items import Context, yes_no
from nq57.extract.model import PlanJSON
from nq57.extract.numbers import find_numbers
from nq57.extract.pipeline import extract_document
from nq57.extract.targets import parse_target
from nq57.text.document import Document, Paragraph, Table

DOCS = Path(__file__).parent / "documents"
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
SNIPPETS = ["STT", "Chỉ tiêu", "Đơn vị chủ trì", "Phối hợp", "Thời gian", "Kinh phí", "%", "≥", ">", "|", "\t",
            "Quý II/2026", "Hằng năm", "KH có từ 70%", "đạt", "10/13 chỉ tiêu đạt", "1.234,5", "29k", "1,2 triệu",
            "Số: /KH-UBND", "ngày  tháng  năm", "I.", "- ", "Phụ lục", "3.1", "Tổng cộng", "CHỦ TỊCH",
            "Giao", "chủ trì,", "phối hợp với", "hoàn thành trong", "thực hiện hằng năm", ": đã thực hiện (KH có)",
            "2.150/2.600 hộ", "Nội dung", "Phòng Văn hóa - Xã hội"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_cell_parsers_never_crash(text: str) -> None:
    parse_target(text)
    parse_target(text, ocr=True, unit="thứ bậc")
    parse_deadline(text)
    find_numbers(text)
    yes_no(text)
    assigned_task(text, Context())


line_strategy = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(alphabet=VIET + " 0123456789.,:/-%()",
                                                                     max_size=40)), max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_strategy, max_size=40), st.lists(st.lists(line_strategy, min_size=1, max_size=6), max_size=6))
def test_random_documents_give_valid_plan_json(paragraphs: list[str], rows: list[list[str]]) -> None:
    doc = Document(source="fuzz", format="txt")
    doc.blocks = [Paragraph(p, line=i + 1) for i, p in enumerate(paragraphs)]
    if rows:
        doc.blocks.append(Table(rows=rows))
    doc.renumber()
    result = extract_document(doc)
    PlanJSON.model_validate(result.plan.to_json())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from(sorted(p.name for p in DOCS.glob("*.txt"))))
def test_mutated_test_documents_do_not_crash(rnd: random.Random, name: str) -> None:
    lines = (DOCS / name).read_text(encoding="utf-8").splitlines()
    for _ in range(rnd.randint(1, 12)):
        i = rnd.randrange(len(lines))
        op = rnd.choice(("drop", "dup", "cut", "swap", "noise"))
        if op == "drop":
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        elif op == "swap":
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = "".join(c if rnd.random() > 0.2 else rnd.choice("|≥>=0123456789%/.,") for c in lines[i])
        if not lines:
            lines = [""]
    doc = Document(source=name, format="txt", blocks=[Paragraph(t, line=k + 1) for k, t in enumerate(lines)])
    PlanJSON.model_validate(extract_document(doc).plan.to_json())
