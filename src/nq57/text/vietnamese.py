"""Small Vietnamese text helpers shared by the readers, the repair and the extractor."""

from __future__ import annotations

import unicodedata

# Combining marks Vietnamese uses: the five tones and the three vowel modifiers
# (breve, circumflex, horn). Stripping them leaves the base Latin letter.
_VIETNAMESE_MARKS = frozenset(
    "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
    "\u0306\u0302\u031b"  # ă, â/ê/ô, ơ/ư
)
_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(s: str) -> str:
    """Unicode NFC: one code point per Vietnamese letter (what every stage stores and compares)."""
    return unicodedata.normalize("NFC", s)


def strip_diacritics(s: str) -> str:
    """Remove tones and vowel marks, đ -> d, keeping case: "Đổi Mới" -> "Doi Moi"."""
    decomposed = unicodedata.normalize("NFD", s)
    # Any combining mark goes (not only Vietnamese ones), so foreign accents fold too.
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", base.translate(_D_TABLE))


def fold(s: str) -> str:
    """Lower-case without diacritics, for matching: "Đồng Nai" -> "dong nai"."""
    # Lower first: lower-casing can itself produce combining marks ("İ" -> "i\u0307").
    return strip_diacritics(s.lower())


def has_vietnamese_marks(s: str) -> bool:
    """True if the text carries any Vietnamese tone or vowel mark or the letter đ."""
    if "đ" in s or "Đ" in s:
        return True
    return any(ch in _VIETNAMESE_MARKS for ch in unicodedata.normalize("NFD", s))
