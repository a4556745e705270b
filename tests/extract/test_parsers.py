"""Numbers, targets, deadlines, header fields and place names, each on its own."""

from __future__ import annotations

import pytest

from nq57.extract.deadlines import parse_deadline
from nq57.extract.header import parse_header
from nq57.extract.items import level_target, normalise_unit, split_units
from nq57.extract.lines import Line
from nq57.extract.locality import find_commune
from nq57.extract.numbers import parse_number
from nq57.extract.results import status_of
from nq57.extract.targets import parse_target


@pytest.mark.parametrize(("token", "percent", "expected"), [
    ("33.099", False, 33099), ("99,77", True, 99.77), ("99.18", True, 99.18), ("8.073", False, 8073),
    ("0.6", False, 0.6), ("1.234.567", False, 1234567), ("1.234,5", False, 1234.5), ("3,5", True, 3.5),
    ("100", True, 100), ("12,345", False, 12.345), ("2,000", False, 2000), ("1,250", False, 1.25),
])
def test_vietnamese_numbers(token, percent, expected):
    assert parse_number(token, percent=percent) == pytest.approx(expected)


def test_not_a_number():
    assert parse_number("abc") is None


@pytest.mark.parametrize(("cell", "ocr", "op", "value"), [
    ("≥ 60%", False, ">=", 60), ("từ 60% trở lên", False, ">=", 60), ("có từ 60%", False, ">=", 60),
    ("ít nhất 3%", False, ">=", 3), ("tối thiểu 80%", False, ">=", 80), ("phấn đấu 90%", False, ">=", 90),
    ("trên 90%", False, ">", 90), ("> 90%", False, ">", 90), ("> 90%", True, ">=", 90), ("=85%", True, ">=", 85),
    ("100%", False, ">=", 100), ("60 - 70%", False, ">=", 60), ("80% - 90%", False, ">=", 80),
    ("Tăng 2 bậc", False, "rank", 2), ("Top 20", False, "rank", 20), ("Có", False, "bool", True),
    ("Đạt loại tốt", False, "text", None), ("không quá 5%", False, "<=", 5), ("dưới 2%", False, "<", 2),
    ("KH c6 tir 70%", True, ">=", 70), ("Đạt trên 3,5%", False, ">", 3.5),
    ("không thấp hơn 85%", False, ">=", 85), ("không dưới 50%", False, ">=", 50), ("không quá 5%", False, "<=", 5),
    ("Nhóm 20 tỉnh dẫn đầu", False, "rank", 20), ("KH: 2 70%", True, ">=", 70), ("chỉ tiêu năm 2026: ≥ 60%", False, ">=", 60),
])
def test_targets(cell, ocr, op, value):
    t = parse_target(cell, ocr=ocr)
    assert (t.op, t.value) == (op, value)


@pytest.mark.parametrize("cell", ["", "-", "—", None])
def test_empty_target_cell_is_no_target(cell):
    assert parse_target(cell) is None


def test_per_level_target_keeps_the_document_level():
    assert level_target("cấp tỉnh 90%; cấp xã 60%", "xã").strip() == "cấp xã 60%"
    assert level_target("cấp tỉnh 90%; cấp xã 60%", "tỉnh").strip() == "cấp tỉnh 90%"


@pytest.mark.parametrize(("text", "due", "recurrence"), [
    ("Quý II/2026", "2026-06-30", None), ("Quý I/2026", "2026-03-31", None),
    ("Tháng 10/2026", "2026-10-31", None), ("Năm 2026", "2026-12-31", None), ("6/2025", "2025-06-30", None),
    ("Hằng năm", None, "annual"), ("Thường xuyên", None, "continuous"), ("Hằng quý", None, "quarterly"),
    ("trước ngày 23/7/2025", "2025-07-23", None), ("Theo Kế hoạch của UBND tỉnh năm 2026", None, None),
    ("Tháng .../2025", None, None), ("6 tháng đầu năm 2026", "2026-06-30", None),
    ("6 tháng cuối năm 2026", "2026-12-31", None), ("2026 - 2028", "2028-12-31", None),
    ("Từ tháng 3 đến tháng 10/2026", "2026-10-31", None), ("Tháng 01 hằng năm", None, "annual"),
    # as an English-model OCR commonly reads them (text/repair/data/ocr_pairs.tsv.gz)
    ("Thudng xuyén", None, "continuous"), ("Thu@ng xuyén", None, "continuous"), ("Hing ndm", None, "annual"),
    ("Hdng thang", None, "monthly"), ("Hing quy", None, "quarterly"), ("Ndm 2026", "2026-12-31", None),
])
def test_deadlines(text, due, recurrence):
    d = parse_deadline(text)
    assert (d.due, d.recurrence) == (due, recurrence)
    assert d.text == text


