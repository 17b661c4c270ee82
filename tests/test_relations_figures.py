"""Relations (every row of every cue table, one template per form) and figures (units, numerals,
ranges, growth, periods, subjects). The sentences are written for these tests, not taken from the seeds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.extract.context import ArticleContext
from kgraph.extract.numbers import parse_chinese, parse_number
from kgraph.extract.relations import RelationExtractor
from kgraph.gazetteer import load_gazetteer
from kgraph.model import REGION_CLASSES, Article, Entity, Mention, Sentence, Statement
from kgraph.resolve import Resolver, most_specific_places
from kgraph.tables import load_table

FIRM = "江西华宇新材料有限公司"
CLUSTER = "广丰锂电新能源产业集群"
PROJECT = "华宇锂电材料项目"


def extract(extractor, body: str, publisher: str = "江西日报", date: str | None = "2026-04-02", title: str = "标题"):
    a = Article(id="t", source="t", page="t", title=title, body=body, publisher=publisher, date=date)
    return extractor(a)


def _names(x) -> dict[str, str]:
    return {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}


def relations(extractor, body: str, **kw) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name) with names taken from the keys."""
    x = extract(extractor, body, **kw)
    names = _names(x)
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object)) for r in x.relations}


def qualified(extractor, body: str, predicate: str, **kw) -> list[dict[str, str]]:
    return [dict(r.qualifiers) for r in extract(extractor, body, **kw).relations if r.predicate == predicate]


def figures(extractor, body: str, **kw) -> list[tuple]:
    x = extract(extractor, body, **kw)
    names = _names(x)
    return [(names.get(o.subject), o.metric, o.value, o.unit, o.year, o.growth_percent, o.approx)
            for o in x.observations]


def observations(extractor, body: str, **kw):
    x = extract(extractor, body, **kw)
    names = _names(x)
    return [(names.get(o.subject), o) for o in x.observations]


def places_of(kg, name: str) -> set[str]:
    """Where the built graph puts an entity (kg:locatedIn objects)."""
    return {kg.nx.nodes[o]["name"] for k in kg.find(name) for _, o, p in kg.nx.out_edges(k, keys=True)
            if p == "locatedIn"}


def located_in(kg, name: str) -> set[str]:
    """What the built graph puts in an entity."""
    return {kg.nx.nodes[s]["name"] for k in kg.find(name) for s, _, p in kg.nx.in_edges(k, keys=True)
            if p == "locatedIn"}


def relate(text: str, named: dict[str, str]) -> set[tuple[str, str, str]]:
    """The relation rules alone on one sentence whose names are given ({surface: class}), so that a
    cue row is tested whatever the recognisers make of the sentence."""
    g = load_gazetteer()
    ms = []
    for surface, cls in named.items():
        start = text.index(surface)
        d = g.lookup(surface)[0] if cls in REGION_CLASSES else None
        ms.append(Mention(surface, cls, start, start + len(surface), 0, name=d.name if d else "",
                          adcode=d.code if d else None, source="test"))
    rels = RelationExtractor(g)(Sentence(0, 0, len(text), text), ms, ArticleContext())
    names = {m.key: m.canonical for m in ms}
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object)) for r in rels}


def cue_rows(form: str) -> list[str]:
    return [r["cue"] for r in load_table("relation_cues") if r["form"] == form]


# ---- relations: every row of relation_cues.tsv, one template per form ---------------------------------

AWARD_TEMPLATES = {"是": f"{FIRM}被认定为省级绿色工厂，是全县唯一的国家级绿色工厂。"}


@pytest.mark.parametrize("cue", cue_rows("award"))
def test_every_award_cue_gives_the_honor_to_the_awardee(extractor, cue):
    body = AWARD_TEMPLATES.get(cue, f"2025年，{FIRM}{cue}国家级绿色工厂。")
    assert (FIRM, "awarded", "国家级绿色工厂") in relations(extractor, body)


@pytest.mark.parametrize("cue", [c for c in cue_rows("award") if c != "是"])
def test_every_award_cue_marks_an_honor_not_in_the_table(extractor, cue):
    got = relations(extractor, f"{FIRM}{cue}省级专精特新示范企业。")
    assert (FIRM, "awarded", "省级专精特新示范企业") in got


@pytest.mark.parametrize("cue", cue_rows("locate"))
def test_every_locate_cue_places_the_entity(extractor, cue):
    got = relations(extractor, f"萍乡市新能源装备有限公司{cue}上饶市广丰区。")
    assert ("萍乡市新能源装备有限公司", "locatedIn", "广丰区") in got


@pytest.mark.parametrize("cue", cue_rows("at"))
def test_every_at_cue_places_what_is_built(cue):
    text = f"{FIRM}在广丰区{cue}{PROJECT}，预计明年投产。"
    got = relate(text, {FIRM: "Enterprise", "广丰区": "County", PROJECT: "Project"})
    assert (PROJECT, "locatedIn", "广丰区") in got
    assert (FIRM, "locatedIn", "广丰区") not in got  # who builds there need not be there


def test_at_end_to_end(extractor):
    assert (PROJECT, "locatedIn", "广丰区") in relations(extractor, f"{FIRM}在广丰区建设{PROJECT}。")


