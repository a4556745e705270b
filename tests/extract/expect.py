"""Compare an extraction with a hand-written expectation (a subset of Plan JSON fields).

Items are paired like the shared scorer does (folded-name similarity), and every field the
expectation gives must agree: numbers exactly, names and unit names by similarity.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from nq57.extract.textutil import similar, words

DOCS = Path(__file__).parent / "documents"
NAME_MIN = 0.6
TEXT_MIN = 0.75


def load(name: str) -> dict:
    return json.loads((DOCS / name).read_text(encoding="utf-8"))


def _best(expected: dict, items: list[dict], key: str) -> dict | None:
    scored = [(similar(expected[key], it.get(key)), it) for it in items]
    scored = [s for s in scored if s[0] >= NAME_MIN]
    return max(scored, key=lambda s: s[0])[1] if scored else None


# values from a fixed list: "not_achieved" is no near miss of "achieved"
_EXACT = frozenset({"status", "op", "recurrence", "kind", "level"})


def _same_field(field: str, exp, got) -> bool:
    return exp == got if field in _EXACT else _same(exp, got)


def _same(exp, got) -> bool:
    if isinstance(exp, bool) or exp is None:
        return exp == got
    if isinstance(exp, int | float):
        return isinstance(got, int | float) and not isinstance(got, bool) and abs(exp - got) < 1e-6
    if isinstance(exp, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", exp):
        return exp == got  # a day is right or wrong, never "similar"
    if isinstance(exp, str):
        return similar(exp, got) >= TEXT_MIN or words(exp) in words(got or "")
    return exp == got


def problems(expected: dict, data: dict, warnings: list[str] | None = None) -> list[str]:
    """Every disagreement as a readable line (empty list = the extraction is as expected)."""
    out: list[str] = []
    doc_exp, doc = expected.get("document", {}), data["document"]
    for key, value in doc_exp.items():
        if isinstance(value, dict):
            for k, v in value.items():
                if not _same_field(k, v, (doc.get(key) or {}).get(k)):
                    out.append(f"document.{key}.{k}: expected {v!r}, got {(doc.get(key) or {}).get(k)!r}")
        elif isinstance(value, list):
            missing = [v for v in value if v not in doc.get(key, [])]
            if missing:
                out.append(f"document.{key}: missing {missing}")
        elif not _same_field(key, value, doc.get(key)):
            out.append(f"document.{key}: expected {value!r}, got {doc.get(key)!r}")
    for section, key in (("indicators", "name"), ("tasks", "name"), ("budget", "item"), ("results", "name")):
        if section not in expected:
            continue
        exp_items, got_items = expected[section], data[section]
        if len(exp_items) != len(got_items):
            out.append(f"{section}: expected {len(exp_items)} items, got {len(got_items)}: "
                       + "; ".join(str(g.get(key))[:50] for g in got_items))
        for exp in exp_items:
            got = _best(exp, got_items, key)
            if got is None:
                out.append(f"{section}: no item like {exp[key]!r}")
                continue
            # "name_min": the names themselves are under test (no text swallowed or lost)
            if "name_min" in expected and similar(exp[key], got.get(key)) < expected["name_min"]:
                out.append(f"{section} {exp[key]!r}: {key} is {got.get(key)!r}")
            # "name_starts": the name's first words as written, diacritics included ("Tỉ lệ")
            if "name_starts" in exp and not (got.get(key) or "").startswith(exp["name_starts"]):
                out.append(f"{section} {exp[key]!r}: {key} {got.get(key)!r} does not start {exp['name_starts']!r}")
            for field, value in exp.items():
                if field in (key, "name_starts"):
                    continue
                if field == "targets":
                    got_t = {t.get("year"): t for t in got.get("targets", [])}
                    for t in value:
                        g = got_t.get(t.get("year"))
                        if g is None or any(not _same_field(k, v, g.get(k)) for k, v in t.items() if k != "year"):
                            out.append(f"{section} {exp[key]!r}: target {t} not in {got.get('targets')}")
                    if len(value) != len(got.get("targets", [])):
                        out.append(f"{section} {exp[key]!r}: {len(got.get('targets', []))} targets, expected {len(value)}")
                elif isinstance(value, dict):
                    for k, v in value.items():
                        if not _same_field(k, v, (got.get(field) or {}).get(k)):
                            out.append(f"{section} {exp[key]!r}: {field}.{k} expected {v!r}, got {got.get(field)!r}")
                elif isinstance(value, list):
                    if len(value) != len(got.get(field) or []) or any(
                            not _same(v, g) for v, g in zip(value, got.get(field) or [], strict=False)):
                        out.append(f"{section} {exp[key]!r}: {field} expected {value!r}, got {got.get(field)!r}")
                elif not _same_field(field, value, got.get(field)):
                    out.append(f"{section} {exp[key]!r}: {field} expected {value!r}, got {got.get(field)!r}")
    for fragment in expected.get("warnings_contain", []):
        if not any(fragment in w for w in warnings or []):
            out.append(f"warnings: none contains {fragment!r}: {warnings}")
    for fragment in expected.get("warnings_absent", []):
        if any(fragment in w for w in warnings or []):
            out.append(f"warnings: one contains {fragment!r}: {warnings}")
    return out
