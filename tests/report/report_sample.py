"""Shared by the report tests: a hand-made report content (unlike the seeds) and the read-back helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from nq57.report.content import (
    BudgetLine,
    Figure,
    Header,
    IndicatorResult,
    Locality,
    RawValue,
    ReportContent,
    Signer,
    Target,
    TaskResult,
)
from nq57.report.docx import write_docx
from nq57.report.periods import parse_period
from nq57.text.vietnamese import fold


def sample_content(party: bool = False, tasks: int = 6) -> ReportContent:
    period = parse_period("2026-Q1")
    indicators = [
        IndicatorResult(
            "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
            "%",
            Target(">=", 80),
            85.5,
            "achieved",
            code="1.1",
        ),
        IndicatorResult(
            "Tỷ lệ người dân có tài khoản định danh điện tử mức 2",
            "%",
            Target(">", 90),
            91.25,
            "achieved",
            code="1.2",
        ),
        IndicatorResult(
            "Số hộ kinh doanh dùng thanh toán không tiền mặt",
            "hộ",
            Target(">=", 1200),
            1350,
            "achieved",
            code="2.1",
        ),
        IndicatorResult(
            "Tỷ lệ dịch vụ công trực tuyến toàn trình",
            "%",
            Target(">=", 80),
            58.8,
            "not_achieved",
            code="2.2",
            reason="Một số thủ tục chưa được cấu hình trên Cổng dịch vụ công",
        ),
        IndicatorResult(
            "Chỉ số chuyển đổi số cấp xã",
            "chỉ số",
            Target(">=", 0.6),
            None,
            "not_evaluated",
            code="3.1",
            reason="Tỉnh chưa công bố kết quả đánh giá",
        ),
    ]
    statuses = ["done", "done_late", "in_progress", "overdue", "not_started", "in_progress"]
    task_list = [
        TaskResult(
            f"Nhiệm vụ số {n}: triển khai nền tảng số thứ {n} cho người dân",
            statuses[n % len(statuses)],  # type: ignore[arg-type]
            code=str(n + 1),
            lead="Phòng Văn hóa - Xã hội" if n % 2 else "Văn phòng HĐND và UBND",
            deadline_text=f"Quý {['I', 'II', 'III', 'IV'][n % 4]}/2026",
            due=date(2026, 3 * (n % 4) + 3, 28),
            due_next_period=n % 4 == 1,
        )
        for n in range(tasks)
    ]
    return ReportContent(
        header=Header(
            locality=Locality("Tân Triều", "xã", "Đồng Nai"),
            period=period,
            issued_on=date(2026, 4, 5),
            data_as_of=date(2026, 3, 31),
        ),
        indicators=indicators,
        tasks=task_list,
        legal_basis=[
            "Kế hoạch số 12/KH-UBND ngày 20/01/2026 của UBND xã Tân Triều về chuyển đổi số năm 2026"
        ],
        figures=[Figure("Cấp 2.345/2.400 tài khoản định danh điện tử, đạt 97,71%")],
        difficulties=["Hạ tầng mạng tại một số ấp còn yếu"],
        proposals=["Đề nghị Sở Khoa học và Công nghệ hỗ trợ tập huấn cho Tổ công nghệ số cộng đồng"],
        signer=Signer("Lê Thị Hồng", "Phó Chủ tịch"),
        budget=[BudgetLine("Tập huấn kỹ năng số", 120, 45.5, source="ngân sách xã")],
        raw_values=[
            RawValue(
                "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", "2026-03", 85.5, 171, 200, "%", "approved"
            )
        ],
        party=party,
    )


def read_back(content: ReportContent, tmp_path: Path) -> list[dict]:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(write_docx(content))
    pipeline = pytest.importorskip("nq57.extract.pipeline")
    result = pipeline.extract_file(path)
    return result.plan.model_dump(mode="json")["results"]


def _similarity(a: str, b: str) -> tuple[float, float]:
    """(score, tie-break): whole-name similarity, or a long shared beginning when a reader cut
    a damaged name short (OCR names can contain words such as "Đặt" that read as "đạt")."""
    fa, fb = fold(a), fold(b)
    whole = fuzz.ratio(fa, fb)
    shorter, longer = sorted((fa, fb), key=len)
    prefix = 100.0 if len(shorter) >= 25 and longer.startswith(shorter) else 0.0
    return max(whole, prefix), whole


def best_match(name: str, results: list[dict]) -> dict | None:
    scored = [(_similarity(name, r["name"]), r) for r in results]
    (score, _), found = max(scored, key=lambda pair: pair[0], default=((0, 0), None))
    return found if score >= 85 else None
