"""Unit cells of a table row that OCR flattened into lines: which words name the lead unit and
which the units that support it.

OCR joins the cells of one printed line, so a row whose lead cell reads "Văn phòng / HĐND & /
UBND" and whose support cell reads "Các cơ quan, / đơn vị" comes out as
    "… the task's words … Văn phòng"
    "… the task's words … HĐND & Các cơ quan,"
    "UBND đơn vị"
1. Every word is looked up in the unit vocabulary (`orgs.CANONICAL`, the abbreviations plans
   write for them, "Phòng VHXH" for "Phòng Văn hóa - Xã hội", and the units the document itself
   names): OCR-damaged words fuzzily, words run together ("Vanhoa") as two or three vocabulary
   words, and through the diacritic repair when the raw word is too damaged ("Vin" -> "Văn").
   Runs of words that follow one name in order are fragments of it ("Văn phòng" = its first
   two words).
2. Fragments of one name on following lines are chained into the whole name (a cell wrapped
   over lines). A fragment that begins a name must be capitalised and must not follow a word
   such as "của", "cho", "với" (then it is the task's own text: "Báo cáo của Ban Chỉ đạo").
3. The names are put in columns: on a line that holds two of them the left one is in the earlier
   column, names of one column follow each other down the row, and cells are centred on their
   row, so each column's lines are centred on the numbered line. The first column is the lead
   (one cell may name two units: "Phòng KT,HT&ĐT, Phòng VHXH"), the second the supporting units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product

from rapidfuzz import fuzz, process

from nq57.extract.flatrows import ROMAN, Row, is_junk
from nq57.extract.lines import Line, align_words
from nq57.extract.orgs import folded_vocabulary
from nq57.extract.textutil import nfc, words
from nq57.text.vietnamese import SMALL

_WORD = re.compile(r"[^\W_]+")
_JOINERS = frozenset({"va"})  # "và" and "&" join the words of one name; they are matched as nothing
# words after which a capitalised unit name is part of the task's own text ("của Ban Chỉ đạo")
# (prepositions that need an object; "trực thuộc" may end a task's name, so "thuộc" is not one)
# Read with their marks ("từ", not "tử" of "điện tử"); in text without marks only the words no
# other word folds to.
_TEXT_BEFORE = frozenset({"của", "cho", "với", "tại", "theo", "qua", "đến", "giữa", "về", "từ", "là", "bởi", "viên",
                          "như", "trên"})
_TEXT_BEFORE_UNMARKED = frozenset({"cua", "voi", "giua", "theo", "boi", "tren"})
# verbs of two words whose object is a body ("Kiện toàn Tổ công nghệ số cộng đồng …"), folded
_TEXT_BEFORE_PAIRS = frozenset({("kien", "toan"), ("thanh", "lap"), ("cung", "co")})
_MAX_UNITS = 9  # more names in one row than this: columns are not searched (order of appearance)


@dataclass(frozen=True)
class Entry:
    name: str
    tokens: tuple[str, ...]


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in words(name).split() if t not in _JOINERS)


_VOWELS = str.maketrans("aeiouy06", "********")


def skeleton(word: str) -> str:
    """A folded word with its vowels blurred: OCR damages Vietnamese vowels most ("Céc" for
    "Các", "mén" for "môn", "T6" for "Tổ")."""
    return word.translate(_VOWELS)


class Vocabulary:
    """Unit names with an index from folded words (alone, run together, vowels blurred, or the
    initials of a run of words) to where they stand in each name."""

    def __init__(self, names: Iterable[str]):
        self.entries: list[Entry] = []
        seen: set[tuple[str, ...]] = set()
        for name in names:
            tokens = _name_tokens(name)
            if len(tokens) < 1 or tokens in seen:
                continue
            seen.add(tokens)
            self.entries.append(Entry(name, tokens))
        self.keys: dict[str, list[tuple[int, int, int]]] = {}
        self.blurred: dict[str, list[tuple[int, int, int]]] = {}
        self.initials: dict[str, list[tuple[int, int, int]]] = {}
        for e, entry in enumerate(self.entries):
            n = len(entry.tokens)
            for i in range(n):
                for j in range(i + 1, min(n, i + 3) + 1):
                    self.keys.setdefault("".join(entry.tokens[i:j]), []).append((e, i, j))
                    if j == i + 1 and 3 <= len(entry.tokens[i]) <= 5 and len(skeleton(entry.tokens[i]).replace("*", "")) >= 2:
                        self.blurred.setdefault(skeleton(entry.tokens[i]), []).append((e, i, j))
                for j in range(i + 2, min(n, i + 7) + 1):
                    if entry.tokens[i] == "cac":
                        break  # "Các thôn" is never written "CT": a code's letters ("05-CT/HU") are not it
                    self.initials.setdefault("".join(t[0] for t in entry.tokens[i:j]), []).append((e, i, j))
        self._key_list = list(self.keys)
        self._cache: dict[tuple[str, bool], list[tuple[int, int, int, float]]] = {}

    def spans(self, token: str, upper: bool = False) -> list[tuple[int, int, int, float]]:
        """(entry, first word, end word, score 0..1) of every name part this word can be;
        `upper`: the word is written in capitals, so it may be the initials of several words."""
        hit = self._cache.get((token, upper))
        if hit is not None:
            return hit
        found: dict[tuple[int, int, int], float] = {}

        def add(spans: list[tuple[int, int, int]], score: float) -> None:
            for span in spans:
                found[span] = max(found.get(span, 0.0), score)

        add(self.keys.get(token, []), 1.0)
        if len(token) >= 3:
            add(self.blurred.get(skeleton(token), []) if len(token) <= 5 else [], 0.85)
            # one letter more or less in a short word, one or two letters wrong in a long one
            cutoff = 80 if len(token) == 3 or len(token) >= 6 else 85
            for key, score, _ in process.extract(token, self._key_list, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                 limit=None):
                if len(key) <= 2:
                    continue
                glued = [(e, i, j) for e, i, j in self.keys[key] if j - i >= 2]
                if glued and (score < 80 or len(token) < 6 or len(token) < len(key) - 1 or len(token) > len(key) + 2):
                    # words run together must be read closely ("phong" is not "cacphong")
                    add([span for span in self.keys[key] if span not in glued], score / 100.0)
                else:
                    add(self.keys[key], score / 100.0)
        if upper and len(token) == 3:
            add(self.keys.get(token[0] + token[2], []), 0.8)  # one letter too many ("&DPT" for "&ĐT")
        if upper and 2 <= len(token) <= 7:
            add(self.initials.get(token, []), 0.9)
        out = [(e, i, j, sc) for (e, i, j), sc in found.items()]
        self._cache[(token, upper)] = out
        return out


@lru_cache(maxsize=32)
def vocabulary(level: str | None, extra: tuple[str, ...] = ()) -> Vocabulary:
    names = [n for _, n in folded_vocabulary(level)] + list(extra)
    for head in ("đơn vị", "cơ quan", "phòng, ban", "phòng, ban, đơn vị", "cơ quan, đơn vị", "ngành"):
        names.append(f"Các {head} liên quan")
    return Vocabulary(names)


@dataclass
class _Token:
    line: int
    index: int
    start: int
    end: int
    text: str
    folded: str
    capital: bool
    after_text_word: bool
    alternatives: tuple[str, ...] = ()
    listed: bool = False  # comes after a comma or semicolon ("Công an phường, các đơn vị liên quan")

    @property
    def upper(self) -> bool:
        """Written as an abbreviation: capitals without vowels but a first one ("PVHCC", "UBND",
        "CA"), not a word in capitals ("BAN NHÂN DÂN")."""
        text = self.text
        if len(text) < 2 or not text.isalpha() or not text.isupper():
            return False
        vowels = [i for i, c in enumerate(self.folded) if c in "aeiouy"]
        return len(text) == 2 or not vowels or vowels == [0]


@dataclass
class Mention:
    """Consecutive words of one line that are words first..end of one vocabulary name."""

    line: int
    first: int  # token index on the line
    last: int
    entry: int
    begin: int  # word index in the name
    end: int
    score: float
    tokens: list[_Token] = field(default_factory=list)
    parts: list[tuple[int, int, int]] = field(default_factory=list)  # (token index, first, end name word)


@dataclass
class Unit:
    entry: int
    name: str
    mentions: list[Mention]
    score: float

    @property
    def lines(self) -> list[int]:
        return [m.line for m in self.mentions]


@dataclass
class Cells:
    """The units of one row by column (`lead` may join two names as the cell writes them)."""

    lead: str | None
    support: list[str]
    units: list[Unit]
    # per line index: the raw character where the first unit word on that line starts
    unit_starts: dict[int, int]
    unit_lines: set[int]  # lines made of nothing but unit words (and OCR specks)


def _tokens(line: Line, no: int) -> list[_Token]:
    """The words of a line with their place; a word's repaired form is kept as a second reading."""
    raw = line.source
    pieces = list(re.finditer(r"\S+", raw))
    fixed = align_words([p.group(0) for p in pieces], line.text.split()) if line.raw is not None else None
    out: list[_Token] = []
    previous = False  # the word before is one after which a name is the task's own text
    last_words: tuple[str, str] = ("", "")
    for k, piece in enumerate(pieces):
        inner = [m for m in _WORD.finditer(piece.group(0)) if words(m.group(0))]
        repaired = words(fixed[k]).split() if fixed is not None else []
        written = nfc((fixed[k] if fixed is not None else piece.group(0)).lower()).strip(".,;:()\"“”'")
        for m in inner:
            text = m.group(0)
            folded = words(text)
            alternatives = tuple(r for r in repaired if r != folded) if len(inner) == 1 and len(repaired) == 1 else ()
            if text[0] in "PBb" and len(folded) >= 2:
                alternatives += ("d" + folded[1:],)  # OCR reads the capital "Đ" as "P" or "B"
            start = piece.start() + m.start()
            between = raw[out[-1].end:start] if out else ""
            listed = bool(out) and bool(re.fullmatch(r"\s*[,;]\s*", between))
            if re.search(r"[|.;:]", between):
                previous = False  # a full stop or a cell border: what stands before it is not this phrase
            out.append(_Token(no, len(out), start, start + len(text), text, folded, text[0].isupper(),
                              previous, alternatives, listed))
            last_words = (last_words[1], repaired[0] if len(repaired) == 1 else folded)
            previous = text.isalpha() and len(inner) == 1 and (
                written in _TEXT_BEFORE or (written.isascii() and written in _TEXT_BEFORE_UNMARKED)
                or last_words in _TEXT_BEFORE_PAIRS)
    return out


