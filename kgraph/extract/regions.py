"""Region mentions: gazetteer names, and references such as 我省 / 该县."""

from __future__ import annotations

from kgraph.extract.matcher import NameMatcher
from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.tables import load_table


class RegionRecogniser:
    """Sentence → region Mentions (unlinked: ``name`` is the text, ``adcode`` unset)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.references = {r["word"]: r for r in load_table("references")}
        full = [d.name for d in gazetteer.by_code.values()]
        self.matcher = NameMatcher([*full, *self.references])

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        out = []
        for s, e, name in self.matcher.find(sentence.text):
            ref = self.references.get(name)
            cls = ref["level"] if ref else self.gazetteer.lookup(name)[0].level
            out.append(Mention(name, cls, offset + s, offset + e, sentence.index,
                               source="reference" if ref else "gazetteer", reference=bool(ref)))
        return out
