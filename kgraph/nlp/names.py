"""Chinese personal names: a known surname and one or two given characters."""

from __future__ import annotations

import re
from functools import cache

from kgraph.tables import load_table

_HAN = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = [r["surname"] for r in load_table("surnames")]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def looks_like_name(word: str) -> bool:
    """A 2–3 character name starting with a known surname (3–4 with a two-character surname)."""
    single, double = _surnames()
    if not 2 <= len(word) <= 4 or not _HAN.fullmatch(word):
        return False
    if word[:2] in double:
        return len(word) >= 3
    return word[0] in single and len(word) <= 3