def test_units_are_normalised():
    assert normalise_unit("Thứ bậc") == "thứ bậc"
    assert normalise_unit("ứng dụng được triển khai") == "ứng dụng"
    assert normalise_unit("Chỉ số") == "chỉ số"
    assert normalise_unit("Tổ") == "tổ"


def test_support_units_split_but_keep_inner_commas():
    assert split_units("Đoàn Thanh niên, TTHCC") == ["Đoàn Thanh niên", "TTHCC"]
    assert split_units("Các cơ quan, đơn vị") == ["Các cơ quan, đơn vị"]
    assert split_units("Phòng VHXH; Công an xã") == ["Phòng VHXH", "Công an xã"]


def _lines(text: str) -> list[Line]:
    return [Line(t, 1, i + 1) for i, t in enumerate(text.splitlines())]


def test_header_of_damaged_ocr():
    info = parse_header(_lines(
        "UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "XA HOANG SU PHI Doc lap - Tu do - Hanh phuc\n"
        "S6: 7 /BC-UBND Hoang Su Phi, ngay 2/ thang / /nam 2025\n"
        "BAO CAO\nKet qua chuyen doi so 6 thang dau nam 2025\n"))
    assert info.kind == "report"
    assert info.number == "7/BC-UBND"
    assert info.issued_on is None
    assert (info.locality.name, info.locality.level, info.locality.province) == ("Hoàng Su Phì", "xã", "Tuyên Quang")
    assert (info.period.start, info.period.end) == ("2025-01-01", "2025-06-30")


def test_blank_number_is_null():
    info = parse_header(_lines("UBND XÃ THU LŨM\nSố: /KH-UBND\nThu Lũm, ngày    tháng    năm 2026\nKẾ HOẠCH\nChuyển đổi số\n"))
    assert info.number is None and info.issued_on is None and info.kind == "plan"


def test_a_year_of_no_four_digits_gives_no_period():
    # "năm 0026" (a slip) once made the period "26-01-01", and the extractor crashed on it
    info = parse_header(_lines("UBND XÃ THU LŨM\nSố: 5/KH-UBND\nThu Lũm, ngày 2 tháng 3 năm 0026\nKẾ HOẠCH\n"
                               "Chuyển đổi số năm 0026\n"))
    assert info.period.start is None and info.period.end is None


def test_ocr_d_read_as_p_still_finds_the_commune():
    place = find_commune("PHUONG PONG HAI", "thanh pho Hai Phong")
    assert place is not None and place.name == "Đông Hải" and place.province == "Hải Phòng"


@pytest.mark.parametrize(("line", "status", "count"), [
    ("* Có 10/13 chỉ tiêu đạt và vượt kế hoạch đề ra:", "achieved", 10),
    ("* Có 2/13 chỉ tiêu chưa đạt so với kế hoạch:", "not_achieved", 2),
    ("* Có 01/13 chỉ tiêu chưa đánh giá (do chưa có cơ sở đánh giá):", "not_evaluated", 1),
])
def test_status_list_headings(line, status, count):
    assert status_of(line) == (status, count)


def test_a_sentence_about_targets_is_not_a_status_heading():
    assert status_of("Tiếp tục lãnh đạo thực hiện đảm bảo đạt chỉ tiêu theo kế hoạch đề ra trong năm tới và các năm sau") is None


@pytest.mark.parametrize(("header", "report", "kind", "roles"), [
    (["STT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu năm 2026", "Đơn vị chủ trì", "Đơn vị đánh giá"], False, "indicators",
     {1: "name", 2: "unit", 3: "year", 4: "lead", 5: "evaluator"}),
    (["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời hạn"], False, "tasks",
     {1: "name", 2: "lead", 3: "support", 4: "product", 5: "deadline"}),
    (["STT", "Nội dung", "Kinh phí (triệu đồng)", "Ghi chú"], False, "budget", {1: "name", 2: "amount"}),
    (["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Kết quả đánh giá"], True, "results",
     {1: "name", 2: "unit", 3: "target", 4: "actual", 5: "status"}),
    (["STT", "Chỉ tiêu", "Kết quả", "Đơn vị chủ trì theo dõi, đánh giá"], False, "indicators",
     {1: "name", 2: "target", 3: "lead"}),
])
def test_table_columns_are_recognised_by_their_header_words(header, report, kind, roles):
    from nq57.extract.tables import detect_spec

    spec = detect_spec([header], report=report)
    assert spec is not None and spec.kind == kind
    for col, role in roles.items():
        assert spec.roles.get(col) == role, (col, spec.roles)


