"""Split a line into words the repair may touch and the text between them (kept verbatim)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Characters tesseract -l eng puts where a Vietnamese letter was (6 for ô, € for ệ, ...).
# A brace or an opening quote inside a word is a mark of the scan too ("k}lai", "ha‘mh").
OCR_JUNK = "0123456789€¢&@$£¥§°ø¡!|’'`?}‘"
_GLUED = "’'`}"
_VOWELS = set("aeiouyăâêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")  # a horn or hook read as an apostrophe: "co’" is "cơ"
_CHUNK_RE = re.compile(r"\S+")
_LEAD = "\"'“”‘’«(<[{*_#•-–—"
_TRAIL = "\"'“”‘’»)>]}.,;:!?…*_"
_RUNS = re.compile(r"\d+|\D+")
# A table rule ("|") is never a letter; "Số:25" is a word, a colon, then a number; an ellipsis
# or a bracket between two words parts them ("dưỡng...(Triển", "phường)đảm").
_SUBCHUNK = re.compile(r"\|+|(?<=:)(?=\d)|(?<=[^\W\d_])(?:\.{2,}|…)?[()\[\]](?=[^\W\d_])|(?<=[^\W\d_])(?:\.{2,}|…)(?=[^\W\d_])")
# A colon or semicolon between letters of one short lower-case word is a speck on the scan
# ("s:am", "tha;n"); a label before a colon is longer or capitalised ("Nơi nhận:Sở"). So is a
# comma after a lone consonant ("t,hénh"): no word ends there ("bộ,công" lost only its space).
_SPECK_INSIDE = re.compile(r"[^\W\d_]{1,3}[:;][^\W\d_A-ZĐ]{1,4}|[bcdfghklmnpqrstvxđ],[^\W\d_A-ZĐ]{2,4}")
# Digits OCR puts for a letter (6 for ô, 1 for l, 0 for o, 4 for a, 8 for s ...).
LETTER_DIGITS = set("0134678 9") - {" "}
# Units written right after a figure: "29k", "5ha", "3km" stay as they are.
UNITS = {"k", "km", "m", "m2", "m3", "ha", "kg", "g", "t", "tr", "đ", "kw", "kwh", "mw", "gb", "mb", "tb", "kb",
         "mbps", "gbps", "h", "cm", "mm", "l", "ml", "vnd", "vnđ", "usd", "x", "th", "st", "nd", "rd", "tỷ"}


# Hyphenated foreign words whose parts would read as Vietnamese syllables ("Wi-Fi" is no "Vì-Xã")
LATIN_COMPOUNDS = {"wi-fi", "e-mail", "e-office", "e-learning", "e-commerce", "e-cabinet", "e-government",
                   "e-wallet", "i-office", "u-office", "k-12", "smart-city"}


@dataclass(frozen=True)
class Piece:
    text: str
    word: bool  # a candidate for repair


def _split_core(chunk: str) -> tuple[str, str, str]:
    i, j = 0, len(chunk)
    while i < j and chunk[i] in _LEAD:
        i += 1
    while j > i and chunk[j - 1] in _TRAIL:
        j -= 1
    return chunk[:i], chunk[i:j], chunk[j:]


def _is_wordish(core: str) -> bool:
    if not core or core.isdigit() or not all(ch.isalpha() or ch in OCR_JUNK for ch in core):
        return False
    # No letter at all: only short debris like "1€" (lệ) may be a word; "|" or "&" alone is not.
    return any(ch.isalpha() for ch in core) or 2 <= len(core) <= 4


def _slashed_words(core: str) -> bool:
    """Lower-case words joined by slashes ("/nam"), not a code ("KH-UBND", "km/h")."""
    parts = [p for p in core.split("/") if p]
    return bool(parts) and all(p.isalpha() and p.islower() and any(ch in _VOWELS for ch in p) for p in parts)


def _has_vowel(text: str) -> bool:
    return any(ch in _VOWELS for ch in text.lower())


def _glued_number(core: str) -> list[Piece] | None:
    """Split a figure glued to a word ("19thang", "thang8", "2025nam") so the figure is kept.

    Returns None when the digits are OCR readings of letters ("s6" số, "d6i" đổi, "1én" lên,
    "6ng" ông) and the whole token stays one word; "29k", "5ha" (figure and unit) stay whole.
    """
    if not any(ch.isdigit() for ch in core) or not any(ch.isalpha() for ch in core):
        return None
    runs = _RUNS.findall(core)
    if len(runs) == 2 and runs[0].isdigit() and runs[1].lower() in UNITS:
        return [Piece(core, False)]
    if len(runs) == 2 and re.fullmatch(r"1[06]", runs[0]) and re.fullmatch(r"[pcn]|ng|nh", runs[1]):
        return None  # "l" and a marked "o" read as figures before a final consonant: "16p" is "lớp", "16n" "lớn"
    if len(runs) == 2 and re.fullmatch(r"(?:[bcdđhlmnstvx]|ch|nh|th|tr)", runs[0].lower()) and runs[1] in ("61", "01"):
        return None  # a marked "o" and an "i" read as figures after a consonant: "d61" is "đổi", "t61" "tối"
    long_run = any(r.isdigit() and len(r) >= 2 for r in runs)
    lead = (len(runs) == 2 and runs[0].isdigit() and _has_vowel(runs[1])
            and (runs[0] not in LETTER_DIGITS or runs[1][0].lower() not in _VOWELS))
    trail = len(runs) == 2 and runs[1].isdigit() and len(runs[0]) >= 2 and _has_vowel(runs[0])
    if not (long_run or lead or trail):
        return None
    out = []
    for run in runs:
        if run.isdigit() or run.lower() in UNITS or not _is_wordish(run):
            out.append(Piece(run, False))
        else:
            out.append(Piece(run, True))
    return out


def split_line(line: str) -> list[Piece]:
    """Pieces whose texts concatenate back to `line` exactly."""
    return list(_pieces(line))  # (a line is split for its statistics, then again for its repair)


@lru_cache(maxsize=8192)
def _pieces(line: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    pos = 0
    for m in _CHUNK_RE.finditer(line):
        if m.start() > pos:
            pieces.append(Piece(line[pos:m.start()], False))
        pos = m.end()
        start = m.start()
        for sub in _SUBCHUNK.finditer(m.group()):
            if sub.start() > start - m.start():
                _split_chunk(line, line[start:m.start() + sub.start()], m.end(), pieces)
            if sub.group():
                pieces.append(Piece(sub.group(), False))
            start = m.start() + sub.end()
        if start < m.end():
            _split_chunk(line, line[start:m.end()], m.end(), pieces)
    if pos < len(line):
        pieces.append(Piece(line[pos:], False))
    return tuple(pieces)


def _split_chunk(line: str, chunk: str, end: int, pieces: list[Piece]) -> None:
    """Pieces of one run of non-space characters (`end`: where the run ends in `line`)."""
    lead, core, trail = _split_core(chunk)
    if core[-1:].isalpha():
        # OCR debris glued to a word belongs to it; a "?" only inside the line ("ti? dong").
        k = 0
        while k < len(trail) and (trail[k] in _GLUED or (trail[k] == "?" and line[end:].strip())):
            k += 1
        core, trail = core + trail[:k], trail[k:]
    if lead:
        pieces.append(Piece(lead, False))
    if _SPECK_INSIDE.fullmatch(core):
        pieces.append(Piece(core, True))  # "s:am": a speck read as a colon inside a word (sắm)
        if trail:
            pieces.append(Piece(trail, False))
        return
    glued = None if "/" in core or "-" in core else _glued_number(core)
    if glued is not None:
        pieces.extend(glued)
    elif "/" in core and _slashed_words(core):
        for k, part in enumerate(core.split("/")):  # "/nam", "ngay/thang/nam"
            if k:
                pieces.append(Piece("/", False))
            if part:
                pieces.append(Piece(part, True))
    elif core.lower() in LATIN_COMPOUNDS:
        pieces.append(Piece(core, False))  # "Wi-Fi", "e-Office": written as they are
    elif "/" in core or (any(ch.isdigit() for ch in core) and "-" in core):
        pieces.append(Piece(core, False))  # document codes: 57-NQ/TW, 09/KH-UBND, km/h
    else:
        for k, part in enumerate(core.split("-")):
            if k:
                pieces.append(Piece("-", False))
            if part:
                pieces.append(Piece(part, _is_wordish(part)))
    if trail:
        pieces.append(Piece(trail, False))
