"""Named organisations, parks, projects, clusters, events and honors, found by their suffix or cue.

A name ends in a suffix from ``tables/org_suffixes.tsv`` and runs left over jieba tokens until a
token that cannot be part of a name (``name_stops``; events: ``event_stops``), a count, or
punctuation. Generic names (``generic_names``: 该公司, 输出医院) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kgraph.extract.brackets import CLOSE, OPEN, BracketDepth
from kgraph.extract.matcher import NameMatcher
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import NAME_JOINERS, lexicon
from kgraph.nlp.sentences import inside_book_title
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

_NAME_TOKEN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·“”\"]+$")
# a count or a date (63家, 两批, 十六日, 2009年) ends a name
_COUNT = re.compile(r"^(?:\d+(?:\.\d+)?[个家项所座批名多余场处条次位户件年月日]{0,2}"
                    r"|第?[一二三四五六七八九十百千万两几多]+[个家项所座批名多余场处条次位户件期年月日]{1,2})$")
_MEASURES = frozenset("套台辆件只块片头吨")
BUILT = frozenset({"Project", "IndustrialPark", "IndustryCluster"})
NAME_OPENERS = frozenset({"国家", "中国", "中华", "中共", "全国", "国际", "世界"})
MAX_NAME = 30
_OF_THE_PARTY = frozenset({"党"})  # 党的 (the party's …) after a verb: no party of that name
# suffixes that after a region alone name the kind, all of that region's (广东产业园区, 省产业集群)
KIND_SUFFIXES = frozenset({"产业园区", "产业集群", "产业链"})
MAX_EVENT = 48  # a meeting is often named by its whole theme (…高质量发展…工作推进会)
# what makes a ceremony's or a campaign's name its own: a date, an ordinal, a quoted slogan (2024年第二批…开工仪式)
_EVENT_PROPER = re.compile(r"\d|[年月]|季度|第[一二三四五六七八九十百\d]|[一二三四五六七八九十]+[届次批期]|“")
BARE_PREFIXES = frozenset("省市县区")  # 省财政厅, 市公安局: a body of the article's own region
# what ends a list of industries, not of firms (木制品、冷链物流等领域)
_INDUSTRY_LIST = re.compile(r"(?:[、和及与][^，。；、,;]{1,10})*等?(?:领域|行业|产业|方面|板块|业态)")
MAX_BRAND = 6  # a firm's short form is its brand and an industry word (腾远|钴业), rarely more


# a factory named by its place or owner before a dictionary word for its kind (洛阳|拖拉机厂, 上海|第一|钢铁厂)
FACTORY_ENDS = frozenset("厂")

class SuffixRecogniser:
    """Sentence → Mentions of every class that is named by a suffix."""

    def __init__(self, region_names: frozenset[str] = frozenset()) -> None:
        rows = load_table("org_suffixes")
        self.region_names = region_names
        self.suffixes = {r["suffix"]: r for r in rows}
        self.matcher = NameMatcher(self.suffixes)
        words = lexicon()
        # idioms and set phrases (值得一提的是, 众所周知) end a name too, but not a set phrase that ends in a
        # noun (生态环境, 自然资源: 省生态环境厅, 自然资源部)
        self.table_stops = frozenset(r["word"] for r in load_table("name_stops"))
        # (a set phrase right before a legal form is the firm's trade: 能源开发|有限公司)
        self.phrases = frozenset(w for w, tag in words.tags.items() if len(w) >= 4 and
                                 (tag == "i" or tag == "l" and words.tags.get(w[-2:]) != "n"))
        self.stops = self.table_stops | words.function_words | self.phrases
        # jieba tags some short forms of banks as verbs (交行, 建行, 招行): they are names here
        self.short_forms = {r["name"]: r["class"] for r in load_table("org_short_forms")}
        self.verbs = words.verbs.difference(self.short_forms)
        self.lex_names = words.names
        self.common = words.common
        self.tags = words.tags
        self.kind_suffixes = frozenset(r["suffix"] for r in load_table("kind_suffixes"))
        self.actions = words.actions.difference(self.short_forms)
        # an event's name holds verbs (推动…建设座谈会) but no particle, pronoun or adverb (这次|大会, 谨|向|大会)
        self.event_stops = ({r["word"] for r in load_table("event_stops") if r["role"] != "keep"}
                            | (words.function_words - NAME_JOINERS - {r["word"] for r in load_table("event_stops")}))
        self.generic = {r["name"] for r in load_table("generic_names")}
        self.modifiers = tuple(r["word"] for r in load_table("generic_modifiers"))
        self.project_cues = {r["cue"] for r in load_table("project_cues")}
        self.bodies = NameMatcher(r["name"] for r in load_table("government_bodies"))
        # a token ending in one of these closes another name: the next name starts after it
        self.closers = tuple(r["suffix"] for r in rows if r["kind"] == "org" and r["class"] in
                             ("Enterprise", "IndustrialPark"))
        # a joiner after a whole name joins two names (省卫生健康委和|省财政厅), else it is inside one (工业和信息化部)
        self.name_ends = tuple(r["suffix"] for r in rows if r["kind"] != "brand" and r["class"] in
                               ("Enterprise", "Hospital", "GovernmentBody", "Organization", "IndustrialPark"))
        # a name token followed by a verb inside a longer span is the subject of that verb, not a part
        # of the name (南昌大学|合作共建|锂电研究院); one-character suffixes end too many words (全部, 内部)
        # (an industry word alone ends common words too: 房地产, 电子)
        self.named_by = tuple(sorted({r["suffix"] for r in rows if len(r["suffix"]) >= 2 and r["kind"] != "brand"
                                      and r["class"] in
                                      ("Enterprise", "Hospital", "GovernmentBody", "Organization")}))
        self.by_length = sorted(self.named_by, key=len, reverse=True)  # the longest suffix a parent ends in
        self.name_tokens = frozenset(w for w, tag in words.names.items() if tag == "organisation")
        self.kinds = tuple(r["word"] for r in load_table("name_kinds"))
        self.capacity = frozenset(r["word"] for r in load_table("capacity_words"))
        self.quantity_units = frozenset(r["unit"] for r in load_table("figure_units") if r["kind"] == "quantity")
        self.amount_units = frozenset(r["unit"] for r in load_table("figure_units") if r["kind"] == "amount")
        self.honor_tails = frozenset(h[j:] for h in (r["honor"] for r in load_table("honors"))
                                     for j in range(1, len(h) - 1))
        # what names a "placed" body (英国|警方, 黔东南州|政府): a region, or a place of jieba's or the world table
        self.places = region_names | {w for w, tag in words.names.items() if tag == "place"} | {
            r["name"] for r in load_table("world_places")}
        # jieba glues a title or member word to the suffix before it (协会会长, 事务所律师): the name ends inside it
        self.glued = frozenset(r["title"] for r in load_table("titles")) | {
            r["word"] for r in load_table("org_glued_words")}
        # a ceremony or meeting named right after 召开/举行 (or before 在…举行) is a named event
        self.event_verbs = frozenset(r["word"] for r in load_table("event_stops") if r["role"] != "keep") - {
            "在", "于", "作为"}
        self.occasions = frozenset(r["word"] for r in load_table("clause_roles") if r["role"] == "occasion")
        self.event_suffixes = tuple(r["suffix"] for r in rows if r["kind"] == "event")
        self.event_ends = tuple(w for w in self.event_verbs if len(w) >= 2)
        self.title_words = frozenset(r["title"] for r in load_table("titles") if r["side"] == "before")
        self.street_words = frozenset(r["word"] for r in load_table("street_words"))
        self.event_tails = tuple(r["word"] for r in load_table("event_tails"))
        self.tokenize = default_tokenizer()
        self.matchers = (self.bodies, self.matcher)  # primed with each article

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        # 民政部门, 公安部门 are kinds of department (部门), not the ministry (民政部, 公安部)
        out = [Mention(n, "GovernmentBody", offset + s, offset + e, sentence.index, source="body-table")
               for s, e, n in self.bodies.find(text) if not (n.endswith("部") and text[e:e + 1] == "门")]
        found = self.matcher.find(text)
        if not found:
            return out
        seg = self.tokenize.segment(text)
        starts, ends = seg.at_start(), seg.at_end()
        for s, e, suffix in found:
            row = self.suffixes[suffix]
            # the suffix must end where a token ends (集团 in 集团化 is no suffix) and a one-character
            # suffix must be a token of its own (局 in 布局, 厅 in 会客厅 are none)
            if (e not in ends and not (e < len(text) and text[e] in "(（，。、；：,.;:")
                    and not self._glued(seg, text, e)):
                continue
            kind_word = suffix in FACTORY_ENDS and s not in starts and self._kind_word(seg, e)
            if (len(suffix) == 1 or row["kind"] == "brand") and s not in starts and not (
                    row["kind"] == "brand" and self._unknown_word_at(seg, s, e)) and not kind_word:
                continue  # …and so must an industry word after a brand (房地产 holds no 地产 of a brand)
            if inside_book_title(text, s):
                continue
            first = self._left_edge(seg, s, row["kind"], row["class"])
            if first is None:
                continue
            cls = row["class"]
            if row["kind"] == "unit":
                cls = self._parent_class(seg.words, first, s, seg.starts, cls)
                if cls is None:
                    continue
            start = seg.starts[first] if first < len(seg.words) else s
            glued = seg.words[first - 1] if 0 < first <= len(seg.words) else ""
            if (cls == "GovernmentBody" and len(glued) == 2 and self.tags.get(glued[0]) == "p"
                    and glued[1] in BARE_PREFIXES):  # …but 各市|公安局 are a kind
                start -= 1  # jieba glues a preposition to a bare prefix: 由省|检察院, 向市|发改委
            for k in range(first + 1, bisect_right(seg.starts, s)):
                w = seg.words[k]  # 定江镇|和县|国土资源局: "and" and the bare 县 that begins the next body
                if cls == "GovernmentBody" and len(w) == 2 and w[0] in "和与及" and w[1] in BARE_PREFIXES:
                    start = seg.starts[k] + 1
            if cls == "IndustrialPark":  # 县创业大道|长安建筑工业化产业园: the street is where it is, not its name
                k_suffix = bisect_right(seg.starts, s) - 1
                # (…and a proper name after it: 人民路|电子产业园 names no park 电子产业园)
                roads = [k for k in range(first + 1, k_suffix - 1) if seg.words[k] in self.street_words
                         and seg.starts[k] >= start
                         and any(w not in self.common for w in seg.words[k + 1:k_suffix])]
                if roads:
                    start = seg.ends[roads[-1]]
            name = text[start:e]
            name = _balance(name)
            start = e - len(name)
            if kind_word and start >= seg.starts[ends[e]]:
                continue  # 拖拉机厂 alone is a kind; 洛阳|拖拉机厂 names one
            if row["kind"] == "body" and name == suffix:
                # 某高新区党工委书记、管委会主任: the bare 管委会 is that park's
                m = self._sibling_body(text, out, offset, s, suffix, sentence.index)
                if m is not None:
                    out.append(m)
                continue
            if not self._is_name(name, suffix, row["kind"], cls):
                continue
            if suffix in self.verbs and name[:-len(suffix)].endswith(self.name_ends):
                continue  # 县政府|组织…开展: the body's verb, no organisation named 县政府组织
            if suffix in _OF_THE_PARTY and text.startswith("的", e) and any(
                    seg.words[k] in self.verbs for k in range(first, bisect_right(seg.ends, s))):
                continue  # 迎接|党的十九大: the party's congress, no party named 迎接党
            if row["kind"] == "weak" and self._kind_of(seg, first, s):
                continue
            if row["kind"] == "placed" and not self._placed(seg, start, s):
                continue
            if row["kind"] == "brand" and (not self._branded(seg, start, s) or _INDUSTRY_LIST.match(text, e)):
                continue  # (…食品、冷链物流等领域: a list of industries, no firm named 冷链物流)
            if cls == "Project":
                continue  # projects are extract/projects.py's (names, lists, their left edge)
            if row["kind"] in ("event", "rite") and text.startswith(self.event_tails, e):
                continue  # “六项”活动|制度: the rules of an activity, no activity named
            if row["kind"] in ("event", "rite") and not self._named_event(seg, first, i_end(seg, e), name, suffix,
                                                                         row["kind"]):
                continue
            out.append(Mention(name, cls, offset + start, offset + e, sentence.index,
                               source=f"suffix:{suffix}"))
        return out

    def _kind_word(self, seg: Segmentation, e: int) -> bool:
        """Whether the word ending at ``e`` is a dictionary noun of a kind and its one-character suffix
        (拖拉机厂, 钢铁厂): the name is what stands before it (洛阳|拖拉机厂, 上海|第一|钢铁厂)."""
        k = seg.at_end().get(e)
        if k is None:
            return False
        word = seg.words[k]
        return len(word) >= 3 and self.tags.get(word) == "n" and self.tags.get(word[:-1], "")[:1] == "n"

    def _left_edge(self, seg: Segmentation, s: int, kind: str, cls: str) -> int | None:
        """Index of the first token of the name whose suffix starts at ``s``."""
        event = kind in ("event", "rite")
        words, starts, ends = seg.words, seg.starts, seg.ends
        i = bisect_right(ends, s)  # the token holding ``s``
        if i == len(words) or starts[i] > s:
            return None
        stops = self.event_stops if event else self.stops
        # what is built (项目, 产业园, 集群) is named after the cue that builds it: 投资|新建|开工|…
        cues = self.project_cues if cls in BUILT else frozenset()
        first = i
        brackets = BracketDepth()
        k = i - 1
        quoted = 0  # an event's quoted slogan is part of its name, spaces and all (“迎老乡 回故乡”座谈会)
        while k >= 0:
            t = words[k]
            if event and (quoted or t == "”"):
                quoted += (t == "”") - (t == "“")
                if quoted < 0 or ends[i] - starts[k] > MAX_EVENT:
                    break
                first = k
                k -= 1
                continue
            if (bracket := brackets.take(t)) is not None:
                if not bracket:
                    break
            elif not _NAME_TOKEN.match(t):
                break
            elif (t in stops and not (k == i - 1 and t in self.phrases and kind == "org" and cls == "Enterprise")
                  or t in cues or event and len(t) > 2 and t.endswith(self.event_ends)) \
                    and not self._in_region(words, k) and not (
                        t in self.region_names and t not in self.table_stops
                        and (k == i - 1 or k == 0 or not _NAME_TOKEN.match(words[k - 1])
                             or words[k - 1] in self.actions)):  # (推动|永定|红石材…产业园: after a verb too)
                # (隆重举行|…仪式 ends as 举行; a county jieba tags a function word names its park: 永定|工业园区, or
                # opens a name: ”永定|企业|服务中心)
                break  # …but 新建|区, 康巴|什 are counties (南昌市新建区人民医院)
            elif not event:
                if t in NAME_JOINERS and (self._name_before(words, k) or self._whole_after(words, k, i) or
                                          "".join(words[max(0, k - 3):k]).endswith(self.name_ends)):
                    break
                if (t[-1] in NAME_JOINERS and words[k + 1] in self.suffixes and words[k + 1][0] in BARE_PREFIXES
                        and (t in NAME_JOINERS or t not in self.tags and t not in self.region_names)):
                    break  # 甲及|县委宣传部, whatever jieba glued to the joiner (周某及|县委)
                if (k == i - 1 and words[i][:1] in BARE_PREFIXES and t in self.suffixes
                        and self.suffixes[t]["class"] == "GovernmentBody"):
                    break  # 泰和县委|县政府 are two bodies (but 县委|宣传部 is one)
                if t in self.title_words:
                    break  # a post ends the name before it: 宣传部部长甲及|县委宣传部
                if t.endswith(self.closers) and kind not in ("unit", "body"):
                    break  # …but a unit is named after its parent (富龙集团|北京|分公司)
                if _COUNT.match(t):
                    if cls == "Project" and self._capacity(words, k):  # 年产|5|万吨|锂电池回收项目
                        first = k - 1 if k and words[k - 1] in self.capacity else k
                    break
                if first < i and t.endswith(self.kinds):
                    break  # 龙头企业|江西鹰鹏铜业有限公司
                if first < i and words[first] in self.actions and self._is_named(t):
                    j = first
                    while j < i and words[j] in self.actions:
                        j += 1
                    if j < i:  # 南昌大学|合作共建|锂电研究院; but 北京大学发展研究院 is one name
                        first = j
                        break
            if ends[i] - starts[k] > (MAX_EVENT if event else MAX_NAME):
                break
            first = k
            k -= 1
        # a verb at the left edge governs the name, it is not part of it (夯实|铜基新材料集群);
        # after 的 a noun phrase begins, verb-like words and all (的|视听设备制造产业集群)
        after_de = first > 0 and words[first - 1] == "的"
        while (not event and not after_de and first < i and words[first] in self.verbs
               and words[first] not in self.region_names):  # 包头, 牟定 are places, whatever jieba tags them
            first += 1
        while first < i and words[first] in NAME_JOINERS:  # 江西余江工业园区和|贵溪经开区
            first += 1
        # a name starts at its region: 在赣州市调研|赣州腾远钴业… (a region right after an action word)
        for k in range(first + 1, i if not event else first + 1):  # (集中开工|泰和分会场活动 is one event)
            if ((words[k] in self.region_names or self.lex_names.get(words[k]) == "place"
                 and words[first] not in self.region_names)  # (枣庄|创新|山水…: 山水 is no region)
                    and words[k - 1] in self.actions and words[k - 1] not in self.region_names):
                first = k
        # …and a verb before a word that holds a whole name governs it (扮演|美国陆军, 起诉|华侨银行); so does a
        # verbal noun before a name jieba knows whole (咨询|建设银行; but 设计|咨询|有限公司 is one name)
        for k in range(i - 1, first - 1, -1):
            t, nxt = words[k], words[k + 1]
            if t in self.region_names or event and len(nxt) < 2:  # (签约|暨招商大会 is one event)
                continue
            if k > first and words[k - 1] in self.region_names:
                continue  # a region opens the name: 枣庄|创新|山水水泥有限公司 (the verb is the name's)
            if ((t in self.verbs and (self._holds_name(nxt, ends[i] - s) if k + 1 == i else self._is_named(nxt)))
                    or (t in self.actions and self.lex_names.get(nxt) == "organisation")):  # 致电|光大银行|北京分行
                first = k + 1
                break
        # a name jieba knows whole (招商银行, 东亚银行) is preceded in it only by where it is (中国|, 深圳|平安银行):
        # any other word before it is the sentence's (正值|巴克莱银行, 万股|东亚银行, 假钞|…)
        whole = words[i]
        if (not event and kind not in ("unit", "body") and self.lex_names.get(whole) == "organisation"
                and (whole[:2] not in self.common or whole[:2] in self.places)):  # 商业银行, 人民法院 are kinds
            for k in range(i - 1, first - 1, -1):
                t = words[k]
                if not (t in self.places or t in NAME_OPENERS or t in self.lex_names or t in self.short_forms):
                    first = k + 1
                    break
        return first

    def _named_event(self, seg: Segmentation, first: int, last: int, name: str, suffix: str, kind: str) -> bool:
        """Whether a meeting's or ceremony's name is a name (2024年第二批项目集中开工仪式, 召开|安全生产工作会议),
        not a kind (签约大会, 开工仪式): a date, an ordinal, a quote, or a place in it; or, for a ceremony or
        meeting, a theme of four characters or more right after 召开/举行 or right before 在…举行/召开."""
        stem = name[:-len(suffix)]
        words = seg.words
        if kind == "rite" and "暨" not in stem and any(x in stem for x in self.event_suffixes):
            return False  # 某某大会闭幕式全体会议 is a session of the 大会 (…座谈会暨…签约活动 is one event)
        if _EVENT_PROPER.search(stem) or any((w in self.places or w in NAME_OPENERS) and w not in self.occasions
                                              for w in words[first:last] if len(w) >= 2):
            return True
        if kind == "event":
            return len(stem) > 2 or stem not in self.common  # 博鳌论坛, but not 签约|大会, 报告|座谈会
        if suffix in ("活动",) or len(stem) < 4 or all(
                w in self.verbs or w in self.occasions for w in words[first:last + 1] if not name.endswith(w)):
            return False  # 开工|庆典|仪式: a kind of ceremony, no theme of its own
        before = words[first - 1] if first > 0 else ""
        after = words[last + 1] if last + 1 < len(words) else ""
        return before in self.event_verbs or after in self.event_verbs or after == "在"

    def _sibling_body(self, text: str, found: list[Mention], offset: int, s: int, suffix: str, index: int
                      ) -> Mention | None:
        """The bare 管委会 of 某区党工委书记、管委会主任: named after the park of the body just before it."""
        prev = next((m for m in reversed(found) if m.end <= offset + s), None)
        if prev is None or not prev.source.startswith("suffix:") or self.suffixes.get(
                prev.source[7:], {}).get("kind") != "body":
            return None
        between = text[prev.end - offset:s]
        if not re.fullmatch(r"[\u4e00-\u9fff]{0,6}[、和及与]", between) or (
                between[:-1] and between[:-1] not in self.title_words):
            return None
        park = prev.canonical[:-len(prev.source[7:])].removeprefix("中共")
        return Mention(suffix, "GovernmentBody", offset + s, offset + s + len(suffix), index, name=park + suffix,
                       source=f"suffix:{suffix}")

    def _unknown_word_at(self, seg: Segmentation, s: int, e: int) -> bool:
        """Whether the suffix at ``s`` ends a word no dictionary knows (金辉镁业 read whole): a brand's and its own."""
        i = bisect_right(seg.ends, s)
        return i < len(seg.words) and seg.ends[i] == e and seg.words[i] not in self.tags and len(seg.words[i]) >= 4

    def _glued(self, seg: Segmentation, text: str, e: int) -> bool:
        """Whether the word holding offset ``e`` is a suffix glued to a title after it (协会|会长 in 协会会长)."""
        i = bisect_right(seg.ends, e)
        return i < len(seg.words) and seg.starts[i] < e and text[e:seg.ends[i]] in self.glued

    def _kind_of(self, seg: Segmentation, first: int, s: int) -> bool:
        """Whether a weak suffix written as its own word names a kind, not a body: after a verb that governs it
        (警方调取|银行, 投向|银行) or after one word that is no noun (零售|银行, 众多|公司, 十大|公司, 所在|学校;
        西部|证券 names one: a direction or place word is a noun), or one common noun before 公司, 银行 (基金|公司)."""
        i = seg.at_start().get(s)
        if i is None or i == 0 or i <= first:
            return False
        prev = seg.words[i - 1]
        if prev in self.region_names or prev in self.short_forms or self.lex_names.get(prev):
            return False
        if prev in self.verbs and len(prev) == 1:
            return True  # 告|银行, 占|海军; a longer verb is often part of the name (拍卖|公司, 扶贫|基金会)
        return i - 1 == first and prev in self.common and (not self.tags.get(prev, "n").startswith(("n", "f", "s"))
                                                          or seg.words[i] in self.kind_suffixes)

    def _branded(self, seg: Segmentation, start: int, s: int) -> bool:
        """Whether the words before an industry word are a brand (腾远|钴业, 赣州|腾远|钴业): after any region,
        two characters or more that are no common word, function word, verb or place (相关|科技, 中国|地产)."""
        k = seg.at_start().get(start)
        if k is None:
            return False
        words, starts = seg.words, seg.starts
        while k < len(words) and starts[k] < s and (words[k] in self.places or words[k] in self.modifiers):
            k += 1
        parts = [words[j] for j in range(k, len(words)) if starts[j] < s]
        brand = "".join(parts)
        return 2 <= len(brand) <= MAX_BRAND and brand not in self.common and not any(
            w in self.common or w in self.generic or w in self.stops or w in self.actions or w in self.modifiers
            or w in self.places or w in NAME_OPENERS or _COUNT.match(w) or w.isdigit() or self._is_named(w)
            for w in parts)

    def _parent_class(self, words: tuple[str, ...], first: int, s: int, starts: tuple[int, ...],
                      default: str) -> str | None:
        """The class of the body a unit's name holds (招商银行|信用卡中心, 交行|上海|分行; 人民银行|成都|分行 is
        a government body's), or None when it holds none, only a bare suffix (全资|子公司, 上海|分行)."""
        for j in range(first, len(words)):
            w = words[j]
            if starts[j] >= s:
                return None
            if w in self.short_forms:
                return self.short_forms[w]
            parent = "".join(words[first:j + 1])  # 富龙|集团 of 富龙集团|北京|分公司, 邮储|银行
            if (self._is_named(w) and parent not in self.suffixes and parent not in self.generic
                    and not (w in self.generic and j > first and words[j - 1] in self.modifiers)):  # 大型|商业银行
                suffix = next((x for x in self.by_length if parent.endswith(x)), None)
                return self.suffixes[suffix]["class"] if suffix else default
        return None

    def _holds_name(self, token: str, suffix_len: int) -> bool:
        """A token that is a name by itself: jieba's organisation, or a region or country and a suffix."""
        if self.lex_names.get(token) == "organisation":
            return True
        stem = token[:-suffix_len] if suffix_len < len(token) else ""
        return stem in self.region_names or self.lex_names.get(stem) == "place"

    def _in_region(self, words: tuple[str, ...], k: int) -> bool:
        """Whether token ``k`` is part of a region's name written over two or three tokens."""
        regions = self.region_names
        return any("".join(words[a:b]) in regions for a, b in ((k - 1, k + 1), (k, k + 2), (k - 2, k + 1),
                                                               (k - 1, k + 2), (k, k + 3)) if a >= 0)

    def _is_named(self, token: str) -> bool:
        """A token that is a name of its own: an organisation of jieba's dictionary, or one ending in a suffix."""
        return token in self.name_tokens or token.endswith(self.named_by)

    def _name_before(self, words: tuple[str, ...], k: int) -> bool:
        """Whether a joiner stands between a name and the start of another (姚刚和|国家外汇管理局), not
        inside a trade name (云南和|立新材料, 云南|和|恒食品)."""
        before = words[k - 1] if 0 < k < len(words) - 1 else ""
        if len(before) < 2 or before not in self.lex_names and before not in self.common:
            return False  # …a common word before it is no part of a name either (诚信原则和|国家体彩中心)
        nxt = words[k + 1]
        return len(nxt) >= 2 and (nxt in self.region_names or nxt in NAME_OPENERS or self.lex_names.get(nxt) == "place")

    def _whole_after(self, words: tuple[str, ...], k: int, i: int) -> bool:
        """Whether the joiner at ``k`` comes before a word that is a whole name of jieba's, the one the suffix ends
        (中信和|兴业银行, 机会和|美国大使馆); bodies whose name holds 和 are in ``government_bodies``."""
        return k + 1 == i and self.lex_names.get(words[i]) == "organisation"

    def _placed(self, seg: Segmentation, start: int, s: int) -> bool:
        """Whether the name from ``start`` to its suffix at ``s`` begins with a place written as one or two
        tokens (日本|防卫省, 黔东南|州政府) and no verb stands between (北卡罗来纳州|成立|军方 is no body)."""
        k = seg.at_start().get(start)
        if k is None:
            return False
        words, starts = seg.words, seg.starts
        if words[k] not in self.places:
            if not (k + 1 < len(words) and words[k] + words[k + 1] in self.places):
                return False
            k += 1
        return not any(words[j] in self.verbs for j in range(k + 1, len(words)) if starts[j] < s)

    def _capacity(self, words: tuple[str, ...], k: int) -> bool:
        """A number and a unit of quantity (5|万吨, 30|万套): a project's capacity."""
        unit = words[k + 1] if k + 1 < len(words) else ""
        return words[k][:1].isdigit() and (unit in self.quantity_units or
                                           (len(unit) >= 2 and unit[0] in "万亿" and unit[1:] in _MEASURES))

    def _is_name(self, name: str, suffix: str, kind: str, cls: str) -> bool:
        if name in self.generic or len(name) <= len(suffix) or name in self.honor_tails:
            return False  # 绿色工业园区 of 国家级绿色工业园区 is a kind of honor, not a park
        if any(name.startswith(m) and name[len(m):] in self.generic for m in self.modifiers):
            return False  # 大型|商业银行 is a kind too
        stem = name[: -len(suffix)]
        if any(name[k:] in self.region_names for k in range(len(stem))):
            return False  # 浦东新区 of 上海市浦东新区 is a district, a division of its own
        if cls == "GovernmentBody" and (stem in BARE_PREFIXES or stem[:1] in BARE_PREFIXES and stem[1:] == "委"):
            return True  # 市|公安局, 县委|宣传部: the article's city's or county's (ArticleExtractor qualifies it)
        if suffix in KIND_SUFFIXES and (stem[-1:] in BARE_PREFIXES or any(
                stem[k:] in self.region_names for k in range(len(stem) - 1))):
            return False  # 广东|产业园区, 106个省|产业园区: the parks of a region, a kind (泰和工业园区 is one)
        if kind == "body" and stem.endswith(tuple(self.title_words)):
            return False
        if kind in ("weak", "placed", "brand", "body") and (len(stem) < 2 or stem in self.generic
                                                     or stem.endswith(self.modifiers)):
            return False
        if kind == "weak" and cls == "Enterprise" and stem.startswith(self.modifiers):
            return False  # 大型连锁房产经纪公司, 基层农村信用社: a kind described, with no name in it
            return False
        return not name.startswith(("”", "“")) or name.count("“") == name.count("”")


