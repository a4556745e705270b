"""`python -m nq57.extract FILE`: print the Plan JSON of one file (used by bench/extract.py)."""

from __future__ import annotations

import json
import sys

from nq57.errors import UserError
from nq57.extract.pipeline import extract_file


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m nq57.extract FILE", file=sys.stderr)
        return 2
    try:
        result = extract_file(argv[0])
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
