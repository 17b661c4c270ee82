"""Region mentions: division names (full, short, former), references (我省, 该县), towns, communities."""

from __future__ import annotations

import re
from bisect import bisect_right

from kgraph.extract.matcher import NameMatcher
from kgraph.gazetteer import Gazetteer
from kgraph.model import Mention, Sentence
from kgraph.nlp.lexicon import lexicon
from kgraph.nlp.tokenize import Segmentation, default_tokenizer
from kgraph.tables import load_table

TOWN = re.compile(r"[^\W\d_a-zA-Z市县区省]{1,6}?(?:街道|镇|乡)")
COMMUNITY = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:社区|小区|村)")
LONE_SUFFIX = re.compile(r"社区|小区|村委会|村委|村民委员会")
# the village's committee names the village: 毛洲村委 is 毛洲村
VILLAGE_BODY = ("村委会", "村委", "村民委员会")
# what 村 may start besides a village's name (村级, 村庄, 村民, 村干部): then it is no village's last character
VILLAGE_NOT = re.compile(r"村(?:级|庄|落|寨|民|干|组|镇|务|规|史|貌|容|集体|两委)")
# a one-character conjunction: 和县 after a name is "and 县…" (…镇和县国土资源局), not 和县
CONJUNCTIONS = "和与及同"
TOWN_SUFFIX = re.compile(r"街道|镇|乡")
# 湘南|四路, 中山|五路: a numbered street named after a place (matched before the street word, or whole;
# not 一: 广东一路领先)
NUMBERED_STREET = re.compile(r"[二三四五六七八九十东西南北中]{1,2}(?=路|街|大道|大街|巷)(?:路|街|大道|大街|巷)?")
# A community's proper name does not run across these (该县还有商贸城小区 → 商贸城小区).
FUNCTION_CHARS = set("的了在是和与及有为到把被将向对从由于该各本这那其每个市县区省镇乡0123456789")
FUNCTION_CHARS |= set("，、。；：“”（）(),.;:!? ")


def conjunction_at(text: str, s: int, name: str) -> bool:
    """…镇和县国土资源局: a name made of a conjunction and a bare 县/市/区 after another name is "and" and the
    县 of the next body, unless a region above it stands before (安徽省和县)."""
    if not s or name[0] not in CONJUNCTIONS or len(name) != 2 or not "\u4e00" <= text[s - 1] <= "\u9fff":
        return False
    return not text[:s].endswith(("省", "市", "州", "盟", "地区"))


def _joined_areas(text: str, found: list[list]) -> list[list]:
    """粤东粤西粤北地区, 苏南苏北: areas written one after another (and a 地区 after them) are one area."""
    out: list[list] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and f[3] == prev[3] == "informal" and prev[1] == f[0]:
            end = f[1] + 2 if text.startswith("地区", f[1]) else f[1]
            out[-1] = [prev[0], end, text[prev[0]:end], "informal"]
        else:
            out.append(f)
    return out