def test_merged_two_row_header_with_year_columns():
    from nq57.extract.tables import detect_spec

    spec = detect_spec([["TT", "Chỉ tiêu", "Mục tiêu", "Mục tiêu", "Chủ trì"], ["", "", "2025", "2030", ""]])
    assert spec is not None and spec.kind == "indicators"
    assert spec.years == {2: 2025, 3: 2030}


@pytest.mark.parametrize(("line", "number"), [
    ("Số: 14/KH-UBND", "14/KH-UBND"), ("S6: 09 /KH-UBND Phuoc Binh", "09/KH-UBND"), ("Số 45/BC-UBND", "45/BC-UBND"),
    ("So:25 /KH-UBND", "25/KH-UBND"), ("Số: /KH-UBND", None), ("$6: 198/BC-UBND", "198/BC-UBND"),
])
def test_document_number(line, number):
    info = parse_header(_lines(f"ỦY BAN NHÂN DÂN XÃ QUỲNH TAM\n{line}\nKẾ HOẠCH\nVề chuyển đổi số năm 2026\n"))
    assert info.number == number


def test_numbers_changed_by_the_repair_are_put_back():
    from nq57.extract.lines import keep_numbers

    assert keep_numbers("với 1,2 triệu lượt, số lượt người", "voi 1,2 trieu luot, 29k luot nguoi") == \
        "với 1,2 triệu lượt, 29k lượt người"
    assert keep_numbers("trở lên", "tro 1€n") == "trở lên"  # an OCR letter, not a number


def test_a_province_plan_names_the_province():
    info = parse_header(_lines("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 210/KH-UBND\nKẾ HOẠCH\n"
                               "Chuyển đổi số tỉnh Quảng Ngãi năm 2026\n"))
    assert (info.locality.name, info.locality.level, info.locality.province) == ("Quảng Ngãi", "tỉnh", "Quảng Ngãi")
    assert info.issuer == "UBND tỉnh Quảng Ngãi"


def test_ocr_rate_words_become_ty_le():
    from nq57.extract.lines import fix_rate_words

    assert fix_rate_words("- Ủy Xã thủ tục hành chính", "- Ty I¢ thu tuc hanh chinh") == "- Tỷ lệ thủ tục hành chính"
    assert fix_rate_words("Tuổi 18 trở lên", "Tuoi 18 tro len") == "Tuổi 18 trở lên"
    # the OCR's "i" or "y" keeps the document's spelling; glued and vowel-less shapes
    assert fix_rate_words("Tiêu hộ nghèo", "Til¢ ho ngheo") == "Tỉ lệ hộ nghèo"
    assert fix_rate_words("Tỷ lệ xã đạt chuẩn", "Ti 1€ xa dat chuan") == "Tỉ lệ xã đạt chuẩn"
    assert fix_rate_words("Tự có hộ gia đình", "Ty ¢ ho gia dinh") == "Tỷ lệ hộ gia đình"
    assert fix_rate_words("Ủ 18 thôn bản", "T 18 thon ban") == "Tỷ lệ thôn bản"
    assert fix_rate_words("Tiểu học", "Tieu hoc") == "Tiểu học"
    assert fix_rate_words("Có t 18 hộ", "Co t 18 ho") == "Có t 18 hộ"  # a lone small "t" is no rate


def test_row_number_11_is_not_a_roman_group_heading():
    from nq57.extract.flatrows import ROMAN

    assert ROMAN.match("II") and ROMAN.match("I11") and ROMAN.match("vV")
    assert not ROMAN.match("11") and not ROMAN.match("111")


def test_thousands_dot_in_a_count_target_is_not_a_decimal():
    assert parse_target("1.200 hộ").value == 1200
    assert parse_target("99.18%").value == pytest.approx(99.18)
    assert parse_target("0.8", unit="chỉ số").value == pytest.approx(0.8)


