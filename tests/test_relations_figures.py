"""Relations (one family per cue-table form) and figures (units, numerals, growth, approximation)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.extract import ArticleExtractor
from kgraph.extract.numbers import parse_chinese, parse_number
from kgraph.model import Article


@pytest.fixture(scope="module")
def extractor() -> ArticleExtractor:
    return ArticleExtractor()


def extract(extractor, body: str, publisher: str = "江西日报", date: str | None = "2026-04-02"):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher=publisher, date=date)
    return extractor(a)


def relations(extractor, body: str, **kw) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name) with names taken from the keys."""
    x = extract(extractor, body, **kw)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object)) for r in x.relations}


def figures(extractor, body: str, **kw) -> list[tuple]:
    x = extract(extractor, body, **kw)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return [(names.get(o.subject), o.metric, o.value, o.unit, o.year, o.growth_percent, o.approx)
            for o in x.observations]


# ---- relations -------------------------------------------------------------------------------------

def test_award_cue_names_each_listed_awardee(extractor):
    got = relations(extractor, "工业和信息化部公布名单。其中，江西九二盐业有限责任公司、江西金叶大铜科技有限公司等"
                               "63家企业获评国家级绿色工厂。")
    assert ("江西九二盐业有限责任公司", "awarded", "国家级绿色工厂") in got
    assert ("江西金叶大铜科技有限公司", "awarded", "国家级绿色工厂") in got


def test_award_statement_carries_year_and_grantor(extractor):
    x = extract(extractor, "工业和信息化部公布2025年度名单，江西余江工业园区获评国家级绿色工业园区。")
    q = [dict(r.qualifiers) for r in x.relations if r.predicate == "awarded"]
    assert q == [{"year": "2025", "grantor": "工业和信息化部"}]


def test_award_in_a_following_clause_goes_to_the_clause_before(extractor):
    got = relations(extractor, "稀土新材料及应用集群被认定为国家先进制造业集群，是全市唯一的国家级创新型产业集群。")
    assert ("稀土新材料及应用集群", "awarded", "国家级创新型产业集群") in got


def test_located_by_name_prefix_most_specific_region(extractor):
    got = relations(extractor, "江西余江工业园区和贵溪经开区都在鹰潭。")
    assert ("江西余江工业园区", "locatedIn", "余江区") in got
    assert ("贵溪经开区", "locatedIn", "贵溪市") in got


def test_located_by_cue_luohu_region_de_company(extractor):
    got = relations(extractor, "赣县区发展势头好。2024年落户该区的横川机器人(深圳)有限公司营收大增。")
    assert ("横川机器人(深圳)有限公司", "locatedIn", "赣县区") in got


def test_located_this_company_refers_to_the_last_company(extractor):
    got = relations(extractor, "走进赣州康晋储能技术有限公司车间。这家2021年落户赣州市赣县区的企业发展很快。")
    assert ("赣州康晋储能技术有限公司", "locatedIn", "赣县区") in got


def test_title_gives_a_post_in_the_home_province_or_the_body_named(extractor):
    got = relations(extractor, "省长叶建春主持召开推动国家区域医疗中心建设座谈会。"
                               "江西立讯智造有限公司行政总监张小建介绍情况。")
    assert ("叶建春", "holdsPositionIn", "江西省") in got
    assert ("张小建", "holdsPositionIn", "江西立讯智造有限公司") in got
    assert ("推动国家区域医疗中心建设座谈会", "organizedBy", "叶建春") in got


def test_chained_titles_give_each_post(extractor):
    got = relations(extractor, "会昌县委社会工作部部长、县委两新工委书记李富才表示，将深耕微治理。")
    assert ("李富才", "holdsPositionIn", "会昌县委社会工作部") in got


def test_role_anchor_word_points_at_the_last_entity_of_its_class(extractor):
    got = relations(extractor, "走进金溪县秀谷镇文庄社区的议事厅，社区党委书记曾昭芬正在记录。")
    assert ("曾昭芬", "holdsPositionIn", "文庄社区") in got