def _mentions(tokens: list[_Token], vocab: Vocabulary) -> list[Mention]:
    """Maximal runs of words that stand in one name in order (a "và" between them is skipped,
    and in a long name one name word OCR lost)."""
    spans: list[dict[tuple[int, int], tuple[int, float]]] = []
    for tok in tokens:
        best: dict[tuple[int, int], tuple[int, float]] = {}
        for form in (tok.folded, *tok.alternatives):
            for e, i, j, s in vocab.spans(form, tok.upper and form == tok.folded):
                if form != tok.folded:
                    s -= 0.05 if len(form) >= 3 else 0.2  # a short repaired word is a weak reading
                if s > best.get((e, i), (0, 0.0))[1]:
                    best[(e, i)] = (j, s)
        spans.append(best)
    out: list[Mention] = []
    for p, here in enumerate(spans):
        for (e, i), (j, s) in here.items():
            end, score, q = j, s, p
            parts = [(p, i, j)]
            long_name = len(vocab.entries[e].tokens) >= 4
            while q + 1 < len(tokens):
                step = 2 if tokens[q + 1].folded in _JOINERS and q + 2 < len(tokens) else 1
                key = (e, end) if (e, end) in spans[q + step] else (e, end + 1) if long_name else None
                nxt = spans[q + step].get(key) if key else None
                if nxt is None and long_name and q + 2 < len(tokens) and tokens[q + 1].folded.isalpha() \
                        and (e, end + 1) in spans[q + 2]:
                    # one word OCR garbled beyond reading ("Trung tdm phuc"): it stands for one name word
                    step, key = 2, (e, end + 1)
                    nxt = spans[q + 2][key]
                if nxt is None:
                    break
                parts.append((q + step, key[1], nxt[0]))
                end, score, q = nxt[0], score + nxt[1], q + step
            out.append(Mention(tokens[p].line, p, q, e, i, end, score, tokens[p:q + 1], parts))
            last_p, last_i, last_j = parts[-1]
            if len(parts) >= 2 and tokens[last_p].capital and last_p == q \
                    and any(i2 == 0 and e2 != e for e2, i2 in spans[last_p]):
                # the run's last word is capitalised and begins another name: it may begin the
                # next cell on the line ("Van | Phong KT,HT"), so the run without it is a reading too
                prev_p = parts[-2][0]
                out.append(Mention(tokens[p].line, p, prev_p, e, i, parts[-2][2],
                                   score - spans[last_p][(e, last_i)][1], tokens[p:prev_p + 1], parts[:-1]))
    # a word that begins a whole name read exactly is not also a shorter reading ("Phong VHXH"
    # is "Phòng VHXH", not the first word of "Phòng Kinh tế")
    exact: dict[int, int] = {}
    for m in out:
        whole = m.begin == 0 and m.end == len(vocab.entries[m.entry].tokens)
        if whole and m.score >= 0.95 * len(m.parts) and m.end - m.begin == sum(j - i for _, i, j in m.parts):
            exact[m.first] = max(exact.get(m.first, m.last), m.last)
    return [m for m in out if m.last >= exact.get(m.first, m.last)]


