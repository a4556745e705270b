"""Layouts and fixes from the second pass: merged Word header cells, an STT column under a name
header, a results table "Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ | Đánh giá", yes/no results,
a status list that ends at a numbered sub-heading, a typed commune name the gazetteer lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.extract.expect import problems

from nq57.extract.items import Context, split_units
from nq57.extract.lines import Line
from nq57.extract.locality import find_commune
from nq57.extract.pipeline import extract_file
from nq57.extract.results import read_results


def _word(path: Path, paragraphs: list[str], rows: list[list[str]], merges=()) -> None:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    doc.add_paragraph("CHỦ TỊCH")
    doc.add_paragraph("Trần Văn Hùng")
    doc.save(path)


HEAD = ["ỦY BAN NHÂN DÂN PHƯỜNG HÒA KHÁNH", "Số: 44/KH-UBND", "Hòa Khánh, ngày 05 tháng 3 năm 2026", "KẾ HOẠCH",
        "Triển khai chuyển đổi số năm 2026",
        "Căn cứ Kế hoạch số 30/KH-UBND ngày 10/02/2026 của UBND thành phố Đà Nẵng;", "III. NHIỆM VỤ CỤ THỂ"]


def test_merged_header_cells_repeated_by_the_reader(tmp_path: Path) -> None:
    # "Phân công" spans "Chủ trì | Phối hợp"; STT, name, deadline and product span both header rows
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Phân công", "", "Thời gian hoàn thành", "Sản phẩm"],
        ["", "", "Chủ trì", "Phối hợp", "", ""],
        ["1", "Số hóa sổ hộ tịch lưu trữ tại phường", "Văn phòng HĐND và UBND", "Công an phường", "Quý IV/2026",
         "Dữ liệu hộ tịch"],
        ["2", "Lắp đặt wifi miễn phí tại nhà văn hóa các tổ dân phố", "Phòng Kinh tế, Hạ tầng và Đô thị",
         "Các tổ dân phố", "Tháng 8/2026", "Điểm wifi"],
        ["3", "Tập huấn kỹ năng số cho hội viên phụ nữ", "Hội Liên hiệp Phụ nữ phường", "Phòng Văn hóa - Xã hội",
         "Hằng năm", "Lớp tập huấn"],
    ]
    path = tmp_path / "ke-hoach.docx"
    _word(path, HEAD, rows, [((0, 2), (0, 3))] + [((0, c), (1, c)) for c in (0, 1, 4, 5)])
    expected = {
        "document": {"locality": {"name": "Hòa Khánh", "level": "phường", "province": "Đà Nẵng"}},
        "tasks": [
            {"code": "1", "name": "Số hóa sổ hộ tịch lưu trữ tại phường", "lead": "Văn phòng HĐND và UBND",
             "support": ["Công an phường"], "product": "Dữ liệu hộ tịch",
             "deadline": {"due": "2026-12-31", "recurrence": None}},
            {"code": "2", "name": "Lắp đặt wifi miễn phí tại nhà văn hóa các tổ dân phố",
             "lead": "Phòng Kinh tế, Hạ tầng và Đô thị", "deadline": {"due": "2026-08-31"}},
            {"code": "3", "name": "Tập huấn kỹ năng số cho hội viên phụ nữ", "lead": "Hội Liên hiệp Phụ nữ phường",
             "support": ["Phòng Văn hóa - Xã hội"], "deadline": {"due": None, "recurrence": "annual"}},
        ],
    }
    result = extract_file(path)
    assert problems(expected, result.to_json(), result.warnings) == []


def test_name_header_over_a_number_column_and_a_header_merged_across(tmp_path: Path) -> None:
    # "Nội dung" merged over the item letter and the task; "Nhiệm vụ" sits over the row numbers
    rows = [
        ["Nhiệm vụ", "Nội dung", "", "Đơn vị chủ trì", "Thời hạn"],
        ["1", "a)", "Xây dựng bản đồ số các điểm du lịch cộng đồng", "Phòng Kinh tế", "Quý II/2026"],
        ["2", "b)", "Triển khai thanh toán học phí không dùng tiền mặt", "Trường Tiểu học Kim Đồng", "Tháng 9/2026"],
    ]
    path = tmp_path / "nhiem-vu.docx"
    _word(path, HEAD, rows, [((0, 1), (0, 2))])
    tasks = extract_file(path).to_json()["tasks"]
    assert [t["name"] for t in tasks] == ["Xây dựng bản đồ số các điểm du lịch cộng đồng",
                                          "Triển khai thanh toán học phí không dùng tiền mặt"]
    assert [t["lead"] for t in tasks] == ["Phòng Kinh tế", "Trường Tiểu học Kim Đồng"]
    assert [t["deadline"]["due"] for t in tasks] == ["2026-06-30", "2026-09-30"]


def test_report_results_table_with_rate_and_verdict_columns(tmp_path: Path) -> None:
    head = ["UBND XÃ NAM ĐÀN", "Số: 58/BC-UBND", "Nam Đàn, ngày 12 tháng 12 năm 2026", "BÁO CÁO",
            "Kết quả thực hiện chuyển đổi số năm 2026", "UBND xã báo cáo UBND tỉnh Nghệ An như sau:"]
    rows = [
        ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Đánh giá"],
        ["1", "Số hộ kinh doanh dùng mã QR thanh toán", "1.200 hộ", "1.350 hộ", "112,5%", "Vượt"],
        ["2", "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng", "≥ 90%", "86,3%", "95,9%", "Chưa đạt"],
        ["3", "Xã có trung tâm điều hành thông minh", "Có", "Có", "", "Đạt"],
        ["4", "Số điểm truy cập wifi công cộng miễn phí", "15", "Chưa thống kê", "", "Chưa đánh giá"],
    ]
    path = tmp_path / "bao-cao.docx"
    _word(path, head, rows)
    expected = {
        "document": {"kind": "report", "locality": {"name": "Nam Đàn", "level": "xã", "province": "Nghệ An"}},
        "results": [
            {"name": "Số hộ kinh doanh dùng mã QR thanh toán", "actual": 1350, "status": "achieved",
             "target": {"value": 1200}},
            {"name": "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng", "actual": 86.3, "status": "not_achieved",
             "target": {"op": ">=", "value": 90}},
            {"name": "Xã có trung tâm điều hành thông minh", "actual": 1, "status": "achieved",
             "target": {"op": "bool"}},
            {"name": "Số điểm truy cập wifi công cộng miễn phí", "actual": None, "status": "not_evaluated",
             "target": {"value": 15}},
        ],
    }
    result = extract_file(path)
    assert problems(expected, result.to_json(), result.warnings) == []


def _lines(text: str) -> list[Line]:
    return [Line(t, 1, i + 1) for i, t in enumerate(text.splitlines())]


def test_yes_no_results_and_a_list_ending_at_a_numbered_heading() -> None:
    text = ("* Có 2 chỉ tiêu đạt và vượt kế hoạch đề ra:\n"
            "- Tỷ lệ hồ sơ xử lý trực tuyến đạt 91,5% (KH có từ 80% trở lên);\n"
            "- Triển khai sổ tay đảng viên điện tử: đã thực hiện (KH có).\n"
            "* Có 1 chỉ tiêu chưa đánh giá:\n"
            "- Ứng dụng nền tảng họp trực tuyến: chưa thực hiện (KH có).\n"
            "3. Một số kết quả nổi bật trong kỳ\n"
            "- Tổ công nghệ số đã hướng dẫn gần 3.100 lượt người cài đặt ứng dụng định danh.\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    by_name = {r.name: r for r in found}
    done = by_name["Triển khai sổ tay đảng viên điện tử"]
    assert (done.actual, done.status, done.target.op) == (1, "achieved", "bool")
    assert by_name["Ứng dụng nền tảng họp trực tuyến"].actual == 0
    notable = [r for r in found if r.actual == 3100]
    assert len(notable) == 1 and notable[0].status is None


def test_a_numbered_list_keeps_its_status_over_numbered_items() -> None:
    text = ("1. Các chỉ tiêu chưa đạt:\n"
            "1. Tỷ lệ người dân có chữ ký số đạt 30% (KH 50%).\n"
            "2. Tỷ lệ hộ gia đình có cáp quang đạt 70% (KH 80%).\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    assert [r.status for r in found] == ["not_achieved", "not_achieved"]


def test_a_typed_commune_name_is_kept_when_the_gazetteer_has_only_a_near_name() -> None:
    # the gazetteer has "Xã Tân Tiến" but no "Xã Tân Triều": the letterhead is what counts
    place = find_commune("UBND XÃ TÂN TRIỀU\nSố: 31/BC-UBND", "báo cáo UBND thành phố Hà Nội", trust_letters=True)
    assert place is not None and (place.name, place.level, place.province) == ("Tân Triều", "xã", "Hà Nội")
    ocr = find_commune("UBND XA TAN TIEN\nSo: 31/BC-UBND", "bao cao UBND tinh Hung Yen")
    assert ocr is not None and ocr.name == "Tân Tiến"


def test_a_unit_name_with_a_dash_is_one_unit() -> None:
    assert split_units("Phòng Văn hóa - Xã hội; Đoàn Thanh niên") == ["Phòng Văn hóa - Xã hội", "Đoàn Thanh niên"]
    assert split_units("Phòng VHXH - Công an xã") == ["Phòng VHXH", "Công an xã"]


PDF_NAMES = [
    "Tỷ lệ thôn có điểm phát wifi công cộng", "Tỷ lệ hộ gia đình có đường truyền cáp quang",
    "Tỷ lệ người dân có tài khoản định danh điện tử mức 2", "Tỷ lệ cửa hàng nhận thanh toán bằng mã QR",
    "Tỷ lệ hồ sơ khám chữa bệnh điện tử", "Tỷ lệ thủ tục hành chính giải quyết trực tuyến toàn trình",
    "Tỷ lệ cán bộ được bồi dưỡng kỹ năng số", "Tỷ lệ học sinh được học kỹ năng số cơ bản",
    "Tỷ lệ hộ kinh doanh dùng hóa đơn điện tử", "Tỷ lệ hợp tác xã có gian hàng trực tuyến",
    "Tỷ lệ văn bản đi được ký số", "Tỷ lệ cuộc họp của xã tổ chức trực tuyến",
]
PDF_UNITS = ["Văn phòng HĐND và UBND", "Công an xã", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế", "Trạm Y tế xã",
             "Trung tâm Phục vụ hành chính công"]


def _pdf_table(path: Path, repeat_header: bool) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    style = ParagraphStyle("n", fontName="DejaVu", fontSize=10, leading=13)
    story = [Paragraph(t, style) for t in [
        "ỦY BAN NHÂN DÂN XÃ PHÚ LƯƠNG", "Số: 19/KH-UBND", "Phú Lương, ngày 20 tháng 01 năm 2026", "KẾ HOẠCH",
        "Chuyển đổi số xã Phú Lương năm 2026",
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 06/01/2026 của UBND tỉnh Thái Nguyên;", "II. CHỈ TIÊU CỤ THỂ"]]
    story.append(Spacer(1, 430))  # the table starts low on page 1 and goes on over page 2
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Năm 2026", "Đơn vị chủ trì"]]
    for i, name in enumerate(PDF_NAMES, 1):
        rows.append([str(i), Paragraph(name, style), "%", f"≥ {50 + i}%", Paragraph(PDF_UNITS[i % 6], style)])
    table = Table(rows, colWidths=[30, 230, 35, 60, 120], repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "DejaVu", 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [table, Paragraph("CHỦ TỊCH", style), Paragraph("Hoàng Văn Minh", style)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.mark.parametrize("repeat_header", [True, False])
def test_pdf_table_split_over_two_pages(tmp_path: Path, repeat_header: bool) -> None:
    path = tmp_path / "ke-hoach.pdf"
    _pdf_table(path, repeat_header)
    expected = {
        "document": {"locality": {"name": "Phú Lương", "level": "xã", "province": "Thái Nguyên"}},
        "indicators": [{"code": str(i), "name": name, "unit": "%", "lead": PDF_UNITS[i % 6],
                        "targets": [{"year": 2026, "op": ">=", "value": 50 + i}]}
                       for i, name in enumerate(PDF_NAMES, 1)],
    }
    result = extract_file(path)
    assert len({s.page for s in (p.source for p in result.provenance["indicators"])}) == 2
    assert problems(expected, result.to_json(), result.warnings) == []


def test_a_rate_after_a_bracket_belongs_to_the_count_before_it_and_a_colon_line_end_wraps() -> None:
    text = ("+ Tổng số hồ sơ đã giải quyết trong kỳ báo cáo: 2.410 hồ sơ, trong đó giải quyết đúng hạn:\n"
            "2.380 hồ sơ, đạt tỷ lệ 98,76%; trễ hạn: 30 hồ sơ (trong đó có 12 hồ sơ của đơn vị cũ chuyển sang),\n"
            "chiếm tỷ lệ 1,24%.\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    rates = {r.actual: r for r in found if r.unit == "%"}
    assert set(rates) == {98.76, 1.24}
    assert rates[98.76].numerator == 2380 and "đúng hạn" in rates[98.76].name
    assert rates[1.24].numerator == 30 and "trễ hạn" in rates[1.24].name


def test_an_ocr_garbled_dat_ty_le_still_gives_the_rate() -> None:
    text = "- Số hồ sơ trả kết quả đúng hạn: 512 hồ sơ, datot}”l 1€ 97,2%.\n"
    found = [f.item for f in read_results(_lines(text), Context(kind="report", ocr=True))]
    assert [r.actual for r in found if r.unit == "%"] == [97.2]


def test_the_last_words_of_a_wrapped_unit_cell_name_the_unit() -> None:
    from nq57.extract.orgs import canonical

    # the cell "Trung tâm Phục vụ / hành chính công" wrapped: only its second line is in the row
    assert canonical("hanh chinh cong", strict=True) == "Trung tâm Phục vụ hành chính công"
    assert canonical("HĐND và UBND", strict=True) == "Văn phòng HĐND và UBND"
    # too short to tell which name it ends
    assert canonical("Xã hội", strict=True) is None


def test_a_plan_target_with_a_thousands_dot_in_a_report_sentence() -> None:
    text = ("* Có 1 chỉ tiêu đạt và vượt kế hoạch đề ra:\n"
            "- Số hộ gia đình lắp đặt camera an ninh kết nối: 1.350 hộ (KH có từ 1.200 hộ trở lên).\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    assert [(r.actual, r.target.op, r.target.value, r.status) for r in found] == [(1350, ">=", 1200, "achieved")]


def test_the_summary_writes_recurring_deadlines_in_vietnamese() -> None:
    from rich.console import Console
    from tests.extract.expect import DOCS

    from nq57.extract.summary import print_summary

    console = Console(record=True, width=200)
    result = extract_file(DOCS / "ke-hoach-nhiem-vu-dong-nhan.txt")
    result.plan.tasks[1].deadline.text = None  # only the recurrence is left to show
    print_summary(result, console)
    out = console.export_text()
    assert "Hằng năm" in out and "annual" not in out


def test_a_count_after_ket_qua_is_named_after_the_activity_before_it() -> None:
    text = ("- Đoàn Thanh niên xã đã phối hợp với Bưu điện xã tổ chức tập huấn kỹ năng mua bán trực tuyến trên "
            "địa bàn cho các hộ kinh doanh, kết quả có 120 lượt người tham dự.\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    assert [(r.name, r.actual) for r in found] == [
        ("Số lượt người tham dự tập huấn kỹ năng mua bán trực tuyến", 120)]


def test_lines_of_a_wrapped_unit_cell_stay_out_of_the_name() -> None:
    from tests.extract.expect import DOCS

    names = [i["name"] for i in extract_file(DOCS / "bang-ocr-o-xuong-dong.txt").to_json()["indicators"]]
    wrapped = next(n for n in names if "dia gioi" in n.lower() or "địa giới" in n.lower())
    assert "liên quan" not in wrapped.lower() and "lien quan" not in wrapped.lower()


def test_done_words_are_no_figure_for_a_numeric_target() -> None:
    text = ("* Có 1 chỉ tiêu chưa đánh giá:\n"
            "- Tỷ lệ hộ gia đình có địa chỉ số: đã triển khai (KH có từ 80% trở lên).\n")
    found = [f.item for f in read_results(_lines(text), Context(kind="report"))]
    assert [(r.actual, r.target.value, r.status) for r in found] == [(None, 80, "not_evaluated")]