def i_end(seg: Segmentation, e: int) -> int:
    """Index of the token that ends at or holds offset ``e - 1`` (the last token of a name)."""
    return bisect_right(seg.ends, e - 1)


def _balance(name: str) -> str:
    """Drop an unbalanced opening part: '(赣州市人民医院' → '赣州市人民医院', '楼盘）北京城市公司' → '北京城市公司'."""
    while name and name[0] in OPEN + CLOSE:
        name = name[1:]
    close = min((name.find(c) for c in CLOSE if c in name), default=-1)
    if close >= 0 and not any(c in name[:close] for c in OPEN):
        return _balance(name[close + 1:])
    return name


class HonorRecogniser:
    """Honors: the known titles of ``tables/honors.tsv`` anywhere, and whatever follows an award cue."""

    # (a short bracket inside a title is part of it: 省级循环经济(示范)园区; 的 ends it: 获评…二十强的某公司)
    # (a list's stage before 名单 is no part of the title: 入选国家绿色工厂|公示名单, 拟认定名单)
    _END = re.compile(r"[，。；：、,;:！？\d]|[（(](?![^（()）]{1,4}[)）][\u4e00-\u9fff])|的|等"
                      r"|(?:公示|拟认定|推荐|候选)?名单|称号|行列|榜单|$")

    def __init__(self) -> None:
        self.listed = frozenset(r["honor"] for r in load_table("honors"))
        self.known = NameMatcher(self.listed)
        # The award cues of the relation table; one with a lead (是 of 是全县唯一的国家级绿色工厂) only awards an
        # honor already named: what follows it is no honor by position alone.
        self.cues = NameMatcher(r["cue"] for r in load_table("relation_cues")
                                if r["form"] == "award" and not r["lead"])
        self.heads = tuple(r["head"] for r in load_table("honor_heads"))
        self.scopes = frozenset(r["word"] for r in load_table("honor_scopes"))
        self.matchers = (self.known, self.cues)

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        out = [Mention(n, "Honor", offset + s, offset + e, sentence.index, source="honor-table")
               for s, e, n in self.known.find(text)]
        taken = {(m.start, m.end) for m in out}
        for _, e, _ in self.cues.find(text):
            pos = e
            while pos < len(text):
                m = self._END.search(text, pos)
                end = m.start() if m else len(text)
                # 国家、省、市…企业: the levels share the title after them
                piece = pos
                while m and m.group(0) == "、" and text[piece:end].lstrip("为") in self.scopes:
                    piece = m.end()
                    m = self._END.search(text, piece)
                    end = m.start() if m else len(text)
                name = text[pos:end].lstrip("为")
                start = end - len(name)
                if 3 <= len(name) <= 25 and name.endswith(self.heads) and (offset + start, offset + end) not in taken:
                    # 国家绿色工厂 is the listed 国家级绿色工厂 written without its 级
                    level = next((p for p in ("国家", "省", "市") if name.startswith(p) and name[len(p)] != "级"), "")
                    listed = level + "级" + name[len(level):] if level else ""
                    out.append(Mention(name, "Honor", offset + start, offset + end, sentence.index,
                                       name=listed if listed in self.listed else "", source="honor-cue"))
                # a list of honors: 跻身A、B
                if m and text[m.start():m.start() + 1] == "、":
                    pos = m.end()
                    continue
                break
        return out