def _covered(mentions: list[Mention]) -> set[tuple[int, int]]:
    return {(m.line, t.index) for m in mentions for t in m.tokens}


def _surely_covered(mentions: list[Mention]) -> set[tuple[int, int]]:
    """Words that are unit words beyond doubt: read exactly, in a run of two or more ("đơn vị")
    or as initials ("VHXH"), not a lone word that units share with running text ("hóa")."""
    return {(m.line, t.index) for m in mentions for t in m.tokens
            if m.score >= 0.95 * len(m.parts) and (len(m.parts) >= 2 or m.tokens[0].upper)}


def _starts_name(m: Mention, line_tokens: list[_Token], covered: set[tuple[int, int]],
                 after_units: set[tuple[int, int]], others: list[Mention]) -> bool:
    """Whether a run can be the first words of a unit's cell: capitalised, not after "của"…,
    and followed by the next cell (a capital, OCR specks, the line's end), not by running text."""
    first = m.tokens[0]
    if first.after_text_word or m.score / len(m.parts) < 0.85 or not first.text.isalpha():
        return False  # (a word with a digit, "S6", is OCR for another word: "số", not "Sở")
    if not first.capital and ((m.line, first.index) not in after_units or (len(m.parts) < 2 and not first.listed)):
        return False  # lower case only right after a unit's name (the next cell: "Công an trung tâm")
    if len(m.parts) >= 2 or m.end - m.begin >= 2 or first.listed:
        return True  # two or more unit words (or their initials), or the next item of a list, begin a cell
    if any(o.first == m.first and o.line == m.line and len(o.parts) >= 2 and o.score >= 0.95 * len(o.parts)
           for o in others):
        return False  # the word begins another name read in full ("Công dân" is not "Công an")
    running = False
    for t in [t for t in line_tokens[m.last + 1:] if len(t.folded) >= 2][:2]:
        if t.capital or (m.line, t.index) in covered or not t.folded.isalpha():
            break  # the next cell begins
        if len(t.folded) >= 3:
            running = True
            break
    return not running