def test_a_number_the_repair_misread_is_taken_from_the_ocr():
    # the repair read "S60:" as "Số 60:"; the OCR as read still holds the number
    lines = [Line("ỦY BAN NHÂN DÂN XÃ QUỲNH TAM", 1, 1), Line("Số 60: 12/KH-UBND Quỳnh Tam", 1, 2, raw="S60: 12/KH-UBND Quynh Tam"),
             Line("KẾ HOẠCH", 1, 3)]
    assert parse_header(lines).number == "12/KH-UBND"


@pytest.mark.parametrize(("letterhead", "body", "name", "province"), [
    # the name below the level word, the motto beside it
    ("UY BAN NHAN DAN XA Doc lap - Tu do - Hanh phuc\nTHAT KHE\nSo: 31/BC-UBND That Khe, ngay 2 thang 9 nam 2026",
     "UBND tinh Lang Son", "Thất Khê", "Lạng Sơn"),
    # the national title glued to the name by the scan
    ("UBND XA QUOC KHANHCONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc", "tinh Lang Son",
     "Quốc Khánh", "Lạng Sơn"),
    # a longer name than the gazetteer's, written so in the letterhead and at the date
    ("UBND CONG HOA XA HOI CHU NGHIA VIET NAM\nXA TAN VAN DONG Doc lap - Tu do - Hanh phuc\n"
     "So: 8/KH-UBND Tan Van Dong, ngay 3 thang 2 nam 2026", "tinh Lang Son", "Tan Van Dong", "Lạng Sơn"),
    # ... but not where only the letterhead's next column follows the name
    ("UBND CONG HOA XA HOI CHU NGHIA VIET NAM\nXA TAN VAN Doc lap - Tu do - Hanh phuc\n"
     "So: 8/KH-UBND Tan Van, ngay 3 thang 2 nam 2026", "tinh Lang Son", "Tân Văn", "Lạng Sơn"),
])
def test_the_commune_named_beside_the_letterheads_right_column(letterhead, body, name, province):
    place = find_commune(letterhead, body)
    assert place is not None and (place.name, place.province) == (name, province)


def test_a_merged_province_named_the_old_way_is_the_province_it_joined():
    # Phú Yên joined Đắk Lắk on 1/7/2025; a plan of that summer still writes the old name
    place = find_commune("UBND XA HOA AN\nSo: 58/KH-UBND", "Ke hoach so 140/KH-UBND cua UBND tinh Phu Yen")
    assert place is not None and place.province == "Đắk Lắk"


def test_a_same_named_commune_in_a_province_the_document_never_names_is_not_taken():
    # the gazetteer's "Hòa Tiến" is in Đà Nẵng, but the document is of tỉnh Thanh Hóa: not that place
    place = find_commune("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\nXA HOA TIEN Doc lap",
                         "bao cao UBND tinh Thanh Hoa")
    assert place is not None and place.province == "Thanh Hóa"


def test_flattened_footer_and_codes_broken_over_lines():
    info = parse_header(_lines(
        "UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "XA MUONG KHUONG Doc lap - Tu do - Hanh phuc\n"
        "So: 12/KH-UBND Muong Khuong, ngay 3 thang 3 nam 2026\n"
        "KE HOACH\nChuyen doi so nam 2026\n"
        "Can cu Quyet dinh so 2210/QD-UBND cua UBND tinh; Chuong trinh hanh dong so 7-\n"
        "CTr/DU ngay 15/12/2025 cua Dang uy xa;\n"
        "I. MUC DICH\nNoi nhan: TM. UY BAN NHAN DAN\n"
        "- UBND tinh (b/c); CHU TICH\n- Cac thon;\n- Luu: VT, VP. Giang Seo Phu\n"))
    assert info.references == ["2210/QĐ-UBND", "7-CTr/ĐU"]
    assert info.signer.title == "Chủ tịch"
    assert info.signer.name is not None and info.signer.name.split()[0] in ("Giang", "Giảng", "Giàng")


