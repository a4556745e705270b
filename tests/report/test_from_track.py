"""A report built from the tracking database: the data a commune entered ends up in the report,
and the .docx read back by the extractor gives the database's values and statuses."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from report_sample import best_match, read_back

from nq57.report import build_report, report_filename
from nq57.report.from_track import build_content
from nq57.report.render import render
from nq57.store.db import session_scope
from nq57.track import budget, explanations, plans, progress, units, values
from nq57.track.status import commune_status

COMMUNE = "Phước Bình, Đồng Nai"
PERIOD = "2026-Q1"
AS_OF = date(2026, 4, 8)

# A plan written for these tests (not one of the seeds): mixed units, operators and deadlines.
PLAN = {
    "document": {
        "kind": "plan",
        "number": "31/KH-UBND",
        "issuer": "UBND phường Phước Bình",
        "locality": {"name": "Phước Bình", "level": "phường", "province": "Đồng Nai"},
        "issued_on": "2026-02-03",
        "title": "Kế hoạch chuyển đổi số và đổi mới sáng tạo năm 2026",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "signer": {"name": "Đỗ Minh Khoa", "title": "Phó Chủ tịch"},
        "references": ["57-NQ/TW", "12-KH/TU"],
    },
    "indicators": [
        {
            "code": "1",
            "name": "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình",
            "unit": "%",
            "targets": [{"year": 2026, "op": ">=", "value": 75, "text": "75"}],
            "lead": "Trung tâm PVHCC",
        },
        {
            "code": "2",
            "name": "Tỷ lệ người trưởng thành có chữ ký số cá nhân",
            "unit": "%",
            "targets": [{"year": 2026, "op": ">", "value": 40, "text": "trên 40"}],
            "lead": "Công an phường",
        },
        {
            "code": "3",
            "name": "Tỷ lệ camera an ninh kết nối trung tâm giám sát",
            "unit": "%",
            "targets": [{"year": 2026, "op": ">=", "value": 90, "text": "90"}],
            "lead": "Công an phường",
        },
        {
            "code": "4",
            "name": "Tỷ lệ trường học dùng học bạ số",
            "unit": "%",
            "targets": [{"year": 2026, "op": ">=", "value": 100, "text": "100"}],
            "lead": "Phòng Văn hóa - Xã hội",
        },
        {
            "code": "5",
            "name": "Tỷ lệ chợ truyền thống thanh toán bằng mã QR",
            "unit": "%",
            "targets": [{"year": 2026, "op": ">=", "value": 60, "text": "60"}],
            "lead": "Phòng Kinh tế",
        },
    ],
    "tasks": [
        {
            "code": "1",
            "name": "Ban hành quy chế vận hành Tổ công nghệ số cộng đồng",
            "lead": "Văn phòng HĐND và UBND",
            "deadline": {"text": "Tháng 02/2026", "due": "2026-02-28"},
        },
        {
            "code": "2",
            "name": "Số hóa sổ hộ tịch giai đoạn 2000-2010",
            "lead": "Phòng Văn hóa - Xã hội",
            "deadline": {"text": "Quý I/2026", "due": "2026-03-31"},
        },
        {
            "code": "3",
            "name": "Lắp đặt điểm truy cập internet miễn phí tại nhà văn hóa khu phố",
            "lead": "Phòng Kinh tế",
            "deadline": {"text": "Quý II/2026", "due": "2026-06-30"},
        },
        {
            "code": "4",
            "name": "Tổ chức hội thi kỹ năng số cho đoàn viên thanh niên",
            "lead": "Đoàn phường",
            "deadline": {"text": "Quý IV/2026", "due": "2026-12-31"},
        },
    ],
    "budget": [{"code": "1", "item": "Mua sắm camera và đường truyền", "amount": 450, "unit": "triệu đồng"}],
    "results": [],
}


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report-db') / 'nq57.sqlite3'}"
    with session_scope(url) as s:
        commune = units.find_commune(s, COMMUNE)
        plan = plans.import_plan(s, PLAN, commune, "ke-hoach-31.json").plan
        ind = {i.code: i for i in plan.indicators}
        values.set_value(s, ind["1"], "2026-03", value=81.4, actor="tt-pvhcc")
        values.set_value(s, ind["2"], "2026-03", numerator=2150, denominator=6200, actor="ca-phuong")
        values.set_value(s, ind["3"], "2026-02", value=70, actor="ca-phuong")
        values.set_value(s, ind["4"], "2026-03", value=100, actor="vhxh")
        approved = values.submit(s, values.get_value(s, ind["4"], "2026-03"), "vhxh")
        values.approve(s, approved, "lanh-dao")
        question = explanations.request_explanation(
            s,
            indicator=ind["3"],
            period="2026-Q1",
            question="Vì sao tỷ lệ camera kết nối còn thấp?",
            actor="ct",
        )
        explanations.answer_explanation(
            s,
            question,
            "Đường truyền cáp quang tới các khu phố xa chưa được nhà mạng hoàn thành",
            actor="ca-phuong",
        )
        task = {t.code: t for t in plan.tasks}
        progress.set_progress(s, task["1"], "2026-02", status="done", completed_on=date(2026, 2, 20))
        progress.set_progress(
            s,
            task["2"],
            "2026-03",
            status="in_progress",
            percent=60,
            note="Đề nghị Sở Tư pháp hỗ trợ phần mềm số hóa sổ hộ tịch",
        )
        budget.set_budget(s, plan.budget_lines[0], "2026-03", allocated=450, disbursed=120)
    return url


def test_report_says_what_the_database_says(db_url, tmp_path):
    with session_scope(db_url) as s:
        commune = units.find_commune(s, COMMUNE)
        status = commune_status(s, commune, PERIOD, AS_OF)
        content = build_content(s, commune, PERIOD, as_of=AS_OF)
    results = read_back(content, tmp_path)
    assert len(status.indicators) == 5
    for row in status.indicators:
        found = best_match(row.name, results)
        assert found is not None, row.name
        assert found["status"] == row.status, (row.name, found)
        if row.value is None:
            assert found["actual"] is None
        else:
            assert found["actual"] == pytest.approx(row.value, abs=0.005), (row.name, found)
        assert found["target"]["value"] == pytest.approx(row.target)


def test_units_notes_answers_and_next_tasks_reach_the_text(db_url):
    with session_scope(db_url) as s:
        data = build_report(s, COMMUNE, PERIOD, "docx", as_of=AS_OF)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    # Legal basis: the plan by its number and date, and the document it cites.
    assert "Căn cứ Kế hoạch số 31/KH-UBND ngày 03/02/2026 của UBND phường Phước Bình" in text
    assert "12-KH/TU" in text
    # The giải trình answer explains the indicator that is behind.
    assert "Đường truyền cáp quang tới các khu phố xa chưa được nhà mạng hoàn thành" in text
    # A unit's request becomes a proposal, under its heading.
    proposals = text.split("ĐỀ XUẤT, KIẾN NGHỊ", 1)[1]
    assert "Đề nghị Sở Tư pháp hỗ trợ phần mềm số hóa sổ hộ tịch" in proposals
    # Directions for quý II come from the task due in quý II, not from the one due in quý IV.
    directions = text.split("PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026", 1)[1].split("ĐỀ XUẤT", 1)[0]
    assert "Lắp đặt điểm truy cập internet" in directions or "lắp đặt điểm truy cập internet" in directions
    assert "hội thi kỹ năng số" not in directions
    assert "trong đó 1 số liệu đã được phê duyệt" in text
    # The counts behind a rate are quoted.
    assert "2.150/6.200, đạt 34,68%" in text
    # The deputy who signed the plan signs for the chairman.
    closing = document.tables[1]
    assert "KT. CHỦ TỊCH" in closing.cell(0, 1).text and "Đỗ Minh Khoa" in closing.cell(0, 1).text


def test_workbook_from_the_database(db_url):
    with session_scope(db_url) as s:
        data = build_report(s, COMMUNE, PERIOD, "xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(data))
    raw = book["Số liệu"]
    rows = {r[0].value: [c.value for c in r] for r in raw.iter_rows(min_row=2)}
    assert len(rows) == 4
    signature = rows["Tỷ lệ người trưởng thành có chữ ký số cá nhân"]
    assert signature[1:5] == ["2026-03", pytest.approx(34.68, abs=0.01), 2150, 6200]
    assert rows["Tỷ lệ trường học dùng học bạ số"][6] == "approved"
    money = book["Kinh phí"]
    assert [money["C2"].value, money["D2"].value] == [450, 120]
    assert book["Nhiệm vụ"].max_row == 5


def test_party_version_from_the_database(db_url):
    with session_scope(db_url) as s:
        content = build_content(s, units.find_commune(s, COMMUNE), PERIOD, party=True, as_of=AS_OF)
    document = docx.Document(io.BytesIO(render(content, "docx")))
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    # The plan was signed for the People's Committee, so the Party signer stays blank to fill in.
    assert content.signer.name is None


def test_download_name_has_no_diacritics():
    assert report_filename("Phước Bình", "2026-Q1", "docx") == "bao-cao-phuoc-binh-2026-Q1.docx"
    assert report_filename("Đông Hải", "2025", "pdf", party=True) == "bao-cao-dang-uy-dong-hai-2025.pdf"


def _cli(*args: str, db_url: str, tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    """Run `nq57 report ...` in-process through the real entry point (user errors -> exit 2)."""
    from nq57 import cli

    monkeypatch.setenv("NQ57_DATABASE_URL", db_url)
    monkeypatch.setenv("NQ57_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["nq57", "report", *args])
    with pytest.raises(SystemExit) as done:
        cli.main()
    return done.value.code or 0, capsys.readouterr().err


def test_command_writes_the_file(db_url, tmp_path, monkeypatch, capsys):
    out = tmp_path / "bc.xlsx"
    code, err = _cli(
        "--commune",
        COMMUNE,
        "--period",
        PERIOD,
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--as-of",
        "2026-04-08",
        db_url=db_url,
        tmp_path=tmp_path,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0, err
    assert openpyxl.load_workbook(out).sheetnames[0] == "Chỉ tiêu"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--commune", COMMUNE, "--period", "2026-Q7", "-o", "x.docx"], "2026-Q1"),
        (["--commune", COMMUNE, "--period", PERIOD, "--format", "odt", "-o", "x.odt"], "docx, xlsx, pdf"),
        (["--commune", "Không Có Thật, Đồng Nai", "--period", PERIOD, "-o", "x.docx"], "không tìm thấy"),
        (["--commune", COMMUNE, "--period", "2019", "-o", "x.docx"], "chưa có kế hoạch năm 2019"),
        (["--commune", COMMUNE, "--period", PERIOD, "--as-of", "8/4/2026", "-o", "x.docx"], "YYYY-MM-DD"),
        (["--commune", COMMUNE, "--period", PERIOD, "-o", "khong-co/x.docx"], "không tồn tại"),
    ],
)
def test_command_errors_are_one_clear_line(db_url, tmp_path, monkeypatch, capsys, args, message):
    code, err = _cli(*args, db_url=db_url, tmp_path=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert err.startswith("Lỗi:") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