def _written(entry: Entry, chain: list[Mention]) -> str:
    """The unit's name as the vocabulary writes it, with the initials the cell used where it
    shortened a run of words ("Trung tâm Phục vụ" + "HCC")."""
    short = {i: (j, m.tokens[t - m.first].text) for m in chain for t, i, j in m.parts
             if j - i >= 2 and m.tokens[t - m.first].upper}
    if not short:
        return entry.name
    shown = [w for w in _WORD.findall(entry.name) if words(w) not in _JOINERS]
    if len(shown) != len(entry.tokens):
        return entry.name
    out, i = [], 0
    while i < len(shown):
        if i in short:
            out.append(short[i][1])
            i = short[i][0]
        else:
            out.append(shown[i])
            i += 1
    return " ".join(out)


def _units(mentions: list[Mention], tokens: dict[int, list[_Token]], vocab: Vocabulary,
           after_units: set[tuple[int, int]] | None = None) -> list[Unit]:
    """The unit names of a row, each from a chain of fragments, none sharing a word; `after_units`:
    the words that follow a unit's name on their line, where a lower-case name may begin."""
    covered = _surely_covered(mentions)
    after_units = after_units or set()
    by_entry: dict[int, list[Mention]] = {}
    by_line: dict[int, list[Mention]] = {}
    for m in mentions:
        by_entry.setdefault(m.entry, []).append(m)
        by_line.setdefault(m.line, []).append(m)
    units: list[Unit] = []
    for m in mentions:
        entry = vocab.entries[m.entry]
        n = len(entry.tokens)
        if m.begin == 0 and _starts_name(m, tokens[m.line], covered, after_units, by_line[m.line]):
            chain, score, skips = [m], m.score, 0
            while chain[-1].end < n:
                last = chain[-1]
                options = [c for c in by_entry[m.entry]
                           if last.line < c.line <= last.line + 2
                           and c.begin in ((last.end, last.end + 1, last.end - 1) if n >= 4 else (last.end,))
                           and not c.tokens[0].after_text_word and c.end > last.end
                           and (c.begin == last.end or not _running_on(c, tokens[c.line], covered))
                           and not _inside_text_name(c, by_line[c.line])]
                if not options:
                    break
                # the next words (no word skipped), the reading that ends the name, the nearest
                # line, and on it the rightmost (cells stand right of the name)
                nxt = min(options, key=lambda c: (c.begin != last.end, c.end != n, c.line, -c.score, -c.first))
                skips += nxt.begin != last.end
                chain.append(nxt)
                score += nxt.score if nxt.begin >= last.end else nxt.score - 1
            # a repeat of the cell's words on a line between two of its lines (OCR reads a line's
            # accents as a line of their own) marks where the cell stands on that line too
            for a, b in zip(list(chain), chain[1:], strict=False):
                repeats = [c for c in by_entry[m.entry] if a.line < c.line < b.line
                           and (a.begin <= c.begin and c.end == a.end or c.begin == b.begin and c.end <= b.end)
                           and c.score >= 0.95 * len(c.parts) and not c.tokens[0].after_text_word
                           and not _inside_text_name(c, by_line[c.line])]
                chain += sorted(repeats, key=lambda c: -c.first)[:1]  # the rightmost: cells stand right of the name
            chain.sort(key=lambda c: c.line)
            reached = max(c.end for c in chain)
            # a name read only in part: by its own words (not initials), most of them
            words_read = len({i for c in chain for _, i, j in c.parts if j - i == 1})
            if reached == n:
                units.append(Unit(m.entry, _written(entry, chain), chain, score + 2 - skips))
            elif words_read >= 3 and words_read >= 0.6 * n:
                units.append(Unit(m.entry, _written(entry, chain), chain, score - 0.5))
            elif words_read >= 3 and words_read == reached and _only_name_beginning(vocab, entry, reached):
                # the first words of one name only ("Trung tâm phục" / … its other words lost to
                # OCR or wrapped into the next row): that name
                units.append(Unit(m.entry, _written(entry, chain), chain, score - 1))
        elif m.begin > 0 and m.end == n and len(m.parts) >= 3 and len(m.parts) >= 0.5 * n \
                and not m.tokens[0].after_text_word and m.tokens[0].capital \
                and not any(o.line == m.line and o.first < m.first <= o.last for o in mentions):
            # the last words of a name whose first words OCR destroyed ("Hating va Do thi")
            units.append(Unit(m.entry, _written(entry, [m]), [m], m.score - 1))
    # of two readings of one name that score alike, the one that leaves the words of the next
    # cell to that cell ("Van / phong HDND" over "Van Phong" when "Phong KT,HT" stands beside it)
    spots_of = [_covered(u.mentions) for u in units]
    clashes = [sum(1 for k, other in enumerate(units) if other.entry != u.entry and spots_of[k] & spots_of[i])
               for i, u in enumerate(units)]
    order = sorted(range(len(units)), key=lambda i: (-units[i].score, clashes[i], units[i].lines[0]))
    units = [units[i] for i in order]
    picked: list[Unit] = []
    used: set[tuple[int, int]] = set()
    for u in units:
        spots = _covered(u.mentions)
        if spots & used:
            continue
        picked.append(u)
        used |= spots
    return picked


