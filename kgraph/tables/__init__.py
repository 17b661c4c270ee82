"""Language as data: the cue, suffix and trap tables the recognisers read (one row per cue).

Each table is a TSV file beside this module with a header line; ``#`` starts a comment.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``tables/<name>.tsv`` as dicts keyed by the header."""
    path = resources.files("kgraph.tables") / f"{name}.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()}
                 for row in csv.DictReader(lines, delimiter="\t"))
