"""Viterbi search over candidate syllables with the bigram language model."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .glued import KNOWN_LATIN
from .lm import ABBR, BOS, NUM, PUNCT
from .model import RepairModel
from .tokens import Piece

LM_WEIGHT = 0.8
BEAM = 6
DIGIT_WORD_PENALTY = math.log(0.05)
LO_READ_AS_FIGURES = re.compile(r"1[06]m")  # "lõm", "lôm" with the l and the marked o read as 1 and 6


@dataclass
class Slot:
    """One position of the search: a word with candidates, or a fixed marker."""

    piece: int | None  # index of the word piece, None for markers
    cands: tuple[tuple[int, float], ...]


def _standalone(pieces: list[Piece], i: int) -> bool:
    """Piece i is glued to no word or figure on either side (spaces, marks or the line's ends)."""
    before = pieces[i - 1].text if i else " "
    after = pieces[i + 1].text if i + 1 < len(pieces) else " "
    return not before[-1:].isalnum() and not after[:1].isalnum()


def slots_for(pieces: list[Piece], model: RepairModel, flat: bool) -> list[Slot]:
    ids = model.ids
    slots = [Slot(None, ((ids[BOS], 0.0),))]
    # OCR evidence: marks, or a word no syllable is spelt like ("chirc"); only then may a lone
    # onset be a syllable whose vowel was lost ("can b, cong chirc"), not a list letter ("điểm b")
    scanned = not flat or any(p.word and len(p.text) >= 3 and p.text.lower() not in model.skeletons
                              for p in pieces)
    for i, p in enumerate(pieces):
        if len(p.text) == 1 and i + 1 < len(pieces) and pieces[i + 1].text.startswith(")") \
                and not any(q.text.strip() for q in pieces[:i]):
            # "a) …", "b) …", "6) …" at the line's start: a list mark, never a word ("ở)", "có)")
            slots.append(Slot(None, ((ids[ABBR] if p.word else ids[NUM], 0.0),)))
            continue
        if p.word and p.text.lower() in KNOWN_LATIN:
            slots.append(Slot(None, ((ids[ABBR], 0.0),)))  # "wifi", "camera": kept as written
            continue
        if p.word:
            cands = model.candidates(p.text, flat)
            if scanned and len(p.text) <= 2:
                cands = model.with_lost_vowel(p.text, cands)
            slots.append(Slot(i, cands) if cands else Slot(None, ((ids[ABBR], 0.0),)))
        elif not p.text.strip() or p.text.strip() in {"-", "–"}:
            continue
        elif not flat and p.text.isdigit() and len(p.text) <= 2 and p.text in model.table and _standalone(pieces, i):
            # "16" may be a number or "lệ" read by OCR: the language model decides (not a figure
            # split off a word it was glued to, "ho0", "0tinh": that one is a figure).
            cands = ((ids[NUM], 0.0),) + tuple((sid, lp + DIGIT_WORD_PENALTY) for sid, lp in model.table[p.text])
            slots.append(Slot(i, cands))
        elif not flat and LO_READ_AS_FIGURES.fullmatch(p.text) and _standalone(pieces, i):
            # "16m" is 16 metres, or "lõm" read by OCR ("vùng 16m sóng"): the language model decides
            cands = ((ids[NUM], 0.0),) + tuple((sid, lp + DIGIT_WORD_PENALTY) for sid, lp in model.candidates(p.text, flat))
            slots.append(Slot(i, cands))
        elif any(ch.isdigit() for ch in p.text):
            slots.append(Slot(None, ((ids[NUM], 0.0),)))
        elif any(ch in ".!?…" for ch in p.text):
            slots.append(Slot(None, ((ids[BOS], 0.0),)))
        else:
            slots.append(Slot(None, ((ids[PUNCT], 0.0),)))
    return slots


def viterbi(slots: list[Slot], model: RepairModel) -> tuple[list[int], list[float]]:
    """Best syllable id per slot (trigram beam search), and each chosen word's confidence (0..1)."""
    tri, tback, big, back, uni = model.tri, model.tback, model.big, model.back, model.uni
    w = LM_WEIGHT
    # state (previous id, current id) -> (score, back-pointer state)
    beams: list[dict[tuple[int, int], tuple[float, tuple[int, int]]]] = [
        {(-1, slots[0].cands[0][0]): (0.0, (-1, -1))}]
    for k in range(1, len(slots)):
        cands = slots[k].cands
        cur: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
        # The bigram part of a candidate's score depends on the previous word only: worked out
        # once per previous word, not once per beam state.
        lower_by_prev: dict[int, list[tuple[int, float, float]]] = {}
        for state, (score, _) in beams[-1].items():
            a, b = state
            lower = lower_by_prev.get(b)
            if lower is None:
                bo2 = back.get(b, 0.0)
                lower = lower_by_prev[b] = [
                    (sid, ch, p if (p := big.get((b, sid))) is not None else bo2 + uni[sid]) for sid, ch in cands
                ]
            bo3 = tback.get(state)  # None: no trigram has the context (a, b), the bigram stands
            for sid, ch, low in lower:
                if bo3 is None:
                    p = low
                else:
                    p = tri.get((a, b, sid))
                    if p is None:
                        p = low + bo3
                s = score + ch + w * p
                key = (b, sid)
                old = cur.get(key)
                if old is None or s > old[0]:
                    cur[key] = (s, state)
        if len(cur) > BEAM:
            cur = dict(sorted(cur.items(), key=lambda kv: (-kv[1][0], kv[0]))[:BEAM])
        beams.append(cur)
    state = max(beams[-1].items(), key=lambda kv: kv[1][0])[0]
    path = [state[1]]
    for k in range(len(slots) - 1, 0, -1):
        state = beams[k][state][1]
        path.append(state[1])
    path.reverse()
    return path, _confidences(slots, path, model)


def _confidences(slots: list[Slot], path: list[int], model: RepairModel) -> list[float]:
    """Posterior of the chosen word against its alternatives, given the chosen neighbours."""
    big, back, uni = model.big, model.back, model.uni  # model.lm inlined: this runs per candidate
    last = len(slots) - 1
    conf = []
    for k, slot in enumerate(slots):
        if len(slot.cands) == 1:
            conf.append(1.0)
            continue
        prev = path[k - 1]
        after = path[k + 1] if k < last else None
        prev_back = back.get(prev, 0.0)
        scores = []
        for sid, ch in slot.cands:
            p = big.get((prev, sid))
            s = ch + LM_WEIGHT * (prev_back + uni[sid] if p is None else p)
            if after is not None:
                p = big.get((sid, after))
                s += LM_WEIGHT * (back.get(sid, 0.0) + uni[after] if p is None else p)
            scores.append((s, sid))
        top = max(s for s, _ in scores)
        z = sum(math.exp(s - top) for s, _ in scores)
        chosen = next(s for s, sid in scores if sid == path[k])
        conf.append(math.exp(chosen - top) / z)
    return conf