def _inside_text_name(m: Mention, on_line: list[Mention]) -> bool:
    """Whether a run is the later words of the same name written whole in the task's own text
    ("… tại Trung tâm Phục vụ hành chính công xã"): no part of a wrapped cell."""
    return any(o.entry == m.entry and o.begin == 0 and o.first < m.first <= o.last and o.tokens[0].after_text_word
               and o.score >= 0.95 * len(o.parts) and sum(j - i for _, i, j in o.parts) == o.end - o.begin
               for o in on_line)  # (read exactly, no word skipped: "phường, tế, Hạ tầng" is no "Phòng …")


def _running_on(m: Mention, line_tokens: list[_Token], covered: set[tuple[int, int]]) -> bool:
    """Whether lower-case words of running text follow a name's words on their line ("trang
    thông tin điện tử phục vụ …"): the task's own text, not the rest of a wrapped unit cell
    (asked of a fragment that skips a word of the name, a guess that needs more proof)."""
    following = [t for t in line_tokens[m.last + 1:] if len(t.folded) >= 2][:2]
    return len(following) == 2 and all(
        not t.capital and t.folded.isalpha() and len(t.folded) >= 3 and (m.line, t.index) not in covered
        for t in following)


def _only_name_beginning(vocab: Vocabulary, entry: Entry, k: int) -> bool:
    """Whether no other name of the vocabulary begins with the first `k` words of `entry`."""
    head = entry.tokens[:k]
    return sum(1 for e in vocab.entries if e.tokens[:k] == head) == 1