@pytest.mark.parametrize("cue", cue_rows("possessive"))
def test_region_de_enterprise(extractor, cue):
    got = relations(extractor, f"上饶市广丰区{cue}{FIRM}去年扩建了两条产线。")
    assert (FIRM, "locatedIn", "广丰区") in got


@pytest.mark.parametrize("cue", cue_rows("host"))
def test_every_host_cue_puts_the_enterprise_in_the_county_of_its_party_committee(extractor, cue):
    body = f"广丰区委{cue}华宇新材料解决用地难题。" if cue != "引进" else "广丰区委引进华宇新材料。"
    got = relations(extractor, f"{FIRM}生产线满负荷运转。自2019年落户以来，{body}")
    assert (FIRM, "locatedIn", "广丰区") in got


def test_host_inference_beats_a_city_written_for_the_county(extractor, pipeline, tmp_path):
    """落户吉安 reads as the city; the county party committee that hosts the company is more specific."""
    (tmp_path / "a.txt").write_text(
        "电声产业集聚\n\n江西智声科技有限公司生产车间一片繁忙。这家落户吉安八年的企业，产值逐年攀升。"
        "自2018年落户以来，吉安县委为智声科技提供厂房保障。\n", encoding="utf-8")
    kg = pipeline.build([tmp_path]).graph
    assert places_of(kg, "江西智声科技有限公司") == {"吉安县"}
    st = [s for s in kg.statements() if s.predicate == "locatedIn" and ("basis", "host") in s.qualifiers]
    assert st and ("since", "2018") in st[0].qualifiers


@pytest.mark.parametrize("cue", cue_rows("partner"))
def test_every_partner_cue_links_both_sides(extractor, cue):
    got = relations(extractor, f"{FIRM}与南昌大学{cue}研发新型电池材料。")
    assert (FIRM, "partnerOf", "南昌大学") in got


def test_partner_after_the_cue_and_the_articles_subject(extractor):
    got = relations(extractor, "广丰区锂电产业快速壮大。近年来，广丰区积极携手宁德时代新能源科技股份有限公司，"
                               "布局电池回收。")
    assert ("广丰区", "partnerOf", "宁德时代新能源科技股份有限公司") in got


@pytest.mark.parametrize("cue", cue_rows("member"))
def test_every_member_cue_puts_the_enterprise_in_the_cluster(extractor, cue):
    got = relations(extractor, f"{FIRM}{cue}{CLUSTER}。")
    assert (FIRM, "memberOf", CLUSTER) in got


@pytest.mark.parametrize("cue", cue_rows("member_head"))
def test_every_member_head_cue(cue):
    named = {FIRM: "Enterprise", CLUSTER: "IndustryCluster"}
    assert (FIRM, "memberOf", CLUSTER) in relate(f"{FIRM}是{CLUSTER}的{cue}。", named)
    assert (FIRM, "memberOf", CLUSTER) in relate(f"{CLUSTER}{cue}{FIRM}今年新增两条产线。", named)


def test_member_of_a_cluster_named_two_clauses_later(extractor):
    got = relations(extractor, f"走进{FIRM}车间。这家扎根广丰十年的企业，已成为行业龙头，带动周边形成{CLUSTER}。")
    assert (FIRM, "memberOf", CLUSTER) in got


@pytest.mark.parametrize("cue", cue_rows("invest"))
def test_every_invest_cue_links_enterprise_and_project(cue):
    got = relate(f"今年，{FIRM}计划{cue}{PROJECT}，总投资20亿元。", {FIRM: "Enterprise", PROJECT: "Project"})
    assert (FIRM, "investsIn", PROJECT) in got


def test_investment_amount_between_cue_and_project_or_after_it(extractor):
    q = qualified(extractor, f"{FIRM}投资35亿元建设{PROJECT}。", "investsIn")
    assert q and (q[0]["amount"], q[0]["unit"]) == ("35", "亿元")
    q = qualified(extractor, f"今年，{FIRM}开工建设{PROJECT}，总投资20亿元。", "investsIn")
    assert q and (q[0]["amount"], q[0]["unit"], q[0]["year"]) == ("20", "亿元", "2026")


@pytest.mark.parametrize("cue", cue_rows("held"))
def test_every_held_cue_places_the_event(extractor, cue):
    got = relations(extractor, f"2026中国（上饶）锂电产业发展大会将在广丰区{cue}。")
    assert ("2026中国（上饶）锂电产业发展大会", "heldIn", "广丰区") in got
    q = qualified(extractor, f"2026中国（上饶）锂电产业发展大会将在广丰区{cue}。", "heldIn")
    assert q[0]["year"] == "2026"


def test_region_convening_an_event_holds_it(extractor):
    assert ("全区营商环境优化推进会", "heldIn", "广丰区") in relations(extractor, "广丰区召开全区营商环境优化推进会。")


@pytest.mark.parametrize("cue", cue_rows("organize"))
def test_every_organize_cue(extractor, cue):
    if cue in ("主办", "承办"):
        body = f"全省锂电产业推进会在上饶召开。会议由江西省工业和信息化厅{cue}。"
        host = "江西省工业和信息化厅"
    else:
        body = f"副省长王晓峰{cue}全省锂电产业推进会。"
        host = "王晓峰"
    assert ("全省锂电产业推进会", "organizedBy", host) in relations(extractor, body)


# ---- relations without cue words --------------------------------------------------------------------

