"""Vietnamese 8-bit font encodings still found in government files: TCVN3, VNI-Windows, VISCII.

Sources (public standards; the tables below are written from them, and the tests
round-trip real Vietnamese text through every one):
- VISCII: RFC 1456 (Vietnamese Standardization Working Group, 1993). All 134 letters
  are single bytes: 0x80-0xFF plus six C0 positions (0x02 0x05 0x06 0x14 0x19 0x1E).
- TCVN3 / "ABC" (.VnTime, .VnArial fonts): TCVN 5712:1993, repertoire VN3. Lower-case
  letters with tones in 0xB5-0xFE, the seven modified letters in 0xA1-0xAE. Capitals
  with tones have no code in VN3 (they are typed with the capital fonts .VnTimeH, whose
  glyphs sit on the lower-case codes), so headings are recognised and upper-cased; the
  VN1 capitals that share the upper half are decoded too. 0x80-0x9F keep their
  Windows-1252 meaning (Word's curly quotes and dashes typed in a .VnTime document).
- VNI-Windows (VNI Software's font encoding): a base Latin letter followed by a second
  byte for the vowel mark and tone (Windows-1252 letters such as "ù" for sắc), e.g.
  "Vieät Nam" = "Việt Nam"; ơ, ư, đ and the toned i/ỵ are single bytes.
Text files in these encodings are Windows-1252 bytes, so the TCVN3 and VNI tables map
from the Windows-1252 characters of those bytes; `decode_legacy` takes bytes, and
`transcode_legacy` takes text already read as Windows-1252 (legacy text pasted into a
Unicode file).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["LEGACY_ENCODINGS", "decode_legacy", "encode_legacy", "transcode_legacy"]

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii")

# --- VISCII (RFC 1456) -------------------------------------------------------------------
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "Õắằặấầẩậẽẹếềểễệố"  # 0xA0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xB0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}

# --- TCVN3 (TCVN 5712:1993, VN3) -----------------------------------------------------------
_TCVN3_MODIFIED = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}  # fmt: skip
# Toned lower-case letters, one row per vowel: (huyền, hỏi, ngã, sắc, nặng) -> codes.
_TCVN3_TONED = (
    ("àảãáạ", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ằẳẵắặ", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("ầẩẫấậ", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("èẻẽéẹ", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ềểễếệ", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("ìỉĩíị", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("òỏõóọ", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ồổỗốộ", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ờởỡớợ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("ùủũúụ", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ừửữứự", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("ỳỷỹýỵ", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
# VN1 capitals in the upper half (unused by the VN3 fonts, harmless to decode).
_TCVN3_VN1_CAPITALS = {
    0xBA: "Ẳ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề",
    0xCD: "Ể", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xE0: "Ổ", 0xF0: "Ỗ", 0xFF: "Ố",
}  # fmt: skip

# --- VNI-Windows -------------------------------------------------------------------------
# Second byte for each mark as (lower-case form, capital form); capitals take the capital form.
_VNI_TONE = {"\u0301": "ùÙ", "\u0300": "øØ", "\u0309": "ûÛ", "\u0303": "õÕ", "\u0323": "ïÏ"}
_VNI_CIRCUMFLEX = {"": "âÂ", "\u0301": "áÁ", "\u0300": "àÀ", "\u0309": "åÅ", "\u0303": "ãÃ", "\u0323": "äÄ"}
_VNI_BREVE = {"": "êÊ", "\u0301": "éÉ", "\u0300": "èÈ", "\u0309": "úÚ", "\u0303": "üÜ", "\u0323": "ëË"}
# Letters that are one byte in VNI: ơ ư đ, and i/ỵ with tones.
_VNI_SINGLE = {
    "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö", "đ": "ñ", "Đ": "Ñ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "ỉ": "æ", "Ỉ": "Æ", "ĩ": "ó", "Ĩ": "Ó", "ị": "ò", "Ị": "Ò",
    "ỵ": "î", "Ỵ": "Î",
}  # fmt: skip

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")


def _cp1252_char(code: int) -> str:
    return bytes([code]).decode("cp1252")


def _vietnamese_letters() -> list[str]:
    """Every Vietnamese letter that carries a mark (and the plain vowels), lower and capital."""
    letters = []
    for base in "aăâeêioôơuưy":
        letters.append(base)
        letters.extend(unicodedata.normalize("NFC", base + tone) for tone in _TONE_MARKS)
    letters.append("đ")
    return [x for letter in letters for x in (letter, letter.upper())]


def _vni_form(letter: str) -> str | None:
    """The VNI-Windows spelling of one letter, or None for a plain ASCII letter."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[0], parts[1:]
    capital = int(base.isupper())
    tone = next((m for m in marks if m in _TONE_MARKS), "")
    modifier = next((m for m in marks if m not in _TONE_MARKS), "")
    if modifier == "\u031b":  # horn: ơ/ư are single bytes, the tone follows them
        head = _VNI_SINGLE[unicodedata.normalize("NFC", base + modifier)]
        return head + (_VNI_TONE[tone][capital] if tone else "")
    if modifier == "\u0302":
        return base + _VNI_CIRCUMFLEX[tone][capital]
    if modifier == "\u0306":
        return base + _VNI_BREVE[tone][capital]
    if tone:
        return base + _VNI_TONE[tone][capital]
    return None


