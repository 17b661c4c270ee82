"""Recognise mentions, link them, and find relations and figures, one article at a time."""

from kgraph.extract.article import ArticleExtractor

__all__ = ["ArticleExtractor"]
