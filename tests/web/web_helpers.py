"""Helpers shared by the web tests (imported as a plain module: tests/web is on sys.path)."""

from __future__ import annotations

import re
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "mat-khau-du-dai"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    page = client.get("/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text), "next": "/"},
        follow_redirects=False,
    )


def sample_plan(year: int) -> dict:
    """A small plan of an invented ward, in the Plan JSON shape (not a seed's wording)."""
    return {
        "document": {"kind": "plan", "number": "12/KH-UBND", "issuer": "UBND xã Thử Nghiệm",
                     "locality": {"name": "Thử Nghiệm", "level": "xã", "province": "Tỉnh Mẫu"},
                     "issued_on": f"{year}-01-10", "title": f"Kế hoạch chuyển đổi số năm {year}",
                     "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"}, "references": ["57-NQ/TW"]},
        "indicators": [
            {"code": "1", "group": "Dịch vụ công", "name": "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến",
             "unit": "%", "targets": [{"year": year, "op": ">=", "value": 80, "text": "≥ 80%"}],
             "lead": "Văn phòng HĐND và UBND"},
            {"code": "2", "group": "Hạ tầng số", "name": "Số điểm phát wifi công cộng miễn phí",
             "unit": "điểm", "targets": [{"year": year, "op": ">=", "value": 20, "text": "20 điểm"}],
             "lead": "Phòng Kinh tế"},
        ],
        "tasks": [
            {"code": "1", "group": None, "name": "Xây dựng kho dữ liệu dùng chung của xã", "lead": "Phòng Kinh tế",
             "support": [], "product": "Kho dữ liệu",
             "deadline": {"text": f"Quý IV/{year}", "due": f"{year}-12-31", "recurrence": None}},
        ],
        "budget": [],
        "results": [],
    }