def test_a_cut_stt_header_with_chi_tri_opens_an_indicator_table_but_a_sentence_naming_columns_does_not():
    from nq57.extract.flatrows import find_regions

    regions = find_regions(_lines(
        "Xac dinh ro nhiem vu, don vi chi tri, don vi phoi hop va thoi han hoan thanh de lam can cu kiem tra.\n"
        "II. CAC CHI TIEU NAM 2026\n"
        "stl 'Chi tieu _ \"Don vi | Chitieu | Don vj chi tri\n"
        "T tinh | nam 2026\n"
        "Ty le ho so truc tuyen toan trinh % 275 Trung tam Phuc\n"
        "2 | Ty le ho co tai khoan thanh toan % = 70 Phong Kinh te\n"))
    assert [r.kind for r in regions] == ["indicators"] and regions[0].start in (3, 4)


@pytest.mark.parametrize(("clause", "name", "op", "value", "unit"), [
    ('đ) Số khóm có mô hình "Khóm số" hoạt động hiệu quả: ít nhất 4 khóm;',
     'Số khóm có mô hình "Khóm số" hoạt động hiệu quả', ">=", 4, "khóm"),
    ("e) Chỉ số chuyển đổi số của phường tăng ít nhất 2 bậc so với năm 2025.",
     "Chỉ số chuyển đổi số của phường", "rank", 2, "thứ bậc"),
    ("- Số hợp tác xã có sản phẩm được truy xuất nguồn gốc điện tử đạt ít nhất 12 đơn vị.",
     "Số hợp tác xã có sản phẩm được truy xuất nguồn gốc điện tử", ">=", 12, "đơn vị"),
    ("c) Tỷ lệ hộ có Internet cáp quang đạt trên 85%;", "Tỷ lệ hộ có Internet cáp quang", ">", 85, "%"),
    ("giảm tỷ lệ hồ sơ trả lại do sai sót xuống dưới 3%", "Tỷ lệ hồ sơ trả lại do sai sót", "<", 3, "%"),
    ("tỷ lệ thôn có điểm wifi công cộng không dưới 40%", "Tỷ lệ thôn có điểm wifi công cộng", ">=", 40, "%"),
    ("tỷ lệ văn bản giấy gửi đi không quá 5%;", "Tỷ lệ văn bản giấy gửi đi", "<=", 5, "%"),
])
def test_prose_counts_ranks_and_lettered_items(clause, name, op, value, unit):
    from nq57.extract.items import Context
    from nq57.extract.prose import prose_target

    got_name, target, got_unit = prose_target(clause, Context(ocr=False))
    assert (got_name, target.op, target.value, got_unit) == (name, op, value, unit)


@pytest.mark.parametrize(("text", "due"), [
    ("Quý IV năm 2026", "2026-12-31"), ("Tháng 6 năm 2026", "2026-06-30"), ("Quý 1V/2030", "2030-12-31"),
    ("Trước ngày 15/4/2026", "2026-04-15"), ("Quý I'V/2026", "2026-12-31"),
])
def test_deadlines_written_with_nam_or_read_with_ocr_digits(text, due):
    assert parse_deadline(text).due == due


@pytest.mark.parametrize(("text", "written", "due"), [
    ("Quý I11/2026", "Quý III/2026", "2026-09-30"), ("Quy 1V/2026", "Quý IV/2026", "2026-12-31"),
    ("Quy IIl nam 2027", "Quý III/2027", "2027-09-30"), ("Quy 112026", "Quý II/2026", "2026-06-30"),
    ("Quý II/2026", "Quý II/2026", "2026-06-30"), ("Trong quý III năm 2026", "Trong quý III năm 2026", "2026-09-30"),
])
def test_a_quarter_misread_by_ocr_is_written_as_meant(text, written, due):
    deadline = parse_deadline(text)
    assert (deadline.text, deadline.due) == (written, due)


def test_year_columns_misread_by_ocr_are_the_run_of_years():
    from nq57.extract.flatrows import _year_columns

    assert _year_columns(_lines("r tinh [2026 [2007 [2008 [2029 [2000 |")) == [2026, 2027, 2028, 2029, 2030]
    assert _year_columns(_lines("Năm 2025 | 2030 | 2035 | 2040")) == [2025, 2030, 2035, 2040]
    assert _year_columns(_lines("Số 12/2026 ngày 2026")) == []


def test_a_lead_cell_wrapped_beside_another_is_read_whole():
    from nq57.extract.flattened import _interleaved_unit

    rows = _lines("Ty le ho so duoc so hoa % 100 Trung tam Van phong\n"
                  "ket qua giai quyet Phuc vu hanh | HDND va\n"
                  "thu tuc chinh céng UBND")
    assert _interleaved_unit([(ln, 0) for ln in rows], "xã") == "Trung tâm Phục vụ hành chính công"


