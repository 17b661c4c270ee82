"""Regenerate schema/indicators.ttl from kgraph/tables/indicators.tsv.

    .venv/bin/python scripts/make_indicators.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.export.indicators import indicators_turtle  # noqa: E402


def main() -> int:
    (ROOT / "schema" / "indicators.ttl").write_text(indicators_turtle(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
