"""Small text helpers: NFC, folding (for keyword detection on damaged OCR) and cell cleaning."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from nq57.text.repair.syllables import looks_like_syllable
from nq57.text.vietnamese import fold as _text_fold

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__|^#+\s*|\\\(|\\\)")
_LATEX = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\%": "%", r"\times": "x",
    r"\,": " ", r"\;": " ", r"\!": "", r"\cdot": ".",
}
_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return _text_fold(unicodedata.normalize("NFC", text))


def fold(text: str | None) -> str:
    """Lowercase, no diacritics, đ->d (the text stage's `fold`), on NFC text. Keeps every other
    character, so positions found in the folded text slice the original."""
    return _fold_cached(text or "")


@lru_cache(maxsize=65536)
def _words_cached(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def words(text: str | None) -> str:
    """Folded text reduced to letters and digits separated by single spaces (for matching)."""
    return _words_cached(text or "")


def clean(text: str | None) -> str:
    """Remove Markdown/HTML/LaTeX markup, collapse whitespace, NFC."""
    text = nfc(text)
    if "$" in text or "\\" in text:
        for key in sorted(_LATEX, key=len, reverse=True):
            text = text.replace(key, _LATEX[key])
        text = text.replace("$", "")
    text = _MARKUP.sub("", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return _SPACES.sub(" ", text).strip()


def strip_bullet(text: str) -> str:
    """Drop a leading list mark: '-', '+', '*', '•', '~', 'a)', '1.' stays (it may be a code)."""
    return re.sub(r"^[\s\-+*•~–—·]+", "", text).strip()


def similar(a: str | None, b: str | None) -> float:
    """0..1 similarity of the folded word forms."""
    fa, fb = words(a), words(b)
    if not fa or not fb:
        return 0.0
    return fuzz.ratio(fa, fb) / 100.0


def has_keyword(text: str, keyword: str, threshold: float = 85) -> bool:
    """True when the folded text contains the folded keyword, tolerating OCR damage."""
    haystack, needle = words(text), words(keyword)
    if not needle:
        return False
    if needle in haystack:
        return True
    if len(haystack) < len(needle) // 2:
        return False
    return fuzz.partial_ratio(needle, haystack) >= threshold


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def mostly_syllables(text: str) -> bool:
    """More than half the tokens of a repaired line are Vietnamese syllables, abbreviations in
    capitals or numbers: the scan's specks ("oer |S tame |", "fad br --pltal") are not."""
    tokens = text.split()
    if not tokens:
        return False
    good = 0
    for token in tokens:
        core = token.strip(".,;:()[]\"“”'‘’-–")
        if len(core) > 1 and len(set(core.lower())) == 1:
            continue  # "ee", "êê", "iii": a speck read over and over, no syllable
        if core.isdigit() or (len(core) >= 2 and core.isalpha() and core.isupper()) \
                or (core.isalpha() and looks_like_syllable(core)):
            good += 1
    return good > 0.5 * len(tokens)
