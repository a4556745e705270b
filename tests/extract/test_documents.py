"""The extractor on documents written for these tests (other localities and layouts)."""

from __future__ import annotations

import pytest
from tests.extract.expect import DOCS, load, problems

from nq57.extract.pipeline import extract_file

CASES = sorted(p.stem for p in DOCS.glob("*.json"))


@pytest.mark.parametrize("stem", CASES)
def test_document_matches_expectation(stem: str) -> None:
    source = next(p for p in DOCS.iterdir() if p.stem == stem and p.suffix != ".json")
    result = extract_file(source)
    assert problems(load(f"{stem}.json"), result.to_json(), result.warnings) == []