def test_partner_with_yu_gongjian_and_the_running_subject(extractor):
    got = relations(extractor, "南方医院赣州医院成果丰硕。自2021年与南方医科大学南方医院共建以来，该院发展迅速。")
    assert ("南方医院赣州医院", "partnerOf", "南方医科大学南方医院") in got


def test_event_held_in_region(extractor):
    got = relations(extractor, "2026第五届中国(赣州)永磁电机产业创新发展大会即将在赣县区召开。")
    assert ("2026第五届中国(赣州)永磁电机产业创新发展大会", "heldIn", "赣县区") in got


def test_investment_with_amount(extractor):
    x = extract(extractor, "今年，江西铜业集团有限公司计划投资80亿元建设铜基新材料产业园项目。")
    inv = [r for r in x.relations if r.predicate == "investsIn"]
    assert len(inv) == 1 and dict(inv[0].qualifiers)["amount"] == "80"


def test_bare_prefix_body_is_located_in_the_home_province(extractor):
    got = relations(extractor, "会上，省财政厅负责同志通报了情况。")
    assert ("江西省财政厅", "locatedIn", "江西省") in got


# ---- figures -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("一百二十", 120), ("百", 100), ("两", 2), ("三千五百", 3500), ("十", 10), ("二十万", 200000), ("千", 1000),
])
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == Decimal(value)
    assert parse_number("3,531.19") == Decimal("3531.19")


def test_amount_with_growth_year_and_subject(extractor):
    got = figures(extractor, "2025年，贵溪市规模以上工业企业营业收入达3531.19亿元，较上年增长7.9%。")
    assert ("贵溪市", "规模以上工业企业营业收入", "3531.19", "亿元", "2025", "7.9", None) in got


def test_growth_in_bei_and_doubling(extractor):
    got = figures(extractor, "赣县区工业营收较2020年增长1.4倍。赣州康晋储能技术有限公司去年产值达2亿元，已翻番。")
    assert any(f[0] == "赣县区" and f[5] == "140" and f[2] == "" for f in got)
    assert any(f[0] == "赣州康晋储能技术有限公司" and f[2] == "2" and f[5] == "100" and f[4] == "2025" for f in got)


@pytest.mark.parametrize("body, value, unit, approx", [
    ("石城县累计投入超80亿元。", "80", "亿元", "超"),
    ("会昌县累计受理群众微建议1200余件。", "1200", "件", "余"),
    ("会昌县办结率达90%以上。", "90", "%", "以上"),
    ("金溪县近千户居民受益。", "1000", "户", "近"),
    ("贵溪市通过百余个技改项目推动转型。", "100", "个", "余"),
    ("南康区铺设沥青1.68万平方米。", "1.68", "万平方米", None),
    ("江钨集团总投资超百亿元。", "100", "亿元", "超"),
])
def test_units_numerals_and_approximation(extractor, body, value, unit, approx):
    got = figures(extractor, body)
    assert any((f[2], f[3], f[6]) == (value, unit, approx) for f in got), got


def test_from_to_keeps_the_figure_reached(extractor):
    got = figures(extractor, "赣县区工业用电量从3.75亿千瓦时跃升至8.45亿千瓦时。")
    assert [(f[1], f[2], f[3]) for f in got] == [("工业用电量", "8.45", "亿千瓦时")]


def test_reference_word_gives_the_subject(extractor):
    got = figures(extractor, "横川机器人(深圳)有限公司落户赣县区。该公司2025年营业收入冲上5亿元。")
    assert ("横川机器人(深圳)有限公司", "营业收入", "5", "亿元", "2025", None, None) in got


def test_dates_ordinals_and_formulas_are_not_figures(extractor):
    got = figures(extractor, "3月28日，第18个防灾减灾日到来，石城县推行“1+2+N”模式。")
    assert got == []


def test_seed_figures_sum_per_region(seeds_graph):
    """The figures users aggregate: 贵溪市's revenue is there once, with its unit and year."""
    key = seeds_graph.find("贵溪市")[0]
    revenue = [f.observation for f in seeds_graph.figures_of(key) if f.observation.unit == "亿元"]
    assert [(o.value, o.year) for o in revenue] == [("3531.19", "2025")]