@cache
def _unicode_to_legacy(encoding: str) -> dict[str, str]:
    """Vietnamese letter -> its characters in `encoding` (Windows-1252/Latin-1 view of the bytes)."""
    if encoding == "viscii":
        table = {ch: chr(0x80 + i) for i, ch in enumerate(_VISCII_HIGH)}
        table.update({ch: chr(code) for code, ch in _VISCII_C0.items()})
        return table
    if encoding == "tcvn3":
        table = {ch: _cp1252_char(code) for code, ch in _TCVN3_MODIFIED.items()}
        for letters, codes in _TCVN3_TONED:
            table.update({ch: _cp1252_char(code) for ch, code in zip(letters, codes, strict=True)})
        return table
    if encoding == "vni":
        forms = {letter: _vni_form(letter) for letter in _vietnamese_letters()}
        return {letter: form for letter, form in forms.items() if form is not None}
    raise ValueError(f"unknown legacy encoding {encoding!r}")


@cache
def _legacy_to_unicode(encoding: str) -> dict[str, str]:
    """Legacy character sequence -> Vietnamese letter (for decoding)."""
    table = {legacy: letter for letter, legacy in _unicode_to_legacy(encoding).items()}
    if encoding == "tcvn3":
        table.update({_cp1252_char(code): ch for code, ch in _TCVN3_VN1_CAPITALS.items()})
    if encoding == "vni":
        # A capital typed with a lower-case mark byte (and the reverse) still decodes.
        for letter, form in _unicode_to_legacy("vni").items():
            if len(form) == 2:
                table.setdefault(form[0] + form[1].swapcase(), letter)
    return table


@cache
def _viscii_table() -> dict[int, str]:
    table = {0x80 + i: ch for i, ch in enumerate(_VISCII_HIGH)}
    table.update(_VISCII_C0)
    return table


@cache
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(_legacy_to_unicode(encoding), key=len, reverse=True)  # two-byte forms first
    return re.compile("|".join(re.escape(k) for k in keys))


def _restore_tcvn3_capitals(text: str) -> str:
    """Upper-case toned letters in capital words and headings ("KÕ HO¹CH" -> "KẾ HOẠCH").

    TCVN3 has no capitals with tones: headings typed in .VnTimeH store them as lower
    case. A word whose Latin letters (two or more) are all capitals is a capital word;
    a line with such a word and no lower-case Latin letter is a heading.
    """

    def is_capital_word(word: str) -> bool:
        letters = _ASCII_LETTERS.findall(word)
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    def fix_word(m: re.Match[str]) -> str:
        return m.group(0).upper() if is_capital_word(m.group(0)) else m.group(0)

    lines = []
    for line in text.split("\n"):
        has_lower = any(c.islower() for c in _ASCII_LETTERS.findall(line))
        if not has_lower and any(not w.isascii() and is_capital_word(w) for w in _WORD.findall(line)):
            lines.append(line.upper())
        else:
            lines.append(_WORD.sub(fix_word, line))
    return "\n".join(lines)


def transcode_legacy(text: str, encoding: str) -> str:
    """Legacy text seen as Windows-1252 ("Vieät Nam", "ViÖt Nam") -> Unicode NFC."""
    if encoding == "viscii":
        return decode_legacy(text.encode("latin-1", errors="replace"), "viscii")
    table = _legacy_to_unicode(encoding)
    out = unicodedata.normalize("NFC", _pattern(encoding).sub(lambda m: table[m.group(0)], text))
    return _restore_tcvn3_capitals(out) if encoding == "tcvn3" else out


def decode_legacy(data: bytes, encoding: str) -> str:
    """Bytes in TCVN3, VNI-Windows or VISCII -> Unicode NFC text."""
    if encoding == "viscii":
        # Every byte has a meaning: ASCII, the six C0 letters, the high half.
        return unicodedata.normalize("NFC", data.decode("latin-1").translate(_viscii_table()))
    return transcode_legacy(data.decode("cp1252", errors="replace"), encoding)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> legacy bytes (makes test files; capitals TCVN3 lacks are written lower-case)."""
    table = _unicode_to_legacy(encoding)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif encoding == "tcvn3" and ch.lower() in table:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    # Characters the encoding cannot hold (curly quotes in VISCII...) become "?".
    codec = "latin-1" if encoding == "viscii" else "cp1252"
    return "".join(out).encode(codec, errors="replace")
