"""The built repair model, loaded once, and the candidate syllables for an observed word."""

from __future__ import annotations

import gzip
import itertools
import math
import pickle
import re
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nq57.text.vietnamese import SMALL

from .abbreviations import is_abbreviation
from .syllables import strip_marks, untone

MODEL_PATH = Path(__file__).parent / "data" / "model.pkl.gz"
# a capitalised word whose marked vowel the scan read as a capital ("COng", "HOi", "PAu")
_SECOND_VOWEL_UP = re.compile(r"^[A-ZĐ][AEIOUY][" + SMALL + r"]{1,4}$")
# a word in capitals whose marked last vowel the scan read small ("CHi TIÊU", "KINH PHi")
LAST_VOWEL_DOWN = re.compile(r"[A-ZĐ]{2,3}[aeiouy]")
UNSEEN_CHAR = math.log(1e-4)
PLAUSIBLE_CHAR = math.log(1e-2)
TONE_BACKOFF = math.log(0.3)
VOWELISH = set("aăâeêioôơuưyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ06@&€¢4")
EDIT_PENALTY = math.log(1e-4)
ALWAYS_NEAR = False  # one letter lost or added by OCR
MAX_CANDIDATES = 8
MAX_NEAR = 4
# A word that is nothing but an onset ("b", "s", "kh"): OCR lost the vowel with its stacked
# marks ("cán b, công chức", "chữ ký s"). Syllables of that onset and a bare vowel are offered
# at this cost, and the language model picks one.
LOST_VOWEL = math.log(1e-3)
DOUBLED_MARK = re.compile(r"[aeiouyàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵâêô]([¢€])")
DOUBLED_MARK_COST = math.log(0.2)
W_FOR_TR = math.log(0.1)
MAX_LOST_VOWEL = 6
ONSET_ONLY = re.compile(r"(?:ch|kh|ph|th|tr|nh|ng|b|c|d|đ|g|h|k|l|m|n|r|s|t|v|x)")
ROMAN = re.compile(r"[IVX][IVXl1|]{0,3}")  # "Il" is II read badly
FLAT_MATCH = math.log(0.5)  # plain spelling of a syllable, in a line without any marks
FLAT_OTHER = math.log(0.1)  # another spelling ("ben" read as "đến"), in a line without any marks
FLAT_UNKNOWN_MIN = math.log(0.05)  # letter-for-letter reading of an unknown word in a line without marks
FLAT_NEAR_LETTERS = 5  # an unknown word in a line without marks may have lost or gained a letter from this long
# ... when it bears OCR's mark of a horned or hatted vowel read as a consonant ("dugce" được,
# "nudce" nước, "chuog" chương): a vowel, then d/g/q before a consonant or the end. Latin words
# ("virus", "video", "radio") rarely do.
MARKED_VOWEL_AS_CONSONANT = re.compile(r"[aeiouy][dgq](?:[^aeiouy]|$)")
# Government documents spell these with y (kỹ năng, ký số, kỳ họp, quản lý, thẩm mỹ); OCR that
# reads ỹ as "i" must not turn them into the other spelling.
Y_SPELLING = {"kì": "kỳ", "kí": "ký", "kỉ": "kỷ", "kĩ": "kỹ", "kị": "kỵ", "lí": "lý", "mĩ": "mỹ"}


