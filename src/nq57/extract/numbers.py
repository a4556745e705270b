"""Vietnamese number parsing.

Vietnamese writes a decimal comma and a thousands dot ("33.099" = 33099, "99,77" = 99.77),
but real documents mix in the English style ("99.18%", "0.6", "1.2 triệu"). Rules, applied to
one token:
- several separators of one kind ("1.234.567", "1,234,567") -> thousands groups;
- both kinds: the last one is the decimal mark ("1.234,5" and "1,234.5");
- one dot followed by exactly three digits ("8.073", "33.099") -> thousands, unless the value
  is a percentage or an index ("99.177%" is rare; a percent above 100 is not plausible), so a
  percentage keeps it as a decimal;
- one dot or comma followed by one, two or more than three digits -> decimal ("99.18", "0,6");
- one comma followed by exactly three digits -> decimal in Vietnamese ("1,250" kg is 1.25)
  unless `comma_thousands` is set, or the three digits are "000": "2,000 lượt" is two thousand
  (a decimal 2 is written "2"; the comma is a scan's dot or the English thousands mark).
Multipliers after the number: "triệu" (1e6), "tỷ" (1e9), "nghìn"/"ngàn"/"k" (1e3).
"""

from __future__ import annotations

import re

from nq57.extract.textutil import fold

NUMBER = r"\d+(?:[.,]\d+)*"
_MULTIPLIERS = {"trieu": 1_000_000, "ty": 1_000_000_000, "nghin": 1_000, "ngan": 1_000, "k": 1_000}
_MULT_RE = re.compile(r"^\s*(trieu|ty|nghin|ngan|k)\b")


def parse_number(token: str, percent: bool = False, comma_thousands: bool = False) -> float | None:
    """Parse one numeric token (digits with dots/commas). None when it is not a number."""
    token = token.strip().rstrip(".,")
    if not re.fullmatch(NUMBER, token):
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return float(token.replace(thousands, "").replace(decimal, "."))
    if dots > 1 or commas > 1:
        return float(token.replace(".", "").replace(",", ""))
    if dots == 1 or commas == 1:
        sep = "." if dots else ","
        head, tail = token.split(sep)
        thousands = len(tail) == 3 and not percent and head != "0"
        if sep == "," and not comma_thousands and tail != "000":
            thousands = False  # (but nobody writes 2 as "2,000": that is a scan's or an English thousands comma)
        if thousands:
            return float(head + tail)
        return float(f"{head}.{tail}")
    return float(token)


def tidy(value: float | None) -> float | int | None:
    """60.0 -> 60 so JSON shows whole numbers as integers."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(value, 6)


def apply_multiplier(value: float, following: str) -> tuple[float, str | None]:
    """Scale by a multiplier word right after the number ("1,2 triệu", "29k")."""
    m = _MULT_RE.match(fold(following))
    if not m:
        return value, None
    return value * _MULTIPLIERS[m.group(1)], m.group(1)


def find_numbers(text: str) -> list[tuple[float, int, int]]:
    """All numbers in the text with their span (start, end), percent-aware."""
    out = []
    for m in re.finditer(NUMBER, text):
        after = text[m.end():m.end() + 2]
        value = parse_number(m.group(0), percent=after.lstrip().startswith("%"))
        if value is not None:
            out.append((value, m.start(), m.end()))
    return out