class RegionRecogniser:
    """Sentence → candidate region mentions; ``source`` says how each was found.

    ``full``, ``former`` and ``short+`` (a short form the text supports: a cue word before it, a
    region/park/institution word after it, or a list of regions) are places; a bare ``short`` is
    kept for the linker, which accepts it only as the running subject of the article.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.references = {r["word"]: r for r in load_table("references")}
        self.informal = {r["name"]: r for r in load_table("informal_regions")}
        self.traps = {r["word"] for r in load_table("region_traps")}
        self.ordinary = gazetteer.ordinary - {r["name"] for r in load_table("ordinary_place_names")}
        cues = load_table("region_cues")
        self.cues_before = tuple(sorted((c["cue"] for c in cues if c["side"] == "before"), key=len, reverse=True))
        self.cues_after = tuple(sorted((c["cue"] for c in cues if c["side"] == "after"), key=len, reverse=True))
        self.stopwords = {r["word"] for r in load_table("community_stopwords")}
        self.stopword_tuple = tuple(sorted(self.stopwords, key=len, reverse=True))  # longest first
        # a short form right before one of these is part of a smaller place's name
        self.smaller_places = ("社区", "小区", "村", "镇", "乡", "街道", "路", "街", "大道", "大街", "巷", "湖", "山",
                               "江", "河")
        names = [*gazetteer.full, *gazetteer.short, *gazetteer.former, *self.references, *self.informal,
                 *self.traps]
        self.matcher = NameMatcher(names)
        self.matchers = (self.matcher,)  # primed with each article
        self.tokenize = default_tokenizer()
        self.lexicon_names = lexicon().names

    def _kind(self, name: str) -> str | None:
        g = self.gazetteer
        if name in self.traps:
            return None
        if name in self.references:
            return "reference"
        if name in self.informal:
            return "informal"
        if name in g.full:
            return "full"
        if name in g.former:
            return "former"  # an official name until it changed (赣县 until 2016): as good as a full name
        if name in g.short:
            # 宽甸县 for 宽甸满族自治县: a short form that keeps its 县 or 旗 is as plain as a full name
            return "former" if name[-1] in "县旗" else "short"
        return None

    def __call__(self, sentence: Sentence, offset: int) -> list[Mention]:
        text = sentence.text
        found = []
        for s, e, name in self.matcher.find(text):
            kind = self._kind(name)
            if kind is None and name in self.gazetteer.full and self._after_its_city(text, s, name):
                kind = "full"  # 阳泉市矿区: a district named by a common word (城区, 矿区) right after its city
            if kind is None or kind == "part":
                continue
            found.append([s, e, name, kind])
        seg = None
        i = 0
        while i < len(found):
            f = found[i]
            if f[3] == "short":
                seg = seg or self.tokenize.segment(text)
                f[3] = self._short_kind(text, f[0], f[1], found, i, seg)
            elif f[3] in ("full", "former") and f[0]:
                seg = seg or self.tokenize.segment(text)
                # a two-character name only: 来自|贡市, 到达|州市 are places glued to a verb by jieba
                if conjunction_at(text, f[0], f[2]) or len(f[2]) == 2 and self._tail_of_word(text, f[0], seg):
                    f[3] = "part"
            elif f[3] == "informal":
                seg = seg or self.tokenize.segment(text)
                if not self._whole_word(text, f[0], f[1], seg) or self._names_smaller(text, f[1]):
                    f[3] = "part"  # 华南虎, 江南春, 中原路: an area's name inside a name names no area
            if f[3] == "part" and f[0] not in seg.at_start():
                found[i + 1:i + 1] = self._shadowed(text, f, found[i + 1] if i + 1 < len(found) else None)
            i += 1
        out = []
        for s, e, name, kind in _joined_areas(text, found):
            if kind == "part":
                continue
            ref = self.references.get(name)
            if ref:
                cls = ref["level"]
            elif kind == "informal":
                cls = "Region"
            else:
                cls = self.gazetteer.lookup(name)[0].level
            out.append(Mention(name, cls, offset + s, offset + e, sentence.index, source=kind,
                               reference=kind == "reference"))
            if cls == "County":
                out.extend(self._below(text, e, offset, sentence.index, kind))
        out.extend(self._lone_towns(text, offset, sentence.index, out))
        out.extend(self._lone_communities(text, offset, sentence.index, out))
        out.extend(self._lone_villages(text, offset, sentence.index, out))
        return out

    def _short_kind(self, text: str, s: int, e: int, found: list, i: int, seg: Segmentation) -> str:
        """``short+`` where the text supports a short form as a place, ``short`` where it may be one."""
        name = text[s:e]
        if self._names_smaller(text, e):
            return "part"  # 金华 in 金华社区 names a community, not 金华市
        if text[e:].startswith(self.cues_after):
            return "short+"
        if self._inside_other_place(text, s, e, seg):
            return "part"
        if name in self.ordinary:
            return "short"  # 资源, 和平: only as the article's running subject
        levels = {d.level for d in self.gazetteer.short.get(name, [])}
        if levels & {"Province", "City"} or self._supported(text, s, e, found, i):
            return "short+"
        return "short"

    def _after_its_city(self, text: str, s: int, name: str) -> bool:
        """Whether the name of the city above one of the divisions called ``name`` stands right before it."""
        for d in self.gazetteer.full[name]:
            city = self.gazetteer.by_code.get(d.parent or "")
            if city is not None and any(text.endswith(n, 0, s) for n in (city.name, *city.short)):
                return True
        return False

    def _tail_of_word(self, text: str, s: int, seg: Segmentation) -> bool:
        """循|环县: a name whose first character ends a word (not a region's name: 辽宁沈阳市) is inside it."""
        if s in seg.at_start():
            return False
        k = bisect_right(seg.starts, s) - 1
        if seg.ends[k] <= s:
            return False
        before = text[seg.starts[k]:s]
        return before not in self.gazetteer.full and before not in self.gazetteer.short

    def _names_smaller(self, text: str, e: int) -> bool:
        """Whether a name ending at ``e`` begins a smaller place's: 金华|社区, 中原|路, 湘南|四路, 中山|五路."""
        m = NUMBERED_STREET.match(text, e)
        return m is not None or text.startswith(self.smaller_places, e)

    def _shadowed(self, text: str, part: list, following: list | None) -> list[list]:
        """The names a match that begins inside a word hid (吴丽华|北京: 华北 hid 北京)."""
        limit = following[0] if following else len(text)
        out = []
        for a, b, name in self.matcher.find(text[part[0] + 1:limit]):
            a, b = a + part[0] + 1, b + part[0] + 1
            kind = self._kind(name)
            if a < part[1] and kind not in (None, "part"):
                out.append([a, b, name, kind])
        return out

    def _whole_word(self, text: str, s: int, e: int, seg: Segmentation) -> bool:
        """Whether a name is a word of its own, or followed by a cue or region in the word (长三角地区)."""
        g = self.gazetteer
        if s not in seg.at_start():
            return False
        if e in seg.at_end():
            return True
        rest = text[e:seg.ends[bisect_right(seg.ends, e)]]
        return rest.startswith(self.cues_after) or rest in g.full or rest in g.short

    def _inside_other_place(self, text: str, s: int, e: int, seg: Segmentation) -> bool:
        """岳|阳城, 北海道, 中山陵, 苏州园林: the short form begins no word (unless a region's name is
        before it in the word: 辽宁沈阳), or begins a place word of its own (a landmark, street, island)
        whose rest is neither a cue (北京地区) nor another region (辽宁沈阳)."""
        g = self.gazetteer
        if s not in seg.at_start():
            first = seg.starts[bisect_right(seg.starts, s) - 1]
            before = text[first:s]
            if before not in g.full and before not in g.short:  # 沈阳 of 辽宁沈阳 is a place
                return True
        if e in seg.at_end():
            return False
        end = seg.ends[bisect_right(seg.ends, e)]
        rest = text[e:end]
        return (self.lexicon_names.get(text[s:end]) == "place" and not rest.startswith(self.cues_after)
                and rest not in g.full and rest not in g.short)

    def _supported(self, text: str, s: int, e: int, found: list, i: int) -> bool:
        if text[:s].endswith(self.cues_before):
            return True
        # listed with other regions: 贵溪、余江等地 / 会昌、寻乌两县
        for j in (i - 1, i + 1):
            if 0 <= j < len(found) and found[j][3] in ("full", "short", "short+"):
                a, b = (found[j], found[i]) if j < i else (found[i], found[j])
                if text[a[1]:b[0]] in ("、", "和", "与", "及", "，"):
                    return True
        return False

    def _below(self, text: str, end: int, offset: int, index: int, kind: str) -> list[Mention]:
        """A town and community written right after a county: 石城县琴江镇金华社区."""
        if kind not in ("full", "short+", "short"):
            return []
        out = []
        pos = end
        m = TOWN.match(text, pos)
        if m and not m.group(0).startswith(self.stopword_tuple):
            out.append(Mention(m.group(0), "Town", offset + m.start(), offset + m.end(), index, source="town"))
            pos = m.end()
        m = COMMUNITY.match(text, pos)
        stem = m.group(0)[:-2 if m.group(0).endswith(("社区", "小区")) else -1] if m else ""
        # no generic word at either end of the name (累计改造老旧|小区, 该|社区), no verb inside (小松镇|干部走访楚东村)
        if m and not stem.startswith(self.stopword_tuple) and not stem.endswith(self.stopword_tuple) \
                and not self._holds_verb(stem):
            out.append(Mention(m.group(0), "Community", offset + m.start(), offset + m.end(), index,
                               source="community"))
        return out

    @staticmethod
    def _holds_verb(stem: str) -> bool:
        """A community's name has no verb of two characters in it (走访, 来到): it is a clause's words."""
        lex = lexicon()
        return len(stem) >= 4 and any(stem[k:k + 2] in lex.verbs for k in range(len(stem) - 1))

    def _lone_towns(self, text: str, offset: int, index: int, known: list[Mention]) -> list[Mention]:
        """A town named without its county (大围山镇楚东村): a town of the gazetteer, and the village or
        community written after it; the linker keeps it only under a county the article names."""
        if "镇" not in text and "乡" not in text and "街道" not in text:
            return []  # most sentences
        taken = [(m.start - offset, m.end - offset) for m in known]
        out = []
        for m in TOWN_SUFFIX.finditer(text):
            end = m.end()
            start = next((k for k in range(max(0, end - 7), end - len(m.group(0)) - 1)
                          if self.gazetteer.towns_named(text[k:end])), None)
            if start is None or any(a < end and start < b for a, b in taken):
                continue
            out.append(Mention(text[start:end], "Town", offset + start, offset + end, index, source="town-alone"))
            taken.append((start, end))
            c = COMMUNITY.match(text, end)
            if c and not c.group(0).startswith(self.stopword_tuple):
                out.append(Mention(c.group(0), "Community", offset + c.start(), offset + c.end(), index,
                                   source="community"))
                taken.append((c.start(), c.end()))
        return out

    def _lone_villages(self, text: str, offset: int, index: int, known: list[Mention]) -> list[Mention]:
        """A village named alone (…观看了新中村的…, 走访楚东村): two characters before 村 that are no word of the
        dictionary (农村, 贫困村, 示范村 are), standing after a function character, a verb or the clause's
        start; the linker keeps it only under a town or county the article names before it."""
        if "村" not in text:
            return []  # most sentences
        lex = lexicon()
        taken = [(m.start - offset, m.end - offset) for m in known]
        out = []
        for i, ch in enumerate(text):
            if ch != "村" or i < 2 or VILLAGE_NOT.match(text, i):
                continue
            stem, before = text[i - 2:i], text[max(0, i - 4):i - 2]
            if any(c in FUNCTION_CHARS or not "\u4e00" <= c <= "\u9fff" for c in stem):
                continue
            if before and not (before[-1] in FUNCTION_CHARS or not "\u4e00" <= before[-1] <= "\u9fff"
                               or before in lex.verbs or before in lex.actions):
                continue
            tail = lex.tags.get(text[i - 1:i + 1], "ns")  # 小|渔村, 3家|农村: a word of its own, not a name's end
            if stem + "村" in lex.tags or lex.tags.get(stem, "ns") != "ns" or tail != "ns" or stem in self.stopwords \
                    or stem.startswith(self.stopword_tuple):
                continue
            if any(a < i + 1 and i - 2 < b for a, b in taken):
                continue
            out.append(Mention(stem + "村", "Community", offset + i - 2, offset + i + 1, index, source="village-alone"))
        return out

    def _lone_communities(self, text: str, offset: int, index: int, known: list[Mention]) -> list[Mention]:
        """A community named alone (金华社区): a proper name in front of 社区/小区, nothing generic."""
        if "社区" not in text and "小区" not in text and "村委" not in text and "村民委员会" not in text:
            return []  # most sentences
        taken = [(m.start - offset, m.end - offset) for m in known]
        out = []
        for m in LONE_SUFFIX.finditer(text):
            window = text[max(0, m.start() - 4):m.start()]
            cut = next((i for i in range(len(window) - 1, -1, -1) if window[i] in FUNCTION_CHARS), -1)
            stem = window[cut + 1:]
            for w in self.stopword_tuple:
                if stem.startswith(w):
                    stem = stem[len(w):]
                    break
            start = m.start() - len(stem)
            if len(stem) < 2 or stem.endswith(self.stopword_tuple) or stem.startswith(self.stopword_tuple):
                continue
            if any(a < m.end() and start < b for a, b in taken):
                continue
            name = stem + "村" if m.group(0) in VILLAGE_BODY else ""
            out.append(Mention(stem + m.group(0), "Community", offset + start, offset + m.end(), index,
                               name=name, source="community-alone"))
        return out
