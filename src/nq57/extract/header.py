"""The document header and signature: kind, number, date, locality, title, period, signer, căn cứ.

Everything is detected on folded text so it works on OCR that lost its diacritics ("S6:" for
"Số:", "ngay 15 thang 01 nam 2026"); values keep the document's own spelling.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from nq57.extract.lines import Line
from nq57.extract.locality import find_commune, province_issuer
from nq57.extract.model import DocumentInfo, Locality, Period, Signer
from nq57.extract.textutil import clean, fold, sentence_case
from nq57.text.vietnamese import CAPITAL

HEAD_LINES = 40
_NUMBER = re.compile(r"(?:\b[Ss]|\$)[^\s:;.]{0,2}\s*[:;.]\s*(\d*)\s*[/-]?\s*((?:[A-ZĐ]{1,6}-)?[A-ZĐ]{1,6}[-/][A-ZĐ&]{1,10})"
                     # "Số 45/BC-UBND" without the colon, only at the start of a line
                     r"|(?m:^\W*S[ốo6]\s+(\d+)\s*/\s*((?:[A-ZĐ]{1,6}-)?[A-ZĐ]{1,6}[-/][A-ZĐ&]{1,10}))")
_DATE = re.compile(r"ngay\s*([^\s]*?)\s*thang\s*([^\s]*?)\s*n[aă]m\s*(\d{4})")
# "86-KH/TU", "71/NQ-CP", and with the year: "13/2023/NĐ-CP", "193/2025/QH15"
_REF = re.compile(r"\b(\d{1,4})\s*[-/]\s*((?:20\d\d\s?/\s?)?[A-ZĐ][A-ZĐa-z]{0,5}(?:\d{1,2}\b|(?:\s?[-/]\s?[A-ZĐ][A-ZĐa-z&]{0,9}){1,2}))(?!\w)")
# parts of document codes that are written with Đ, which an English-model OCR reads as D
_CODE_D = {"QD": "QĐ", "ND": "NĐ", "DU": "ĐU", "PU": "ĐU", "DMST": "ĐMST", "CDS": "CĐS", "BCD": "BCĐ", "HDND": "HĐND", "TDKT": "TĐKT"}
_TITLES = (("pho chu tich", "Phó Chủ tịch"), ("chu tich", "Chủ tịch"), ("pho truong ban", "Phó Trưởng ban"),
           ("truong ban", "Trưởng ban"), ("pho bi thu", "Phó Bí thư"), ("bi thu", "Bí thư"))


def _int(token: str) -> int | None:
    return int(token) if token.isdigit() else None


def _safe_date(y: int | None, m: int | None, d: int | None) -> str | None:
    if not (y and m and d):
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _kind(head: list[Line], all_text: str, number: str | None) -> str | None:
    for line in head:
        f = re.sub(r"[^a-z ]", "", fold(line.text)).strip()
        if f in ("ke hoach", "ke hoach hanh dong"):
            return "plan"
        if f in ("bao cao",):
            return "report"
    if number:
        if "/KH" in number or "-KH" in number:
            return "plan"
        if "/BC" in number or "-BC" in number:
            return "report"
    f = fold(all_text[:3000])
    report = len(re.findall(r"bao cao|ket qua", f))
    plan = len(re.findall(r"ke hoach", f))
    if re.search(r"^\W*ket qua", fold(head[0].text) if head else ""):
        return "report"
    return "report" if report > plan else "plan"


def _title(head: list[Line], kind: str | None) -> str | None:
    """The lines after the KẾ HOẠCH/BÁO CÁO heading up to the first blank or căn cứ line."""
    start = None
    for i, line in enumerate(head):
        f = re.sub(r"[^a-z ]", "", fold(line.text)).strip()
        if f in ("ke hoach", "bao cao", "ke hoach hanh dong"):
            start = i
            break
    label = ""
    if start is None:
        start = next((i - 1 for i, line in enumerate(head) if line.text), None)
        if start is None:
            return None
    else:
        label = "Kế hoạch" if kind == "plan" else "Báo cáo"
    parts: list[str] = []
    for line in head[start + 1:]:
        f = fold(line.text)
        if not line.text:
            if parts:
                break
            continue
        if re.match(r"^\W*(can c|cin c|can cu)", f) or line.cells:
            break
        if parts and re.match(r"^\W*thuc hien (nghi|cong van|ke hoach|chi thi)", f):
            break  # "Thực hiện Công văn số …" after the title; right after the heading it is the title
        if parts and (re.match(r"^\W*(?:uy ban nhan dan|ubnd)\s", f) or re.match(r"^\W*(?:[ivxl]{1,4}|\d{1,2})\.\s", f)):
            break  # the text's opening sentence ("Ủy ban nhân dân xã … báo cáo …"), or its first part
        parts.append(line.text.strip("*# "))
        if len(parts) > 5:
            break
    body = clean(" ".join(parts)).strip(" .")
    if not body:
        return None
    return f"{label} {body[:1].lower()}{body[1:]}" if label else sentence_case(body)


def _period(title: str | None, kind: str | None, body: str) -> Period:
    # (a year such as "0026", a scan's or a typist's slip, covers no period: ISO dates need 4 digits)
    f = re.sub(r"\b(?!(?:19|20)\d\d\b)\d{4}\b", " ", fold(title or ""))
    m = re.search(r"(\d{1,2}) thang (?:dau )?nam (\d{4})", f)
    if m:
        y, months = int(m.group(2)), int(m.group(1))
        if 1 <= months <= 12:
            return Period(start=f"{y}-01-01", end=date(y, months, calendar.monthrange(y, months)[1]).isoformat())
    m = re.search(r"quy ([ivx]+|\d)\s*/?\s*(?:nam\s*)?(\d{4})", f)
    if m:
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1), _int(m.group(1)) or 0)
        y = int(m.group(2))
        if 1 <= q <= 4:
            end = date(y, q * 3, calendar.monthrange(y, q * 3)[1])
            return Period(start=f"{y}-{q * 3 - 2:02d}-01", end=end.isoformat())
    m = re.search(r"giai doan (\d{4})\s*-\s*(\d{4})", f)
    if m:
        return Period(start=f"{m.group(1)}-01-01", end=f"{m.group(2)}-12-31")
    m = re.search(r"\bthang (\d{1,2})\s*(?:/|nam)\s*(\d{4})", f)
    if m and kind == "report" and 1 <= int(m.group(1)) <= 12:
        # a monthly report: "… tháng 10/2026", "tháng 10 năm 2026"
        y, month = int(m.group(2)), int(m.group(1))
        return Period(start=f"{y}-{month:02d}-01", end=date(y, month, calendar.monthrange(y, month)[1]).isoformat())
    years = [int(y) for y in re.findall(r"nam (\d{4})", f)]
    if years:
        y = years[0]
        return Period(start=f"{y}-01-01", end=f"{y}-12-31")
    return Period()


_NAME = r"(?:[" + CAPITAL + r"][\wÀ-ỹ]+\s){1,4}[" + CAPITAL + r"][\wÀ-ỹ]+"
_NAME_AFTER_FILING = re.compile(r"\bL[ưu]u\s*[:;.]?\s*(?:[A-ZĐ]{2,5}\s*[,.;]?\s*)+\.?\s+(" + _NAME + r")\s*$")


def _signer_in(tail: list[Line]) -> Signer | None:
    title, title_at = None, None
    for i, line in enumerate(tail):
        upper = " ".join(re.findall(r"\b[" + CAPITAL + r".]{2,}(?:\s+[" + CAPITAL + r".]{2,})*", line.text.replace("*", "")))
        f = fold(upper)
        for key, label in _TITLES:
            if re.search(rf"\b{key}\b", f):
                title, title_at = label, i
                break
    name = None
    search = tail[title_at + 1:title_at + 8] if title_at is not None else tail[-6:]
    for line in search:
        text = line.text.strip("*_ ")
        if re.fullmatch(_NAME, text) and text.upper() != text:
            name = text
        elif (m := _NAME_AFTER_FILING.search(text)) and m.group(1).upper() != m.group(1):
            # the two columns of the footer flattened into one line: "- Lưu: VT. Hoàng Đức Nhân"
            name = m.group(1)
    if name is None and title_at is None:
        return None
    return Signer(name=name, title=title)


def _signer(lines: list[Line]) -> Signer:
    """The signature block: the last 'CHỦ TỊCH'-like title line and a name line after it,
    before the appendices if there are any, else at the very end."""
    plain: list[Line] = []
    for ln in lines:
        if not ln.cells:
            plain.append(ln)
        elif len(ln.cells) == 2 and ln.cells[1].strip():
            # the footer laid out as a borderless table: its right column is the signature block
            plain.append(Line(ln.cells[1].strip(), ln.page, ln.no))
    end = len(plain)
    for i, line in enumerate(plain):
        if i > len(plain) // 3 and re.match(r"^\W*ph[uụ] l[uụ]c", fold(line.text)):
            end = i
            break
    found = _signer_in(plain[max(0, end - 45):end])
    if (found is None or found.title is None) and end < len(plain):
        found = _signer_in(plain[-25:]) or found
    return found or Signer()


def references(lines: list[Line]) -> list[str]:
    """Codes of the documents cited in the 'Căn cứ' / 'Thực hiện' paragraphs before the body."""
    refs: list[str] = []
    started = False
    cited: list[str] = []
    for line in lines[:80]:
        f = fold(line.text)
        if re.match(r"^\W*(can c|cin c|thuc hien|can cu)", f):
            started = True
        elif started and re.match(r"^\W*(i\.|[ivx]+\.|1\.|ubnd|uy ban)", f):
            break
        if started:
            cited.append(line.text.strip())
    # one text, so a code broken at a line end ("Kế hoạch số 86-" / "KH/TU ngày …") is whole
    for m in _REF.finditer(" ".join(cited)):
        code = f"{m.group(1)}-{m.group(2)}" if m.group(0)[len(m.group(1)):].lstrip().startswith("-") \
            else f"{m.group(1)}/{m.group(2)}"
        code = re.sub(r"\s+", "", code)
        code = re.sub(r"[A-Za-zĐđ]+", lambda w: _CODE_D.get(w.group(0), w.group(0)), code)  # ("HĐND" is whole)
        if code not in refs:
            refs.append(code)
    return refs


def parse_header(lines: list[Line]) -> DocumentInfo:
    # a letterhead laid out as a borderless table (Word's usual) is header, other tables are not
    heading = next((i for i, ln in enumerate(lines[:HEAD_LINES])
                    if re.sub(r"[^a-z ]", "", fold(ln.text)).strip() in ("ke hoach", "bao cao", "ke hoach hanh dong")), 0)
    head = [ln for i, ln in enumerate(lines[:HEAD_LINES]) if not ln.cells or i < heading]
    head_text = "\n".join(ln.text for ln in head)
    body_text = "\n".join(ln.text for ln in lines)
    info = DocumentInfo()
    # (from the OCR as read when the repair took its "S60:" or "$6:" for other words)
    m = _NUMBER.search(head_text.replace("Ð", "Đ")) or _NUMBER.search("\n".join(ln.source for ln in head))
    digits, code = (m.group(1) or m.group(3), m.group(2) or m.group(4)) if m else (None, None)
    info.number = f"{digits}/{code}" if digits and code else None
    info.kind = _kind(head, body_text, code)
    # the date from the repaired text, else from the OCR as read (repair can drop a digit)
    for text in (head_text, "\n".join(ln.source for ln in head)):
        dm = _DATE.search(fold(text))
        if not dm:
            continue
        issued = _safe_date(int(dm.group(3)), _int(dm.group(2)), _int(dm.group(1)))
        if info.issued_on_text is None or issued:
            text_m = re.search(r"ng[aàả]y.*?n[aăắ]m\s*\d{4}", text, re.IGNORECASE)
            info.issued_on_text = clean(text_m.group(0)) if text_m else clean(dm.group(0))
            info.issued_on = issued
        if issued:
            break
    letterhead = "\n".join(ln.text for ln in head[:10])
    # a letterhead typed with its diacritics (not OCR) names the commune letter for letter
    typed = all(ln.source == ln.text for ln in head[:10]) and bool(re.search(r"[À-ỹĐđ]", letterhead))
    place = find_commune(letterhead, body_text, trust_letters=typed)
    province = province_issuer(letterhead)
    if province and not re.search(r"\b(x[aã]|ph[uư][oờ]ng|đặc khu|dac khu)\b", fold(letterhead[:200]).replace("xa hoi", "")):
        # a province's own plan: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
        level = "thành phố" if re.search(r"thanh pho", fold(letterhead)) else "tỉnh"
        info.locality = Locality(name=province, level=level, province=province)
        info.issuer = f"UBND {level} {province}"
    elif place:
        info.locality = Locality(name=place.name, level=place.level, province=place.province)
        info.issuer = f"UBND {place.level} {place.name}"
    info.title = _title(head, info.kind)
    info.period = _period(info.title, info.kind, body_text)
    horizon = re.search(r"\bden nam (\d{4})", fold(info.title or ""))
    if horizon and info.issued_on and info.period.start == f"{horizon.group(1)}-01-01" \
            and info.issued_on[:4] < horizon.group(1):
        # "… đến năm 2030" in a plan of 2026: from the year it is issued to the horizon
        info.period.start = f"{info.issued_on[:4]}-01-01"
    info.signer = _signer(lines)
    info.references = [r for r in references(lines) if r != info.number]  # (not the document's own number)
    return info
