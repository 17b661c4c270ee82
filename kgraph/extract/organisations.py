"""Named organisations, parks, projects, clusters and events, found by their suffix."""

from __future__ import annotations

import re

from kgraph.model import Mention, Sentence
from kgraph.tables import load_table

# Characters a name is made of; anything else ends it on the left.
_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9()（）]"
# Words that cannot begin a name (verbs and function words before it).
_LEFT_STOP = "的在是和与及、，。；：“”于对从将把被向为由等"


class SuffixRecogniser:
    """A name is a run of name characters ending in a suffix from ``tables/org_suffixes.tsv``."""

    def __init__(self) -> None:
        rows = sorted(load_table("org_suffixes"), key=lambda r: -len(r["suffix"]))
        self.classes = {r["suffix"]: r["class"] for r in rows}
        alts = "|".join(re.escape(r["suffix"]) for r in rows)
        stop = re.escape(_LEFT_STOP)
        self.pattern = re.compile(rf"(?:(?![{stop}]){_NAME_CHARS}){{2,20}}?(?:{alts})")
        self.suffix_at_end = re.compile(rf"(?:{alts})$")

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(sentence.text):
            text = m.group(0)
            suf = self.suffix_at_end.search(text).group(0)
            if len(text) <= len(suf) + 1:
                continue
            out.append(Mention(text, self.classes[suf], offset + m.start(), offset + m.end(),
                               sentence.index, source="suffix"))
        return out