@pytest.mark.parametrize(("clause", "name", "value", "unit"), [
    ("1, Phấn đấu 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình;",
     "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình", 100, "%"),
    ("6. Có ít nhất 05 sản phẩm OCOP của xã được giới thiệu trên sàn thương mại điện tử;",
     "Số sản phẩm OCOP của xã được giới thiệu trên sàn thương mại điện tử", 5, "sản phẩm"),
])
def test_numbered_prose_targets_and_counts_with_at_least(clause, name, value, unit):
    from nq57.extract.items import Context
    from nq57.extract.prose import prose_target

    got_name, target, got_unit = prose_target(clause, Context(ocr=False))
    assert (got_name, target.value, got_unit) == (name, value, unit)


def test_a_result_name_drops_its_list_letter_and_the_period_before_it():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("b) Trong tháng 10, tỷ lệ hồ sơ trực tuyến toàn trình đạt 87,5%", Context(ocr=False),
                    None, None, False)
    assert (result.name, result.actual, result.unit) == ("Tỷ lệ hồ sơ trực tuyến toàn trình", 87.5, "%")


def test_a_prose_target_for_each_year_named():
    from nq57.extract.items import Context
    from nq57.extract.prose import _per_year

    item = _per_year("- Tỷ lệ thôn có điểm wifi công cộng: năm 2026 đạt 40%, năm 2027 và năm 2028 đều đạt trên 60%;",
                     Context(ocr=False))
    assert item.name == "Tỷ lệ thôn có điểm wifi công cộng" and item.unit == "%"
    assert [(t.year, t.op, t.value) for t in item.targets] == [(2026, ">=", 40), (2027, ">", 60), (2028, ">", 60)]
    counts = _per_year("Số hộ bán hàng trực tuyến: năm 2026 có 20 hộ, năm 2027 có 45 hộ", Context(ocr=False))
    assert [(t.year, t.value) for t in counts.targets] == [(2026, 20), (2027, 45)] and counts.unit == "hộ"


def test_the_share_of_a_part_named_just_before_it():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("Bộ phận một cửa tiếp nhận 1.250 hồ sơ, trong đó 1.100 hồ sơ nộp qua dịch vụ bưu chính công, "
                    "chiếm 88%", Context(ocr=False), None, None, False)
    assert (result.name, result.actual, result.numerator, result.denominator) == (
        "Tỷ lệ hồ sơ nộp qua dịch vụ bưu chính công", 88, 1100, 1250)


@pytest.mark.parametrize(("clause", "name", "actual"), [
    ("Giá trị giao dịch không dùng tiền mặt tại chợ ước đạt 2,5 tỷ đồng", "Giá trị giao dịch không dùng tiền mặt tại chợ", 2500),
    ("Kinh phí chuyển đổi số đã giải ngân đạt 412,5 triệu đồng", "Kinh phí chuyển đổi số đã giải ngân", 412.5),
])
def test_money_results_are_counted_in_trieu_dong(clause, name, actual):
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure(clause, Context(ocr=False), None, None, False)
    assert (result.name, result.unit, result.actual) == (name, "triệu đồng", actual)


@pytest.mark.parametrize(("title", "kind", "start", "end"), [
    ("Báo cáo tình hình chuyển đổi số tháng 10/2026", "report", "2026-10-01", "2026-10-31"),
    ("Báo cáo kết quả thực hiện tháng 2 năm 2028", "report", "2028-02-01", "2028-02-29"),
    ("Kế hoạch chuyển đổi số năm 2026, triển khai từ tháng 3/2026", "plan", "2026-01-01", "2026-12-31"),
])
def test_a_monthly_report_covers_its_month(title, kind, start, end):
    from nq57.extract.header import _period

    period = _period(title, kind, "")
    assert (period.start, period.end) == (start, end)


def test_a_small_fraction_of_counted_things_is_read_but_not_a_date():
    from nq57.extract.results import _fraction

    assert _fraction("sóng 5G đã phủ tới 5/8 ấp (62,5%)") == (5, 8)
    assert _fraction("họp ngày 7/12 tại hội trường") == (None, None)
    assert _fraction("có 10/13 chỉ tiêu đạt") == (None, None)


