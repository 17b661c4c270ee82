"""The whole build: read → normalise → segment → extract → resolve → graph."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kgraph.extract import ArticleExtractor
from kgraph.graph import KnowledgeGraph
from kgraph.ingest.normalise import Normaliser
from kgraph.ingest.read import DEFAULT_MAX_MB, Skipped, read_paths
from kgraph.ingest.segment import ArticleSegmenter
from kgraph.model import ArticleExtraction, Document
from kgraph.resolve import Resolver


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    skipped: list[Skipped] = field(default_factory=list)
    documents: int = 0
    chars: int = 0


class Pipeline:
    """The stages, built once (dictionaries and automata load here) and reused for every document."""

    def __init__(self, home_region: str | None = None):
        self.home_region = home_region
        self.normalise = Normaliser()
        self.segment = ArticleSegmenter()
        self.extract = ArticleExtractor()
        self.resolve = Resolver()

    def extract_document(self, doc: Document) -> list[ArticleExtraction]:
        doc = self.normalise(doc)
        articles = self.segment(doc)
        home = self.extract.home_region(doc.text, doc.publisher, self.home_region)
        return [self.extract(a, home) for a in articles]

    def build(self, paths: Iterable[str | os.PathLike],
              on_skip: Callable[[Skipped], None] | None = None,
              max_mb: float = DEFAULT_MAX_MB) -> BuildResult:
        extractions: list[ArticleExtraction] = []
        result = BuildResult(graph=KnowledgeGraph())
        for item in read_paths(paths, max_mb):
            if not isinstance(item, Skipped):
                try:
                    extractions.extend(self.extract_document(item))
                except Exception as e:  # a bug on one document must not cost the user the batch
                    item = Skipped(item.source, f"could not be processed, a bug in kgraph: {type(e).__name__}: {e}")
            if isinstance(item, Skipped):
                result.skipped.append(item)
                if on_skip:
                    on_skip(item)
                continue
            result.documents += 1
            result.chars += len(item.text)
        result.graph = KnowledgeGraph.from_corpus(self.resolve(extractions))
        return result


def build(paths: Iterable[str | os.PathLike], home_region: str | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of the articles under ``paths``."""
    return Pipeline(home_region=home_region).build(paths).graph
