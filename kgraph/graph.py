"""KnowledgeGraph: the networkx graph of entities, with provenance, at the centre of the API."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

import networkx as nx

from kgraph.model import Article, Corpus, Entity, Figure, Statement


def has_parent_edge(key: str, parent: str | None, exists: Callable[[str], bool]) -> bool:
    """Whether the graph links an entity to its parent (subdivisionOf): the parent is in the graph and not itself."""
    return bool(parent) and parent != key and exists(parent)


class KnowledgeGraph:
    """Entities as nodes (keyed by entity key), relations as edges keyed by predicate.

    Node attributes: ``cls``, ``name``, ``aliases`` (sorted list), ``adcode``, ``point``,
    ``articles`` (sorted ids), ``mentions`` (count). Edge attributes: ``statements``
    (list of :class:`Statement`, one per supporting sentence). Articles and figures are
    kept beside the graph: ``kg.articles``, ``kg.figures``.
    """

    def __init__(self) -> None:
        self.nx: nx.MultiDiGraph = nx.MultiDiGraph()
        self.articles: dict[str, Article] = {}
        self.figures: list[Figure] = []

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> KnowledgeGraph:
        kg = cls()
        kg.articles = dict(corpus.articles)
        for e in corpus.entities.values():
            kg._add_entity(e)
        for e in corpus.entities.values():
            if has_parent_edge(e.key, e.parent, kg.nx.__contains__):
                kg.nx.add_edge(e.key, e.parent, key="subdivisionOf", statements=[])
        for s in corpus.statements:
            kg._add_statement(s)
        kg.figures = list(corpus.figures)
        return kg

    def _add_entity(self, e: Entity) -> None:
        self.nx.add_node(e.key, cls=e.cls, name=e.name, aliases=sorted(e.aliases), adcode=e.adcode,
                         point=e.point, articles=sorted(e.articles), mentions=e.mention_count,
                         sentences=list(e.sentences))

    def _add_statement(self, s: Statement) -> None:
        g = self.nx
        if g.has_edge(s.subject, s.object, key=s.predicate):
            g.edges[s.subject, s.object, s.predicate]["statements"].append(s)
        else:
            g.add_edge(s.subject, s.object, key=s.predicate, statements=[s])

    # ---- reading the graph -------------------------------------------------------------------

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def __contains__(self, key: str) -> bool:
        return key in self.nx

    def entity(self, key: str) -> dict:
        """The attributes of one entity node, with its key."""
        return {"key": key, **self.nx.nodes[key]}

    def entities(self, cls: str | None = None) -> Iterator[dict]:
        for key in sorted(self.nx.nodes):
            data = self.nx.nodes[key]
            if cls is None or data["cls"] == cls:
                yield {"key": key, **data}

    def find(self, name: str) -> list[str]:
        """Keys of the entities whose name or an alias is ``name``."""
        return sorted(k for k, d in self.nx.nodes(data=True) if d["name"] == name or name in d["aliases"])

    def relations(self) -> Iterator[tuple[str, str, str, list[Statement]]]:
        """(subject, predicate, object, statements), sorted."""
        for s, o, p, data in sorted(self.nx.edges(keys=True, data=True), key=lambda t: t[:3]):
            yield s, p, o, data["statements"]

    def statements(self) -> Iterator[Statement]:
        for *_, sts in self.relations():
            yield from sts

    def figures_of(self, key: str) -> list[Figure]:
        return [f for f in self.figures if f.observation.subject == key]

    def chain(self, key: str) -> list[str]:
        """The region and those above it, following subdivisionOf."""
        out = [key]
        while True:
            ups = [o for _, o, p in self.nx.out_edges(out[-1], keys=True) if p == "subdivisionOf"]
            if not ups or ups[0] in out:
                return out
            out.append(ups[0])

    def subgraph(self, focus: list[str] | None = None, hops: int = 1, classes: set[str] | None = None
                 ) -> KnowledgeGraph:
        """The part around ``focus`` (``hops`` steps either way), keeping only ``classes`` (focus always kept)."""
        keep = set(self.nx.nodes)
        if focus:
            undirected = self.nx.to_undirected(as_view=True)
            keep = set()
            for key in focus:
                keep |= set(nx.single_source_shortest_path_length(undirected, key, cutoff=hops))
        if classes:
            keep = {k for k in keep if self.nx.nodes[k]["cls"] in classes or k in (focus or [])}
        part = KnowledgeGraph()
        part.nx = self.nx.subgraph(sorted(keep)).copy()
        part.figures = [f for f in self.figures if f.observation.subject in keep]
        used = {a for k in keep for a in self.nx.nodes[k]["articles"]}
        part.articles = {a: art for a, art in self.articles.items() if a in used}
        return part

    def summary(self) -> dict[str, object]:
        per_class: dict[str, int] = defaultdict(int)
        for _, d in self.nx.nodes(data=True):
            per_class[d["cls"]] += 1
        return {
            "articles": len(self.articles),
            "entities": self.nx.number_of_nodes(),
            "per_class": dict(sorted(per_class.items())),
            "relations": self.nx.number_of_edges(),
            "statements": sum(len(d["statements"]) for *_, d in self.nx.edges(keys=True, data=True)),
            "figures": len(self.figures),
        }
