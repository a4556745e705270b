"""Small Vietnamese text helpers shared by the readers, the repair and the extractor."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Vietnamese capitals and small letters, written out for regex classes: the range "À-Ỹ" holds both
# cases, as Unicode alternates them ("Ạạ Ảả …")
CAPITAL = "A-ZĐÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
SMALL = "a-zà-ãè-êìíò-õùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"

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


# Syllable structure: (onset)(rhyme), tone written on the vowel. The rhymes are the
# standard inventory of Vietnamese spelling (without tone); with the onsets they accept
# every correctly spelled syllable and reject most letter strings that are not one.
_ONSETS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
_RHYMES = frozenset(
    ["a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "eo", "ec", "em", "en", "eng", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh", "ui", "um", "un", "ung", "up", "ut", "uy", "uya", "uych", "uyên", "uyêt", "uynh", "uyt", "uyu", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "uơ", "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "y", "yêm", "yên", "yêng", "yêt", "yêu"]
)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=65536)  # documents repeat their words: scoring a file checks each once
def is_vietnamese_syllable(word: str) -> bool:
    """True if `word` is spelled as one Vietnamese syllable ("nghiệp", "Quyết"; not "xyz", "vấnđề")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if toneless in _RHYMES:
        return True
    for onset in _ONSETS:
        if toneless.startswith(onset) and toneless[len(onset) :] in _RHYMES:
            return True
    # "gì", "gìn": the onset gi before a rhyme that starts with i.
    return toneless.startswith("g") and toneless[1:] in _RHYMES
