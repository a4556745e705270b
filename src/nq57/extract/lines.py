"""The extractor's view of a document: numbered lines, some of them rows of a table.

Real tables come from the text stage as `Table` blocks. Text files converted from Word or Excel
often carry tables as tab-separated or Markdown `| a | b |` lines; those are turned into rows
here too, so every table, whatever its source, is a run of `Line`s with `cells`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from nq57.extract.textutil import clean
from nq57.text.document import Document, Paragraph, Table
from nq57.text.vietnamese import fold

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass
class Line:
    text: str
    page: int
    no: int
    cells: list[str] | None = None
    table: int | None = None
    confidence: float | None = None
    raw: str | None = None  # the line before diacritic repair (keeps OCR symbols such as "|", ">")

    @property
    def source(self) -> str:
        return self.raw if self.raw is not None else self.text

    def repaired_span(self, start: int, end: int) -> str:
        """The repaired text of the raw characters start..end, mapped word by word."""
        raw = self.source
        if self.raw is None:
            return clean(raw[start:end])
        raw_tokens = list(re.finditer(r"\S+", raw))
        groups = align_words([t.group(0) for t in raw_tokens], self.text.split())
        if groups is None:
            return clean(raw[start:end])
        picked = [g for t, g in zip(raw_tokens, groups, strict=True) if t.end() > start and t.start() < end]
        return clean(" ".join(picked))


def align_words(raw: list[str], fixed: list[str]) -> list[str] | None:
    """The repaired text of each raw word, or None when the two lines do not line up.

    Repair keeps one output word per input word, except that it splits a figure glued to a
    word ("19thang" -> "19 tháng", "5O," -> "5 Ở,"). So each raw word takes one or two repaired
    words; the split chosen is the one whose folded letters best match the raw word's."""
    n, m = len(raw), len(fixed)
    if n == m:
        return list(fixed)
    if m < n or m > 2 * n:
        return None
    aligned = _aligned(tuple(raw), tuple(fixed))  # (a line's spans are asked for again and again)
    return list(aligned) if aligned is not None else None


