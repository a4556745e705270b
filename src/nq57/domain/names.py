"""Names of units inside a commune: "Phòng VHXH", "Phòng Văn hóa – Xã hội" and
"Phòng Văn hoá - Xã hội" are one unit.

Two names are the same unit when their folded words are equal (diacritics, tone placement,
case, dashes and commas ignored; a trailing "phường"/"xã" dropped), or when one is written
with an acronym — a run of capitalised letters such as "VHXH" or "KT,HT&ĐT" — and the words
before it match the other name's first words while the acronym matches the initials of the
other name's remaining words ("và" skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.text.vietnamese import fold, nfc

_SEPARATORS = re.compile(r"[\s\-–—,./&()+;:]+")
_SKIP_IN_INITIALS = {"va"}
_TRAILING_LEVEL = {"phuong", "xa"}


@dataclass(frozen=True)
class UnitName:
    prefix: tuple[str, ...]  # folded words before the acronym (the whole name when none)
    acronym: str | None  # folded acronym letters, e.g. "vhxh"
    words: tuple[str, ...]  # every folded word, acronym letters as written

    @property
    def key(self) -> str:
        return " ".join(self.prefix + ((self.acronym,) if self.acronym else ()))


def clean(name: str) -> str:
    """NFC, single spaces, no surrounding punctuation."""
    return re.sub(r"\s+", " ", nfc(name)).strip(" .;,:")


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) or (len(letters) == 1 and token.isupper())


def parse_unit_name(name: str) -> UnitName:
    tokens = [t for t in _SEPARATORS.split(clean(name)) if t]
    while len(tokens) > 1 and fold(tokens[-1]) in _TRAILING_LEVEL:
        tokens.pop()
    words = tuple(fold(t) for t in tokens)
    # An acronym is a run of all-capital tokens after at least one ordinary word.
    first = next((i for i, t in enumerate(tokens) if i > 0 and _is_acronym(t)), None)
    if first is None or not all(_is_acronym(t) for t in tokens[first:]):
        return UnitName(prefix=words, acronym=None, words=words)
    acronym = "".join(fold(t) for t in tokens[first:])
    return UnitName(prefix=words[:first], acronym=acronym, words=words)


def initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w and w not in _SKIP_IN_INITIALS)


def signature(name: UnitName) -> str:
    """Initials of the written-out words followed by the acronym's letters."""
    return initials(name.prefix) + (name.acronym or "")


def same_unit(a: str, b: str) -> bool:
    na, nb = parse_unit_name(a), parse_unit_name(b)
    if na.words == nb.words:
        return True
    # With an acronym on either side, compare initials: "Trung tâm PVHCC" =
    # "Trung tâm phục vụ HCC" = "Trung tâm Phục vụ hành chính công"; the first word must agree.
    if (na.acronym or nb.acronym) and na.words[:1] == nb.words[:1]:
        return signature(na) == signature(nb)
    return False


# Words that start the name of a unit inside a commune, used to split "A, B; C" lists.
_UNIT_STARTS = (
    "phong", "trung tam", "cong an", "van phong", "tram y te", "truong", "ban ", "uy ban", "ubnd",
    "dang uy", "hoi ", "doan ", "mat tran", "quan su", "chi cuc", "buu dien", "cac ", "khu pho", "ap ",
)


def split_units(text: str | None) -> list[str]:
    """"Phòng KT,HT&ĐT; Công an phường, Văn phòng HĐND & UBND" -> three unit names.

    Semicolons always separate; a comma separates only when what follows starts like a unit
    name ("Phòng", "Công an", "Trung tâm" ...), so "Phòng Kinh tế, Hạ tầng và Đô thị" stays one.
    """
    if not text:
        return []
    out: list[str] = []
    for part in re.split(r"[;\n]+", text):
        pieces = part.split(",")
        current = pieces[0]
        for piece in pieces[1:]:
            if fold(piece.strip()).startswith(_UNIT_STARTS):
                out.append(current)
                current = piece
            else:
                current += "," + piece
        out.append(current)
    return [clean(p) for p in out if clean(p)]


def preferred_name(a: str, b: str) -> str:
    """The better display name of two spellings of one unit: the written-out one."""
    na, nb = parse_unit_name(a), parse_unit_name(b)
    if na.acronym and not nb.acronym:
        return clean(b)
    if nb.acronym and not na.acronym:
        return clean(a)
    return clean(a) if len(a) >= len(b) else clean(b)
