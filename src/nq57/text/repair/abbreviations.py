"""Abbreviations of Vietnamese administration that repair must never read as syllables."""

from __future__ import annotations

# Written in capitals in plans and reports; some look like OCR of a syllable ("STT", "TT", "KH").
_LISTED = """
UBND HĐND MTTQ UBMTTQ STT TT KH QĐ NQ TW CT CV BC TB TTr HD KL CĐ BCĐ BCH BTV BTVTU BTG
TTHC CCCD CMND VNeID DVC DVCTT CSDL CNTT KHCN KH&CN ĐMST CĐS ATTT ATTTM PCCC ANTT ANQP LLVT
THCS THPT MN TH GDĐT GD&ĐT BHYT BHXH BHTN HTX NTM OCOP GPMB KT-XH VH-XH ĐBSCL TNMT NNMT
TCVN QCVN VBQPPL NĐ CP TTg BNV BTC BYT BCA BKHCN BTTTT BGDĐT BNNMT BXD BCT VPCP UBTVQH QH
PAR PCI SIPAS PAPI DTI GRDP GDP FDI ODA KPI IoT AI API QR OTP SMS GIS ERP LGSP NGSP IOC HCC
"""
ADMIN_ABBREVIATIONS = frozenset(_LISTED.split())
# the same as a scan that has no "Đ" reads them ("HDND", "CDS", "QD"): written back with it
WITH_D = {a.replace("Đ", "D"): a for a in ADMIN_ABBREVIATIONS if "Đ" in a and (len(a) >= 3 or a in ("QĐ", "NĐ"))}

_VOWEL_LETTERS = set("AEIOUYĂÂÊÔƠƯ")


def is_abbreviation(word: str, spells_syllable: bool) -> bool:
    """Capital letters only, and either listed, without a vowel ("TTHC"), or no Vietnamese spelling.

    `spells_syllable`: the word's letters spell a syllable or a known OCR reading of one
    ("KE", "PONG" in an all-capitals heading), which makes it a word, not an abbreviation.
    """
    if word in ADMIN_ABBREVIATIONS:
        return True
    if len(word) < 2 or not word.isalpha() or not word.isupper():
        return False
    if not any(ch in _VOWEL_LETTERS for ch in word):
        return True
    return not spells_syllable
