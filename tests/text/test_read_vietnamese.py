"""The shared Vietnamese helpers: NFC, folding, diacritic stripping."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from nq57.text.vietnamese import fold, has_vietnamese_marks, nfc, strip_diacritics


def test_fold_removes_tones_marks_and_d_bar():
    assert fold("Đồng Nai ĐỔI MỚI Sáng Tạo") == "dong nai doi moi sang tao"


def test_strip_diacritics_keeps_case():
    assert strip_diacritics("Kế hoạch Triển khai Đề án") == "Ke hoach Trien khai De an"


def test_nfc_composes_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert decomposed != "Nghị quyết"
    assert nfc(decomposed) == "Nghị quyết"


def test_has_vietnamese_marks():
    assert has_vietnamese_marks("đường")
    assert has_vietnamese_marks("Bộ")
    assert not has_vietnamese_marks("Ke hoach 57-NQ/TW")


@given(st.text())
def test_fold_is_idempotent_and_mark_free(s):
    once = fold(s)
    assert fold(once) == once
    assert not has_vietnamese_marks(once)
