"""Time to build one commune's report for a whole year (goal: under 2 s for the .docx).

Builds a throwaway SQLite database: one commune, a plan of 30 indicators and 40 tasks,
twelve months of values and task progress; then times build_report for period "2026".
Run: .venv/bin/python bench/report.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from nq57.report import build_report
from nq57.report.docx import write_docx
from nq57.report.from_track import build_content
from nq57.report.pdf import soffice_path
from nq57.store.db import dispose_all, session_scope
from nq57.track import plans, progress, units, values

COMMUNE = "Phước Bình, Đồng Nai"
OPS = [">=", ">", ">=", "<="]


def plan_json() -> dict:
    indicators = [
        {
            "code": str(n),
            "name": f"Tỷ lệ chỉ tiêu thử nghiệm số {n} về chuyển đổi số",
            "unit": "%",
            "targets": [{"year": 2026, "op": OPS[n % 4], "value": 40 + n, "text": str(40 + n)}],
            "lead": ["Phòng Văn hóa - Xã hội", "Phòng Kinh tế", "Công an phường"][n % 3],
        }
        for n in range(1, 31)
    ]
    tasks = [
        {
            "code": str(n),
            "name": f"Nhiệm vụ thử nghiệm số {n} triển khai nền tảng số",
            "lead": ["Văn phòng HĐND và UBND", "Phòng Kinh tế"][n % 2],
            "deadline": {"text": f"Tháng {1 + n % 12}/2026", "due": date(2026, 1 + n % 12, 28).isoformat()},
        }
        for n in range(1, 41)
    ]
    document = {
        "kind": "plan",
        "number": "77/KH-UBND",
        "issuer": "UBND phường Phước Bình",
        "locality": {"name": "Phước Bình", "level": "phường", "province": "Đồng Nai"},
        "issued_on": "2026-01-10",
        "title": "Kế hoạch thử nghiệm hiệu năng năm 2026",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "signer": {"name": "Nguyễn Văn A", "title": "Chủ tịch"},
        "references": ["57-NQ/TW"],
    }
    return {"document": document, "indicators": indicators, "tasks": tasks, "budget": [], "results": []}


def seed(url: str) -> None:
    with session_scope(url) as s:
        commune = units.find_commune(s, COMMUNE)
        plan = plans.import_plan(s, plan_json(), commune, "bench.json").plan
        for month in range(1, 13):
            period = f"2026-{month:02d}"
            for n, indicator in enumerate(plan.indicators):
                values.set_value(s, indicator, period, value=min(100, 20 + n + 4 * month), check=False)
            for n, task in enumerate(plan.tasks):
                status = "done" if n % 3 == 0 and month >= 1 + n % 12 else "in_progress"
                percent = 100 if status == "done" else min(95, 8 * month)
                progress.set_progress(s, task, period, status=status, percent=percent)


def timed(url: str, fmt: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with session_scope(url) as s:
            data = build_report(s, COMMUNE, "2026", fmt, as_of=date(2026, 12, 31))
        times.append(time.perf_counter() - start)
        assert data
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        start = time.perf_counter()
        seed(url)
        print(f"seed: 30 indicators x 12 months, 40 tasks x 12 months in {time.perf_counter() - start:.2f} s")
        for fmt, runs in (("docx", 5), ("xlsx", 5)):
            times = timed(url, fmt, runs)
            print(
                f"report {fmt} (one commune, year 2026): median {statistics.median(times):.3f} s, "
                f"max {max(times):.3f} s over {runs} runs (goal < 2 s)"
            )
        with session_scope(url) as s:
            start = time.perf_counter()
            content = build_content(s, units.find_commune(s, COMMUNE), "2026", as_of=date(2026, 12, 31))
            middle = time.perf_counter()
            write_docx(content)
            end = time.perf_counter()
        print(
            f"  of which: content from the database {middle - start:.3f} s, writing the .docx {end - middle:.3f} s"
        )
        if soffice_path():
            times = timed(url, "pdf", 2)
            print(f"report pdf via LibreOffice: median {statistics.median(times):.3f} s over 2 runs")
        else:
            print("report pdf: LibreOffice not installed, skipped")
        dispose_all()


if __name__ == "__main__":
    main()
