"""Relations from cue words and from names (a park's region prefix)."""

from __future__ import annotations

from kgraph.model import REGION_CLASSES, Mention, Relation, Sentence
from kgraph.tables import load_table

NON_REGION = frozenset({"Enterprise", "Hospital", "GovernmentBody", "Organization", "IndustrialPark",
                        "Project", "IndustryCluster", "Event"})


class RelationExtractor:
    """One sentence and its linked mentions → Relations."""

    def __init__(self) -> None:
        self.cues = load_table("relation_cues")

    def __call__(self, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
        out: list[Relation] = []
        ms = sorted(mentions, key=lambda m: m.start)
        # A name that starts with a region (贵溪经开区, 吉安县委) is located in it.
        regions = [m for m in ms if m.cls in REGION_CLASSES and m.adcode]
        for m in ms:
            if m.cls in NON_REGION:
                for r in regions:
                    if r.start == m.start and r.end < m.end:
                        out.append(Relation(m.key, "locatedIn", r.key, sentence.index, rule="name-prefix"))
        for cue in self.cues:
            pos = sentence.text.find(cue["cue"])
            if pos < 0:
                continue
            at = sentence.start + pos
            before = [m for m in ms if m.end <= at and m.cls in NON_REGION]
            after = [m for m in ms if m.start >= at + len(cue["cue"])]
            want = cue["object_class"]
            objs = [m for m in after if m.cls == want or (want == "Region" and m.cls in REGION_CLASSES)
                    or (want == "Organization" and m.cls in NON_REGION)]
            if before and objs:
                for subj in before[-1:]:
                    out.append(Relation(subj.key, cue["predicate"], objs[0].key, sentence.index,
                                        rule=f"cue:{cue['cue']}"))
        return out