def test_organisers_listed_and_a_second_clause_of_organisers(extractor):
    got = relations(extractor, "2026上饶锂电产业大会在广丰区开幕。大会由江西省工业和信息化厅、上饶市人民政府主办，"
                               "广丰区人民政府承办。")
    for host in ("江西省工业和信息化厅", "上饶市人民政府", "广丰区人民政府"):
        assert ("2026上饶锂电产业大会", "organizedBy", host) in got


def test_name_prefix_most_specific_region_and_a_county_short_form_in_a_park(extractor):
    got = relations(extractor, "江西丰城高新技术产业园区获得表彰。萍乡经开区也获得表彰。")
    assert ("江西丰城高新技术产业园区", "locatedIn", "丰城市") in got
    assert ("萍乡经开区", "locatedIn", "萍乡市") in got


def test_region_at_the_start_of_a_sentence_prefixes_a_body(extractor):
    got = relations(extractor, "广丰区市场监督管理局副局长刘敏介绍了情况。")
    assert ("广丰区市场监督管理局", "locatedIn", "广丰区") in got
    assert ("刘敏", "holdsPositionIn", "广丰区市场监督管理局") in got


def test_bare_prefix_body_is_located_in_the_home_province(extractor):
    assert ("江西省财政厅", "locatedIn", "江西省") in relations(extractor, "会上，省财政厅负责人介绍了资金安排。")


def test_titles_give_posts_in_province_city_county_and_the_body_named(extractor):
    got = relations(extractor, "副省长王晓峰、上饶市市长陈立新调研。广丰区区长周文出席。华宇集团董事长李明介绍。")
    assert ("王晓峰", "holdsPositionIn", "江西省") in got
    assert ("周文", "holdsPositionIn", "广丰区") in got
    assert ("李明", "holdsPositionIn", "华宇集团") in got
    assert qualified(extractor, "副省长王晓峰调研。", "holdsPositionIn") == [{"role": "副省长"}]


def test_a_mayor_heads_the_city_named_before_the_title_even_a_county_level_one(extractor):
    got = relations(extractor, "瑞金市委副书记、市长黄文斌出席签约仪式。", publisher="赣州日报")
    assert ("黄文斌", "holdsPositionIn", "瑞金市") in got
    assert ("黄文斌", "holdsPositionIn", "瑞金市委") in got


def test_role_anchor_and_chained_titles(extractor):
    got = relations(extractor, "走进广丰区永丰街道丰溪社区，社区党委书记吴芳介绍了议事规则。")
    assert ("吴芳", "holdsPositionIn", "丰溪社区") in got
    got = relations(extractor, "广丰区委组织部部长、区委党校校长黄涛表示，将加强培训。")
    assert ("黄涛", "holdsPositionIn", "广丰区委组织部") in got


def test_award_list_each_awardee_with_year_and_grantor(extractor):
    body = ("工业和信息化部公布2025年度智能制造示范工厂名单。其中，江西华宇新材料有限公司、萍乡市新能源装备有限公司"
            "等12家企业入选国家级智能制造示范工厂。")
    got = relations(extractor, body)
    assert (FIRM, "awarded", "国家级智能制造示范工厂") in got
    assert ("萍乡市新能源装备有限公司", "awarded", "国家级智能制造示范工厂") in got
    q = qualified(extractor, body, "awarded")
    assert {"year": "2025", "grantor": "工业和信息化部"} in q


def test_no_grantor_without_a_granting_verb(extractor):
    q = qualified(extractor, f"省工业和信息化厅负责人出席。{FIRM}获评省级绿色工厂。", "awarded")
    assert q and "grantor" not in q[0]


def test_award_in_a_following_clause_goes_to_the_clause_before(extractor):
    got = relations(extractor, f"{CLUSTER}被认定为省级先进制造业集群，且入选国家级中小企业特色产业集群。")
    assert (CLUSTER, "awarded", "国家级中小企业特色产业集群") in got


def test_located_by_luohu_region_de_company_and_this_company(extractor):
    got = relations(extractor, "广丰区发展势头好。2023年落户该区的华宇智能装备(上海)有限公司营收大增。")
    assert ("华宇智能装备(上海)有限公司", "locatedIn", "广丰区") in got
    q = qualified(extractor, "2023年落户广丰区的华宇智能装备(上海)有限公司营收大增。", "locatedIn")
    assert q[0]["since"] == "2023"
    got = relations(extractor, f"走进{FIRM}车间。这家2020年落户上饶市广丰区的企业发展很快。")
    assert (FIRM, "locatedIn", "广丰区") in got


def test_local_body_named_after_its_community(extractor):
    got = relations(extractor, "走进广丰区永丰街道丰溪社区。社区组建丰溪居民议事会，化解邻里矛盾。")
    assert ("丰溪居民议事会", "locatedIn", "丰溪社区") in got


ARTICLE_ON_A_COUNTY = (
    "广丰区工业提速\n\n"
    "近年来，广丰区锂电产业加速集聚，华宇锂电新能源产业集群入选省级先进制造业集群。\n"
    "走进江西华宇新材料有限公司车间，生产线高速运转。广丰区还携手宁德时代新能源科技股份有限公司，布局电池回收。\n"
    "上饶宏达机械股份有限公司成功上市，实现本土上市企业零的突破。\n"
    "深圳创芯电子有限公司的订单持续增长。\n")


