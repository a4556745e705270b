"""Column words of a scanned table's header, as an English-model OCR reads them: the forms are
the commonest readings in text/repair/data/ocr_pairs.tsv.gz of each syllable."""

from __future__ import annotations

import pytest

from nq57.extract.flatrows import _opens_indicator, header_keys
from nq57.extract.lines import Line


@pytest.mark.parametrize(("text", "key"), [
    ("STT Ndi dung Co quan cht tri", "lead"),
    ("Don vi cht tri", "lead"),
    ("Chui tri", "lead"),
    ("Don vi theo ddi", "lead"),
    ("ndi dung", "name"),
    ("N6i dung", "name"),
    ("Nhiém vy", "name"),
    ("Thdi han", "deadline"),
    ("Tién d6", "deadline"),
    ("Hodn thanh", "deadline"),
    ("Dy todn", "amount"),
    ("Kinh phi (triéu déng)", "amount"),
    ("Két qué", "result"),
    ("Don vi tink", "unit"),
    ("Phéi h¢p", "support"),
])
def test_an_ocr_reading_of_a_column_word_names_its_column(text: str, key: str) -> None:
    assert key in header_keys(text)


@pytest.mark.parametrize(("text", "key"), [
    ("ứng dụng công nghệ số", "name"),   # "ng dung" is no "nội dung"
    ("thực hành kỹ năng số", "deadline"),  # "th…hàn" is no "thời hạn"
    ("gidy to UBND", "amount"),           # "giấy tờ UBND" is no "dự toán"
    ("Chủ tịch UBND", "lead"),
    ("stt dung thanh toan khong ding tién mat.", "stt"),  # "sử dụng" read "stt dung"
])
def test_words_of_a_row_name_no_column(text: str, key: str) -> None:
    assert key not in header_keys(text)


@pytest.mark.parametrize("source", [
    "Sé hé kinh doanh dung hoa don dién tir | hé | 300",     # "Số" read "Sé"
    "Chi s6 chuyén déi s6 cap xa | chi s6 | 0,65",          # "Chỉ số"
    "Téng s6 hé so tiép nhan tryc tuyén | hd so | 1.200",    # "Tổng số"
    "Mifc d6 hai long cua ngudi dan | % | 90",               # "Mức độ"
    "Ty 1 hé gia dinh c6 két ndi cap quang | % | 80",        # "Tỷ lệ" with "lệ" read "1"
])
def test_an_ocr_reading_of_an_indicator_name_opens_a_row(source: str) -> None:
    assert _opens_indicator(Line(source, 1, 1, raw=source))
