"""kgraph: Chinese regional news → a knowledge graph of regions, enterprises and projects."""

from kgraph.graph import KnowledgeGraph
from kgraph.pipeline import Pipeline, build

__all__ = ["KnowledgeGraph", "Pipeline", "build"]
__version__ = "0.1.0"