def test_article_context_places_what_a_county_article_names_beside_the_county(pipeline, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_ON_A_COUNTY, encoding="utf-8")
    kg = pipeline.build([tmp_path]).graph

    def places(name):
        return places_of(kg, name)

    assert places("华宇锂电新能源产业集群") == {"广丰区"}
    assert places("江西华宇新材料有限公司") == {"广丰区"}  # not also 江西省: the most specific place wins
    assert places("上饶宏达机械股份有限公司") == {"广丰区"}  # named for its city, in an article about the county
    assert "广丰区" not in places("宁德时代新能源科技股份有限公司")  # a partner is not placed there
    assert "广丰区" not in places("深圳创芯电子有限公司")  # named for another city
    basis = {q for s in kg.statements() if s.predicate == "locatedIn" for q in s.qualifiers}
    assert ("basis", "article") in basis


def test_an_investor_at_a_city_event_is_not_placed_in_the_city(pipeline, tmp_path):
    (tmp_path / "a.txt").write_text(
        "九江新能源汽车产业提速\n\n近年来，九江新能源汽车产业加快集聚，九江已形成全产业链。\n"
        "大会期间，九江共签约项目32个。其中，比亚迪汽车工业有限公司投资60亿元建设九江动力电池产业园项目。\n",
        encoding="utf-8")
    kg = pipeline.build([tmp_path]).graph
    assert "九江市" not in places_of(kg, "比亚迪汽车工业有限公司")
    assert places_of(kg, "九江动力电池产业园项目") == {"九江市"}


def test_most_specific_place_is_kept_and_an_implied_place_yields_to_a_stated_one():
    def ent(key, cls, parent=None):
        return Entity(key, cls, key, parent=parent)
    entities = {k: e for k, e in [
        ("region/360000", ent("region/360000", "Province")),
        ("region/361100", ent("region/361100", "City", "region/360000")),
        ("region/361103", ent("region/361103", "County", "region/361100")),
        ("region/360300", ent("region/360300", "City", "region/360000")),
        ("IndustrialPark/广丰经开区", ent("IndustrialPark/广丰经开区", "IndustrialPark")),
        ("Enterprise/甲", ent("Enterprise/甲", "Enterprise")), ("Enterprise/乙", ent("Enterprise/乙", "Enterprise"))]}

    def st(s, o, basis=None):
        return Statement(s, "locatedIn", o, "a", "…", (("basis", basis),) if basis else ())
    kept = most_specific_places([
        st("IndustrialPark/广丰经开区", "region/361103"), st("Enterprise/甲", "region/360000"),
        st("Enterprise/甲", "region/361100"), st("Enterprise/甲", "IndustrialPark/广丰经开区"),
        st("Enterprise/乙", "region/360300"), st("Enterprise/乙", "region/361103", basis="article")], entities)
    got = {(s.subject, s.object) for s in kept}
    assert ("Enterprise/甲", "IndustrialPark/广丰经开区") in got
    assert ("Enterprise/甲", "region/361100") not in got and ("Enterprise/甲", "region/360000") not in got
    assert ("Enterprise/乙", "region/360300") in got and ("Enterprise/乙", "region/361103") not in got


# ---- numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("一百二十", 120), ("百", 100), ("两", 2), ("三千五百", 3500), ("十", 10), ("二十万", 200000), ("千", 1000),
    ("一百二十亿", 12_000_000_000), ("三亿五千万", 350_000_000), ("两万三千", 23000), ("一百零五", 105),
])
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == Decimal(value)


def test_arabic_numbers_with_separators():
    assert parse_number("3,531.19") == Decimal("3531.19")
    assert parse_number("一百") == Decimal(100) and parse_number("abc") is None


# ---- figures: units, numerals, approximation, ranges ---------------------------------------------

UNITS = load_table("figure_units")


@pytest.mark.parametrize("row", UNITS, ids=[r["unit"] for r in UNITS])
def test_every_unit_is_read_and_normalised(extractor, row):
    obs = observations(extractor, f"2025年，广丰区年度统计总量达到12.5{row['unit']}。")
    got = [o for _, o in obs if o.value == "12.5"]
    assert got and got[0].unit == row["unit"] and got[0].year == "2025", obs
    assert Decimal(got[0].normalized_value) == Decimal("12.5") * Decimal(row["factor"])
    assert got[0].normalized_unit == row["base"]


@pytest.mark.parametrize("body, value, unit, normalized", [
    ("广丰区全年固定资产投资一百二十亿元。", "120", "亿元", ("12000000000", "元")),
    ("广丰区引进项目总投资三亿五千万元。", "35000", "万元", ("350000000", "元")),
    ("广丰区民营经济占比达两成。", "2", "成", ("20", "%")),
    ("广丰区市场主体达到1.2万家。", "1.2", "万家", ("12000", "家")),
    ("广丰区工业用电量达8.45亿千瓦时。", "8.45", "亿千瓦时", ("845000000", "千瓦时")),
])
def test_chinese_numerals_and_scales_in_figures(extractor, body, value, unit, normalized):
    got = [o for _, o in observations(extractor, body)]
    assert any((o.value, o.unit, o.normalized_value, o.normalized_unit) == (value, unit, *normalized) for o in got), got


APPROX = [r["word"] for r in load_table("figure_words") if r["role"] == "approx"]


