"""Text files in every encoding Vietnamese offices use come out as the same Unicode text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from read_fixtures import PLAN_LINES, cp1258_bytes

from nq57.text import read_document
from nq57.text.encodings import decode_text, vietnamese_score
from nq57.text.legacy import decode_legacy, encode_legacy, transcode_legacy

PLAN = "\n".join(PLAN_LINES) + "\n"


def _read(tmp_path, data: bytes, name: str = "ke-hoach.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, repair=False)


@pytest.mark.parametrize("encoding", ["vni", "viscii"])
def test_legacy_file_round_trips_exactly(tmp_path, encoding):
    doc = _read(tmp_path, encode_legacy(PLAN, encoding))
    assert doc.encoding == encoding
    assert doc.text() == PLAN
    assert doc.warnings, "the conversion is reported"


def test_tcvn3_file_round_trips_and_headings_get_their_capitals_back(tmp_path):
    # TCVN3 cannot store capitals with tones: they are typed lower-case in a capital font.
    doc = _read(tmp_path, encode_legacy(PLAN, "tcvn3"))
    assert doc.encoding == "tcvn3"
    assert doc.text().lower() == PLAN.lower()
    lines = doc.text().splitlines()
    assert lines[0] == "ỦY BAN NHÂN DÂN XÃ TÂN HIỆP"
    assert lines[2] == "KẾ HOẠCH"
    assert lines[3] == PLAN_LINES[3]  # a sentence keeps its lower case


def test_known_vni_and_tcvn3_spellings():
    assert transcode_legacy("Vieät Nam, VIEÄT NAM, Ñoàng Nai, ngöôøi daân", "vni") == (
        "Việt Nam, VIỆT NAM, Đồng Nai, người dân"
    )
    # "KÕ ho¹ch" is how a .VnTime "Kế hoạch" looks when read as Windows-1252.
    assert transcode_legacy("KÕ ho¹ch ph¸t triÓn", "tcvn3") == "Kế hoạch phát triển"
    assert decode_legacy(bytes([0x56, 0x69, 0xAE, 0x74]), "viscii") == "Việt"


def test_windows_1258_with_combining_tones_becomes_nfc(tmp_path):
    data = cp1258_bytes(PLAN)
    assert b"\xec" in data or b"\xd2" in data, "the file really uses cp1258 combining tone marks"
    doc = _read(tmp_path, data)
    assert doc.encoding == "cp1258"
    assert doc.text() == PLAN


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + PLAN.encode("utf-8"),
        PLAN.encode("utf-16"),  # with BOM
        PLAN.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        PLAN.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be"],
)
def test_unicode_files(tmp_path, data):
    doc = _read(tmp_path, data)
    assert doc.text() == PLAN
    assert not doc.text().startswith("\ufeff")


def test_decomposed_utf8_is_normalised_to_nfc(tmp_path):
    import unicodedata

    doc = _read(tmp_path, unicodedata.normalize("NFD", PLAN).encode("utf-8"))
    assert doc.text() == PLAN


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_legacy_text_pasted_into_a_utf8_file_is_converted(tmp_path, encoding):
    codec = "latin-1" if encoding == "viscii" else "cp1252"
    mojibake = encode_legacy(PLAN, encoding).decode(codec)
    doc = _read(tmp_path, mojibake.encode("utf-8"))
    assert doc.encoding == encoding
    assert doc.text().lower() == PLAN.lower()


def test_plain_utf8_is_left_alone_even_with_foreign_words(tmp_path):
    text = "Hội thảo với đối tác ở Zürich và Montréal về chuyển đổi số.\n"
    doc = _read(tmp_path, text.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert doc.text() == text


def test_score_prefers_vietnamese():
    assert vietnamese_score("Kế hoạch triển khai") > 1.0  # valid and common words
    assert vietnamese_score("KÕ ho¹ch triÓn khai") < 0.5
    assert vietnamese_score("tri¬n khai") < vietnamese_score("triển khai")


_SYLLABLE_TEXT = (
    "kế hoạch triển khai nghị quyết chuyển đổi số đổi mới sáng tạo ủy ban nhân dân xã phường "
    "tỉnh đồng nai chỉ tiêu nhiệm vụ thực hiện giải quyết thủ tục hành chính trực tuyến người "
    "dân doanh nghiệp tỷ lệ phần trăm năm quý tháng hoàn thành phối hợp chủ trì của được với "
    "để những các trên địa bàn hạ tầng viễn thông dữ liệu an toàn thông tin kỹ năng ứng dụng"
)
_SYLLABLES = _SYLLABLE_TEXT.split()


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(_SYLLABLES), min_size=4, max_size=30),
    encoding=st.sampled_from(["vni", "viscii", "tcvn3"]),
    capitalise=st.booleans(),
)
def test_any_vietnamese_sentence_survives_every_legacy_encoding(words, encoding, capitalise):
    sentence = " ".join(words)
    if capitalise:
        sentence = sentence[0].upper() + sentence[1:]
    data = encode_legacy(sentence + "\n", encoding)
    decoded = decode_text(data)
    # Some short texts read identically in two encodings (á, â are at the same codes in
    # VISCII and Windows-1258): then either name is right, the text is what matters.
    if not data.isascii() and decoded.encoding != encoding:
        assert decoded.text == decode_legacy(data, encoding)
    if encoding == "tcvn3":
        assert decoded.text.lower() == (sentence + "\n").lower()
    else:
        assert decoded.text == sentence + "\n"


def test_ocr_damaged_utf8_text_is_not_mistaken_for_a_legacy_encoding(tmp_path):
    # Text OCRed with the wrong language: odd accents, but UTF-8 all the same.
    damaged = "Ké hoach trién khai chuyén déi s6 nim 2026 cta UBND xa Tan Hiép\nTy 1€ ho so dugc giai quyét\n"
    doc = _read(tmp_path, damaged.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert doc.text() == damaged


def test_utf8_with_a_few_broken_bytes_stays_utf8(tmp_path):
    data = PLAN.encode("utf-8").replace("Bộ".encode(), b"B\xff") + b"\x93trich d\xe2n\x94\n"
    doc = _read(tmp_path, data)
    assert doc.encoding == "utf-8"
    assert doc.text().splitlines()[:4] == PLAN_LINES[:4]


def test_utf8_file_mixing_unicode_and_pasted_vni_lines(tmp_path):
    pasted = [encode_legacy(line, "vni").decode("cp1252") for line in PLAN_LINES[3:]]
    text = "\n".join(PLAN_LINES[:3] + pasted) + "\n"
    doc = _read(tmp_path, text.encode("utf-8"))
    assert doc.encoding == "vni"
    assert doc.text() == PLAN


def test_viscii_is_not_read_as_vni_where_that_puts_a_capital_inside_a_word():
    # VISCII's "tỷ" (0xD6) is VNI's "Ư": "tƯ" is no word, so the text is VISCII
    data = encode_legacy("ban ban dân tỷ\n", "viscii")
    assert decode_text(data).text == "ban ban dân tỷ\n"
