"""The whole build: read → normalise → segment → extract → resolve → graph."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from kgraph.extract import ArticleExtractor
from kgraph.graph import KnowledgeGraph
from kgraph.ingest.normalise import Normaliser
from kgraph.ingest.read import DEFAULT_MAX_MB, Skipped, read_paths
from kgraph.ingest.segment import ArticleSegmenter
from kgraph.model import ArticleExtraction, Document
from kgraph.resolve import ArticleShare, Resolution, Resolver


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    skipped: list[Skipped] = field(default_factory=list)
    documents: int = 0
    chars: int = 0
    added: int = 0  # articles new to the build (an article read twice, or already built, is not)


class Engine(Protocol):
    """Maps documents to their article shares, in the order given (kgraph.parallel has the engines);
    a document extraction fails on comes back as ``Skipped`` (``shares_or_skip``)."""

    def shares(self, docs: Iterable[Document]) -> Iterator[list[ArticleShare] | Skipped]: ...


class Pipeline:
    """The stages, built once (dictionaries and automata load here) and reused for every document."""

    def __init__(self, home_region: str | None = None):
        self.home_region = home_region
        self.normalise = Normaliser()
        self.segment = ArticleSegmenter()
        self.extract = ArticleExtractor()
        self.resolve = Resolver()

    def extract_document(self, doc: Document, known: Collection[str] = ()) -> list[ArticleExtraction]:
        """Everything found in one document; a pure function of it (articles whose id is in ``known`` left out)."""
        doc = self.normalise(doc)
        articles = [a for a in self.segment(doc) if a.id not in known]
        if not articles:
            return []
        home = self.extract.home_region(doc.text, doc.publisher, self.home_region, doc.title)
        return [self.extract(a, home) for a in articles]

    def share_document(self, doc: Document, known: Collection[str] = ()) -> list[ArticleShare]:
        """What one document adds to the corpus: the unit a worker process or a cluster node computes."""
        return [ArticleShare.of(x) for x in self.extract_document(doc, known)]

    def shares(self, docs: Iterable[Document]) -> Iterator[list[ArticleShare] | Skipped]:
        """The serial engine: this process, one document after another."""
        return (shares_or_skip(self, d) for d in docs)

    def build(self, paths: Iterable[str | os.PathLike],
              on_skip: Callable[[Skipped], None] | None = None, engine: Engine | None = None,
              max_mb: float = DEFAULT_MAX_MB) -> BuildResult:
        resolution = Resolution()
        result = extend(resolution, paths, engine or self, on_skip, max_mb)
        result.graph = KnowledgeGraph.from_corpus(resolution.corpus())
        return result


def shares_or_skip(pipe: Pipeline, doc: Document, known: Collection[str] = ()) -> list[ArticleShare] | Skipped:
    """A document's shares; if extraction fails on it, the document skipped, with the reason."""
    try:
        return pipe.share_document(doc, known)
    except Exception as e:  # a bug on one document must not cost the user the batch
        return Skipped(doc.source, f"could not be processed, a bug in kgraph: {type(e).__name__}: {e}")


def extend(resolution: Resolution, paths: Iterable[str | os.PathLike], engine: Engine,
           on_skip: Callable[[Skipped], None] | None = None, max_mb: float = DEFAULT_MAX_MB) -> BuildResult:
    """Add the articles under ``paths`` to ``resolution``, extracted by ``engine`` (those it holds stay as they are).

    Documents are read here, in order, and go to the engine as they are read; the shares come
    back in the same order, and the resolution does not depend on order anyway, so any engine
    with any number of workers gives the same corpus.
    """
    result = BuildResult(graph=KnowledgeGraph())

    def skip(item: Skipped) -> None:
        result.skipped.append(item)
        if on_skip:
            on_skip(item)

    def documents() -> Iterator[Document]:
        for item in read_paths(paths, max_mb):
            if isinstance(item, Skipped):
                skip(item)
                continue
            result.documents += 1
            result.chars += len(item.text)
            yield item

    with _no_cycle_collection():
        for shares in engine.shares(documents()):
            if isinstance(shares, Skipped):
                result.documents -= 1
                skip(shares)
                continue
            result.added += sum(resolution.add(s) for s in shares)
    return result


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The corpus is millions of small acyclic objects: reference counting frees them, and the cycle
    collector, run again and again over all of them as they accumulate, would only cost time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build(paths: Iterable[str | os.PathLike], home_region: str | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of the articles under ``paths``."""
    return Pipeline(home_region=home_region).build(paths).graph