@pytest.mark.parametrize("word", APPROX)
def test_every_approximation_word_is_kept(extractor, word):
    body = f"广丰区累计受理群众诉求1200{word}件。" if word in ("多", "余") else (
        f"广丰区办结率达90%{word}。" if word in ("以上", "左右") else f"广丰区累计投入{word}80亿元。")
    got = figures(extractor, body)
    assert any(f[6] == word for f in got), got


@pytest.mark.parametrize("body, value, unit, approx", [
    ("广丰区惠及近千户居民。", "1000", "户", "近"),
    ("广丰区实施百余个技改项目。", "100", "个", "余"),
    ("广丰区新增市场主体十余家。", "10", "家", "余"),
    ("广丰区年内计划新建3至5个产业园区。", "3", "个", "3—5"),
    ("广丰区新增投资5—8亿元。", "5", "亿元", "5—8"),
])
def test_approximate_numbers_and_ranges(extractor, body, value, unit, approx):
    got = figures(extractor, body)
    assert any((f[2], f[3], f[6]) == (value, unit, approx) for f in got), got


def test_a_range_has_its_lower_end_as_value_and_its_upper_as_value_max(extractor):
    got = [o for _, o in observations(extractor, "广丰区新增投资5—8亿元。")]
    assert [(o.value, o.value_max) for o in got] == [("5", "8")]


@pytest.mark.parametrize("body", [
    "3月28日，第18个防灾减灾日到来，广丰区推行“1+3+N”模式。",
    "广丰区千家万户喜迎新春。",
    "广丰区抓住两大任务，推进三个方面工作。",
    "广丰区印发《关于推进2025年10项重点工作的通知》。",
])
def test_dates_ordinals_formulas_idioms_and_titles_are_not_figures(extractor, body):
    assert figures(extractor, body) == []


# ---- figures: growth forms, shares, rates, no ranks ---------------------------------------------

@pytest.mark.parametrize("body, growth", [
    ("2025年，广丰区地区生产总值增长6.3%。", "6.3"),
    ("2025年，广丰区工业投资增幅达18%。", "18"),
    ("2025年，广丰区财政支出下降3.2%。", "-3.2"),
    ("2025年，广丰区规上工业营收较2020年增长1.4倍。", "140"),
    ("去年，广丰区外贸进出口额翻了一番。", "100"),
    ("“十四五”以来，广丰区电子信息产业营收翻两番。", "300"),
])
def test_growth_stated_alone(extractor, body, growth):
    got = figures(extractor, body)
    assert any(f[0] == "广丰区" and f[5] == growth and f[2] == "" for f in got), got


def test_growth_attached_to_its_figure_and_base_year_is_not_the_period(extractor):
    got = figures(extractor, "2025年，广丰区规模以上工业营业收入达812.5亿元，同比增长9.1%。")
    assert ("广丰区", "规模以上工业营业收入", "812.5", "亿元", "2025", "9.1", None) in got
    got = figures(extractor, f"{FIRM}今年产值达2亿元，较2023年已翻番。", date="2026-05-01")
    assert [(f[2], f[4], f[5]) for f in got] == [("2", "2026", "100")]


def test_points_are_a_change_not_a_growth(extractor):
    got = figures(extractor, "2025年，广丰区数字经济占比提高2.5个百分点。")
    assert [(f[1], f[2], f[3], f[5]) for f in got] == [("数字经济占比", "2.5", "个百分点", None)]


def test_shares_and_rates(extractor):
    got = figures(extractor, "2025年，广丰区新能源产业占比提升至35%，群众诉求办结率达98.6%。")
    assert ("广丰区", "新能源产业占比", "35", "%", "2025", None, None) in got
    assert ("广丰区", "群众诉求办结率", "98.6", "%", "2025", None, None) in got


def test_a_rank_is_no_figure(extractor):
    got = figures(extractor, "2025年，广丰区固定资产投资增长21%，增速位居全市第二；工业投资增速全省第一，排名第3位。")
    assert [(f[1], f[5]) for f in got] == [("固定资产投资", "21")]
    assert not any(f[0] == "上饶市" for f in got)  # 全市 is the ranking's scope, not a subject


def test_from_to_keeps_the_figure_reached(extractor):
    got = figures(extractor, "广丰区工业用电量从4.2亿千瓦时跃升至7.6亿千瓦时。")
    assert [(f[1], f[2], f[3]) for f in got] == [("工业用电量", "7.6", "亿千瓦时")]
    got = figures(extractor, "2025年，广丰区工业用电量由2020年的4.2亿千瓦时增加到7.6亿千瓦时。")
    assert [(f[1], f[2], f[4]) for f in got] == [("工业用电量", "7.6", "2025")]


def test_target_and_forecast_say_so(extractor):
    got = observations(extractor, "广丰区力争2026年新增省级专精特新企业30家以上。")
    assert [(o.metric, o.value, o.year, o.approx, o.status) for _, o in got] == [
        ("省级专精特新企业", "30", "2026", "以上", "target")]


# ---- figures: periods ------------------------------------------------------------------------------

