"""Official administrative divisions (GB/T 2260) and the names people write for them."""

from kgraph.gazetteer.divisions import Division, Gazetteer, load_gazetteer

__all__ = ["Division", "Gazetteer", "load_gazetteer"]