def _position(u: Unit, line: int) -> int | None:
    for m in u.mentions:
        if m.line == line:
            return m.first
    return None


def _assign(units: list[Unit], anchor: int, joined) -> list[int]:
    """Column (0 or 1) of each unit: left-to-right order on shared lines, one column's names one
    after another down the row, columns centred on the numbered line, a short lead column."""
    k = len(units)
    if k == 1:
        return [0]
    order = sorted(range(k), key=lambda i: (units[i].lines[0], units[i].mentions[0].first))
    if k > _MAX_UNITS:
        return [0 if i == order[0] else 1 for i in range(k)]
    best: tuple[float, list[int]] | None = None
    for cols in product((0, 1), repeat=k):
        if 0 not in cols:
            continue
        if not _consistent(units, cols):
            continue
        cost = 0.0
        for c in (0, 1):
            members = [units[i] for i in range(k) if cols[i] == c]
            if not members:
                continue
            top = min(u.lines[0] for u in members)
            bottom = max(u.lines[-1] for u in members)
            cost += abs((top + bottom) / 2 - anchor)
        for c in (0, 1):
            members = sorted((units[i] for i in range(k) if cols[i] == c), key=lambda u: (u.lines[0], u.mentions[0].first))
            for a, b in zip(members, members[1:], strict=False):
                # one cell names two units as a list ("Phòng KTHTĐT;" / "Công an phường"); the lead
                # cell names two only so
                cost += -0.5 if joined(a, b) else 3.0 if c == 0 else 0.0
        lead = [units[i] for i in range(k) if cols[i] == 0]
        cost += sum(2.0 for u in lead if "lien quan" in words(u.name))
        # where the lines cannot tell, a named office leads and a collective ("Các cơ quan,
        # đơn vị") supports
        if any(_generic(u) for u in lead) and any(not _generic(units[i]) for i in range(k) if cols[i] == 1):
            cost += 0.1
        cost += 0.01 * sum(order.index(i) for i in range(k) if cols[i] == 0)
        if best is None or cost < best[0]:
            best = (cost, list(cols))
    if best is None:
        return [0 if i == order[0] else 1 for i in range(k)]
    return best[1]


def _generic(u: Unit) -> bool:
    return words(u.name).startswith(("cac ", "cong dan", "nguoi dan"))


def _consistent(units: list[Unit], cols: tuple[int, ...]) -> bool:
    lines = sorted({ln for u in units for ln in u.lines})
    for ln in lines:
        here = sorted((p, cols[i]) for i, u in enumerate(units) if (p := _position(u, ln)) is not None)
        if any(a[1] > b[1] for a, b in zip(here, here[1:], strict=False)):
            return False
    for c in (0, 1):
        members = sorted((u for i, u in enumerate(units) if cols[i] == c),
                         key=lambda u: (u.lines[0], u.mentions[0].first))
        for a, b in zip(members, members[1:], strict=False):
            if a.lines[-1] > b.lines[0]:
                return False
            if a.lines[-1] == b.lines[0] and a.mentions[-1].first > b.mentions[0].first:
                return False
    return True


def _listed(lines: list[Line], units: list[Unit], a: Unit, b: Unit) -> bool:
    """Whether b can follow a in one cell as the next item of a list: a comma or semicolon after
    a, and b right after it on the line or on one of the next two lines."""
    last = a.mentions[-1]
    after = lines[last.line].source[last.tokens[-1].end:]
    if not re.match(r"\s*[,;]", after):
        return False
    first = b.mentions[0]
    beside = [u for u in units if u is not a and any(m.line == last.line and m.first == last.last + 1 and m.begin == 0
                                                      for m in u.mentions)]
    if beside and b not in beside:
        return False  # the list goes on with the name right after the comma
    if first.line == last.line:
        return first.first == last.last + 1
    return last.line < first.line <= last.line + 2