@pytest.mark.parametrize("body, year, period", [
    ("1—9月，广丰区规上工业增加值增长8.1%。", "2026", "1—9月"),
    ("上半年，广丰区实际利用外资1.5亿美元。", "2026", "上半年"),
    ("2019年至2025年，广丰区累计完成86个老旧小区改造。", "2025", "2019—2025年"),
    ("去年，广丰区新增市场主体5600户。", "2025", None),
    ("数据显示，2024年，广丰区税收收入38亿元；全年粮食产量32万吨。", "2024", None),
])
def test_period_written_or_the_articles_year(extractor, body, year, period):
    obs = [o for _, o in observations(extractor, body)]
    assert obs and all((o.year, o.period) == (year, period) for o in obs), obs


def test_a_year_in_another_part_of_the_sentence_is_not_the_figures(extractor):
    got = figures(extractor, "广丰区明确2027年发展目标；推出12项务实举措。", date=None)
    assert [(f[2], f[4]) for f in got] == [("12", None)]


# ---- figures: who they are about -------------------------------------------------------------------

def test_subject_the_entity_after_de_a_reference_and_an_unknown_name(extractor):
    got = figures(extractor, f"带动周边形成总产值超200亿元的{CLUSTER}。")
    assert got[0][:4] == (CLUSTER, "总产值", "200", "亿元")
    got = figures(extractor, "华宇智能装备(上海)有限公司落户广丰区。在区产业基金支持下，该公司2025年营业收入达6亿元。")
    assert ("华宇智能装备(上海)有限公司", "营业收入", "6", "亿元", "2025", None, None) in got
    assert figures(extractor, "广丰区招引总投资超50亿元的瑞丰新能源等项目。") == []  # whose 50亿元 is unknown


def test_a_listed_count_and_a_count_opening_its_clause_belong_to_the_region(extractor):
    got = figures(extractor, f"我省公布名单，{FIRM}、萍乡市新能源装备有限公司等26家企业入选。")
    assert got and got[0][0] == "江西省" and got[0][2] == "26"
    got = figures(extractor, f"广丰区产业加速集聚，广丰区民营经济活跃。\n{FIRM}首次入围全国民营企业500强，"
                             "18家企业跻身全省民企百强。")
    assert ("广丰区", "企业跻身全省民企百强", "18", "家", "2026", None, None) in got


def test_a_bare_noun_and_the_paragraph_give_the_local_subject(extractor):
    body = ("广丰区推进老旧小区改造。\n"
            "走进广丰区永丰街道丰溪花园小区，路面平整。小区累计完成改造雨污管网1860米。"
            "解决问题后，居民自筹资金还结余了6000元。\n")
    got = figures(extractor, body)
    assert ("丰溪花园小区", "改造雨污管网", "1860", "米", "2026", None, None) in got
    assert any(f[0] == "丰溪花园小区" and f[2] == "6000" for f in got)


def test_a_speaking_body_is_not_the_subject_of_its_target(extractor):
    got = figures(extractor, "我省绿色制造加快发展。\n省工业和信息化厅有关负责人表示，力争明年新增省级绿色工厂80家。")
    assert got and got[0][0] == "江西省"


def test_list_of_figures_keeps_its_subject(extractor):
    got = figures(extractor, "截至目前，我省累计培育国家级绿色工厂280家、绿色工业园区36家。")
    assert [(f[0], f[2]) for f in got] == [("江西省", "280"), ("江西省", "36")]


def test_respectively_without_matching_subjects_is_not_guessed(extractor):
    assert figures(extractor, "锂电、光伏产业营收分别增长15%、22%。") == []


def test_respectively_pairs_names_and_figures(extractor):
    got = figures(extractor, "一季度，瑞金市、于都县分别完成工业投资46.2亿元、38.5亿元。", publisher="赣州日报")
    assert [(f[0], f[1], f[2]) for f in got] == [("瑞金市", "工业投资", "46.2"), ("于都县", "工业投资", "38.5")]
    got = figures(extractor, "章贡区、南康区规上工业增加值分别增长8.1%、9.3%。", publisher="赣州日报")
    assert [(f[0], f[5]) for f in got] == [("章贡区", "8.1"), ("南康区", "9.3")]
    assert {f[1] for f in got} == {"规上工业增加值"}


def test_a_breakdown_measures_what_the_figure_before_measured(extractor):
    got = figures(extractor, "1—3月，全市规上工业增加值增长7.2%，高于全省平均水平1.1个百分点。"
                             "其中，章贡区增长8.1%。信丰县新增规上工业企业17家，宁都县新增12家。", publisher="赣州日报")
    assert ("赣州市", "规上工业增加值", "", "", "2026", "7.2", None) in got
    assert ("章贡区", "规上工业增加值", "", "", "2026", "8.1", None) in got
    assert ("宁都县", "规上工业企业", "12", "家", "2026", None, None) in got
    assert not any(f[3] == "个百分点" for f in got)  # 高于全省平均水平1.1个百分点 is a difference, not a figure


def test_a_total_takes_the_metric_of_the_figure_before(extractor):
    got = figures(extractor, "2025年，广丰区新增规上工业企业28家，总数达到312家。")
    assert ("广丰区", "规上工业企业总数", "312", "家", "2025", None, None) in got


def test_growth_in_cheng_and_an_unknown_home_gives_no_subject(extractor):
    got = figures(extractor, f"{FIRM}董事长李明说，今年一季度订单同比增长三成。")
    assert [(f[0], f[5]) for f in got] == [(FIRM, "30")]
    assert figures(extractor, "全市新增市场主体1.2万户。", publisher=None) == []  # 全市 with no city known


