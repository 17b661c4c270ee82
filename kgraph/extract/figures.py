"""Figures: a number in its unit, with metric, subject, period, growth and approximation.

Units (with their normalisation), approximation words, growth and doubling words, lead verbs,
and plan words are rows of ``tables/figure_units.tsv`` and ``tables/figure_words.tsv``.
Who a figure is about comes from the sentence, then its paragraph, then the article
(``extract/context.py``).
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from decimal import Decimal

from kgraph.extract.context import (
    CLAUSE,
    COUNTED_NAME,
    SUBJECT_CLASSES,
    ArticleContext,
    SentenceMemo,
    clause_start,
    default_topics,
    is_adjunct,
    is_ranking_scope,
    outermost,
)
from kgraph.extract.indicators import default_indicators
from kgraph.extract.matcher import NameMatcher
from kgraph.extract.numbers import BIG_UNITS, CHINESE_NUMERAL, decimal_text, is_bare_magnitude, parse_number
from kgraph.model import REGION_CLASSES, Mention, Observation, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.sentences import inside_book_title
from kgraph.nlp.tokenize import default_tokenizer
from kgraph.tables import load_table

LIST_OR_CLAUSE = re.compile(r"[，,；;：:。！？!?、]")
# a bracket opens an aside: 重点项目134个（新建100个，续建34个）
COUNTED_STOP = re.compile(r"[，,；;：:。！？!?、（(）)]")
COUNT_BEFORE = re.compile(r"\d$")
SEGMENT = re.compile(r"[；;。！？!?]")
YEAR = re.compile(r"((?:19|20)\d\d)年(?:度)?(?:(?:至|到|—|-|–|~)((?:19|20)\d\d)年)?")
PERIOD = re.compile(r"(\d{1,2}[—\-–至到~]\d{1,2}月|\d{1,2}月[末底]|[上下]半年|[一二三四]季度|前三季度"
                    r"|十[一二三四五六]五)")
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+"
RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
# what may stand between a figure and the doubling that qualifies it (产值达2亿元，较2023年已翻番)
DOUBLING_GAP = re.compile(r"[，,]?(?:(?:较|比|与)(?:19|20)\d\d年(?:相比)?[，,]?)?"
                          r"(?:已|再|又|均|实现|同比|较上年|比上年)*")
ATTACHED = re.compile(r"[，,、]?(?:较上年|同比|比上年|较去年|比去年)?(?:同期)?")
BRACKETED_TAIL = re.compile(r"（.*）$")
ONE_OF = re.compile(r"[^，。；,;\d]{0,12}之一")  # 19个特别县之一: which group a thing belongs to, no figure
COUNTED_AFTER = re.compile(r"(?:以上)?(?:的)?[^，。；,;、\d]{0,4}?(?:企业|项目|园区|县|市)")
RANGE_TO = re.compile(r"[^，。；]{0,6}(?:至|到)")
DATE = re.compile(r"(?:19|20)\d\d年|\d{1,2}月(?:\d{1,2}日)?")
FROM_FIGURE = re.compile(r"(?:从|由)(?:(?:19|20)\d\d年的?|当年的?|上年的?|去年的?|原来的?)?\d")
MONTHS = re.compile(r"\d+月(?:\d+日)?|\d+[—\-–至]\d+月")
ALNUM = frozenset(string.ascii_letters + string.digits)
FROM = re.compile(r"(?:从|由)(?:(?:19|20)\d\d年的?|当年的?|上年的?|去年的?|原来的?)?$")
# a target or forecast, as _planned marks its metric: the mark becomes kg:status
PLAN_MARK = re.compile(r"（(目标|预计|计划)）$")
STATUS = {"目标": "target", "计划": "target", "预计": "forecast"}
PLAN_WORDS = frozenset(r["word"] for r in load_table("figure_words") if r["role"] == "plan")
PROJECT_COUNT = re.compile(r"[\d一二三四五六七八九十]+(?:个|项|大)[^，。；,;]{0,10}项目"
                           r"|项目[^，。；,;]{0,4}\d+(?:个|项)")
AGGREGATE = re.compile(r"集中|开工|签约|重点|重大|此次|本次|竣工|新建|续建|在建|实施|引进|招引|全部|所有|产业")
# a named organisation, park or project in a figure's clause owns it when no topic opens the clause
NAMED_HOLDERS = frozenset({"Enterprise", "Hospital", "IndustrialPark", "IndustryCluster", "Project"})
# a figure's subject found by position that a project named in the sentence outranks (not an enterprise:
# 该公司年纳税 stays the company's)
YIELDS_TO_PROJECT = frozenset(REGION_CLASSES) | {"IndustrialPark", "GovernmentBody", "Organization", "IndustryCluster"}
# what a metric never is: a rank, a distance from somewhere, a head count of a meeting, a price per unit
DISTANCE = re.compile(r"距|离[^开婚职任退]")
MEETING = re.compile(r"与会|参会|出席|列席|考察组|代表团|一行|嘉宾|观众|齐聚|代表参加")
# what a growth stated alone must measure when its metric names no indicator (产量, 产值, 收入 …)
MEASURE = re.compile(r"产量|产值|收入|营收|投资|增加值|总额|金额|销售|销量|订单|交易|利润|税|用电|人数|数量|规模|效益"
                     r"|贡献|比重|占比|率|指数|价格|出口|进口|客流|游客|就业|经费|资金")
NAMED_CAPACITY = re.compile(r"[^，。；、,;：:（(）)\d]{1,24}?项目")
# a clause about one project (该项目总投资…, 项目总用地面积…): its figures are that project's
THE_PROJECT = re.compile(r"\s*(?:该|本|此|这个)?项目(?!数|个数|总数)")
STAGE_VERBS = frozenset({"新建", "续建", "在建", "签约", "开工", "投产", "竣工", "新开工"})
CONDITION = re.compile(r"建成后|达产后|投产后")
THIS_TIME = re.compile(r"本次|此次|今年|当天|近日|日前|全年|本年")
NOW = re.compile(r"目前|当前|现阶段|如今")
PERIOD_MARKS = re.compile(r"[末底初至到—\-–~]")  # 2023年末, 2019年至2025年: still a time alone
THRESHOLD = re.compile(r"(?:超|超过)?\d+(?:\.\d+)?(?:万|亿)?元(?:以上)?(?:的)?")
PER_UNIT_BEFORE = re.compile(r"(?:每|/)(?:斤|公斤|千克|克|吨|亩|平方米|平米|个|件|人|小时|天|次|台|瓶|盒|箱|只|头|株)$")
PER_UNIT = re.compile(r"\s*(?:/|每|一)(?:斤|公斤|千克|克|吨|亩|平方米|平米|个|件|人|小时|天|次|台|瓶|盒|箱|只|头|株)")
SYMBOLS = "▲△●○■□◆◇★☆※→·•-—_ "
# a pull or contribution: a share of another's growth (对规上工业增长贡献率, 拉动规上工业产值增长…个百分点)
CONTRIBUTION = re.compile(r"对[^，,；;]*贡献|拉动|贡献率")
MEASURE_OR_CUE = re.compile(r"产值|增加值|收入|投资|产量|利润|税收|增长|拉动|贡献")
# what contributes: the industry or group the sentence opens with (农产品加工业产值增长18.7%，…; 14户新增企业…)
CONTRIBUTOR = re.compile(r"[^\d，,、；;：:。%（(）)]{1,14}(?:企业|产业|行业|业)")
# an event of a period (一季度重大项目集中开工, 2023年5月份重点项目集中签约) and the words that point back at it
EVENT = re.compile(r"(?:(?:19|20)\d\d年)?((?:\d{1,2}[—\-–至到~])?\d{1,2}月(?=份)|[上下]半年|[一二三四]季度|前三季度)"
                   r"[^，。；,;]{0,12}?集中(开工|签约|开复工|竣工|投产)")
THIS_EVENT = re.compile(r"本次|此次|这次")
STAGE = re.compile(r"开工|签约|竣工|投产|开复工|在建|续建|新建")
# a cumulative over years (近三年, 十年来, 去年以来; 今年以来 is this year's)
SPAN = re.compile(r"近[一二两三四五六七八九十\d]+年|[一二两三四五六七八九十\d]+年来|(?:(?:19|20)\d\d年|去年|前年)以来")
MONTH = re.compile(r"(?<![\d—\-–至到~])(\d{1,2}月)(?:份)?(?![\d日末底初])")  # a month alone, no day in it
# a counted group opening a part of a sentence (15个主平台累计承接…; 106个省产业园区遍布…): its figures are its own
GROUP_TOPIC = re.compile(r"(?:(?:19|20)\d\d年[，,])?[^\d，,；;：:、。]{0,8}?\d+(?:个|家|户|大)"
                         r"([^\d，,；;：:、。]{1,10}?(?:园区|平台|集聚区|基地|企业|开发区))"
                         r"(?=累计|共|遍布|实现|完成|[，,])")
COUNT_WORD = re.compile(r"\d+(?:户|家|个)")
COUNTED_GROUP = re.compile(r"\d+(?:户|家|个)([^\d]{1,10}(?:企业|项目))")


def _words(role: str) -> list[str]:
    return sorted((r["word"] for r in load_table("figure_words") if r["role"] == role), key=len, reverse=True)


def _values(role: str) -> dict[str, str]:
    return {r["word"]: r["value"] for r in load_table("figure_words") if r["role"] == role}


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, words))


class FigureExtractor:
    """Sentence with its linked mentions (and references) → Observations."""

    def __init__(self) -> None:
        self.units = {r["unit"]: r for r in load_table("figure_units")}
        units = sorted(self.units, key=len, reverse=True)
        self.approx_after = ["以上", "左右", "多", "余"]
        self.approx_before = [w for w in _words("approx") if w not in self.approx_after]
        self.up, self.down, self.lead, self.time = _words("up"), _words("down"), _words("lead"), _words("time")
        self.base_words, self.generic = _words("base"), _words("generic")
        self.generic_metrics = frozenset(_words("generic-metric"))
        self.heads = frozenset(_words("head"))
        self.tails = sorted([*self.lead, *self.approx_before, *self.up, *self.down, "同比", "较上年"], key=len,
                            reverse=True)
        self.dimensions = tuple(_words("dimension"))
        self.vague = frozenset(_words("vague"))
        self.fragments = frozenset(_words("fragment"))
        self.fragment_heads = tuple(_words("fragment"))
        self.tail_words = frozenset(_words("tail"))
        self.tail_ends = tuple(self.tail_words)
        self.long_tails = tuple(w for w in self.tail_words if len(w) > 1)  # words: no token check needed
        self.adverbs = frozenset(_words("adverb"))
        self.adverb_in = re.compile(_alternation(sorted(self.adverbs, key=len, reverse=True)))
        self.stocks = tuple(_words("stock"))
        self.nations = tuple(_words("nation"))
        # longest first: 就近就业 before 就业
        self.objects = re.compile("|".join(sorted(map(re.escape, _words("object")), key=len, reverse=True)))
        self.plan, self.double = _values("plan"), _values("double")
        self.verbs = lexicon().verbs
        self.joiners = frozenset({"和", "及", "与", "或", "并", "等", "以及", "并且", "还", "也"})
        self.tokenize = default_tokenizer()
        self.topics = default_topics()
        self.indicators = default_indicators()
        self._trimmed: dict[str, str] = {}  # metric spans recur (营业收入, 规上工业增加值): trimmed once
        self._leads_only: dict[str, bool] = {}  # and so do the words before a count
        self._subjects_of = SentenceMemo(self._possible_subjects)  # a sentence's figures share them
        self.generic_heads = tuple(self.generic)
        self._years_in: tuple[str, list[re.Match]] | None = None
        self._figs: tuple[str, list[re.Match], dict[int, int]] = ("", [], {})
        # (the lookahead lets the scan skip, in one step, every character that can open no figure)
        openers = "".join(sorted({w[0] for w in self.approx_before}))
        self.figure = re.compile(
            rf"(?=[\d零〇一二两三四五六七八九十百千万亿{re.escape(openers)}])(?P<approx>{_alternation(self.approx_before)})?(?P<num>{NUMBER})"
            rf"(?:(?P<sep>[—\-–~至到])(?P<num2>{NUMBER}))?(?P<scale>万|亿)?(?P<post>多|余)?"
            rf"(?P<unit>{_alternation(units)})(?P<after>以上|左右|多)?")
        growth_words = _alternation(self.up + self.down)
        # (two lead words may stand between: 增长仅为29.42% is a growth, not a level in percent)
        leads = _alternation(self.lead)
        self.growth_before = re.compile(rf"(?:{growth_words})了?(?:{leads}){{0,2}}(?:\d+(?:\.\d+)?%、)*$")
        self.change_before = re.compile(rf"(?:{growth_words})了?$")
        self.growth = re.compile(
            rf"(?P<dir>{growth_words})了?(?:{leads}){{0,2}}(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
            rf"(?P<unit>%|个百分点|倍|成)")
        self.compare = re.compile(rf"(?:{_alternation(_words('compare'))})[^，。；,;]{{0,14}}$")
        self.reference_words = NameMatcher({r["word"] for r in load_table("references")} | {
            r["word"] for r in load_table("entity_references") if r["form"] == "word"})
        self.doubling = re.compile(_alternation(sorted(self.double, key=len, reverse=True)))

    def __call__(self, sentence: Sentence, mentions: list[Mention], ctx: ArticleContext | None = None
                 ) -> list[Observation]:
        ctx = ctx or ArticleContext()
        text = sentence.text
        out: list[Observation] = []
        used: list[tuple[int, int]] = []
        if "集中" in text:
            self.remember_event(text, ctx)
        if sentence.index == 0:
            opening = PERIOD.match(text)
            if opening and text[opening.end():opening.end() + 1] in ("，", ","):
                ctx.opening_period = opening.group(1)  # 一季度，全县实现地区生产总值…: a release of that period
        figs = list(self.figure.finditer(text))
        # the sentence's figures, and from each figure's end the index of the next: what a scan from there finds
        self._figs = text, figs, {f.end(): i + 1 for i, f in enumerate(figs)} | {0: 0}
        for m in figs:
            obs = self._observation(sentence, m, mentions, ctx, self._listed_after(text, m.start(), out, used))
            if obs is not None and obs.metric in self.generic_metrics and out:
                # 新增规上工业企业28家，总数达到312家: the total of what the figure before counts
                obs = replace(obs, metric=BRACKETED_TAIL.sub("", out[-1].metric) + obs.metric)
            elif obs is not None and out and PLAN_MARK.sub("", obs.metric) in STAGE_VERBS:
                # 重点项目134个（新建100个，续建34个）: a part of what the figure before the parts counts
                whole = next((o.metric for o in reversed(out) if not o.metric.startswith(tuple(STAGE_VERBS))), "")
                # (a part of a planned whole is planned too: 计划实施重点项目134个（新建100个…）)
                mark = PLAN_MARK.search(obs.metric) or PLAN_MARK.search(whole)
                obs = replace(obs, metric=PLAN_MARK.sub("", obs.metric) + THRESHOLD.sub("", PLAN_MARK.sub("", whole))
                              + (mark.group(0) if mark else ""))
            if obs is not None:
                out.append(obs)
                used.append((m.start(), m.end()))
                ctx.last_metric = BRACKETED_TAIL.sub("", obs.metric)
        for g in self.growth.finditer(text):  # growth stated alone: 地区生产总值增长6.1%
            if self._attached(text, g.start(), used):
                continue
            found = self._growth_alone(sentence, g, mentions, ctx)
            out += found
            used += [(g.start(), g.end())] * bool(found)
        out += self._doublings(sentence, mentions, ctx, used)
        if out:
            ctx.last_metric = BRACKETED_TAIL.sub("", out[-1].metric)
            if "拉动" in text or "贡献" in text:
                out = self._of_contributor(sentence, mentions, out)
        return [o for o in map(self._finished, out) if o is not None]

    def _of_contributor(self, sentence: Sentence, mentions: list[Mention], out: list[Observation]
                        ) -> list[Observation]:
        """农产品加工业产值增长18.7%，拉动规上工业产值增长7.5个百分点: a pull or contribution is the industry's
        the sentence opens with, named in its metric; a region's with no industry named is left out."""
        text = sentence.text
        cut = MEASURE_OR_CUE.search(text)
        # (a region is whose figure it is; a company or park named is what pulls)
        mentions = [m for m in mentions if m.cls in REGION_CLASSES or m.reference]
        c0 = clause_start(text, cut.start()) if cut else 0
        found = CONTRIBUTOR.match(self._lead_words(sentence, mentions, c0, cut.start())) if cut else None
        first = found.group(0) if found else ""
        # 广丰区生产总值增长6%，拉动全市经济增长0.8个百分点: the region the sentence opens with pulls
        region = cut is not None and any(c0 <= m.start - sentence.start < cut.start() for m in mentions)
        kept = []
        for o in out:
            pos = text.find(o.text)
            k0 = clause_start(text, pos)
            cue = CONTRIBUTION.search(text, k0, pos) if pos >= 0 else None
            # 工业投资拉动…: the clause names what pulls; else the industry the sentence opens with
            by = (self._lead_words(sentence, mentions, k0, cue.start()) or first) if cue else ""
            if cue is None:
                kept.append(o)
            elif by:
                what = text[cue.start():pos]
                changed = True
                while changed:  # 拉动规上工业产值增长|7.5个百分点, 贡献率达|39.1%
                    changed = False
                    for w in self.tails:
                        if what.endswith(w) and len(what) > len(w):
                            what, changed = what[:-len(w)], True
                kept.append(replace(o, metric=by + what))
            elif region or (not o.subject.startswith("region/") and o.subject.split("/")[0] not in REGION_CLASSES):
                kept.append(o)  # 华宇公司拉动全县工业增长2个百分点: the company named is the contributor
        return kept

    def _lead_words(self, sentence: Sentence, mentions: list[Mention], a: int, b: int) -> str:
        """text[a:b] without names, times and counts (2018年14户新增企业1—3月 → 新增企业): its first words."""
        lead = self._blank_names(sentence.text, a, b, mentions, sentence)
        for w in self.time:
            lead = lead.replace(w, " ")
        words = COUNT_WORD.sub(" ", MONTHS.sub(" ", YEAR.sub(" ", lead))).split()
        return words[0] if words and len(words[0]) >= 2 else ""

    @staticmethod
    def remember_event(text: str, ctx: ArticleContext) -> None:
        """高新区举行2023年5月份重点项目集中开工动员会 (a title or a sentence): the period of the event reported."""
        event = EVENT.search(text)
        if event is not None:
            ctx.event_period, ctx.event_stage = event.group(1), event.group(2)

    def _figures_from(self, text: str, pos: int) -> list[re.Match]:
        """The figures of ``text`` from ``pos`` on, as ``self.figure.finditer(text, pos)`` finds them."""
        known, figs, after = self._figs
        if known == text and pos in after:
            return figs[after[pos]:]
        return list(self.figure.finditer(text, pos))

    def _finished(self, o: Observation) -> Observation | None:
        """The status a plan word gave (no longer on the metric), the indicator the metric names; a figure
        whose metric is no clean noun phrase is left out (precision first)."""
        metric, status = o.metric, o.status
        plan = PLAN_MARK.search(metric)
        if plan:
            metric, status = metric[:plan.start()], STATUS[plan.group(1)]
        metric = metric.strip(SYMBOLS)
        k = metric.rfind("项目")
        if k >= 0 and metric[k + 2:] in self.indicators.by_label:
            # …扩能项目”项目总投资: a project's name the recognisers missed is no part of the metric, and
            # the figure is the project's, not its region's (unless the words say it is a total of several)
            name = metric[:k]
            metric = metric[k + 2:]
            if len(name) > 2 and not AGGREGATE.search(name) and not o.subject.startswith("Project/"):
                return None
        if metric.startswith("后") and len(metric) > 3:
            metric = metric[1:]  # 建成后年产值, 达产后年销售收入: the 后 of the condition
        if metric.endswith("共") and len(metric) > 3:
            metric = metric[:-1]  # 开工项目共7个
        unit = o.unit
        row = self.units.get(unit) or self.units.get(unit[1:]) if unit else None
        kind = row["kind"] if row else ""
        indicator = self.indicators(metric, kind)
        if indicator is not None and kind == "amount":
            metric = self._from_verb(metric, indicator)
        if metric.startswith(self.fragment_heads) and self.tokenize.segment(metric).words[0] in self.fragments:
            return None  # 和重复建设的投资571亿元, 还将下拨2516万元: a clause cut open names no measure
        # (segmented only when a tail or an adverb is written in it: most metrics hold neither)
        tail = metric.endswith(self.tail_ends)
        if tail and metric.endswith(self.long_tails):
            return None  # 股价已跌去, …较上年末: it ends where no measure's name does
        if (tail or self.adverb_in.search(metric)) and self._clause_words(metric, tail):
            return None  # 净利润也, 批准的项目中, …逐渐发展管理资产规模: a clause, no measure's name
        if metric.startswith(self.nations) and kind != "rate":
            return None  # 我国信用卡授信总额 (a central bank quoted): the nation's, which no node holds
        if metric.endswith(self.dimensions) or metric in self.vague:
            # (项目 alone: which projects, signed, started or finished, the figure does not say)
            return None  # 道路全长1.2公里，宽32米: a street described, not a figure to add up
        if not self._clean_metric(metric, indicator) or (not o.value and indicator is None and MEASURE.search(metric)
                                                          is None):
            return None  # 食醋增长33.2%: a growth of a thing named, not of a measure, adds up to nothing
        return replace(o, metric=metric, status=status, indicator=indicator)

    def _clause_words(self, metric: str, tail: bool) -> bool:
        """Its last word a tail word (中 of 项目中, not of 集中), or an adverb one of its words."""
        words = self.tokenize.segment(metric).words
        return (tail and words[-1] in self.tail_words) or not self.adverbs.isdisjoint(words)

    def _from_verb(self, metric: str, indicator: str) -> str:
        """示范区举行投资, 仅“文企贷”获批贷款: what follows the last verb before an amount's measure word, when
        it measures the same (城镇常住居民人均可支配收入 stays whole: 常住 qualifies 居民)."""
        toks = list(self.tokenize.segment(metric).words)
        verbs = [i for i, t in enumerate(toks[:-1]) if t in self.verbs and t not in self.lead and len(t) > 1]
        if not verbs:
            return metric
        rest = "".join(toks[verbs[-1] + 1:])
        return rest if len(rest) >= 2 and self.indicators(rest, "amount") == indicator else metric

    @staticmethod
    def _clean_metric(metric: str, indicator: str | None) -> bool:
        """A metric is a noun phrase as written: no digits (a clause fragment around another figure), not
        ending in 的; without an indicator it is short (a long one is a clause, not a name of a measure)."""
        bare = THRESHOLD.sub("", metric)  # 超10亿元企业: a threshold is part of what is counted
        if len(metric) < 2 or any(c.isdigit() for c in bare) or metric.endswith(("的", "了", "为")) \
                or metric.count("“") != metric.count("”"):  # 调配时代新苑”项目: a name cut open
            return False
        if indicator is not None:
            return True
        if metric in PLAN_WORDS or metric in STAGE_VERBS:
            return False  # 计划500万元, 新建100个: a plan word or a verb alone is no metric
        return len(metric) <= 18

    # ---- one figure ---------------------------------------------------------------------------

    @staticmethod
    def _listed_after(text: str, start: int, out: list[Observation], used: list[tuple[int, int]]
                      ) -> Observation | None:
        """培育绿色工厂301家、绿色工业园区41家: the figure before this one in a list of figures of one clause."""
        item0 = text.rfind("、", 0, start)
        if not out or item0 < 0 or not used or used[-1][1] > item0 or CLAUSE.search(text, used[-1][1], start):
            return None
        return out[-1]

    def _observation(self, sentence: Sentence, m: re.Match, mentions: list[Mention], ctx: ArticleContext,
                     listed_after: Observation | None = None) -> Observation | None:
        text = sentence.text
        start, end = m.start(), m.end()
        unit_row = self.units[m.group("unit")]
        kind = unit_row["kind"]
        if _part_of_date_or_name(text, start, end):
            return None
        inside = next((x for x in mentions if x.start <= sentence.start + start and sentence.start + end <= x.end
                       and x.cls in SUBJECT_CLASSES and not x.reference), None)
        if inside is not None:
            return self._capacity_in_name(sentence, m, inside, ctx)
        if NAMED_CAPACITY.match(text, end) and (text.endswith("年产", 0, start) or (
                kind == "quantity" and start == clause_start(text, start))):
            return None  # 年产12亿安时电芯项目 with the project's name not found: the figure names it, whose is unknown
        if m.group("unit") in ("%", "个百分点", "成") and self.growth_before.search(text[:start]):
            return None  # 增长6.1%, 分别增长17%、77.4%: growth, taken by the growth pass
        if kind != "rate" and self.change_before.search(text, max(0, start - 6), start):
            return None  # 各项贷款增长651亿元, 比上年增加3家: a change, not the level the metric names
        if kind == "count" and ONE_OF.match(text, end):
            return None
        if kind in ("amount", "quantity") and COUNTED_AFTER.match(text, end):
            return None  # 超50亿元企业2家: the amount qualifies what is counted
        value, unit = self._value(m)
        if value is None:
            return None
        approx = m.group("approx") or m.group("post") or m.group("after")
        value_max = None
        if m.group("num2"):  # 3至5亿元: the range as written, the lower bound as the value, the upper as max
            low, _ = self._value(m, "num")
            if low is not None:
                approx = f"{decimal_text(low)}—{decimal_text(value)}"
                value, value_max = low, decimal_text(value)
        if self._not_a_figure(text, start, end, kind):
            return None
        # from … to …: the figure reached is the one reported (从3.75亿千瓦时跃升至8.45亿千瓦时, 由2020年的…增加到…)
        if FROM.search(text[clause_start(text, start):start]) and RANGE_TO.match(text, end):
            return None
        c0 = clause_start(text, start)
        if m.group("unit") in ("%", "个百分点") and self.compare.search(text[c0:start]):
            return None  # 高于全省平均水平1.1个百分点: a difference from another's figure
        subject = self._subject(sentence, start, end, mentions, ctx, kind)
        respective = self._respective(sentence, start, mentions, [f.start() for f in self._figures_from(text, c0)]
                                      ) if "分别" in text[c0:start] else None
        if respective is not None:
            subject = respective or None
        metric = self._metric(sentence, start, end, kind, mentions)
        seg0 = max((x.end() for x in SEGMENT.finditer(text, 0, start)), default=0)
        group = GROUP_TOPIC.match(text, seg0)
        if group and group.end() <= start and metric and group.group(1) not in metric:
            # 106个省产业园区遍布21个地市，年工业总产值2.4万亿元: the parts counted, not their region, produce it
            metric = group.group(1) + metric
        # (a bare 项目 standing for the last project named is no stronger than position: 4大项目…，项目总投资)
        # (a reference outranks it only when written in this sentence: 全区…总投资; the article's 我县 does not)
        if respective is None and (subject is None or not subject.reference or subject.source == "bare-noun"
                                   or subject.sentence != sentence.index) and text[end:end + 1] != "的":
            project = self._project_of(sentence, start, metric, kind, mentions, ctx)
            # the project outranks a subject found by position; a company only when named before it
            # (X公司投资建设Y项目，总投资12亿元)
            if project is not None and (subject is None or subject.cls in YIELDS_TO_PROJECT or (
                    subject.cls == "Enterprise" and subject.end <= project.start) or project.cls in REGION_CLASSES):
                subject = project
        if kind == "amount" and metric.endswith(self.stocks) and "新增" in text[c0:start]:
            return None  # 新增贷款402亿元: a change of a balance, not the balance the indicator names
        if subject is not None and subject.cls != "Project" and THE_PROJECT.match(text, c0) \
                and not PROJECT_COUNT.search(text, 0, c0):
            # 该项目总投资21.2亿元 with the project's name not found: not its park's or region's figure (4大项目…，
            # 项目总投资 is the total of those counted)
            return None
        subject_key = subject.key if subject is not None else None
        if listed_after is not None and not metric:
            # …301家、绿色工业园区41家: the item names what is counted, the list's subject holds
            metric = self._trim(text[text.rfind("、", 0, start) + 1:start]) or listed_after.metric
            subject_key = listed_after.subject if respective is None else subject_key
        metric = self._own_metric(sentence, start, mentions, subject, metric, ctx)
        if metric in self.vague:
            # 此次集中开工的A、B等12个项目, 等5个项目的开工: the stage the clause names says which projects
            stage = STAGE.search(text, c0, min(len(text), end + 6))
            metric = stage.group(0) + metric if stage else metric
        obj = self.objects.match(text, end)
        if metric and obj and not metric.endswith(obj.group(0)):
            metric += obj.group(0)  # 带动|200人|就业: the verb's object after the figure completes the metric
        if subject_key is None or not metric:
            return None
        growth = None
        g = self.growth.search(text, end, min(len(text), end + 14))
        between = text[end:g.start()] if g else ""
        if g and g.group("unit") != "个百分点" and (
                not CLAUSE.search(between) or between.strip("，, ") in ("", "较上年", "同比", "比上年")):
            growth = self._growth_value(g)
        else:
            d = self.doubling.search(text, end, min(len(text), end + 10))
            if d and DOUBLING_GAP.fullmatch(text[end:d.start()]):
                growth = self.double[d.group(0)]  # 产值达2亿元，已翻番
        year, period = self._when(text, start, ctx)
        normalized = self._normalized(value, unit)
        return Observation(subject=subject_key, metric=self._planned(text, start, metric), value=decimal_text(value),
                           unit=unit, sentence=sentence.index, year=year, period=period, growth_percent=growth,
                           approx=approx, text=m.group(0), normalized_value=normalized[0],
                           normalized_unit=normalized[1], value_max=value_max)

    def _capacity_in_name(self, sentence: Sentence, m: re.Match, project: Mention, ctx: ArticleContext
                          ) -> Observation | None:
        """年产10000台变压器项目, 10GW光伏组件项目: a figure inside a project's name is its capacity; inside
        any other name (1+2+N, 第18届) it is no figure."""
        value, unit = self._value(m)
        if project.cls != "Project" or value is None or self.units[m.group("unit")]["kind"] in ("rate", "amount"):
            return None
        text, start = sentence.text, m.start()
        metric = "年产能" if text.endswith(("年产", "年产能"), 0, start) else "产能"
        year, period = self._when(text, start, ctx)
        if period and period not in text[clause_start(text, start):start]:
            period = None  # a capacity is of no period but one its clause writes (not the event's 一季度)
        normalized = self._normalized(value, unit)
        return Observation(subject=project.key, metric=metric, value=decimal_text(value), unit=unit,
                           sentence=sentence.index, year=year, period=period, text=m.group(0),
                           normalized_value=normalized[0], normalized_unit=normalized[1])

    def _project_of(self, sentence: Sentence, start: int, metric: str, kind: str, mentions: list[Mention],
                    ctx: ArticleContext) -> Mention | None:
        """X项目总投资1.1亿元，占地40亩，建成后年产值2亿元: a project's own figures (the indicator's holder
        is Project) belong to the project named before them in the sentence, or in the sentence before;
        not to one item of a list of projects (A项目、B项目等4个项目总投资…), and a total of projects counted
        in the sentence (开工6个项目，总投资3.56亿元) is their region's (the region is returned then)."""
        ind = self.indicators(metric, kind)
        if ind is None or self.indicators.rows[ind]["holder"] != "Project":
            return None
        text = sentence.text
        if PROJECT_COUNT.search(text, 0, start):
            # 集中开工6个项目，总投资3.56亿元: the total of the projects counted, their region's
            regions = [m for m in outermost(mentions) if m.cls in REGION_CLASSES and m.end <= sentence.start + start]
            # 位于我县境内的A、B、潭下镇C4大项目: a county or above (a town opens an item's name)
            counties = [m for m in regions if m.cls not in ("Town", "Community")]
            return counties[-1] if counties else (ctx.region or None)
        here = [m for m in outermost(mentions) if m.cls == "Project" and m.end <= sentence.start + start]
        if here:
            p = here[-1]
            a, b = p.start - sentence.start, p.end - sentence.start
            if text[b:b + 1] in ("、", "和", "及", "与") or text[max(0, a - 1):a] == "、" or "等" in text[b:start]:
                return None
            return p
        if not ctx.paragraph_sentences or any(text[f.end():f.end() + 1] == "的" for f in self._figures_from(text, 0)):
            return None  # 占地3万平方米，总投资1亿元的X学校: the sentence is about X
        prev = ctx.paragraph_sentences[-1]
        before = [m for m in ctx.paragraph if m.cls == "Project" and m.start >= prev.start]
        return before[-1] if len(before) == 1 else None

    @staticmethod
    def _not_a_figure(text: str, start: int, end: int, kind: str) -> bool:
        """距县城12公里, 与会代表200名, 5元/斤: a distance, a meeting's head count, a price per unit."""
        c0 = clause_start(text, start)
        if kind == "quantity" and DISTANCE.search(text, c0, start):
            return True
        c1 = next((x.start() for x in CLAUSE.finditer(text, end)), len(text))
        if kind == "count" and MEETING.search(text, c0, c1):
            return True
        return PER_UNIT.match(text, end) is not None or PER_UNIT_BEFORE.search(text, c0, start) is not None

    def _respective(self, sentence: Sentence, start: int, mentions: list[Mention], figures: list[int]
                    ) -> Mention | bool | None:
        """瑞金市、于都县分别完成投资46.2亿元、38.5亿元: the n-th figure after 分别 is the n-th name's;
        False when the names and the figures do not pair up, None when there is no 分别."""
        text = sentence.text
        c0 = clause_start(text, start)
        k = text.find("分别", c0, start)
        if k < 0:
            return None
        c1 = next((x.start() for x in CLAUSE.finditer(text, start)), len(text))
        names = [m for m in outermost([x for x in mentions if x.cls in SUBJECT_CLASSES])
                 if sentence.start + c0 <= m.start and m.end <= sentence.start + k]
        values = [f for f in figures if k <= f < c1]
        if len(names) < 2 or len(names) != len(values) or start not in values:
            return False
        return names[values.index(start)]

    def _own_metric(self, sentence: Sentence, start: int, mentions: list[Mention], subject: Mention | None,
                    metric: str, ctx: ArticleContext) -> str:
        """The subject's name is no part of its metric; a clause that names its subject and no metric
        (其中，章贡区增长8.1%; 宁都县新增12家) measures what the figure before measured."""
        metric = metric.replace("分别", "")
        if subject is not None:
            for name in (subject.canonical, subject.text):
                if name and metric.startswith(name) and len(metric) > len(name) + 1:
                    metric = metric[len(name):]
        if len(metric) >= 2:
            return metric
        text = sentence.text
        c0 = clause_start(text, start)
        named = any(sentence.start + c0 <= x.start < sentence.start + start and x.cls in SUBJECT_CLASSES
                    for x in mentions)
        return (ctx.last_metric or "") if named else metric

    def _value(self, m: re.Match, group: str = "") -> tuple[Decimal | None, str]:
        """The number and the unit it is written in; 一百二十亿元 is 120 in 亿元, 三亿五千万元 35000 in 万元."""
        num = m.group(group or ("num2" if m.group("num2") else "num"))
        unit = (m.group("scale") or "") + m.group("unit")
        value = parse_number(num)
        if value is None:
            return None, unit
        if num[0] in CHINESE_NUMERAL:
            near = m.group("approx") or m.group("post") or m.group("after")
            if is_bare_magnitude(num) and not near:
                return None, unit  # 千家万户 is no count
            if num[-1] in BIG_UNITS and not m.group("scale"):
                value, unit = value / BIG_UNITS[num[-1]], num[-1] + unit
            elif value < 10 and m.group("unit") != "成" and not m.group("scale"):
                return None, unit  # 两大任务, 三个方面: small numbers in words are rarely statistics
        return value, unit

    def _normalized(self, value: Decimal, unit: str) -> tuple[str | None, str | None]:
        factor = Decimal(1)
        if unit not in self.units and unit[:1] in BIG_UNITS:
            factor, unit = Decimal(BIG_UNITS[unit[0]]), unit[1:]
        row = self.units.get(unit)
        if row is None or not row.get("base"):
            return None, None
        return decimal_text(value * factor * Decimal(row["factor"])), row["base"]

    def _planned(self, text: str, start: int, metric: str) -> str:
        """力争新增100家, 预计再翻一番: a target or forecast says so in its metric (建成后 also for the
        clauses after it: 建成后年产值2亿元，年创利税1000万元)."""
        clause = text[clause_start(text, start):start]
        for word, mark in self.plan.items():
            if word in clause:
                bare = metric.replace(word, "")
                return f"{bare if len(bare) >= 2 else metric}（{mark}）"
        seg0 = max((m.end() for m in SEGMENT.finditer(text, 0, start)), default=0)
        if CONDITION.search(text, seg0, start):  # 计划总投资1亿元，建成后年产值2亿元: the condition, not the plan
            return f"{metric}（预计）"
        return metric

    # ---- growth, doubling -------------------------------------------------------------------

    def _growth_alone(self, sentence: Sentence, g: re.Match, mentions: list[Mention], ctx: ArticleContext
                      ) -> list[Observation]:
        text = sentence.text
        c0 = clause_start(text, g.start())
        if self.compare.search(text[c0:g.start()]):
            return []
        metric = self._metric(sentence, g.start(), g.end(), "rate", mentions)
        if "分别" in text[c0:g.start()]:
            # 甲、乙分别增长17%、22%: one growth per name listed before 分别, when they pair up
            c1 = next((x.start() for x in CLAUSE.finditer(text, g.start())), len(text))
            values = [g.start()] + [x.start() for x in re.finditer(r"(?<=、)\d+(?:\.\d+)?%", text[:c1])
                                    if x.start() > g.start()]
            out = []
            for v in values:
                who = self._respective(sentence, v, mentions, values)
                if not who:
                    return []
                num = re.match(r"\d+(?:\.\d+)?", text[v:]) if v != g.start() else None
                pct = self._growth_value(g) if num is None else decimal_text(
                    Decimal(num.group(0)) * (-1 if g.group("dir") in self.down else 1))
                year, period = self._when(text, v, ctx)
                out.append(Observation(subject=who.key, metric=self._own_metric(sentence, v, mentions, who, metric,
                                                                                  ctx),
                                       value="", unit="", sentence=sentence.index, year=year, period=period,
                                       growth_percent=pct, text=g.group(0)))
            return [o for o in out if o.metric]
        subject = self._subject(sentence, g.start(), g.end(), mentions, ctx, "rate")
        metric = self._own_metric(sentence, g.start(), mentions, subject, metric, ctx)
        if subject is None or not metric:
            return []
        year, period = self._when(text, g.start(), ctx)
        if g.group("unit") == "个百分点":  # a share up 2 points: a change in points, not a growth in percent
            v = (parse_number(g.group("num")) or Decimal(0)) * (-1 if g.group("dir") in self.down else 1)
            return [Observation(subject=subject.key, metric=self._planned(text, g.start(), metric),
                                value=decimal_text(v), unit="个百分点", sentence=sentence.index, year=year,
                                period=period, text=g.group(0), normalized_value=decimal_text(v),
                                normalized_unit="个百分点")]
        return [Observation(subject=subject.key, metric=self._planned(text, g.start(), metric), value="", unit="",
                            sentence=sentence.index, year=year, period=period,
                            growth_percent=self._growth_value(g), text=g.group(0))]

    def _doublings(self, sentence: Sentence, mentions: list[Mention], ctx: ArticleContext,
                   used: list[tuple[int, int]]) -> list[Observation]:
        """产值已翻倍, 预计再翻一番: a doubling stated alone is a growth of 100%."""
        out = []
        text = sentence.text
        for d in self.doubling.finditer(text):
            if any(a <= d.start() <= b + 8 for a, b in used):
                continue
            subject = self._subject(sentence, d.start(), d.end(), mentions, ctx, "rate")
            metric = self._metric(sentence, d.start(), d.end(), "rate", mentions)
            for w in [*self.plan, "已", "再", "又", "还", "也"]:
                metric = metric.replace(w, "") if len(metric) > len(w) else metric
            if len(metric) < 2 and out:
                metric = BRACKETED_TAIL.sub("", out[-1].metric)  # 去年产值已翻倍，今年预计再翻一番
            if subject is None or len(metric) < 2 or metric.endswith(("唯一", "中唯一")):
                continue
            year, period = self._when(text, d.start(), ctx)
            out.append(Observation(subject=subject.key, metric=self._planned(text, d.start(), metric), value="",
                                   unit="", sentence=sentence.index, year=year, period=period,
                                   growth_percent=self.double[d.group(0)], text=d.group(0)))
        return out

    @staticmethod
    def _attached(text: str, pos: int, used: list[tuple[int, int]]) -> bool:
        """A growth right after a figure qualifies it (3531.19亿元，较上年增长7.9%; 368亿元、增长21.9%);
        after a new metric (2.3万例，三四级手术占比提高3.5个百分点) it is a figure of its own."""
        for _, b in used:
            between = text[b:pos]
            if b <= pos and pos - b <= 12 and (not CLAUSE.search(between) or ATTACHED.fullmatch(between)):
                return True
        return False

    def _growth_value(self, g: re.Match) -> str:
        v = parse_number(g.group("num")) or Decimal(0)
        if g.group("unit") == "倍":
            v = v * 100  # 增长1.4倍 = +140%
        elif g.group("unit") == "成":
            v = v * 10  # 增长三成 = +30%
        if g.group("dir") in self.down:
            v = -v
        return decimal_text(v)

    # ---- when ------------------------------------------------------------------------------------

    def _when(self, text: str, pos: int, ctx: ArticleContext) -> tuple[str | None, str | None]:
        """The year and period of a figure at ``pos``: written before it in its part of the sentence, or
        opening the sentence, else the paragraph's opening year, else the article's (今年, 去年 from it)."""
        seg0 = max((m.end() for m in SEGMENT.finditer(text, 0, pos)), default=0)
        # a year in this part of the sentence, or one opening a clause before it (数据显示，2025年，…；…);
        # 去年 / 今年 in the figure's own clause are counted from the article's year
        c0 = clause_start(text, pos)
        years = [y for y in self._years(text) if y.start() < pos
                 and (y.start() >= seg0 or y.start() == clause_start(text, y.start()))
                 and (y.start() >= c0 or self._states_period(text, y))]
        rel = next((d for w, d in RELATIVE_YEARS.items() if w in text[c0:pos]), None)
        if rel is not None and not any(y.start() >= c0 for y in years):
            p = [m for m in PERIOD.finditer(text, seg0, pos)]
            return (str(int(ctx.year) + rel) if ctx.year else None), (p[-1].group(1) if p else None)
        chosen = years[-1] if years else None
        if chosen is None and text.startswith("其中") and ctx.last_year:
            return ctx.last_year, None  # …公布2025年度名单。其中，63家企业…
        period = None
        if chosen is not None:
            year = chosen.group(2) or chosen.group(1)
            if chosen.group(2):
                period = f"{chosen.group(1)}—{chosen.group(2)}年"
        else:
            # 截至目前, 目前: now, the article's year (not the year the paragraph opened with)
            year = None if NOW.search(text, seg0, pos) and ctx.year else ctx.paragraph_year
            clause = text[clause_start(text, pos):pos]
            rel = next((d for w, d in RELATIVE_YEARS.items() if w in clause or w in text[seg0:pos]), None)
            if ctx.year and rel is not None:
                year = str(int(ctx.year) + rel)
            # an undated page: the latest year it has written so far stands for its own, for a figure the
            # sentence says is of now (本次集中开工项目6个), not for one of no stated time (累计…)
            year = year or ctx.year or (ctx.latest_year if THIS_TIME.search(text, 0, pos) else None)
        p = [m for m in PERIOD.finditer(text, seg0, pos)]
        # (in the figure's clause, or a clause of its own before it: 近三年，浏阳共引进…; not 落户近十年的企业)
        span = next((m for m in SPAN.finditer(text, seg0, pos) if m.start() >= c0 or (
            m.start() == clause_start(text, m.start()) and text[m.end():m.end() + 1] in ("，", ","))), None
                    ) if chosen is None else None
        # (a month of an earlier clause too, not one standing alone as the news's date: 5月，…引进5家)
        month = next((m for m in MONTH.finditer(text, seg0, pos) if m.start() >= c0 or not (
            m.start() == clause_start(text, m.start()) and text[m.end():m.end() + 1] in ("，", ","))), None
                     ) if not p else None
        if span is not None:
            year, period = None, span.group(0)  # 近三年共引进300个: over years, of none of them
        elif p and NOW.search(text, c0, pos) and p[-1].start() < c0:
            period = None  # 前三季度，…完成投资71.52亿元，目前线上调度项目300个: now, not the quarters'
        elif p:
            period = p[-1].group(1)
        elif month is not None:
            period = month.group(1)  # 在10月竣工项目共11项: the month the figure counts in
        elif chosen is None and text.startswith("其中") and ctx.paragraph_sentences:
            # 一季度，地区生产总值56.82亿元。其中，第一产业增加值5.32亿元: a breakdown is of the total's period
            before = [m for m in PERIOD.finditer(ctx.paragraph_sentences[-1].text)]
            period = before[-1].group(1) if before else None
        if period is None and chosen is None and ctx.opening_period and year == ctx.year and not (
                MONTHS.search(text, 0, pos) or NOW.search(text, seg0, pos) or rel is not None):
            period = ctx.opening_period  # a release's figures are of its period (not 3月末, 1-2月, 目前)
        c1 = next((m.start() for m in CLAUSE.finditer(text, pos)), len(text))
        if period is None and ctx.event_period and (THIS_EVENT.search(text, 0, pos) or ctx.event_stage in text[pos:c1]
                                                    ) and not MONTHS.search(text, 0, pos):
            # 本次集中开工项目7个 under a title of 三季度7个项目集中开工; …等5个项目的开工 after 一季度…集中开工活动
            # (not a project's 占地 in a clause about its 开工庆典)
            period = ctx.event_period
        return year, period

    def _states_period(self, text: str, y: re.Match) -> bool:
        """A year in an earlier clause dates the figures after it when its clause is a time alone (2025年，…)
        or reports a figure itself (2024年产值5亿元，税收2000万元); not an event's date (2016年立项，占地32亩)."""
        end = next((m.start() for m in CLAUSE.finditer(text, y.end())), len(text))
        clause = PERIOD_MARKS.sub("", text[clause_start(text, y.start()):end].replace("截至", "").replace("截止", ""))
        return (self._only_leads(clause) or self.figure.search(text, y.end(), end) is not None
                or self.growth.search(text, y.end(), end) is not None)

    def _years(self, text: str) -> list[re.Match]:
        """The years a sentence writes, comparison bases left out (for each of its figures)."""
        if self._years_in is None or self._years_in[0] != text:
            self._years_in = text, [y for y in YEAR.finditer(text) if not self._base_year(text, y)]
        return self._years_in[1]

    def _base_year(self, text: str, y: re.Match) -> bool:
        """较2020年, 与2020年相比, 自2021年…以来: a comparison base, not the figure's year."""
        before = text[max(0, y.start() - 2):y.start()]
        after = text[y.end():y.end() + 4]
        if COUNT_WORD.match(text, y.end()):
            # 2018年14户新增企业1—3月完成…: the year the firms were added; the months are the figure's time
            c1 = next((m.start() for m in CLAUSE.finditer(text, y.end())), len(text))
            if MONTHS.search(text, y.end(), c1):
                return True
        return before.endswith(tuple(self.base_words)) or after.startswith(("以来", "相比", "同期", "比"))

    # ---- who -------------------------------------------------------------------------------------

    def _subject(self, sentence: Sentence, start: int, end: int, mentions: list[Mention], ctx: ArticleContext,
                 kind: str) -> Mention | None:
        """Who the figure is about: the entity it qualifies (…300亿元的X集群), a reference in its clause
        (全区, 该公司, 63家我省企业), a name right before it (X6个项目), the topic of its clause or of an
        earlier one, the paragraph's, the article's. A count that opens its clause, or counts a list
        (A、B等14个园区), is about a region."""
        text = sentence.text
        abs_start, abs_end = sentence.start + start, sentence.start + end
        ms, top = self._subjects_of(sentence, mentions)
        of = next((f for f in self._figures_from(text, end) if text[f.end():f.end() + 1] == "的"
                   and not SEGMENT.search(text, end, f.start())), None)
        if of is not None and not any(m.start < sentence.start + of.start() for m in top):
            # 占地3.5万平方米、总投资1.1亿元的X学校: the figures before …的X are X's too
            end, abs_end = of.end(), sentence.start + of.end()
        if text[end:end + 1] == "、" and kind == "amount":
            # 投资20亿元、年产12亿安时电芯项目: the amount describes the project named after it
            nxt = next((m for m in top if m.start == abs_end + 1 and m.cls == "Project"), None)
            if nxt is not None:
                return nxt
        if text[end:end + 1] == "的":
            nxt = next((m for m in top if m.start == abs_end + 1), None)
            if nxt is not None:
                return nxt
            if not text.startswith(self.generic_heads, end + 1):
                return None  # 总投资超百亿元的腾远新能源: about a name not known, not the clause's topic
        c0 = clause_start(text, start)
        refs = [m for m in ms if m.reference and sentence.start + c0 <= m.start
                and not text.endswith(("在", "到", "落户", "来到", "与", "占"), 0, m.start - sentence.start)
                and not any(n.start == m.end and not n.reference for n in top)]  # 全区工业陶瓷产业集群
        near = [r for r in refs if r.end <= abs_start] or [r for r in refs if abs_end <= r.start <= abs_end + 1]
        if near:
            return near[-1] if near[-1].end <= abs_start else near[0]
        lead = text[c0:start]
        # A、B等14个园区 / A、B、C3个项目: a count of the items listed is their region's
        listed = lead.rstrip().endswith("等") or text.endswith("等", 0, start) or (kind == "count" and "、" in lead)
        adjacent = [m for m in top if m.end == abs_start or (
            m.end < abs_start and text[m.end - sentence.start:start] in self.approx_before)]
        # (拥有A、B、江淮3家整车企业: the last item listed is counted, not the subject)
        item = listed and adjacent and text[adjacent[-1].start - sentence.start - 1] == "、"
        if adjacent and not adjacent[-1].reference and not (listed and adjacent[-1].cls not in REGION_CLASSES) \
                and not item:
            return adjacent[-1]
        opening = kind == "count" and self._only_leads(lead)
        if listed:
            # 该园区…，入驻A、B等小微企业43家: the tenants listed are counted by the park (or firm) the sentence
            # is about
            host = [m for m in ms if m.cls in NAMED_HOLDERS and m.end <= abs_start and self.topics.is_topic(sentence, m)
                    and text[m.end - sentence.start:m.end - sentence.start + 1] not in ("、", "等")]  # not an item
            if host:
                return host[-1]
        classes = frozenset(REGION_CLASSES) if listed or opening else SUBJECT_CLASSES
        topics = [t for t in self.topics(sentence, mentions) if t.end <= abs_start and t.cls in classes
                  and not (listed and text[t.end - sentence.start:].startswith(("、", "等")))]
        if topics:
            return topics[-1]
        named = [m for m in top if sentence.start + c0 <= m.start and m.end <= abs_start and m.cls in NAMED_HOLDERS
                 and not m.reference and not is_adjunct(sentence, m)] if not listed else []
        if named:
            return named[-1]  # 以其为龙头建成的X产业园引进5家企业: the park the clause names, not the paragraph's
        if listed:
            regions = [m for m in top if m.cls in REGION_CLASSES and m.end <= abs_start]
            if regions:
                return regions[-1]
        if self._unresolved_reference(sentence, c0, start, mentions):
            return None  # 全市 with no city known: whose figure it is cannot be said
        if not YEAR.match(text):  # an annual figure (2025年，…) is the article's, not the anecdote's
            para = ctx.paragraph_topic(classes)
            if para is not None:
                return para
        subject = ctx.subject  # (named in the title, or more than anything else)
        if subject is None or subject.cls == "GovernmentBody" or subject.cls not in classes:
            # a ministry an article quotes does not own its figures; nor does a region named once in passing
            # elsewhere own those of a sentence that names no one
            region = ctx.region
            return region if region is not None and self._named_again(region, ctx, mentions) else None
        return subject

    @staticmethod
    def _named_again(subject: Mention, ctx: ArticleContext, mentions: list[Mention]) -> bool:
        """The article is about ``subject``: it opens with it (广丰区发布…, 我省…) or named it (or referred to
        it) twice so far, not once in passing (记者从九江市一家书店了解到)."""
        seen = 0
        for m in (*ctx.earlier, *mentions):
            if m.key == subject.key:
                seen += 1
                if seen > 1 or m.start < 2:
                    return True
        return False

    @staticmethod
    def _possible_subjects(sentence: Sentence, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """The mentions a figure of the sentence may be about, and the outermost of them."""
        text = sentence.text
        # 106个省产业园区: a name right after a count is what the count counts, no subject (nor a name)
        ms = [m for m in mentions if m.cls in SUBJECT_CLASSES and not is_ranking_scope(sentence, m)
              and not COUNT_BEFORE.search(text, 0, m.start - sentence.start) and not m.text.startswith(COUNTED_NAME)]
        return ms, outermost(ms)

    def _unresolved_reference(self, sentence: Sentence, a: int, b: int, mentions: list[Mention]) -> bool:
        for s, _, _ in self.reference_words.find(sentence.text[a:b]):
            pos = sentence.start + a + s
            if not any(m.start <= pos < m.end for m in mentions):
                return True
        return False

    def _only_leads(self, lead: str) -> bool:
        known = self._leads_only.get(lead)
        if known is None:
            if len(self._leads_only) > 4096:
                self._leads_only.clear()
            known = self._leads_only[lead] = self._only_leads_now(lead)
        return known

    def _only_leads_now(self, lead: str) -> bool:
        rest = DATE.sub("", lead).strip(" “”")
        for w in (*self.time, *self.lead, *self.approx_before, "近年来", "截至目前"):
            rest = rest.replace(w, "")
        return rest == ""

    # ---- what ------------------------------------------------------------------------------------

    def _metric(self, sentence: Sentence, start: int, end: int, kind: str, mentions: list[Mention]) -> str:
        """What is measured: the noun phrase before the figure in its clause; for a count followed by what
        it counts (45个城市能级升级项目), that noun."""
        text = sentence.text
        c0 = max((x.end() for x in COUNTED_STOP.finditer(text, 0, start)), default=0)
        while kind == "rate" and text[c0 - 1:c0] == "、":
            # 电力、热力、燃气及水生产和供应业增加值下降15.8%: short items with no figure of their own name one thing
            a = max((x.end() for x in COUNTED_STOP.finditer(text, 0, c0 - 1)), default=0)
            if not 1 <= c0 - 1 - a <= 6 or any(ch.isdigit() for ch in text[a:c0 - 1]):
                break
            c0 = a
        span = self._blank_names(text, c0, start, mentions, sentence)
        frm = FROM_FIGURE.search(text[c0:start + 1])
        if frm:  # 工业用电量从3.75亿千瓦时跃升至…: the metric is what stands before 从
            span = span[: frm.start()]
        span = YEAR.sub(" ", span)
        span = MONTHS.sub(" ", span)
        for w in self.time:
            span = span.replace(w, " ")
        if "了" in span and span.rsplit("了", 1)[1].strip():
            span = span.rsplit("了", 1)[1]  # 道出了小区644户: what follows the finished verb
        pieces = span.split()
        span = self._trim(pieces[-1] if pieces else "")
        group = COUNTED_GROUP.fullmatch(pieces[-2]) if len(pieces) > 1 and span else None
        if group and kind in ("rate", "amount"):
            span = group.group(1) + span  # 14户新增企业1—3月完成工业总产值: the firms' output, not the county's
        after = self._counted(text, end, mentions, sentence) if kind == "count" else ""
        if after:
            if span.endswith("的") or (span and len(span) <= 2 and text[c0 - 1:c0] != "、"):
                return (span + after)[-24:]  # (not the last item of a list: 大众、蔚来、江淮3家整车企业)
            return after
        return span or self._counted(text, end, mentions, sentence, strict=False)

    @staticmethod
    def _blank_names(text: str, a: int, b: int, mentions: list[Mention], sentence: Sentence) -> str:
        """text[a:b] with the names of subjects and references blanked (an honor counted is kept)."""
        chars = list(text[a:b])
        for m in mentions:
            s, e = m.start - sentence.start, m.end - sentence.start
            if a <= s and e <= b and (m.cls in SUBJECT_CLASSES or m.reference):
                chars[s - a:e - a] = " " * (e - s)
        return "".join(chars)

    def _trim(self, span: str) -> str:
        """Lead verbs, approximation and growth words off a metric; a clause's verb before its object."""
        if span not in self._trimmed:
            if len(self._trimmed) > 4096:
                self._trimmed.clear()
            self._trimmed[span] = self._trim_now(span)
        return self._trimmed[span]

    def _trim_now(self, span: str) -> str:
        span = span.strip("“”\"'（）()《》 ")
        # longest first: 可达 goes whole, not as 达 leaving 可 on the metric
        tails = sorted([*self.lead, *self.plan, *self.approx_before, *self.up, *self.down,
                        "从", "较上年", "同比", "的", "较", "了", "还"], key=len, reverse=True)
        changed = True
        while changed:
            changed = False
            for w in tails:
                if span.endswith(w) and len(span) > len(w) and w != "的":
                    span, changed = span[: -len(w)], True
        toks = list(self.tokenize.segment(span).words) if span else []
        if "等" in toks[:-1]:  # A、B等小微企业: what the list's items are, after the 等 that ends it
            toks = toks[len(toks) - toks[::-1].index("等"):]
        # (a verb right before a head noun is part of the noun: 承接产业转移项目, not 转移项目)
        last = len(toks) - 2 if toks and toks[-1] in self.heads else -1
        verbs = [i for i, t in enumerate(toks[:-1]) if t in self.lead or (t in self.verbs and i != last)]
        if verbs:
            i = verbs[-1]
            head = toks[:i]
            if head and (head[0] in self.verbs or any(t in self.lead for t in head)):
                # 带动周边形成总产值, 累计完成改造雨污管网: the object of the clause's last verb
                toks = ([] if toks[i] in self.lead else [toks[i]]) + toks[i + 1:]
            elif toks[i] in self.lead:  # 规模以上工业企业实现营业收入
                toks = toks[:i] + toks[i + 1:]
        while toks and toks[0] in self.lead:
            toks = toks[1:]
        if len(toks) > 2 and toks[0] in self.verbs and toks[0] in toks[1:]:
            toks = toks[1:]  # 签约线上签约项目: the event the clause opens with, named again in what is counted
        span = "".join(toks).strip("“”\"'（）() ")
        if span.count("“") != span.count("”"):
            span = span.replace("“", "").replace("”", "")  # 仅“文企贷”获批贷款: a quote cut open is no quote
        if span in self.lead or span in ("的",):
            return ""
        return span[-20:] if len(span) >= 2 else ""

    def _counted(self, text: str, end: int, mentions: list[Mention], sentence: Sentence, strict: bool = True) -> str:
        """The noun right after a figure (13家企业跻身…, 63家我省企业…): what it counts."""
        m = COUNTED_STOP.search(text, end)
        stop = m.start() if m else len(text)
        refs = [x for x in mentions if x.reference and x.start - sentence.start == end]  # 63家我省企业
        span = self._blank_names(text, end, stop, refs, sentence).replace(" ", "")
        span = span.lstrip("的")
        if strict:
            span = span.split("的")[0]
            if len(span) > 20:
                return ""  # a clause, not the noun counted
            for w in ("为", "是"):  # 其中9个项目为返乡投资项目: what the items are
                head, _, rest = span.partition(w)
                if rest and len(head) <= 3:
                    span = rest
            toks = self.tokenize.segment(span).words if span else ()
            if not toks or toks[0] in self.joiners or toks[0] in self.verbs:
                return ""
        span = span.strip("“”\"'（）() ")
        return span if 2 <= len(span) <= 20 else ""  # longer: a clause, not the noun counted


def _part_of_date_or_name(text: str, start: int, end: int) -> bool:
    """第18个, 3月, 2025年, digits inside names (1+2+N) or document titles (《…》) are no figures."""
    if text[max(0, start - 1):start] in ("第", "+", "-", "—") or text[end:end + 1] in ("+", "年", "月", "日"):
        return True
    if "+" in text[max(0, start - 2):end + 8] or inside_book_title(text, start):
        return True
    # a letter or digit right after, or a letter, digit or point right before (a sentence has no line break)
    return text[end:end + 1] in ALNUM or (start > 0 and (text[start - 1] in ALNUM or text[start - 1] == "."))
