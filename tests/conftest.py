"""Shared fixtures: the bundled samples, the seed pages beside the repo, a built sample graph."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "kgraph" / "data" / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEEDS


@pytest.fixture(scope="session")
def extractor():
    """One article extractor for every test that extracts sentences of its own (its tables load once)."""
    from kgraph.extract import ArticleExtractor

    return ArticleExtractor()


@pytest.fixture(scope="session")
def pipeline():
    from kgraph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seeds_graph(seeds_dir, pipeline):
    """The KnowledgeGraph of the two seed pages (built once per test session)."""
    return pipeline.build([seeds_dir]).graph


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, pipeline):
    """The bundled samples built and exported once: returns the output folder."""
    from kgraph.export.html import HtmlExporter
    from kgraph.export.rdf import RdfExporter

    out = tmp_path_factory.mktemp("sample-build")
    kg = pipeline.build([SAMPLES]).graph
    RdfExporter().write(kg, out / "graph.ttl")
    HtmlExporter().write(kg, out / "graph.html")
    return out