def _separator(line: Line, u: Unit) -> str:
    end = u.mentions[-1].tokens[-1].end
    after = line.source[end:end + 2]
    return "; " if ";" in after else ", "


def read_cells(lines: list[Line], anchor: int, level: str | None, extra: tuple[str, ...] = ()) -> Cells | None:
    """The unit cells of one flattened row (`anchor`: index of its numbered line), None when no
    unit name is found."""
    vocab = vocabulary(level, extra)
    key = (tuple(id(line) for line in lines), anchor, id(vocab))
    hit = _ROW_CACHE.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], lines, strict=True)):
        return hit[1]
    tokens: dict[int, list[_Token]] = {}
    mentions: list[Mention] = []
    for no, line in enumerate(lines):
        tokens[no], found = _read_line(line, no, vocab)
        mentions += found
    cells = _cells(lines, anchor, tokens, mentions, vocab)
    if len(_ROW_CACHE) > 2000:
        _ROW_CACHE.clear()
    _ROW_CACHE[key] = (list(lines), cells)
    return cells


# rows are read more than once while `settle_rows` tries where a line belongs; the cached entries
# keep their lines so an id is never taken for another line's
_ROW_CACHE: dict[tuple, tuple[list[Line], Cells | None]] = {}
_LINE_CACHE: dict[tuple[int, int], tuple[Line, list[_Token], list[Mention]]] = {}


def _read_line(line: Line, no: int, vocab: Vocabulary) -> tuple[list[_Token], list[Mention]]:
    """The words and name fragments of one line (read once per line, placed at row line `no`)."""
    key = (id(line), id(vocab))
    hit = _LINE_CACHE.get(key)
    if hit is None or hit[0] is not line:
        tokens = _tokens(line, 0)
        hit = (line, tokens, _mentions(tokens, vocab))
        if len(_LINE_CACHE) > 5000:
            _LINE_CACHE.clear()
        _LINE_CACHE[key] = hit
    _, tokens, mentions = hit
    if no == 0:
        return tokens, mentions
    placed = [replace(t, line=no) for t in tokens]
    return placed, [replace(m, line=no, tokens=placed[m.first:m.last + 1]) for m in mentions]


def in_running_text(line: Line, pos: int) -> bool:
    """Whether the word at raw position `pos` follows a word such as "của", "cho", "với" (a unit
    named in the task's own text: "Báo cáo của Ban Chỉ đạo"), so it begins no cell."""
    return any(t.start == pos and t.after_text_word for t in _tokens(line, 0))


def _cells(lines: list[Line], anchor: int, tokens: dict[int, list[_Token]], mentions: list[Mention],
           vocab: Vocabulary) -> Cells | None:
    units = _units(mentions, tokens, vocab)
    if not units:
        return None
    after = {(m.line, m.last + 1) for u in units for m in u.mentions}
    if any(not t.capital for no, i in after if i < len(tokens[no]) for t in [tokens[no][i]]):
        units = _units(mentions, tokens, vocab, after)
    cols = _assign(units, anchor, lambda a, b: _listed(lines, units, a, b))
    lead_units = sorted((u for u, c in zip(units, cols, strict=True) if c == 0),
                        key=lambda u: (u.lines[0], u.mentions[0].first))
    support = sorted((u for u, c in zip(units, cols, strict=True) if c == 1),
                     key=lambda u: (u.lines[0], u.mentions[0].first))
    lead = ""
    for k, u in enumerate(lead_units):
        lead += u.name if k == 0 else _separator(lines[lead_units[k - 1].lines[-1]], lead_units[k - 1]) + u.name
    starts: dict[int, int] = {}
    used: dict[int, set[int]] = {}
    for u in units:
        for m in u.mentions:
            # from the start of the OCR word that holds it ("&DPT," is cut whole, not after "&")
            raw = lines[m.line].source
            begin = m.tokens[0].start
            while begin > 0 and not raw[begin - 1].isspace():
                begin -= 1
            starts[m.line] = min(starts.get(m.line, 10**6), begin)
            used.setdefault(m.line, set()).update(t.index for t in m.tokens)
    unit_lines = {no for no, idx in used.items()
                  if all(t.index in idx or len(t.folded) <= 1 for t in tokens[no])}
    names = []
    for u in support:
        if u.name not in names:
            names.append(u.name)
    return Cells(lead or None, names, units, starts, unit_lines)