def test_the_same_figure_said_twice_is_one_observation(pipeline, tmp_path):
    (tmp_path / "a.txt").write_text(
        "广丰区经济稳步增长\n\n2025年，广丰区地区生产总值达612亿元。\n"
        "回顾全年，2025年，广丰区地区生产总值达612亿元，成绩来之不易。\n", encoding="utf-8")
    kg = pipeline.build([tmp_path]).graph
    gdp = [f for f in kg.figures if f.observation.value == "612"]
    assert len(gdp) == 1


# ---- the seed pages: what users aggregate and look up ----------------------------------------------

def test_seed_figures_sum_once_per_region_in_one_unit(seeds_graph):
    key = seeds_graph.find("贵溪市")[0]
    revenue = [f.observation for f in seeds_graph.figures_of(key) if f.observation.unit == "亿元"]
    assert [(o.value, o.year, o.normalized_value, o.normalized_unit) for o in revenue] == [
        ("3531.19", "2025", "353119000000", "元")]
    seen = set()
    for f in seeds_graph.figures:  # nothing counted twice
        o = f.observation
        k = (o.subject, o.metric, o.value, o.unit, o.year, o.period, o.growth_percent, o.status)
        assert k not in seen  # (去年产值已翻倍，今年预计再翻一番: an actual and a forecast)
        seen.add(k)
    units = {f.observation.unit for f in seeds_graph.figures if f.observation.normalized_unit == "元"}
    assert units <= {"亿元", "万元", "元"}


def test_seed_county_has_its_enterprises_and_figures(seeds_graph):
    assert {"鑫鑫新材料公司", "江西中力资源控股集团"} <= located_in(seeds_graph, "贵溪市")
    assert len(seeds_graph.figures_of(seeds_graph.find("贵溪市")[0])) >= 5


def test_resolver_keeps_sorted_unique_statements(extractor):
    x = extract(extractor, f"{FIRM}落户广丰区。{FIRM}入驻广丰区。")
    corpus = Resolver()([x])
    located = [s for s in corpus.statements if s.predicate == "locatedIn" and s.object.startswith("region/3611")]
    assert len(located) == 2 and len({s.evidence for s in located}) == 2


def test_show_lists_a_countys_enterprises_and_figures(seeds_dir, tmp_path, capsys):
    from kgraph.cli import main
    main(["build", str(seeds_dir), "-o", str(tmp_path), "--no-html"])
    capsys.readouterr()
    assert main(["show", "贵溪市", "--graph", str(tmp_path / "graph.ttl")]) == 0
    shown = capsys.readouterr().out
    assert "← kg:locatedIn 鑫鑫新材料公司" in shown and "← kg:locatedIn 江西中力资源控股集团" in shown
    assert "2025: 规模以上工业企业营业收入 3531.19亿元, growth 7.9%" in shown
    assert main(["show", "会昌县", "--graph", str(tmp_path / "graph.ttl")]) == 0
    shown = capsys.readouterr().out
    assert "受理群众微建议 1200余件" in shown and "群众满意度 超95%" in shown
    assert main(["show", "赣县区", "--graph", str(tmp_path / "graph.ttl")]) == 0
    assert "2025: 地区生产总值 growth 6.1%" in capsys.readouterr().out  # a growth stated alone is listed too


# ---- the other tables, row by row -----------------------------------------------------------------

def words(role: str) -> list[str]:
    return [r["word"] for r in load_table("figure_words") if r["role"] == role]


def sentence_with(text: str, named: dict[str, str]) -> tuple[Sentence, list[Mention]]:
    """One sentence and the mentions given for it ({surface: class}), regions linked."""
    g = load_gazetteer()
    ms = []
    for surface, cls in named.items():
        start = text.index(surface)
        d = g.lookup(surface)[0] if cls in ("Province", "City", "County") else None
        ms.append(Mention(surface, cls, start, start + len(surface), 0, name=d.name if d else "",
                          adcode=d.code if d else None, source="test"))
    return Sentence(0, 0, len(text), text), ms


@pytest.mark.parametrize("word", words("up") + words("down"))
def test_every_growth_word(extractor, word):
    got = figures(extractor, f"2025年，广丰区工业产值{word}8.5%。")
    sign = "-" if word in words("down") else ""
    assert [(f[0], f[1], f[5]) for f in got] == [("广丰区", "工业产值", f"{sign}8.5")]


@pytest.mark.parametrize("row", [r for r in load_table("figure_words") if r["role"] == "double"],
                         ids=lambda r: r["word"])
def test_every_doubling_word(extractor, row):
    got = figures(extractor, f"2025年，广丰区外贸进出口额{row['word']}。")
    assert [(f[0], f[5]) for f in got] == [("广丰区", row["value"])]


@pytest.mark.parametrize("row", [r for r in load_table("figure_words") if r["role"] == "plan"],
                         ids=lambda r: r["word"])
def test_every_plan_word_marks_a_target_or_forecast(extractor, row):
    got = [o for _, o in observations(extractor, f"广丰区{row['word']}新增规上工业企业30家。")]
    status = {"目标": "target", "计划": "target", "预计": "forecast"}[row["value"]]
    assert got and got[0].status == status and got[0].value == "30" and row["word"] not in got[0].metric


