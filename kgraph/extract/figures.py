"""Figures: a number in its unit, with metric, subject, period, growth and approximation.

Units, approximation words, growth verbs and lead verbs are rows of ``tables/figure_units.tsv``
and ``tables/figure_words.tsv``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kgraph.extract.context import ArticleContext
from kgraph.extract.numbers import CHINESE_NUMERAL, decimal_text, parse_number
from kgraph.model import REGION_CLASSES, Mention, Observation, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.tables import load_table

SUBJECTS = frozenset(REGION_CLASSES) | {"Enterprise", "Hospital", "IndustrialPark", "IndustryCluster", "Project",
                                        "GovernmentBody", "Organization"}
CLAUSE = re.compile(r"[，,；;：:。！？!?]")
LIST_OR_CLAUSE = re.compile(r"[，,；;：:。！？!?、]")
YEAR = re.compile(r"((?:19|20)\d\d)年(?:度)?")
PERIOD = re.compile(r"(\d{1,2}[—\-–至到~]\d{1,2}月|[上下]半年|[一二三四]季度|前三季度)")
DOUBLED = re.compile(r"翻(?:了)?(?:一)?番|翻倍")


def _table(role: str) -> list[str]:
    return sorted((r["word"] for r in load_table("figure_words") if r["role"] == role), key=len, reverse=True)


class FigureExtractor:
    """Sentence with its linked mentions → Observations."""

    def __init__(self) -> None:
        units = sorted((r["unit"] for r in load_table("figure_units")), key=len, reverse=True)
        self.approx_before = [w for w in _table("approx") if w not in ("多", "余", "以上", "左右")]
        self.approx_after = ["以上", "左右", "多", "余"]
        self.up, self.down, self.lead, self.time = _table("up"), _table("down"), _table("lead"), _table("time")
        self.verbs = lexicon().verbs
        num = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"  # 万/亿 are scales, taken apart
        self.figure = re.compile(
            rf"(?P<approx>{'|'.join(self.approx_before)})?(?P<num>{num})(?P<scale>万|亿)?(?P<post>多|余)?"
            rf"(?P<unit>{'|'.join(map(re.escape, units))})(?P<after>以上|左右|多)?")
        growth_words = "|".join(self.up + self.down)
        self.growth = re.compile(rf"(?P<dir>{growth_words})了?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|个百分点|倍)")

    def __call__(self, sentence: Sentence, mentions: list[Mention], ctx: ArticleContext | None = None
                 ) -> list[Observation]:
        ctx = ctx or ArticleContext()
        text = sentence.text
        year_m = YEAR.search(text)
        year = year_m.group(1) if year_m else self._relative_year(text, ctx.year)
        period_m = PERIOD.search(text)
        out: list[Observation] = []
        used: list[tuple[int, int]] = []
        for m in self.figure.finditer(text):
            obs = self._observation(sentence, m, mentions, ctx, year, period_m)
            if obs is not None:
                out.append(obs)
                used.append((m.start(), m.end()))
        for g in self.growth.finditer(text):  # growth stated alone: 地区生产总值增长6.1%
            if any(a <= g.start() < b + 12 for a, b in used) and self._attached(text, g.start(), used):
                continue
            subject = self._subject(sentence, g.start(), g.end(), mentions, ctx)
            metric = self._metric(text, g.start(), mentions, sentence)
            if subject is None or not metric:
                continue
            out.append(Observation(subject=subject.key, metric=metric, value="", unit="", sentence=sentence.index,
                                   year=year, period=period_m.group(1) if period_m else None,
                                   growth_percent=self._growth_value(g), text=g.group(0)))
        return out

    # ---- one figure ---------------------------------------------------------------------------

    def _observation(self, sentence, m, mentions, ctx, year, period_m) -> Observation | None:
        text = sentence.text
        start, end = m.start(), m.end()
        if _part_of_date_or_name(text, start, end, m):
            return None
        if m.group("unit") in ("%", "个百分点") and re.search(
                rf"(?:{'|'.join(self.up + self.down)}|增幅|增速)了?(?:\d+(?:\.\d+)?%、)*$", text[:start]):
            return None  # 增长6.1%, 分别增长17%、77.4%: growth, taken by the growth pass
        if text[end:end + 2] in ("企业", "项目") or text[end:end + 4] == "以上企业":
            return None  # 超50亿元企业2家: the amount qualifies what is counted
        value = parse_number(m.group("num"))
        if value is None or (m.group("num")[0] in CHINESE_NUMERAL and value < 2 and not m.group("post")):
            return None
        unit = (m.group("scale") or "") + m.group("unit")
        approx = m.group("approx") or m.group("post") or m.group("after")
        # from … to …: the figure reached is the one reported (从3.75亿千瓦时跃升至8.45亿千瓦时)
        if text[max(0, start - 1):start] == "从" and re.match(r"[^，。；]{0,4}(?:至|到)", text[end:]):
            return None
        subject = self._subject(sentence, start, end, mentions, ctx)
        metric = self._metric(text, start, mentions, sentence) or self._metric_after(text, end, mentions, sentence)
        if subject is None or not metric:
            return None
        growth = None
        g = self.growth.search(text, end, min(len(text), end + 14))
        between = text[end:g.start()] if g else ""
        if g and (not CLAUSE.search(between) or between.strip("，, ") in ("", "较上年", "同比")):
            growth = self._growth_value(g)
        elif DOUBLED.search(text[end:end + 6]):
            growth = "100"
        return Observation(subject=subject.key, metric=metric, value=decimal_text(value), unit=unit,
                           sentence=sentence.index, year=year, period=period_m.group(1) if period_m else None,
                           growth_percent=growth, approx=approx, text=m.group(0))

    @staticmethod
    def _attached(text: str, pos: int, used: list[tuple[int, int]]) -> bool:
        """A growth right after a figure of the same clause qualifies it (3531.19亿元，较上年增长7.9%)."""
        for _, b in used:
            if b <= pos and not re.search(r"[；;。]", text[b:pos]) and pos - b <= 12:
                return True
        return False

    @staticmethod
    def _growth_value(g: re.Match) -> str:
        v = Decimal(g.group("num"))
        if g.group("unit") == "倍":
            v = v * 100  # 增长1.4倍 = +140%
        if g.group("dir") in ("下降", "减少", "回落"):
            v = -v
        return decimal_text(v)

    @staticmethod
    def _relative_year(text: str, year: str | None) -> str | None:
        if year and "去年" in text:
            return str(int(year) - 1)
        return year

    def _subject(self, sentence: Sentence, start: int, end: int, mentions: list[Mention],
                 ctx: ArticleContext) -> Mention | None:
        """Who the figure is about: an entity right after it (…300亿元的X集群), the last one before it in the
        sentence, a reference word in its clause (全区, 该公司), else the article's running subject."""
        abs_start, abs_end = sentence.start + start, sentence.start + end
        top = [m for m in mentions if m.cls in SUBJECTS and not _nested(m, mentions)]
        after = sentence.text[end:end + 1]
        if after == "的":
            nxt = next((m for m in top if m.start == abs_end + 1 and not m.reference), None)
            if nxt is not None:
                return nxt
        c0 = max((x.end() for x in CLAUSE.finditer(sentence.text, 0, start)), default=0)
        # a reference before the figure in its clause, or right after it (63家我省企业)
        refs = [m for m in mentions if m.reference and m.cls in SUBJECTS and sentence.start + c0 <= m.start
                and (m.end <= abs_start or m.start <= abs_end + 1)]
        if refs:
            return refs[0]
        before = [m for m in top if m.end <= abs_start and not (m.cls == "Province" and not m.reference)
                  and m.cls != "GovernmentBody"]
        if before:
            return before[-1]
        return ctx.subject

    def _metric(self, text: str, start: int, mentions: list[Mention], sentence: Sentence) -> str:
        """The noun phrase naming what is measured, written before the figure in its clause."""
        c0 = max((x.end() for x in LIST_OR_CLAUSE.finditer(text, 0, start)), default=0)
        span = text[c0:start]
        for m in mentions:  # the subject's name is not the metric (an honor counted is)
            if sentence.start + c0 <= m.start and m.end <= sentence.start + start and m.cls in SUBJECTS:
                span = span.replace(m.text, " ")
        if "从" in span:  # 工业用电量从3.75亿千瓦时跃升至…: the metric is what stands before 从
            span = span[: span.index("从")]
        span = YEAR.sub(" ", span)
        span = re.sub(r"\d+月(?:\d+日)?|\d+[—\-–至]\d+月", " ", span)
        for w in self.time:
            span = span.replace(w, " ")
        span = span.split()[-1] if span.strip() else ""
        for w in [*self.lead, *self.approx_before, *self.up, *self.down, "从", "较上年", "同比", "的", "较"]:
            if span.endswith(w) and len(span) > len(w):
                span = span[: -len(w)]
        span = span.strip("“”\"'（）() ")
        if span in self.lead or span in self.verbs:
            return ""  # 通过百余个技改项目: the metric follows the number
        return span[-20:] if len(span) >= 2 else ""

    @staticmethod
    def _metric_after(text: str, end: int, mentions: list[Mention], sentence: Sentence) -> str:
        """63家我省企业获评国家级绿色工厂: with nothing before it, the figure counts what follows."""
        m = LIST_OR_CLAUSE.search(text, end)
        span = text[end:m.start() if m else len(text)]
        for x in mentions:
            if sentence.start + end <= x.start and x.reference:
                span = span.replace(x.text, "")
        span = span.lstrip("的")
        return span[:20] if len(span) >= 2 else ""


def _nested(m: Mention, mentions: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
               for o in mentions)


def _part_of_date_or_name(text: str, start: int, end: int, m: re.Match) -> bool:
    """第18个, 3月, 2025年, digits inside names (1+2+N) or document titles (《…》) are no figures."""
    if text[max(0, start - 1):start] in ("第", "+", "-", "—") or text[end:end + 1] in ("+", "年", "月", "日"):
        return True
    if "+" in text[max(0, start - 2):end + 8] or text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return True
    return bool(re.match(r"[A-Za-z0-9]", text[end:end + 1])) or bool(re.search(r"[A-Za-z0-9.]$", text[:start]))
