"""Viterbi search over candidate syllables with the bigram language model."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .lm import ABBR, BOS, NUM, PUNCT
from .model import RepairModel
from .tokens import Piece

LM_WEIGHT = 1.0


@dataclass
class Slot:
    """One position of the search: a word with candidates, or a fixed marker."""

    piece: int | None  # index of the word piece, None for markers
    cands: tuple[tuple[int, float], ...]


def slots_for(pieces: list[Piece], model: RepairModel, flat: bool) -> list[Slot]:
    ids = model.ids
    slots = [Slot(None, ((ids[BOS], 0.0),))]
    for i, p in enumerate(pieces):
        if p.word:
            cands = model.candidates(p.text, flat)
            slots.append(Slot(i, cands) if cands else Slot(None, ((ids[ABBR], 0.0),)))
        elif not p.text.strip() or p.text.strip() in {"-", "–"}:
            continue
        elif any(ch.isdigit() for ch in p.text):
            slots.append(Slot(None, ((ids[NUM], 0.0),)))
        elif any(ch in ".!?…" for ch in p.text):
            slots.append(Slot(None, ((ids[BOS], 0.0),)))
        else:
            slots.append(Slot(None, ((ids[PUNCT], 0.0),)))
    return slots


def viterbi(slots: list[Slot], model: RepairModel) -> tuple[list[int], list[float]]:
    """Best syllable id per slot, and each chosen word's confidence (0..1)."""
    lm = model.lm
    best: list[dict[int, tuple[float, int]]] = [{sid: (ch, -1) for sid, ch in slots[0].cands}]
    for k in range(1, len(slots)):
        prev = best[-1]
        cur: dict[int, tuple[float, int]] = {}
        for sid, ch in slots[k].cands:
            top, arg = -math.inf, -1
            for pid, (score, _) in prev.items():
                s = score + LM_WEIGHT * lm(pid, sid)
                if s > top:
                    top, arg = s, pid
            cur[sid] = (top + ch, arg)
        best.append(cur)
    last = max(best[-1].items(), key=lambda kv: kv[1][0])[0]
    path = [last]
    for k in range(len(slots) - 1, 0, -1):
        path.append(best[k][path[-1]][1])
    path.reverse()

    conf = []
    for k, slot in enumerate(slots):
        if len(slot.cands) == 1:
            conf.append(1.0)
            continue
        scores = []
        for sid, ch in slot.cands:
            s = ch + LM_WEIGHT * lm(path[k - 1], sid)
            if k + 1 < len(slots):
                s += LM_WEIGHT * lm(sid, path[k + 1])
            scores.append((s, sid))
        top = max(s for s, _ in scores)
        z = sum(math.exp(s - top) for s, _ in scores)
        chosen = next(s for s, sid in scores if sid == path[k])
        conf.append(math.exp(chosen - top) / z)
    return path, conf