def test_a_rate_after_trong_do_is_the_rate_of_the_part():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("Trung tâm tiếp nhận 2.410 hồ sơ, trong đó hồ sơ thanh toán phí trực tuyến đạt 64,5%",
                    Context(ocr=False), None, None, False)
    assert (result.name, result.actual, result.unit) == ("Tỷ lệ hồ sơ thanh toán phí trực tuyến", 64.5, "%")


def test_a_count_named_by_the_deed_before_it():
    from nq57.extract.items import Context
    from nq57.extract.results import extra_figures

    found = extra_figures("đã tiếp nhận 1.204 hồ sơ", Context(ocr=False), None, set())
    assert [(r.name, r.actual, r.unit) for r in found] == [("Số hồ sơ đã tiếp nhận", 1204, "hồ sơ")]


def test_a_rate_the_sentence_names_after_a_count():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("tiếp nhận 900 hồ sơ, trong đó 630 hồ sơ nộp qua ứng dụng, tỷ lệ hồ sơ nộp qua ứng dụng đạt 70%",
                    Context(ocr=False), None, None, False)
    assert (result.name, result.actual) == ("Tỷ lệ hồ sơ nộp qua ứng dụng", 70)


@pytest.mark.parametrize(("cell", "unit"), [("Lượt người", "lượt người"), ("Hộ", "hộ"), ("Mbps", "Mbps"), ("GB", "GB"),
                                            ("%", "%"), ("Tài khoản", "tài khoản")])
def test_unit_cells_are_lowered_but_symbols_keep_their_case(cell, unit):
    from nq57.extract.items import normalise_unit
    assert normalise_unit(cell) == unit


def test_a_row_without_figures_yet_is_not_evaluated():
    from nq57.extract.items import Context, make_result
    result = make_result({"name": "Tỷ lệ người dân có chữ ký số", "target": "≥ 55%", "actual": "-",
                          "status": "Chưa có số liệu"}, Context(ocr=False))
    assert (result.actual, result.target.value, result.status) == (None, 55, "not_evaluated")


def test_a_line_after_a_break_goes_on_only_in_lower_case():
    # "Ủy", "Ở", "Ứng" are capitals: after a page break they begin a paragraph; "được" goes on
    from nq57.extract.statements import statements
    lines = _lines("Các chỉ tiêu được giao cho từng cơ quan theo dõi\n\nỦy ban nhân dân xã giao các phòng triển khai\n"
                   "1. Tỷ lệ hồ sơ của người dân từ 15 tuổi trở lên mức độ 2\nđược kích hoạt đạt 85%")
    texts = [st.text for st in statements(lines)]
    assert texts == ["Các chỉ tiêu được giao cho từng cơ quan theo dõi", "Ủy ban nhân dân xã giao các phòng triển khai",
                     "1. Tỷ lệ hồ sơ của người dân từ 15 tuổi trở lên mức độ 2 được kích hoạt đạt 85%"]


def test_an_index_is_named_without_who_published_it_and_when_nor_what_it_beat():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("Chỉ số chuyển đổi số (DTI) năm 2025 của xã do tỉnh công bố tháng 8/2026 đạt 0,54 điểm, "
                    "tăng so với bình quân của các xã cũ trước sắp xếp", Context(ocr=False), None, None, False)
    assert (result.name, result.unit, result.actual) == ("Chỉ số chuyển đổi số (DTI) năm 2025 của xã", "chỉ số", 0.54)


def test_a_list_item_names_its_count_before_the_colon():
    from nq57.extract.items import Context
    from nq57.extract.results import figure

    result = figure("Điểm phát wifi công cộng tại nhà văn hóa các thôn: đã lắp đặt 14 điểm (KH: 12 điểm), vượt kế hoạch",
                    Context(ocr=False), None, None, False)
    assert (result.name, result.actual) == ("Số điểm phát wifi công cộng tại nhà văn hóa các thôn", 14)


def test_what_a_count_brought_is_no_part_of_its_name():
    from nq57.extract.items import Context
    from nq57.extract.results import extra_figures

    got = extra_figures("Các doanh nghiệp viễn thông đã lắp đặt mới 06 trạm BTS 4G/5G tại các thôn vùng cao, "
                        "cải thiện rõ chất lượng phủ sóng", Context(ocr=False), None, set())
    assert len(got) == 1 and got[0].actual == 6 and "cải thiện" not in got[0].name