class RepairModel:
    def __init__(self, data: dict) -> None:
        self.vocab: list[str] = data["vocab"]
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.uni: list[float] = data["uni"]
        self.big: dict[tuple[int, int], float] = data["big"]
        self.tri: dict[tuple[int, int, int], float] = data["tri"]
        self.tback: dict[tuple[int, int], float] = data["tback"]
        self.back: dict[int, float] = data["back"]
        self.table: dict[str, list[tuple[int, float]]] = data["table"]
        self.char_logp: dict[tuple[str, str], float] = data["char_logp"]
        self.char_totals: dict[str, int] = data["char_totals"]
        self.base_logp: dict[tuple[str, str], float] = data["base_logp"]
        self.options: dict[str, str] = data["options"]
        self.skeletons: dict[str, list[int]] = data["skeletons"]
        self.deletes: dict[str, list[str]] = data["deletes"]
        self.skeleton_list = list(self.skeletons)
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)
        self._by_onset: dict[str, list[int]] | None = None
        self.y_spelling = {self.ids[i]: self.ids[y] for i, y in Y_SPELLING.items()
                           if i in self.ids and y in self.ids}

    def lm(self, a: int, b: int) -> float:
        p = self.big.get((a, b))
        if p is not None:
            return p
        return self.back.get(a, 0.0) + self.uni[b]

    def lm3(self, a: int, b: int, c: int) -> float:
        p = self.tri.get((a, b, c))
        if p is not None:
            return p
        w = self.tback.get((a, b))
        return self.lm(b, c) if w is None else w + self.lm(b, c)

    def char_channel(self, syllable: str, observed: str) -> float:
        """log P(observed | syllable) letter by letter (same length only).

        Learned from clean renders; real scans are worse, so a reading known to happen for the
        letter's plain form (€ for e, 6 for o) never scores below PLAUSIBLE_CHAR.
        """
        total = 0.0
        for c, o in zip(syllable, observed, strict=True):
            p = self.char_logp.get((c, o))
            if p is None:
                base = self.base_logp.get((untone(c)[0], o))
                p = base + TONE_BACKOFF if base is not None else UNSEEN_CHAR
                if c == o and c not in self.char_totals:
                    p = 0.0
            if p < PLAUSIBLE_CHAR and c != o and strip_marks(c) in self.options.get(o, ""):
                p = PLAUSIBLE_CHAR
            total += p
        return total

    def _keys(self, low: str) -> list[str]:
        """Plain-letter spellings the observed word may stand for ('d6i' -> 'doi', ...)."""
        choices = []
        for ch in low:
            opts = self.options.get(ch)
            plain = strip_marks(ch)
            if opts is None:
                opts = plain if plain.isalpha() else ""
            elif plain.isalpha() and plain not in opts:
                opts = plain + opts
            if not opts:
                return []
            choices.append(opts[:3])
        return ["".join(p) for p in itertools.islice(itertools.product(*choices), 64)]

    def _candidates(self, word: str, flat: bool) -> tuple[tuple[int, float], ...]:
        """(syllable id, log P(word | syllable)) for the likeliest syllables, best first.

        `flat`: the line has no marks at all (typed without accents, or OCR that dropped them
        all), so every syllable with the word's plain spelling may have produced it.
        """
        # Debris with no known reading (’ ` ") is dropped: "dug’c" reads as "dugc".
        low = "".join(ch for ch in word.lower() if ch.isalpha() or ch in self.options)
        if ROMAN.fullmatch(word):
            return ()  # heading numbers: I, II, IV, VI
        if sum(ch.isupper() for ch in word) >= 2 and any(ch.islower() for ch in word) and not _SECOND_VOWEL_UP.match(word) \
                and not LAST_VOWEL_DOWN.fullmatch(word):
            return ()  # mixed case is a name or abbreviation: VNeID, IoT, eKYC (not "COng", "PAu": Công, Đầu)
        if is_abbreviation(word, low in self.skeletons or low in self.ids or word in self.table or low in self.table):
            return ()  # UBND, STT, KH, TTHC: kept as written
        abbreviation = word.isupper() and len(word) > 1 and word not in self.table
        if abbreviation and not any(ch in VOWELISH for ch in low):
            return ()  # capitals without a vowel are an abbreviation: TTHC, CCCD, 5G
        scores: dict[int, float] = {}
        table: dict[int, float] = {}
        for key in {word, low, word.capitalize(), word.upper()}:
            for sid, lp in self.table.get(key, ()):
                table[sid] = max(table.get(sid, -1e9), lp)
        for key in dict.fromkeys(self._keys(low)):
            for sid in self.skeletons.get(key, ()):
                syl = self.vocab[sid]
                if len(syl) == len(low):
                    scores[sid] = self.char_channel(syl, low)
        unknown_flat = flat and not table and low not in self.skeletons
        if unknown_flat:
            # No marks, no Vietnamese spelling, never an OCR reading: a foreign word ("virus"),
            # unless OCR that lost every mark read a letter as a likely other ("tdm" tâm) or
            # added or lost one in a long word ("nudce" nước): then it is read as damage.
            scores = {sid: lp for sid, lp in scores.items() if lp >= FLAT_UNKNOWN_MIN}
            if not scores and not (len(low) >= FLAT_NEAR_LETTERS and MARKED_VOWEL_AS_CONSONANT.search(low)):
                return ()
        for sid, lp in table.items():
            char = scores.get(sid, -1e9)
            scores[sid] = math.log(0.8 * math.exp(lp) + 0.2 * math.exp(char))
        if flat:
            same = set(self.skeletons.get(low, ()))
            for sid in same:
                scores[sid] = max(scores.get(sid, -1e9), FLAT_MATCH)
            if same:  # typed without marks, the letters are mostly right: another spelling is a long shot
                scores = {sid: lp + (0.0 if sid in same else FLAT_OTHER) for sid, lp in scores.items()}
        # Forms clean renders never produced come from worse scans: look one letter further.
        plain_ok = flat and low in self.skeletons  # typed without marks: the letters are right
        if not abbreviation and not plain_ok and (
                not table or (low not in self.ids and low not in self.skeletons)
                or max(scores.values(), default=-1e9) < 2 * EDIT_PENALTY):
            near = {sid: EDIT_PENALTY for sid in self._near(low) if sid not in scores}
        else:
            near = {}
        if not scores and not near and not abbreviation and not unknown_flat and len(low) >= 4:
            near = self._far(low)
        if low.startswith("w") and len(low) >= 3 and not abbreviation:
            # "tr" run together into a "w" by the scan ("wong" trong, "wiéu" triệu, "wuyén" truyền)
            rest = low[1:]
            for key in dict.fromkeys(self._keys("tr" + rest)):
                for sid in self.skeletons.get(key, ()):
                    syl = self.vocab[sid]
                    if len(syl) == len(rest) + 2 and syl.startswith("tr"):
                        lp = W_FOR_TR + self.char_channel(syl[2:], rest)
                        scores[sid] = max(scores.get(sid, -1e9), lp)
        doubled = DOUBLED_MARK.search(word)
        if doubled and not flat:
            # the marked vowel read as two glyphs ("hé¢" hệ, "lié€u" liệu): also read without the second
            single = word[:doubled.start(1)] + word[doubled.end(1):]
            for sid, lp in self.candidates(single, flat):
                scores[sid] = max(scores.get(sid, -1e9), lp + DOUBLED_MARK_COST)
        for sid in [sid for sid in scores if sid in self.y_spelling]:
            lp = scores.pop(sid)
            scores[self.y_spelling[sid]] = max(scores.get(self.y_spelling[sid], -1e9), lp)
        # (ties go by the syllable's id: the same text gives the same reading whatever the hash seed)
        ranked = sorted(scores.items(), key=lambda kv: (-(kv[1] + self.uni[kv[0]]), kv[0]))[:MAX_CANDIDATES]
        if near:  # one-letter-away guesses only fill up, never push out direct readings
            extra = sorted(near.items(), key=lambda kv: (-self.uni[kv[0]], kv[0]))
            ranked += extra[:max(MAX_NEAR, MAX_CANDIDATES - len(ranked))]
        return tuple(ranked)

    def with_lost_vowel(self, word: str, cands: tuple[tuple[int, float], ...]) -> tuple[tuple[int, float], ...]:
        """`cands` of a word that is only an onset, with the syllables it may be the rest of."""
        low = word.lower()
        if not (word.islower() and ONSET_ONLY.fullmatch(low)):
            return cands
        lost = set(self._onset_syllables(low))
        ranked = [(sid, max(lp, LOST_VOWEL) if sid in lost else lp) for sid, lp in cands]
        return tuple(ranked + [(sid, LOST_VOWEL) for sid in sorted(lost - {sid for sid, _ in ranked})])

    def _onset_syllables(self, onset: str) -> list[int]:
        """The commonest syllables made of `onset` and a bare vowel ("b" -> bộ, bị, bà, ...)."""
        if self._by_onset is None:
            by_onset: dict[str, list[int]] = {}
            for skeleton, sids in self.skeletons.items():
                m = re.fullmatch(r"(ch|kh|ph|th|tr|nh|ng|[a-zđ])([aeiouy]{1,2})", skeleton)
                if m and ONSET_ONLY.fullmatch(m.group(1)):
                    by_onset.setdefault(m.group(1), []).extend(sids)
            self._by_onset = {k: sorted(v, key=lambda sid: (-self.uni[sid], sid))[:MAX_LOST_VOWEL]
                              for k, v in by_onset.items()}
        return self._by_onset.get(onset, [])

    def _far(self, low: str) -> dict[int, float]:
        """Syllables two letters away, for badly broken words ("ngwrdi" -> "người")."""
        keys = self._keys(low)[:4] or [low]
        found: dict[int, float] = {}
        for key in keys:
            for sk, dist, _ in process.extract(key, self.skeleton_list, scorer=Levenshtein.distance,
                                               score_cutoff=2, limit=6):
                for sid in self.skeletons[sk]:
                    found[sid] = max(found.get(sid, -1e9), dist * EDIT_PENALTY)
        return found

    def _near(self, low: str) -> set[int]:
        """Syllables one letter away from a plain reading of the word (OCR lost or added one)."""
        near: set[str] = set()
        for key in self._keys(low)[:8]:
            near.update(self.deletes.get(key, ()))
            for i in range(len(key)):
                shorter = key[:i] + key[i + 1:]
                if shorter in self.skeletons:
                    near.add(shorter)
                near.update(self.deletes.get(shorter, ()))
        return {sid for sk in near for sid in self.skeletons.get(sk, ())}


@cache
def load_model(path: Path = MODEL_PATH) -> RepairModel:
    if not path.exists():
        raise RuntimeError(f"{path}: thiếu mô hình sửa dấu; chạy `python -m nq57.text.repair.build`")
    with gzip.open(path, "rb") as f:
        return RepairModel(pickle.load(f))
