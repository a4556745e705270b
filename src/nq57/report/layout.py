"""Sizes and styles of the two document standards a report can follow.

UBND: Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức, kỹ thuật trình bày văn bản hành chính).
Party: Hướng dẫn 36-HD/VPTW (2018) on Party documents.
Sizes are points; lengths millimetres. Each value sits inside the range the text allows.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"


@dataclass(frozen=True)
class Layout:
    # Page: A4 portrait.
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 20  # 20-25
    margin_bottom_mm: float = 20  # 20-25
    margin_left_mm: float = 30  # 30-35
    margin_right_mm: float = 15  # 15-20
    header_distance_mm: float = 10
    # Header block.
    left_column_mm: float = 60  # the Quốc hiệu must fit on one line in the right column
    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    national_title_size: float = 12  # 12-13, bold, upright
    motto: str | None = "Độc lập - Tự do - Hạnh phúc"
    motto_size: float = 13  # 13-14, bold
    parent_size: float = 12  # cơ quan chủ quản: 12-13 upright
    issuer_size: float = 12  # 12-13 bold
    issuer_rule: str = "line"  # a rule under the issuer; the party uses a star
    number_size: float = 13  # 13
    place_date_size: float = 14  # 13-14 italic
    doc_type_size: float = 14  # 13-14 bold ("BÁO CÁO")
    subject_size: float = 14  # 13-14 bold
    subject_rule: str = "line"  # a rule under the subject; the party uses "-----"
    body_size: float = 14  # 13-14
    first_line_indent_mm: float = 12.7  # 1-1.27 cm
    paragraph_spacing_pt: float = 6  # at least 6 pt
    line_spacing: float = 1.15  # between single and 1.5 lines
    recipients_title_size: float = 12  # "Nơi nhận:" bold italic
    recipients_title_bold_italic: bool = True
    recipients_title_underline: bool = False
    recipients_size: float = 11
    signature_size: float = 14  # 13-14 bold
    signer_name_size: float = 14
    page_number_size: float = 14  # 13-14, centred at the top, from page 2
    table_size: float = 12


UBND = Layout()

PARTY = Layout(
    left_column_mm=72,
    national_title="ĐẢNG CỘNG SẢN VIỆT NAM",
    national_title_size=15,  # 15 bold, underlined by a rule
    motto=None,
    parent_size=14,  # cấp trên trực tiếp: 14 upright
    issuer_size=14,  # 14 bold, then "*"
    issuer_rule="star",
    number_size=14,
    place_date_size=14,
    doc_type_size=16,  # 15-16 bold
    subject_size=14,  # 14-15 bold
    subject_rule="dashes",
    body_size=14,  # 14-15
    recipients_title_size=14,  # 14, underlined
    recipients_title_bold_italic=False,
    recipients_title_underline=True,
    recipients_size=12,
    signature_size=14,
    signer_name_size=14,
    page_number_size=14,
)