@pytest.mark.parametrize("word", words("compare"))
def test_every_comparison_word_is_no_figure_of_its_own(extractor, word):
    got = figures(extractor, f"2025年，广丰区工业投资增长12%，{word}全省平均水平3个百分点。")
    assert [f[5] for f in got] == ["12"]


@pytest.mark.parametrize("word", words("base"))
def test_every_base_word_makes_a_year_a_comparison(extractor, word):
    got = figures(extractor, f"广丰区工业产值{word}2020年增长1.4倍。", date="2026-03-01")
    assert [(f[4], f[5]) for f in got] == [("2026", "140")]


@pytest.mark.parametrize("word", words("generic-metric"))
def test_every_generic_metric_takes_the_metric_before(extractor, word):
    got = figures(extractor, f"2025年，广丰区新增规上工业企业28家，{word}达到312家。")
    assert ("广丰区", f"规上工业企业{word}", "312", "家", "2025", None, None) in got


@pytest.mark.parametrize("cue", [r["cue"] for r in load_table("grant_cues")])
def test_every_grant_cue_names_the_grantor(extractor, cue):
    q = qualified(extractor, f"工业和信息化部{cue}2025年度名单，{FIRM}获评国家级绿色工厂。", "awarded")
    assert q and q[0]["grantor"] == "工业和信息化部" and q[0]["year"] == "2025"


HOSTS = {"县": "玉山县", "区": "广丰区", "市": "德兴市", "旗": "鄂托克旗"}


@pytest.mark.parametrize("suffix", [r["suffix"] for r in load_table("host_bodies")])
def test_every_host_body_hosts_the_enterprise_it_supports(suffix):
    region = next((r for k, r in HOSTS.items() if suffix.startswith(k)), "上饶")
    body = (region[:-1] if suffix[0] in HOSTS else region) + suffix
    text = f"{body}对{FIRM}实行专班服务。"
    got = relate(text, {body: "GovernmentBody", region: "City" if region == "上饶" else "County", FIRM: "Enterprise"})
    assert any(r[0] == FIRM and r[1] == "locatedIn" for r in got), got


@pytest.mark.parametrize("row", load_table("role_anchors"), ids=lambda r: r["word"])
def test_every_role_anchor_points_at_the_last_entity_of_its_class(row):
    name = {"Community": "丰溪社区", "Enterprise": FIRM, "Hospital": "上饶市人民医院",
            "GovernmentBody": "广丰区市场监督管理局", "IndustrialPark": "广丰经开区"}[row["class"]]
    text = f"{name}举行活动，{row['word']}主任李明出席。"
    s, ms = sentence_with(text, {name: row["class"]})
    ms.append(Mention("李明", "Person", text.index("李明"), text.index("李明") + 2, 0, source="title:主任"))
    rels = RelationExtractor(load_gazetteer())(s, ms, ArticleContext())
    assert [(r.predicate, r.object) for r in rels if r.subject == "Person/李明"] == [
        ("holdsPositionIn", ms[0].key)]


REFERENT = {"Enterprise": FIRM, "Hospital": "上饶市人民医院", "GovernmentBody": "广丰区市场监督管理局",
            "IndustrialPark": "广丰经开区", "Project": PROJECT, "IndustryCluster": CLUSTER,
            "Community": "丰溪花园小区"}


@pytest.mark.parametrize("row", load_table("entity_references"), ids=lambda r: r["word"])
def test_every_reference_word_stands_for_the_entity_named_before(row):
    from kgraph.extract.context import References
    from kgraph.extract.figures import FigureExtractor
    name = REFERENT[row["class"]]
    if row["class"] == "Community":
        name = {"小区": "丰溪花园小区", "社区": "丰溪社区", "村": "文家村"}[row["suffix"]]
    earlier = Mention(name, row["class"], 0, len(name), 0, source="test")
    ctx = ArticleContext(earlier=[earlier])
    word = row["word"].replace("…", "去年扩建的")
    text = f"{word}累计完成投资12亿元。" if row["form"] != "bare" else f"{word}累计完成投资12亿元。"
    s = Sentence(1, 100, 100 + len(text), text)
    refs = References()(s, [], ctx)
    assert [(r.cls, r.canonical) for r in refs] == [(row["class"], name)]
    obs = FigureExtractor()(s, refs, ctx)
    assert [(o.subject, o.value) for o in obs] == [(earlier.key, "12")]


@pytest.mark.parametrize("word", [r["word"] for r in load_table("clause_openers")])
def test_every_clause_opener_leaves_the_name_after_it_the_topic(word):
    from kgraph.extract.context import Topics
    text = f"近日，{word}广丰区完成投资12亿元。"
    s, ms = sentence_with(text, {"广丰区": "County"})
    assert Topics()(s, ms) == ms



def test_a_reference_before_yu_partners_the_company_it_stands_for(extractor):
    got = relations(extractor, f"{FIRM}落户广丰区。该公司与南昌大学签约合作。")
    assert (FIRM, "partnerOf", "南昌大学") in got


@pytest.mark.parametrize("verb", ["可达", "有望达到"])
def test_a_forecast_verb_between_metric_and_figure_is_not_part_of_the_metric(extractor, verb):
    got = observations(extractor, f"广丰区新型建材项目建成后，年产值{verb}80亿元。")
    assert [(o.metric, o.value, o.unit, o.status) for _, o in got] == [("年产值", "80", "亿元", "forecast")]
