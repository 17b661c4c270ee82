"""A generated corpus of regional news articles, of any size, for the scale runs.

    .venv/bin/python benchmarks/make_corpus.py 100000 -o /tmp/corpus-100k        # 100 JSONL files
    .venv/bin/python benchmarks/make_corpus.py 1000 --start 100000 -o /tmp/new   # the next 1,000
    .venv/bin/python benchmarks/make_corpus.py 50 --format txt -o /tmp/corpus-txt

Each article (about 1,500 characters, like a long provincial-daily story) is built from kgraph's
own data: a county of the gazetteer and its city and province, towns of that county, enterprise
names made of name parts (a region's short form, a trade name, an industry word, a legal form
from ``tables/org_suffixes.tsv``), people from ``tables/surnames.tsv`` with titles from
``tables/titles.tsv``, honors from ``tables/honors.tsv``, the cue words of
``tables/relation_cues.tsv``, figures in the units of ``tables/figure_units.tsv``, and plain
narrative sentences that name nothing. Enterprises and people recur across articles the way real
ones do (a few are in the news often, most rarely), so resolution has work to do.

Article ``i`` depends only on ``--seed`` and ``i``: the first 10,000 articles of the 100k corpus
are the 10k corpus, and ``--start`` makes the next batch for an incremental update.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from kgraph.gazetteer import load_gazetteer
from kgraph.tables import load_table

TRADE_CHARS = "华鑫瑞泰盛博宏腾远达恒源诚信联兴丰晶耀德金银铜钰润嘉安康宁明光辉峰海天成正和睿智创新立凯昌隆"
INDUSTRY_WORDS = ("新材料", "电子", "科技", "智能装备", "医药", "新能源", "锂业", "稀土", "光电", "精密制造",
                  "食品", "纺织", "汽车零部件", "生物科技", "铜业", "储能技术", "家具", "化工", "数码", "环保科技")
INDUSTRIES = ("电子信息", "新能源", "铜基新材料", "锂电", "稀土永磁", "现代家居", "生物医药", "装备制造",
              "有色金属", "纺织服装", "食品加工", "汽车零部件", "数字经济", "绿色食品")
GIVEN_CHARS = "建国明华伟强军平小林海波涛杰俊勇斌志春红英芳丽敏静秀文德永清宏振东晓燕亮鹏飞雪梅兰"
METRICS = (("规模以上工业增加值", "亿元"), ("地区生产总值", "亿元"), ("营业收入", "亿元"), ("固定资产投资", "亿元"),
           ("外贸进出口总额", "亿元"), ("主营业务收入", "亿元"), ("实际利用外资", "亿美元"), ("税收收入", "万元"),
           ("新增就业", "万人"), ("粮食产量", "万吨"), ("接待游客", "万人次"), ("新增市场主体", "户"))
EVENTS = ("招商推介会", "产业发展推进大会", "企业家座谈会", "项目集中签约仪式", "创新发展论坛", "投资贸易博览会")
FILLERS = (
    "企业坚持创新驱动，持续加大研发投入，推动产品向高端化、智能化、绿色化迈进。",
    "走进生产车间，机器轰鸣，工人们正在各自岗位上忙碌。",
    "近年来，当地坚持把发展经济的着力点放在实体经济上，不断优化营商环境。",
    "相关负责人表示，下一步将继续强化要素保障，全力以赴抓项目、稳增长。",
    "据了解，这一做法有效缩短了审批时间，企业办事更加便利。",
    "一批批新技术、新产品从这里走向市场，带动上下游配套不断完善。",
    "在政策的引导下，越来越多的年轻人选择回乡创业。",
    "当地还建立了常态化联系服务机制，帮助解决用工、融资等难题。",
    "从“有没有”到“好不好”，群众的获得感、幸福感持续增强。",
    "为了保障项目顺利推进，工作专班实行周调度、月通报制度。",
    "清晨的园区道路上，运输车辆往来穿梭，一派繁忙景象。",
    "接下来，将进一步完善基础设施，提升公共服务水平。",
    "企业负责人坦言，良好的发展环境是他们扎根于此的重要原因。",
    "通过数字化改造，生产线的效率明显提升，产品合格率稳步提高。",
    "与此同时，当地积极培育新业态、新模式，为经济发展注入新动能。",
    "夜幕降临，街区灯火通明，前来打卡的游客络绎不绝。",
    "业内人士分析认为，产业链条的延伸将进一步释放发展潜力。",
    "今年以来，各项重点工作扎实推进，经济运行总体平稳、稳中有进。",
)


@dataclass(frozen=True)
class Place:
    province: str
    province_short: str
    city: str
    city_short: str
    county: str
    county_short: str
    towns: tuple[str, ...]


def _short(d) -> str:
    return d.short[0] if d.short else d.name


def load_places() -> list[Place]:
    """Every county of the gazetteer with its city, province and towns."""
    g = load_gazetteer()
    raw = gzip.decompress((resources.files("kgraph.gazetteer") / "data" / "towns.tsv.gz").read_bytes())
    towns: dict[str, list[str]] = defaultdict(list)
    for r in csv.DictReader(io.StringIO(raw.decode("utf-8")), delimiter="\t"):
        towns[r["county"]].append(r["name"])
    out = []
    for d in sorted(g.by_code.values(), key=lambda d: d.code):
        if d.level != "County" or not towns.get(d.code):
            continue
        chain = g.chain(d.code)
        city = next((x for x in chain if x.level == "City"), None)
        prov = chain[-1]
        if city is None or prov.level != "Province":
            continue
        out.append(Place(prov.name, _short(prov), city.name, _short(city), d.name, _short(d),
                         tuple(sorted(towns[d.code]))))
    return out


class Writer:
    """Builds article ``i`` from its own seeded random stream."""

    def __init__(self, seed: int):
        self.seed = seed
        self.places = load_places()
        by_province: dict[str, list[Place]] = defaultdict(list)
        for p in self.places:
            by_province[p.province].append(p)
        # a few provinces' papers publish most of an archive, as in a real regional collection
        self.provinces = sorted(by_province)
        self.by_province = by_province
        self.surnames = [r["surname"] for r in load_table("surnames")]
        self.titles = defaultdict(list)
        for r in load_table("titles"):
            self.titles[r["holder"]].append(r["title"])
        self.honors = [r["honor"] for r in load_table("honors")]
        self.cues = defaultdict(list)
        for r in load_table("relation_cues"):
            if r["cue"] != "是":
                self.cues[r["form"]].append(r["cue"])
        self.legal = [r["suffix"] for r in load_table("org_suffixes")
                      if r["class"] == "Enterprise" and r["kind"] == "org"]
        self.counts = [r["unit"] for r in load_table("figure_units") if r["kind"] == "count"]

    # ---- recurring things: the k-th enterprise / person of a county is always the same ----------

    @staticmethod
    def _popular(rng: random.Random, limit: int) -> int:
        """A rank below ``limit``, low ranks far more often (a county's big names are in the news most)."""
        return int(limit * rng.random() ** 3)

    def enterprise(self, place: Place, k: int) -> str:
        r = random.Random(f"{self.seed}:ent:{place.county}:{k}")
        region = r.choice((place.province_short, place.city_short, place.county_short))
        trade = "".join(r.sample(TRADE_CHARS, 2))
        return f"{region}{trade}{r.choice(INDUSTRY_WORDS)}{r.choice(self.legal)}"

    def person(self, place: Place, k: int) -> str:
        r = random.Random(f"{self.seed}:person:{place.county}:{k}")
        return r.choice(self.surnames) + "".join(r.choice(GIVEN_CHARS) for _ in range(r.choice((1, 2, 2))))

    # ---- one article ---------------------------------------------------------------------------

    def article(self, i: int) -> dict[str, str]:
        rng = random.Random(f"{self.seed}:article:{i}")
        province = self.provinces[min(int(rng.paretovariate(0.8)) - 1, len(self.provinces) - 1)]
        place = rng.choice(self.by_province[province])
        day = date(2020, 1, 1) + timedelta(days=i % 2200)
        year = day.year
        industry = rng.choice(INDUSTRIES)
        ranks = {self._popular(rng, 400) for _ in range(rng.randint(3, 6))}
        ents = [self.enterprise(place, k) for k in sorted(ranks, key=lambda _: rng.random())]
        people = [self.person(place, self._popular(rng, 300)) for _ in range(3)]
        park = f"{place.county_short}{rng.choice(('经开区', '高新区', '工业园区'))}"
        cluster = f"{place.city}{industry}产业集群"
        project = f"{rng.choice(('年产', '新建'))}{rng.randint(2, 90)}万吨{industry}项目"
        town = rng.choice(place.towns)
        publisher = rng.choice((f"{place.province_short}日报", f"{place.city_short}日报"))

        def figure(subject: str) -> str:
            metric, unit = rng.choice(METRICS)
            value = f"{rng.randint(1, 3000)}.{rng.randint(0, 99):02d}" if unit.startswith("亿") else str(
                rng.randint(10, 90000))
            growth = f"{rng.randint(1, 250) / 10:g}"
            lead = rng.choice(("实现", "达到", "完成", ""))
            return f"{year - 1}年，{subject}{metric}{lead}{value}{unit}，同比增长{growth}%。"

        sentences = [
            f"{place.county}是{place.province}重要的{industry}产业基地。",
            f"{ents[0]}自{year - rng.randint(2, 9)}年{rng.choice(self.cues['locate'])}{place.county}以来，"
            f"从一家初创企业成长为行业龙头，目前员工超过{rng.randint(2, 90) * 100}人。",
            f"{ents[0]}{rng.choice(self.titles['organisation'][:8])}{people[0]}介绍，"
            f"{place.county}委、{place.county[-1]}政府为企业提供了厂房、用工和研发等全方位支持。",
            figure(place.county),
            f"{ents[1 % len(ents)]}{rng.choice(self.cues['award'][:4])}{rng.choice(self.honors)}。",
            f"{place.county}还与{ents[-1]}{rng.choice(self.cues['partner'][:3])}，共同建设{industry}配套基地。",
            f"今年，{ents[0]}计划投资{rng.randint(2, 120)}亿元建设{project}，"
            f"项目建成后将新增产值{rng.randint(5, 200)}亿元。",
            f"{cluster}{rng.choice(self.cues['award'][:2])}国家级中小企业特色产业集群。",
            f"目前，{park}已集聚{industry}企业{rng.randint(20, 300)}家，"
            f"{rng.choice(ents)}等一批龙头企业在此扎根。",
            f"{day.month}月{day.day}日，{place.city}{rng.choice(EVENTS)}在{place.county}举行。",
            f"{place.province}副省长{people[1]}出席并讲话。" if place.province.endswith("省") and rng.random() < 0.3
            else f"{place.city}{'市长' if place.city.endswith('市') else '党委书记'}{people[1]}出席并讲话。",
            f"在{town}，{people[2]}说，家门口就业让日子越过越红火。",
            figure(town),
            f"{place.county}人民医院与{place.city}人民医院签约共建医疗联合体，"
            f"全年开展远程会诊{rng.randint(100, 9000)}{rng.choice(self.counts)}。",
        ]
        body, paragraph = [], []
        target = rng.randint(1200, 1800)
        size = 0
        order = sentences[:3] + rng.sample(sentences[3:], len(sentences) - 3)
        while size < target:
            s = order.pop(0) if order else rng.choice(FILLERS)
            paragraph.append(s)
            size += len(s)
            if rng.random() < 0.3 or rng.random() < 0.2 and not order:
                paragraph.append(rng.choice(FILLERS))
                size += len(paragraph[-1])
            if len(paragraph) >= rng.randint(3, 5):
                body.append("".join(paragraph))
                paragraph = []
        if paragraph:
            body.append("".join(paragraph))
        title = f"{place.county}{industry}产业{rng.choice(('加速集聚', '提质增效', '跑出加速度', '向高端跃升'))}"
        return {"id": f"gen-{i:07d}", "title": title, "date": day.isoformat(), "source": publisher,
                "text": "\n\n".join(body)}


def write_corpus(n: int, out: Path, start: int = 0, seed: int = 1, per_file: int = 1000,
                 fmt: str = "jsonl") -> int:
    """Write articles ``start … start+n-1`` under ``out``; returns the characters written."""
    writer = Writer(seed)
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for first in range(start, start + n, per_file):
        arts = [writer.article(i) for i in range(first, min(first + per_file, start + n))]
        chars += sum(len(a["text"]) for a in arts)
        if fmt == "jsonl":
            lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts)
            (out / f"part-{first // per_file:05d}.jsonl").write_text(lines, encoding="utf-8")
        else:
            for a in arts:
                (out / f"{a['id']}.txt").write_text(f"{a['title']}\n\n{a['text']}\n", encoding="utf-8")
    return chars


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=int, help="how many articles")
    ap.add_argument("-o", "--output", required=True, help="folder to write")
    ap.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=1000, help="records per JSONL file (default 1000)")
    ap.add_argument("--format", choices=["jsonl", "txt"], default="jsonl",
                    help="JSONL files of --per-file records, or one .txt file per article")
    a = ap.parse_args()
    chars = write_corpus(a.articles, Path(a.output), a.start, a.seed, a.per_file, a.format)
    print(f"wrote {a.articles:,} articles, {chars:,} characters, to {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
