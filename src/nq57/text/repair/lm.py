"""Turn text into the syllable stream the language model sees, and train a Kneser-Ney bigram."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from .syllables import nfc
from .tokens import split_line

BOS = "<s>"  # line or sentence start
NUM = "<n>"  # a number, date or document code
ABBR = "<x>"  # a word that is not a Vietnamese syllable (UBND, TTHC, email, ...)
PUNCT = "<p>"  # , ; : ( ) and the like inside a sentence
SPECIAL = [BOS, NUM, ABBR, PUNCT]
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


def stream(line: str, inventory: set[str]) -> Iterator[str]:
    """Lower-case syllables and markers of one clean line, starting with BOS."""
    yield BOS
    for piece in split_line(nfc(line)):
        if piece.word:
            low = piece.text.lower()
            yield low if low in inventory else ABBR
        elif piece.text.strip() == "":
            continue
        elif any(ch.isdigit() for ch in piece.text):
            yield NUM
        elif _SENTENCE_END.search(piece.text):
            yield BOS
        elif piece.text.strip() in {"-", "–"}:
            continue
        else:
            yield PUNCT


class BigramCounts:
    def __init__(self) -> None:
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()

    def add(self, tokens: Iterable[str], weight: int = 1) -> None:
        prev2 = prev = None
        for tok in tokens:
            if tok == BOS:
                prev2 = None
            self.unigrams[tok] += weight
            if prev is not None and not (prev == BOS and tok == BOS):
                self.bigrams[(prev, tok)] += weight
                if prev2 is not None:
                    self.trigrams[(prev2, prev, tok)] += weight
            prev2, prev = prev, tok

    def trigram_kn(self, big: dict[tuple[str, str], float], back: dict[str, float], uni: dict[str, float],
                   discount: float = 0.8, min_count: int = 2):
        """(trigram log-probs for pairs seen `min_count` times, back-off log-weights per context)."""
        ctx: Counter[tuple[str, str]] = Counter()
        right: Counter[tuple[str, str]] = Counter()
        for (a, b, _c), n in self.trigrams.items():
            ctx[(a, b)] += n
            right[(a, b)] += 1
        tri, tback = {}, {}
        for ab, n in ctx.items():
            tback[ab] = math.log(discount * right[ab] / n)
        for (a, b, c), n in self.trigrams.items():
            if n < min_count:
                continue
            lower = big.get((b, c))
            if lower is None:
                lower = back.get(b, 0.0) + uni[c]
            ab = (a, b)
            p = max(n - discount, 0.0) / ctx[ab] + math.exp(tback[ab]) * math.exp(lower)
            tri[(a, b, c)] = math.log(p)
        return tri, tback
    def kneser_ney(self, vocab: list[str], discount: float = 0.75, alpha: float = 0.5, freq_mix: float = 0.5):
        """(unigram log-probs, bigram log-probs for seen pairs, back-off log-weights)."""
        left: Counter[str] = Counter()  # distinct left neighbours of each word
        right: Counter[str] = Counter()  # distinct right neighbours
        ctx: Counter[str] = Counter()  # how often each word is a left context
        for (a, b), n in self.bigrams.items():
            left[b] += 1
            right[a] += 1
            ctx[a] += n
        total_types = sum(left.values())
        denom = total_types + alpha * len(vocab)
        # Continuation counts mixed with plain frequency: small corpora make either alone noisy.
        total = sum(self.unigrams.values())
        fdenom = total + alpha * len(vocab)
        uni = {w: math.log((1 - freq_mix) * (left[w] + alpha) / denom
                           + freq_mix * (self.unigrams[w] + alpha) / fdenom) for w in vocab}
        back = {}
        for a in ctx:
            back[a] = math.log(discount * right[a] / ctx[a])
        big = {}
        for (a, b), n in self.bigrams.items():
            p = max(n - discount, 0.0) / ctx[a] + discount * right[a] / ctx[a] * math.exp(uni[b])
            big[(a, b)] = math.log(p)
        return uni, big, back


def add_word_list(big: dict[tuple[str, str], float], back: dict[str, float], uni: dict[str, float],
                  words: Iterable[list[str]], weight: float = 0.05) -> None:
    """Raise P(b|a) for syllable pairs inside dictionary words ('cô hồn', 'an toàn').

    A word list says which pairs exist, not how often: each pair of a word list gets a share
    `weight` of its first syllable's mass, on top of what running text says.
    """
    followers: dict[str, set[str]] = {}
    for syls in words:
        for a, b in zip(syls, syls[1:], strict=False):
            followers.setdefault(a, set()).add(b)
    for a, bs in followers.items():
        share = weight / len(bs)
        for b in bs:
            p = big.get((a, b))
            base = math.exp(p) if p is not None else math.exp(back.get(a, 0.0) + uni[b])
            big[(a, b)] = math.log(base + share)
