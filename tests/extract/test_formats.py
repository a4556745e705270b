"""Documents in other file formats, generated here: a Word table, a text-layer PDF, a scan,
an invoice spreadsheet and a novel (not plans), a plan with no indicators."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.extract.expect import problems

from nq57.extract.pipeline import extract_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

WORD_EXPECTED = {
    "document": {"kind": "plan", "number": "05/KH-UBND", "locality": {"name": "Tri Phú", "level": "xã",
                                                                       "province": "Tuyên Quang"}},
    "indicators": [
        {"code": "1", "name": "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng", "unit": "%",
         "targets": [{"year": 2026, "op": ">=", "value": 60}], "lead": "Văn phòng HĐND và UBND",
         "evaluator": "Phòng Văn hóa - Xã hội"},
        {"code": "2", "name": "Tỷ lệ người dân được hướng dẫn cài đặt ứng dụng công dân số", "unit": "%",
         "targets": [{"year": 2026, "op": ">=", "value": 60}], "lead": "Công an xã"},
        {"code": "3", "name": "Thứ hạng chỉ số chuyển đổi số của xã trong tỉnh", "unit": "thứ bậc",
         "targets": [{"year": 2026, "op": "rank", "value": 20}], "lead": "Phòng Văn hóa - Xã hội"},
        {"code": "4", "name": "Xã có bản đồ số các điểm du lịch cộng đồng", "unit": "sản phẩm",
         "targets": [{"year": 2026, "op": "bool", "value": True}], "lead": "Phòng Kinh tế"},
        {"code": "5", "name": "Số hộ kinh doanh bán hàng trên sàn thương mại điện tử", "unit": "hộ",
         "targets": [{"year": 2026, "op": ">", "value": 150}], "lead": "Phòng Kinh tế"},
    ],
}


def _word_plan(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ TRI PHÚ")
    doc.add_paragraph("Số: 05/KH-UBND")
    doc.add_paragraph("Tri Phú, ngày 14 tháng 01 năm 2026")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Chuyển đổi số xã Tri Phú năm 2026")
    doc.add_paragraph("Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh Tuyên Quang;")
    rows = [
        ("STT", "Tên chỉ tiêu", "ĐVT", "Chỉ tiêu năm 2026", "Đơn vị chủ trì", "Đơn vị đánh giá"),
        ("1", "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng", "%", "cấp tỉnh 90%; cấp xã 60%",
         "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"),
        ("2", "Tỷ lệ người dân được hướng dẫn cài đặt ứng dụng công dân số", "%", "60 - 70%", "Công an xã",
         "Phòng Văn hóa - Xã hội"),
        ("3", "Thứ hạng chỉ số chuyển đổi số của xã trong tỉnh", "Thứ hạng", "Top 20", "Phòng Văn hóa - Xã hội",
         "Văn phòng HĐND và UBND"),
        ("4", "Xã có bản đồ số các điểm du lịch cộng đồng", "Sản phẩm", "Có", "Phòng Kinh tế", ""),
        ("5", "Số hộ kinh doanh bán hàng trên sàn thương mại điện tử", "Hộ", "trên 150", "Phòng Kinh tế", ""),
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("CHỦ TỊCH")
    doc.add_paragraph("Ma Văn Dũng")
    doc.save(path)


def test_word_table_with_per_level_range_rank_and_yes_targets(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    _word_plan(path)
    result = extract_file(path)
    assert problems(WORD_EXPECTED, result.to_json(), result.warnings) == []


def _pdf_plan(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 12)
    lines = [
        "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH THẠNH",
        "Số: 40/KH-UBND          Bình Thạnh, ngày 03 tháng 4 năm 2026",
        "KẾ HOẠCH",
        "Phát triển xã hội số trên địa bàn phường năm 2026",
        "",
        "II. MỤC TIÊU",
        "- Tỷ lệ dân số trưởng thành có điện thoại thông minh đạt trên 85%.",
        "- Có ít nhất 70% người cao tuổi được hướng dẫn sử dụng dịch vụ công trực tuyến.",
        "- Chỉ số chuyển đổi số của phường đạt tối thiểu 0,8.",
        "",
        "III. TỔ CHỨC THỰC HIỆN",
        "Các phòng, ban, đơn vị triển khai theo chức năng.",
        "",
        "CHỦ TỊCH",
        "Lê Thị Hồng",
    ]
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 20
    c.save()


PDF_EXPECTED = {
    "document": {"kind": "plan", "number": "40/KH-UBND", "issued_on": "2026-04-03",
                 "locality": {"name": "Bình Thạnh", "level": "phường"}, "signer": {"name": "Lê Thị Hồng"}},
    "indicators": [
        {"name": "Tỷ lệ dân số trưởng thành có điện thoại thông minh", "unit": "%",
         "targets": [{"year": 2026, "op": ">", "value": 85}]},
        {"name": "Tỷ lệ người cao tuổi được hướng dẫn sử dụng dịch vụ công trực tuyến", "unit": "%",
         "targets": [{"year": 2026, "op": ">=", "value": 70}]},
        {"name": "Chỉ số chuyển đổi số của phường", "unit": "chỉ số",
         "targets": [{"year": 2026, "op": ">=", "value": 0.8}]},
    ],
    "tasks": [], "budget": [], "results": [],
}


def test_text_layer_pdf_prose_targets(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.pdf"
    _pdf_plan(path)
    result = extract_file(path)
    assert problems(PDF_EXPECTED, result.to_json(), result.warnings) == []


@pytest.mark.slow
def test_scanned_pdf_goes_through_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    text_pdf = tmp_path / "goc.pdf"
    _pdf_plan(text_pdf)
    page = pdfium.PdfDocument(str(text_pdf))[0]
    image = page.render(scale=300 / 72).to_pil().convert("L")
    scan = tmp_path / "ban-quet.pdf"
    image.save(scan, "PDF", resolution=300)
    result = extract_file(scan)
    data = result.to_json()
    # OCR may misread a letter or two: the figures and their meaning must survive.
    values = sorted(t["value"] for i in data["indicators"] for t in i["targets"])
    assert values == [0.8, 70, 85], data["indicators"]
    assert data["document"]["number"] == "40/KH-UBND"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nq57.cli", "extract", *args], capture_output=True, text=True)


def test_a_novel_is_not_a_plan(tmp_path: Path) -> None:
    novel = tmp_path / "truyen.txt"
    novel.write_text("Chương một\n\nNgày ấy, bên dòng sông quê, có một cô bé tên Thảo sống cùng bà ngoại.\n"
                     "Mỗi sáng bà dắt cô ra chợ bán rau. Chiều về hai bà cháu ngồi nghe tiếng chim.\n" * 20,
                     encoding="utf-8")
    result = _cli(str(novel), "--json")
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi:") and "không phải kế hoạch" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_invoice_spreadsheet_is_not_a_plan(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Số hóa đơn", "Ngày", "Khách hàng", "Thành tiền"])
    for i in range(1, 30):
        ws.append([f"HD{i:04d}", f"0{i % 9 + 1}/03/2026", f"Công ty TNHH Minh Phát {i}", 1_250_000 * i])
    path = tmp_path / "hoa-don.xlsx"
    wb.save(path)
    result = _cli(str(path))
    assert result.returncode == 2, result.stdout
    assert "không phải kế hoạch" in result.stderr


def test_a_plan_without_indicators_gives_empty_lists_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_text("ỦY BAN NHÂN DÂN XÃ QUỲNH TAM\nSố: 3/KH-UBND\nKẾ HOẠCH\nTổ chức Ngày chuyển đổi số\n\n"
                    "I. MỤC ĐÍCH\n- Nâng cao nhận thức của cán bộ và nhân dân về chuyển đổi số.\n"
                    "II. TỔ CHỨC THỰC HIỆN\n- Văn phòng HĐND và UBND xã chuẩn bị hội trường.\n", encoding="utf-8")
    result = extract_file(path)
    data = result.to_json()
    assert (data["indicators"], data["tasks"], data["budget"], data["results"]) == ([], [], [], [])
    assert any("Không tìm thấy chỉ tiêu" in w for w in result.warnings)
    cli = _cli(str(path), "--json")
    assert cli.returncode == 0 and "Không tìm thấy chỉ tiêu" in cli.stderr


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = _cli(str(tmp_path / "khong-co.docx"))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi:") and "Traceback" not in result.stderr


def test_explain_adds_source_and_confidence() -> None:
    from tests.extract.expect import DOCS

    result = _cli(str(DOCS / "ke-hoach-nhiem-vu.md"), "--explain")
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    task = data["tasks"][0]
    assert task["source"]["page"] == 1
    assert task["source"]["line_start"] <= task["source"]["line_end"]
    from nq57.text import read_document

    # lines are numbered as in the text stage's Document.text() (a table row is one line)
    text = read_document(DOCS / "ke-hoach-nhiem-vu.md").text().splitlines()
    assert "Rà soát, cập nhật danh mục" in text[task["source"]["line_start"] - 1]
    assert 0 < task["confidence"] <= 1


def test_excel_plan_with_indicator_and_task_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026 - UBND XÃ HOÀNG SU PHÌ"])
    ws.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì"])
    ws.append([1, "Tỷ lệ thôn có loa truyền thanh thông minh", "%", "tối thiểu 50%", "Trung tâm Dịch vụ tổng hợp"])
    ws.append([2, "Số hộ sản xuất được hỗ trợ bán hàng qua mạng", "hộ", "không dưới 40", "Phòng Kinh tế"])
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"])
    tasks.append([1, "Lắp đặt loa truyền thanh thông minh tại các thôn", "Trung tâm Dịch vụ tổng hợp",
                  "Các thôn", "Quý III/2026"])
    path = tmp_path / "ke-hoach.xlsx"
    wb.save(path)
    result = extract_file(path)
    expected = {
        "indicators": [
            {"name": "Tỷ lệ thôn có loa truyền thanh thông minh", "unit": "%",
             "targets": [{"op": ">=", "value": 50}], "lead": "Trung tâm Dịch vụ tổng hợp"},
            {"name": "Số hộ sản xuất được hỗ trợ bán hàng qua mạng", "unit": "hộ",
             "targets": [{"op": ">=", "value": 40}], "lead": "Phòng Kinh tế"},
        ],
        "tasks": [{"name": "Lắp đặt loa truyền thanh thông minh tại các thôn", "lead": "Trung tâm Dịch vụ tổng hợp",
                   "support": ["Các thôn"], "deadline": {"due": "2026-09-30", "recurrence": None}}],
    }
    data = result.to_json()
    for item in data["indicators"]:
        for t in item["targets"]:
            t.pop("year", None)  # the sheet's title gives no period line; the year is not the point here
    assert problems(expected, data, result.warnings) == []


def test_each_item_can_show_its_source_lines() -> None:
    from tests.extract.expect import DOCS

    result = extract_file(DOCS / "ke-hoach-van-xuoi.txt")
    first = result.plan.indicators[0]
    assert "4G" in first.name
    assert "phủ sóng 4G" in result.source_text("indicators", 0)
    assert result.source_text("indicators", 99) == ""


def test_excel_results_with_reached_whole_and_result_columns(tmp_path: Path) -> None:
    # "Kết quả thực hiện" merged over "Số đạt | Tổng số | Kết quả", then a row numbering the columns
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ỦY BAN NHÂN DÂN XÃ HOÀNG SU PHÌ"])
    ws.append(["Số: 31/BC-UBND", None, None, None, "Hoàng Su Phì, ngày 05 tháng 10 năm 2026"])
    ws.append(["BÁO CÁO"])
    ws.append(["Kết quả thực hiện các chỉ tiêu chuyển đổi số 9 tháng năm 2026"])
    ws.append(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026", "Kết quả thực hiện", None, None])
    ws.append([None, None, None, None, "Số đạt", "Tổng số", "Kết quả"])
    ws.merge_cells("E5:G5")
    for column in "ABCD":
        ws.merge_cells(f"{column}5:{column}6")
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    ws.append(["I", "CHÍNH QUYỀN SỐ"])
    ws.merge_cells("B8:G8")
    ws.append([1, "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", "%", 75, 2410, 2980, 80.87])
    ws.append([2, "Tỷ lệ thôn được phủ sóng di động 4G", "%", 100, 22, 24, 91.67])
    path = tmp_path / "bao-cao.xlsx"
    wb.save(path)
    data = extract_file(path).to_json()
    expected = {"results": [
        {"name": "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", "actual": 80.87,
         "numerator": 2410, "denominator": 2980},
        {"name": "Tỷ lệ thôn được phủ sóng di động 4G", "actual": 91.67, "numerator": 22, "denominator": 24},
    ]}
    assert problems(expected, data) == []