@lru_cache(maxsize=4096)
def _aligned(raw: tuple[str, ...], fixed: tuple[str, ...]) -> tuple[str, ...] | None:
    n, m = len(raw), len(fixed)
    folded_raw = [fold(w) for w in raw]
    folded_fixed = [fold(w) for w in fixed]
    # best[i][j]: best total similarity aligning raw[:i] with fixed[:j]; back[i][j]: words taken.
    minus = float("-inf")
    best = [[minus] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(i, min(m, 2 * i) + 1):
            for take in (1, 2):
                if j - take < 0 or best[i - 1][j - take] == minus:
                    continue
                piece = "".join(folded_fixed[j - take:j])
                score = best[i - 1][j - take] + fuzz.ratio(folded_raw[i - 1], piece) - (5 if take == 2 else 0)
                if score > best[i][j]:
                    best[i][j], back[i][j] = score, take
    if best[n][m] == minus:
        return None
    out: list[str] = []
    j = m
    for i in range(n, 0, -1):
        take = back[i][j]
        out.append(" ".join(fixed[j - take:j]))
        j -= take
    return tuple(out[::-1])


_NUMBER_TOKEN = re.compile(r"^[(\[]?\d[\d.,/]*(?:k|K|%)?[)\],.;:]*$")


# "Tỷ lệ"/"Tỉ lệ" as OCR writes it: two words ("Ty 1€", "TY 1¢", "Ti l‘cA", "Ty 1&", "Ty ¢",
# "T 1€") or one ("Til¢", "Tilé", "T}Ale"); the OCR's own "i" or "y" tells which spelling it is
_RATE_PAIR = (re.compile(r"^([-+*•(]*)([Tt])([yỷYiỉ]?)$"),
              re.compile(r"^(?:[1Il][^\w\s]{0,2}(?:[8€é¢eèê6&]|cA)|16|[¢€])([,.:;]?)$"))
_RATE_GLUED = re.compile(r"^([-+*•(]*)([Tt])([yỷYiỉ]|[}\]{]A?)[lI1][é¢€eèê&]([,.:;]?)$")


def _rate_words(capital: str, vowel: str) -> str:
    first = ("T" if capital == "T" else "t") + ("ỉ" if vowel and vowel in "iỉ" else "ỷ")
    return first + " lệ"


def fix_rate_words(repaired: str, original: str) -> str:
    """OCR writes "Tỷ lệ" (rate), the most common first words of an indicator, as "Ty 1€",
    "Ty I¢", "Ty 18", "Til¢"; the repair cannot always tell. Word by word, put "Tỷ lệ" (or
    "Tỉ lệ" where the OCR reads an "i") back there."""
    raw = original.split()
    fixed = align_words(raw, repaired.split())
    if fixed is None:
        return repaired
    changed = False
    for i in range(len(raw)):
        glued = _RATE_GLUED.match(raw[i])
        if glued:
            fixed[i] = glued.group(1) + _rate_words(glued.group(2), glued.group(3)[:1]) + glued.group(4)
            changed = True
            continue
        first = _RATE_PAIR[0].match(raw[i])
        second = _RATE_PAIR[1].match(raw[i + 1]) if first and i + 1 < len(raw) else None
        # a lone letter (its vowel lost: "T 18") only as a capital, where a name begins
        if first and second and (first.group(3) or first.group(2) == "T"):
            fixed[i], fixed[i + 1] = (first.group(1) + _rate_words(first.group(2), first.group(3))).split()
            fixed[i + 1] += second.group(1)
            changed = True
    return " ".join(fixed) if changed else repaired


def keep_numbers(repaired: str, original: str) -> str:
    """Put back any number the diacritic repair changed ("29k" must not become "số"):
    word by word when the two texts line up (`align_words`), else the repaired text as it is."""
    raw = original.split()
    fixed = align_words(raw, repaired.split())
    if fixed is None:
        return repaired
    changed = False
    for i, (f, r) in enumerate(zip(fixed, raw, strict=True)):
        if f != r and _NUMBER_TOKEN.match(r):
            fixed[i] = r
            changed = True
    return " ".join(fixed) if changed else repaired


_SPECKS = set("<\\~=^_`|")


def repair_joined(raw_parts: list[str | None]) -> str | None:
    """A name wrapped over lines of a flattened table, repaired as one text: each line was
    repaired beside the other columns' words, which misled the language model ("cán" /
    "bộ, công chức" read as "cần ở"). None when any part was clean text (nothing to redo)."""
    if len(raw_parts) < 1 or any(p is None for p in raw_parts):
        return None
    from nq57.text.repair import repair_line

    # a lone mark the scan left inside the name ("ban hành để < kịp thời") is no punctuation:
    # kept, it would cut the language model's context like a comma
    raw = " ".join(t for p in raw_parts if p for t in p.split() if set(t) - _SPECKS)
    if not raw.strip():
        return None
    return fix_rate_words(keep_numbers(repair_line(raw, force=True).text, raw), raw)


def _split_cells(text: str) -> list[str] | None:
    if text.count("\t") >= 2:
        return [clean(c) for c in text.split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [clean(c) for c in stripped.strip("|").split("|")]
    return None


def _lone_ruled_lines(doc: Document) -> set[int]:
    """Paragraphs that read as a "| a | b |" table row with no such row before or after them: a
    scanned table's rules the OCR kept on one line, not a table of their own."""
    kinds: list[str] = []  # "piped", "tabbed", "blank" or "text" per block
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            kinds.append("text")
            continue
        stripped = block.text.strip()
        if not stripped:
            kinds.append("blank")
        elif _MD_SEPARATOR.match(stripped) or (_split_cells(block.text) is not None and block.text.count("\t") < 2):
            kinds.append("piped")
        else:
            kinds.append("tabbed" if _split_cells(block.text) is not None else "text")

    def neighbour(i: int, step: int) -> str:
        i += step
        while 0 <= i < len(kinds) and kinds[i] == "blank":
            i += step
        return kinds[i] if 0 <= i < len(kinds) else "text"

    return {i for i, kind in enumerate(kinds)
            if kind == "piped" and neighbour(i, -1) != "piped" and neighbour(i, 1) != "piped"}


def document_lines(doc: Document, unrepaired: Document | None = None) -> list[Line]:
    """Flatten blocks into lines; consecutive delimited lines form one table.

    `unrepaired` is the same document read without repair; its text is kept beside each line.
    """
    out: list[Line] = []
    raw_blocks = (unrepaired.blocks if unrepaired is not None and len(unrepaired.blocks) == len(doc.blocks)
                  else None)
    table_id = 0
    in_delimited = False
    counter = 0
    lone = _lone_ruled_lines(doc)
    for bi, block in enumerate(doc.blocks):
        raw_block = raw_blocks[bi] if raw_blocks is not None else None
        if isinstance(block, Table):
            table_id += 1
            in_delimited = False
            raw_rows = raw_block.rows if isinstance(raw_block, Table) and len(raw_block.rows) == len(block.rows) else None
            for i, row in enumerate(block.rows):
                if raw_rows is not None and len(raw_rows[i]) == len(row):
                    row = [keep_numbers(c, r) if c != r else c for c, r in zip(row, raw_rows[i], strict=True)]
                cells = [clean(c) for c in row]
                counter += 1
                no = block.line + i if block.line else counter
                out.append(Line(" ".join(c for c in cells if c), block.page, no, cells, table_id))
            continue
        assert isinstance(block, Paragraph)
        counter += 1
        no = block.line or counter
        raw = block.text
        if _MD_SEPARATOR.match(raw.strip()):
            continue
        cells = None if bi in lone else _split_cells(raw)
        if cells is not None:
            if not in_delimited:
                table_id += 1
                in_delimited = True
            out.append(Line(" ".join(c for c in cells if c), block.page, no, cells, table_id, block.confidence))
            continue
        if raw.strip():
            in_delimited = False
        original = raw_block.text if isinstance(raw_block, Paragraph) else None
        if original is not None and original != raw:
            raw = fix_rate_words(keep_numbers(raw, original), original)
        out.append(Line(clean(raw), block.page, no, None, None, block.confidence,
                        " ".join(original.split()) if original is not None and original != raw else None))
    return out
