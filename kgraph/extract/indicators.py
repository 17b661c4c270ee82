"""Which indicator a metric names: 总投资, 投资总额 and 计划总投资 are one thing in a query.

The indicators are rows of ``tables/indicators.tsv`` (also the source of ``schema/indicators.ttl``).
A metric names the indicator whose label ends last in it (项目总投资 is 总投资, not 项目), the
longest of those (规上工业增加值 over 工业增加值), when the figure's unit is of the indicator's kind.
"""

from __future__ import annotations

from functools import cache

from kgraph.extract.matcher import NameMatcher
from kgraph.tables import load_table


class Indicators:
    """Metric as written (and its unit kind) → indicator id, or None."""

    def __init__(self) -> None:
        self.rows = {r["id"]: r for r in load_table("indicators")}
        self.by_label: dict[str, str] = {}
        for r in self.rows.values():
            for label in (r["zh"], *filter(None, r["variants"].split("|"))):
                self.by_label.setdefault(label, r["id"])  # a label of two rows is the first's
        self.matcher = NameMatcher(self.by_label)
        self._known: dict[tuple[str, str], str | None] = {}

    def __call__(self, metric: str, kind: str) -> str | None:
        """The indicator of ``metric`` for a figure of unit kind ``kind`` ("" for a growth stated alone)."""
        key = (metric, kind)
        if key not in self._known:
            if len(self._known) > 4096:
                self._known.clear()
            self._known[key] = self._find(metric, kind)
        return self._known[key]

    def _find(self, metric: str, kind: str) -> str | None:
        best: tuple[int, int, str] | None = None
        for s, e, label in self.matcher.find(metric):
            ind = self.by_label[label]
            want = self.rows[ind]["kind"]
            if kind and want != "any" and want != kind:
                continue
            if best is None or (e, e - s) > best[:2]:
                best = (e, e - s, ind)
        return best[2] if best is not None else None


@cache
def default_indicators() -> Indicators:
    return Indicators()
