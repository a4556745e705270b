"""Vietnamese letters and syllables: strip marks, split tone, case patterns, token shapes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Vowels with their tone variants, in the order: none, grave, hook, tilde, acute, dot.
_VOWEL_ROWS = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
]
_TONE_OF: dict[str, int] = {}
_BASE_OF: dict[str, str] = {}  # toned vowel -> untoned vowel (keeps ă â ê ô ơ ư)
_WITH_TONE: dict[tuple[str, int], str] = {}
for _row in _VOWEL_ROWS:
    for _tone, _ch in enumerate(_row):
        _TONE_OF[_ch] = _tone
        _BASE_OF[_ch] = _row[0]
        _WITH_TONE[(_row[0], _tone)] = _ch

VIETNAMESE_LOWER = set("".join(_VOWEL_ROWS)) | set("bcdđghklmnpqrstvx") | set("fjwz")
_ASCII_OF = {
    **{ch: row[0] for row in _VOWEL_ROWS for ch in row},
    "ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d",
}
for _row, _plain in zip(_VOWEL_ROWS, "aaaeeiooouuy", strict=True):
    for _ch in _row:
        _ASCII_OF[_ch] = _plain


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_marks(text: str) -> str:
    """Remove every Vietnamese mark and đ -> d, keeping case: 'Đổi Mới' -> 'Doi Moi'."""
    out = []
    for ch in text:
        low = ch.lower()
        plain = _ASCII_OF.get(low)
        if plain is None:
            out.append(ch)
        else:
            out.append(plain.upper() if ch != low else plain)
    return "".join(out)


def has_marks(text: str) -> bool:
    return any(ch.lower() in _ASCII_OF and ch.lower() not in "aeiouy" for ch in text)


def is_vietnamese_word(token: str) -> bool:
    """Letters only, every one of them a Vietnamese letter."""
    return bool(token) and all(ch.lower() in VIETNAMESE_LOWER for ch in token)


# Vietnamese syllable shape: onset, medial+nucleus+coda (checked loosely; the inventory decides).
_ONSETS = "ngh|nh|ng|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x|"
_SYLLABLE_RE = re.compile(rf"^(?:{_ONSETS})[aăâeêioôơuưy]+(?:ch|ng|nh|c|m|n|p|t|i|o|u|y)?$")


@lru_cache(maxsize=65536)
def untone(syllable: str) -> tuple[str, int]:
    """'thiết' -> ('thiêt', 4)."""
    tone = 0
    out = []
    for ch in syllable:
        t = _TONE_OF.get(ch, 0)
        if t:
            tone = t
        out.append(_BASE_OF.get(ch, ch))
    return "".join(out), tone


def looks_like_syllable(word: str) -> bool:
    base, _ = untone(word.lower())
    return bool(_SYLLABLE_RE.match(base))


def case_pattern(token: str) -> str:
    """'upper' (two or more letters, all capitals), 'title' (first letter capital) or 'lower'."""
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "upper"
    if token[:1] in "Il|" and token[1:2].islower():
        return "lower"  # an l read as I: "Ién" is "lên", not "Lên"
    if token[:1].isupper() or (letters and letters[0].isupper() and not token[:1].isalpha()):
        return "title"
    return "lower"


def apply_case(word: str, pattern: str) -> str:
    if pattern == "upper":
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    return word