def _unit_score(lines: list[Line], anchor: int, level: str | None, extra: tuple[str, ...] = ()) -> float:
    cells = read_cells(lines, anchor, level, extra)
    return sum(u.score for u in cells.units) if cells else 0.0


def cell_line(line: Line, level: str | None, extra: tuple[str, ...] = ()) -> bool:
    """A line with no more than two words of running text besides unit words: it holds cells,
    not a task's name, so it may belong to either neighbouring row."""
    tokens = _tokens(line, 0)
    covered = {(0, t.index) for m in _mentions(tokens, vocabulary(level, extra)) if len(m.parts) >= 2 or m.tokens[0].upper
               for t in m.tokens}
    running = [t for t in tokens if t.folded.isalpha() and len(t.folded) >= 3 and (0, t.index) not in covered]
    return len(running) <= 2


def settle_rows(rows: list[Row], level: str | None, extra: tuple[str, ...] = ()) -> list[Row]:
    """Move a line between two numbered rows where that makes more whole unit names: a line
    that begins the next row's cells ("Phòng Văn hóa - Céc phòng,") sometimes stands above the
    number with the previous row's lines, and a cell's last words below the previous number."""
    rows = list(rows)
    for k in range(len(rows) - 1):
        for _ in range(2):
            a, b = rows[k], rows[k + 1]
            if ROMAN.match(a.code or "") or ROMAN.match(b.code or ""):
                break
            here = _unit_score(a.lines, a.anchor, level, extra) + _unit_score(b.lines, b.anchor, level, extra)
            options = []
            if len(a.lines) - 1 > a.anchor and cell_line(a.lines[-1], level, extra):
                options.append((Row(a.lines[:-1], a.anchor, a.code, a.partial), Row(a.lines[-1:] + b.lines, b.anchor + 1, b.code, b.partial)))
            if b.anchor > 0 and cell_line(b.lines[0], level, extra):
                options.append((Row(a.lines + b.lines[:1], a.anchor, a.code, a.partial), Row(b.lines[1:], b.anchor - 1, b.code, b.partial)))
            best = None
            for new_a, new_b in options:
                score = _unit_score(new_a.lines, new_a.anchor, level, extra) + _unit_score(new_b.lines, new_b.anchor, level, extra)
                if score > here + 1.0 and (best is None or score > best[0]):
                    best = (score, new_a, new_b)
            if best is None:
                break
            a, b = best[1], best[2]
            # text in lower case that was below the moved line goes on with the row above
            while b.anchor > 0 and re.match(r"^\W{0,2}[" + SMALL + r"]{2,}", b.lines[0].source) \
                    and not is_junk(" ".join(b.lines[0].source.split()[:3])):
                a, b = Row(a.lines + b.lines[:1], a.anchor, a.code, a.partial), Row(b.lines[1:], b.anchor - 1, b.code, b.partial)
            rows[k], rows[k + 1] = a, b
    return rows


# a numbered heading that names a unit ("4. Trung tâm Phục vụ hành chính công", "11. Ban điều
# hành các khu phố"): the plan's own units, in its section on who does what
_UNIT_HEADING = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*(?:Đề nghị\s+)?((?:Phòng|Văn phòng|Trung tâm|Công an|Ban|Ủy ban|Hội|Đoàn|Trạm|Trường|"
    r"Các|Bưu điện|Chi nhánh|Hợp tác xã|Tổ)\b[^.:;]{2,80})$")


def document_units(lines: list[Line]) -> tuple[str, ...]:
    """Units a plan names in numbered headings of its own ("3. Phòng Kinh tế, Hạ tầng và Đô
    thị"), read from the repaired text, to be found in its tables beside the vocabulary's."""
    found: list[str] = []
    for line in lines:
        if line.cells is not None:
            continue
        m = _UNIT_HEADING.match(line.text)
        if m is None:
            continue
        name = m.group(1).strip(" ,")
        known = process.extractOne(words(name), [fw for fw, _ in folded_vocabulary()], scorer=fuzz.ratio)
        if known is not None and known[1] >= 85:
            continue  # the vocabulary's own name (written out or OCR-damaged: "Hạ từng và Ở thì")
        if 2 <= len(name.split()) <= 10 and name not in found:
            found.append(name)
    return tuple(found)
