"""People named with a title in front (省长叶建春, 董事长黄相程)."""

from __future__ import annotations

import re

from kgraph.model import Mention, Sentence
from kgraph.tables import load_table


class TitledPersonRecogniser:
    """Title + 2–3 character name → a Person mention (the title is kept as ``name`` context)."""

    def __init__(self) -> None:
        rows = sorted(load_table("titles"), key=lambda r: -len(r["title"]))
        self.titles = {r["title"]: r["holder"] for r in rows}
        alts = "|".join(re.escape(r["title"]) for r in rows)
        self.pattern = re.compile(rf"({alts})([\u4e00-\u9fff]{{2,3}}?)(?=[，。、：:（(主说表介指强在]|$)")

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(sentence.text):
            out.append(Mention(m.group(2), "Person", offset + m.start(2), offset + m.end(2),
                               sentence.index, source=f"title:{m.group(1)}"))
        return out
