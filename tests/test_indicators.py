"""Figures people can add up: the indicator a metric names, the scheme shipped for it, the subject
and period of a figure, and the figures left out. The sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

from kgraph.export.indicators import indicators_turtle
from kgraph.extract.context import ArticleContext
from kgraph.extract.figures import FigureExtractor
from kgraph.extract.indicators import default_indicators
from kgraph.gazetteer import load_gazetteer
from kgraph.model import Article, Mention, Sentence
from kgraph.tables import load_table

ROOT = Path(__file__).resolve().parent.parent
KGI = Namespace("https://w3id.org/kgraph/indicator/")


def observations(extractor, body: str, date: str | None = "2026-04-02", title: str = "标题"):
    a = Article(id="t", source="t", page="t", title=title, body=body, publisher="江西日报", date=date,
                title_lines=(title,))
    x = extractor(a)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return [(names.get(o.subject), o) for o in x.observations]


# ---- the scheme ---------------------------------------------------------------------------------

def test_the_shipped_scheme_is_the_table_written_out():
    shipped = (ROOT / "schema" / "indicators.ttl").read_text(encoding="utf-8")
    assert shipped == indicators_turtle(), "run scripts/make_indicators.py after changing the table"


def test_the_scheme_has_80_concepts_with_labels_in_both_languages_and_known_parents():
    g = Graph().parse(ROOT / "schema" / "indicators.ttl")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 80
    for c in concepts:
        langs = {lit.language for lit in g.objects(c, SKOS.prefLabel)}
        assert langs == {"zh", "en"}, c
    assert all(b in concepts for b in g.objects(None, SKOS.broader))
    assert (KGI["industrial-investment"], SKOS.broader, KGI["fixed-asset-investment"]) in g
    assert (KGI["technical-renovation-investment"], SKOS.broader, KGI["industrial-investment"]) in g


def test_no_written_variant_names_two_indicators():
    seen: dict[str, str] = {}
    for r in load_table("indicators"):
        for label in {r["zh"], *filter(None, r["variants"].split("|"))}:
            assert seen.setdefault(label, r["id"]) == r["id"], label


@pytest.mark.parametrize("metric, kind, indicator", [
    ("总投资", "amount", "total-investment"),
    ("投资总额", "amount", "total-investment"),
    ("计划总投资", "amount", "total-investment"),
    ("项目总投资", "amount", "total-investment"),  # the label that ends last: 总投资, not 项目
    ("规上工业增加值", "amount", "above-scale-industrial-value-added"),  # the longest: not 工业增加值
    ("规模以上工业企业营业收入", "amount", "above-scale-industrial-revenue"),
    ("入驻企业", "count", "enterprises"),
    ("集中开工项目", "count", "started-projects"),
    ("占地面积", "quantity", "land-area"),
    ("企业", "amount", None),  # a count's indicator is no amount's
    ("风景", "amount", None),
])
def test_a_metric_names_the_indicator_whose_label_ends_last(metric, kind, indicator):
    assert default_indicators()(metric, kind) == indicator


# ---- the figure ---------------------------------------------------------------------------------

def test_written_variants_of_one_indicator_share_it(extractor):
    got = observations(extractor, "广丰区建设华宇锂电材料项目，投资总额12亿元。"
                                  "广丰区实施宏达新材料项目，计划总投资8亿元。")
    assert [(o.value, o.indicator) for _, o in got] == [("12", "total-investment"), ("8", "total-investment")]


def test_a_projects_own_figures_belong_to_the_project(extractor):
    got = observations(extractor, "江西华宇新材料有限公司在广丰区投资建设华宇锂电材料项目，总投资12亿元，占地150亩，"
                                  "建成后年产值可达30亿元。")
    assert {(who, o.metric, o.value, o.status) for who, o in got} == {
        ("华宇锂电材料项目", "总投资", "12", "actual"), ("华宇锂电材料项目", "占地", "150", "actual"),
        ("华宇锂电材料项目", "年产值", "30", "forecast")}


def test_a_total_of_several_projects_is_the_regions(extractor):
    got = observations(extractor, "广丰区开工建设华宇锂电材料项目、宏达新材料项目等6个项目，总投资45亿元。")
    assert ("广丰区", "45") in {(who, o.value) for who, o in got}


def test_a_capacity_inside_a_projects_name_is_the_projects(extractor):
    got = observations(extractor, "江西华宇新材料有限公司在广丰区投资建设年产5万吨锂电材料项目。")
    assert [(who, o.metric, o.value, o.unit, o.indicator) for who, o in got] == [
        ("年产5万吨锂电材料项目", "年产能", "5", "万吨", "capacity")]


def test_a_capacity_naming_a_project_is_the_projects_and_left_out_when_it_is_not_found(extractor):
    text = "广丰区举行年产12亿安时高功率电芯项目签约仪式，开工项目14个。"
    got = observations(extractor, text)  # the project inside the ceremony's name is found
    assert [(who, o.value, o.unit) for who, o in got] == [("年产12亿安时高功率电芯项目", "12", "亿安时"),
                                                           ("广丰区", "14", "个")]
    county = load_gazetteer().lookup("广丰区")[0]
    only_the_county = [Mention("广丰区", "County", 0, 3, 0, name=county.name, adcode=county.code)]
    got = FigureExtractor()(Sentence(0, 0, len(text), text), only_the_county, ArticleContext(year="2026"))
    assert [(o.subject, o.value, o.unit) for o in got] == [("region/361103", "14", "个")]


def test_an_amount_before_a_project_named_after_it_is_the_projects():
    # the mentions are given: which names a recogniser finds is not what this test is about
    text = "广丰区举行投资20亿元、年产5万吨锂电材料项目签约仪式。"
    g = load_gazetteer()
    county = g.lookup("广丰区")[0]
    start = text.index("年产")
    ms = [Mention("广丰区", "County", 0, 3, 0, name=county.name, adcode=county.code),
          Mention("年产5万吨锂电材料项目", "Project", start, start + 11, 0)]
    got = FigureExtractor()(Sentence(0, 0, len(text), text), ms, ArticleContext(year="2026"))
    assert {(o.subject, o.value, o.unit) for o in got} == {  # the key drops 项目 (model.project_core)
        ("Project/年产5万吨锂电材料", "20", "亿元"), ("Project/年产5万吨锂电材料", "5", "万吨")}


def test_the_figures_before_of_x_are_xs(extractor):
    got = observations(extractor, "广丰区建设华宇锂电材料项目。占地150亩、总投资12亿元的宏达新材料项目同时开工。")
    assert {(who, o.value) for who, o in got} <= {("宏达新材料项目", "150"), ("宏达新材料项目", "12")}


def test_a_count_of_listed_names_is_their_regions(extractor):
    got = observations(extractor, "广丰区开工建设华宇锂电材料项目、宏达新材料项目、芦林光伏项目3个重大项目。")
    assert [(who, o.value, o.indicator) for who, o in got] == [("广丰区", "3", "major-projects")]


def test_a_companys_revenue_is_the_companys(extractor):
    got = observations(extractor, "2025年，江西华宇新材料有限公司实现营业收入32.5亿元，同比增长12%。")
    assert [(who, o.indicator, o.value, o.year, o.growth_percent) for who, o in got] == [
        ("江西华宇新材料有限公司", "operating-revenue", "32.5", "2025", "12")]


def test_the_county_words_are_the_home_county(extractor):
    got = observations(extractor, "玉山县召开经济运行分析会。全县去年实现地区生产总值256.3亿元。")
    assert [(who, o.indicator, o.year) for who, o in got] == [("玉山县", "gdp", "2025")]


@pytest.mark.parametrize("body, year, period", [
    ("广丰区去年完成固定资产投资80亿元。", "2025", None),
    ("前年，广丰区规上工业增加值达到60亿元。", "2024", None),
    ("1-11月，广丰区社会消费品零售总额120亿元。", "2026", "1-11月"),
    ("一季度，广丰区实际使用外资1.2亿美元。", "2026", "一季度"),
    ("十四五期间，广丰区累计完成工业投资500亿元。", "2026", "十四五"),
    ("广丰区华宇锂电材料项目于2019年立项，占地80亩。", "2026", None),  # 2019 dates the approval
])
def test_the_period_is_written_or_the_articles(extractor, body, year, period):
    got = observations(extractor, body)
    assert [(o.year, o.period) for _, o in got] == [(year, period)], got


@pytest.mark.parametrize("body, year", [
    ("截至2025年末，广丰区累计入驻企业118家。", "2025"),
    ("2024年，广丰区完成工业投资60亿元。截至目前，广丰区入驻企业209家。", "2026"),  # 目前: now
])
def test_as_of_a_year_or_now(extractor, body, year):
    got = observations(extractor, body)
    assert got[-1][1].year == year


def test_an_undated_page_takes_the_latest_year_it_wrote_for_a_figure_of_now(extractor):
    got = observations(extractor, "2024年，广丰区开工项目30个。\n本次开工项目总投资44亿元。\n"
                                  "广丰区累计引进项目300个。", date=None)
    assert [(o.value, o.year) for _, o in got] == [("30", "2024"), ("44", "2024"), ("300", None)]


def test_a_condition_of_a_forecast_holds_for_the_clauses_after_it(extractor):
    got = observations(extractor, "广丰区建设华宇锂电材料项目，建成后年产值可达30亿元，年创利税2亿元，新增就业500人。")
    assert [(o.value, o.status) for _, o in got] == [("30", "forecast"), ("2", "forecast"), ("500", "forecast")]
    got = observations(extractor, "广丰区实施华宇锂电材料项目，计划总投资12亿元，建成后年产值30亿元，带动就业500人。")
    assert [(o.value, o.status) for _, o in got] == [("12", "target"), ("30", "forecast"), ("500", "forecast")]


@pytest.mark.parametrize("body, growth", [
    ("2025年，广丰区实现财政收入45亿元，增长8.2%。", "8.2"),
    ("2025年，广丰区出口额12亿元，较上年增长1.5倍。", "150"),
])
def test_growth_qualifies_the_figure_before_it(extractor, body, growth):
    got = observations(extractor, body)
    assert [o.growth_percent for _, o in got] == [growth]


def test_a_change_in_points_is_a_figure_in_points(extractor):
    got = observations(extractor, "2025年，广丰区常住人口城镇化率提高1.2个百分点。")
    assert [(o.value, o.unit, o.indicator) for _, o in got] == [("1.2", "个百分点", "urbanisation-rate")]


@pytest.mark.parametrize("body", [
    "广丰区华宇产业园距县城12公里。",  # a distance
    "广丰区招商推介会与会代表300名。",  # a meeting's head count
    "广丰区的生姜收购价每斤5元，今年卖到6元/斤。",  # a price per unit
    "广丰区企业服务热线0793-2612345。",  # a phone number
    "广丰区今年计划500万元。",  # no metric: a plan word alone
])
def test_what_is_no_figure_is_left_out(extractor, body):
    assert observations(extractor, body) == []


def test_a_growth_of_a_thing_named_is_no_figure_but_of_a_measure_it_is(extractor):
    got = observations(extractor, "2025年，广丰区食醋增长33.2%，果酒产量增长36.8%。")
    assert [(o.metric, o.growth_percent, o.indicator) for _, o in got] == [("果酒产量", "36.8", "output")]


def test_the_parts_in_brackets_count_what_the_whole_counts(extractor):
    got = observations(extractor, "2025年，广丰区实施重点项目134个（新建100个，续建34个）。广丰区新建项目12个。")
    assert [(o.metric, o.value) for _, o in got] == [
        ("重点项目", "134"), ("新建重点项目", "100"), ("续建重点项目", "34"), ("新建项目", "12")]


def test_a_clause_fragment_is_no_metric(extractor):
    got = observations(extractor, "广丰区在此基础上与周边县市共同谋划推进更多合作事项并新增签约引进了一批好项目11个。")
    assert all(len(o.metric) <= 18 for _, o in got)


def test_approximation_is_marked(extractor):
    got = observations(extractor, "2025年，广丰区规上工业企业营业收入突破300亿元。")
    assert [(o.approx, o.indicator) for _, o in got] == [("突破", "above-scale-industrial-revenue")]


# ---- the graph and `kgraph show` ----------------------------------------------------------------

def test_show_groups_a_subjects_figures_by_indicator_and_year(tmp_path, capsys):
    from kgraph.cli import main
    (tmp_path / "a.md").write_text(
        "---\ntitle: 玉山县经济运行\ndate: 2026-01-20\n---\n"
        "2025年，玉山县实现地区生产总值312.5亿元，增长5.6%。\n"
        "2024年，玉山县实现地区生产总值296亿元。\n"
        "玉山县力争明年地区生产总值突破330亿元。\n"
        "2025年，玉山县完成固定资产投资88亿元。\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "out"), "--no-html"]) == 0
    capsys.readouterr()
    assert main(["show", "玉山县", "--graph", str(tmp_path / "out" / "graph.ttl")]) == 0
    shown = capsys.readouterr().out
    gdp = shown.index("地区生产总值 (kgi:gdp)")
    fai = shown.index("固定资产投资 (kgi:fixed-asset-investment)")
    lines = shown[gdp:].splitlines()
    assert lines[1].strip() == "2024: 地区生产总值 296亿元"
    assert lines[3].strip() == "2025: 地区生产总值 312.5亿元, growth 5.6%"
    assert "2027: 地区生产总值 突破330亿元 (target)" in shown
    assert fai < gdp  # groups in the order of their labels


def test_the_graph_says_indicator_status_range_and_approximation(tmp_path):
    from kgraph.cli import main
    (tmp_path / "a.md").write_text(
        "---\ntitle: 玉山县项目建设\ndate: 2026-01-20\n---\n"
        "2025年，玉山县新增规上工业企业20至30家，实际使用外资超1.5亿美元。\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "out"), "--no-html"]) == 0
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    kg = Namespace("https://w3id.org/kgraph/ontology#")
    rows = {str(g.value(o, kg.metric)): o for o in g.subjects(RDF.type, kg.Observation)}
    firms, fdi = rows["规上工业企业"], rows["实际使用外资"]
    assert g.value(firms, kg.indicator) == KGI["above-scale-enterprises"]
    assert (float(g.value(firms, kg.value)), float(g.value(firms, kg.valueMax))) == (20, 30)
    assert g.value(fdi, kg.indicator) == KGI["foreign-capital-used"]
    assert g.value(fdi, kg.approximate).toPython() is True and str(g.value(fdi, kg.status)) == "actual"


def test_a_verb_metric_takes_the_noun_written_after_its_figure(extractor):
    got = observations(extractor, "石城县锂电材料项目达产后可实现年产值10亿元，带动200人就业。")
    assert ("带动就业", "200", "人", "employment") in {(o.metric, o.value, o.unit, o.indicator) for _, o in got}


def test_a_projects_figures_are_its_own_on_a_county_paper_that_says_we(extractor):
    body = ("我县今年重点推进一批民生项目。\n"
            "位于琴江镇的石城县社会福利中心老年养护楼项目于2016年立项，占地面积32亩，总投资约3000万元。")
    x = extractor(Article(id="t", source="t", page="t", title="民生项目稳步推进", title_lines=("民生项目稳步推进",),
                          body=body, publisher="石城县融媒体中心"))
    assert {(o.subject, o.value) for o in x.observations} >= {
        ("Project/石城县社会福利中心老年养护楼", "32"), ("Project/石城县社会福利中心老年养护楼", "3000")}


def test_a_breakdown_after_its_total_is_of_the_totals_period(extractor):
    body = "一季度，石城县实现地区生产总值56.8亿元，增长4.6%。其中，第一产业增加值5.3亿元，增长0.5%。"
    x = extractor(Article(id="t", source="t", page="t", title="石城县经济", title_lines=("石城县经济",), body=body,
                          date="2025-04-20"))
    assert {(o.metric, o.year, o.period) for o in x.observations} == {
        ("地区生产总值", "2025", "一季度"), ("第一产业增加值", "2025", "一季度")}


def test_a_count_of_a_kind_of_project_keeps_its_head_noun_after_projects_were_named(extractor):
    got = observations(extractor, "华宇锂电材料项目总投资10亿元。\n"
                                  "2025年，广丰区完成投资50亿元，目前线上调度项目200个，签约项目35个。")
    assert [(who, o.metric, o.value) for who, o in got if o.unit == "个"] == [
        ("广丰区", "线上调度项目", "200"), ("广丰区", "签约项目", "35")]


def test_the_parks_a_paragraph_lists_do_not_take_the_figures_of_the_park_it_is_about(extractor):
    got = observations(extractor, "近年来，广丰区工业园区围绕“强链补链”目标，毗邻上饶中心城区，推动华宇产业园、"
                                  "广丰光电产业园、芦林数字产业园建设。截至2025年末，入驻企业120家，总产值达80亿元。")
    assert [(who, o.metric, o.year) for who, o in got] == [
        ("广丰区工业园区", "入驻企业", "2025"), ("广丰区工业园区", "总产值", "2025")]


@pytest.mark.parametrize("body, metric", [
    ("广丰区举行招商大会。此次签约线上签约项目5个，线下签约项目8个。", "线上签约项目"),  # the event named again
    ("2025年，广丰区累计承接产业转移项目350个。", "承接产业转移项目"),  # a verb before its head noun
    ("广丰区光电产业园位于城区南部。园区前后投入了近3亿元，建成标准厂房。", "投入"),  # an adverb of time
    ("2025年，广丰区现有规上工业企业215家。", "规上工业企业"),  # 现有 says when, not what
])
def test_a_metric_is_the_noun_phrase_as_written(extractor, body, metric):
    assert observations(extractor, body)[0][1].metric == metric


def test_a_streets_size_is_no_figure_but_the_work_done_is(extractor):
    got = observations(extractor, "2025年，广丰区芦林路全长1.2公里，宽32米，道路红线宽度40米。"
                                  "广丰区今年改造雨污管网2300米，新建道路8公里。")
    assert [(o.metric, o.value) for _, o in got] == [("改造雨污管网", "2300"), ("新建道路", "8")]


def test_a_pull_or_contribution_names_the_industry_it_is_of(extractor):
    got = observations(extractor, "广丰区发布一季度经济数据。\n一季度食品加工业产值增长12%，"
                                  "对规上工业产值增长贡献率达30.5%，拉动规上工业产值增长4.2个百分点。")
    assert [(who, o.metric, o.value or o.growth_percent) for who, o in got] == [
        ("广丰区", "食品加工业对规上工业产值增长贡献率", "30.5"), ("广丰区", "食品加工业产值", "12"),
        ("广丰区", "食品加工业拉动规上工业产值", "4.2")]


def test_a_pull_is_the_regions_that_opens_the_sentence_else_with_no_industry_left_out(extractor):
    got = observations(extractor, "广丰区发布一季度经济数据。\n一季度，生产总值增长6%，拉动全市经济增长0.8个百分点。"
                                  "一季度，广丰区生产总值增长6%，拉动全市经济增长0.8个百分点。")
    assert [(o.metric, o.value or o.growth_percent) for _, o in got] == [
        ("生产总值", "6"), ("生产总值", "6"), ("拉动全市经济", "0.8")]


def test_the_year_firms_were_added_is_not_the_year_of_their_figures(extractor):
    got = observations(extractor, "广丰区统计局发布数据。\n2025年8户新增企业1—3月完成工业总产值同比增长76.4%，"
                                  "拉动全区规上工业产值增长2.7个百分点。")
    assert [(o.metric, o.year, o.period) for _, o in got] == [
        ("新增企业工业总产值", "2026", "1—3月"), ("新增企业拉动全区规上工业产值", "2026", "1—3月")]


def test_a_release_opening_with_its_period_gives_it_to_its_figures(extractor):
    got = observations(extractor, "上半年，广丰区实现地区生产总值156.8亿元，增长5.1%。\n"
                                  "全区社会消费品零售总额48.2亿元，增长3.4%。\n"
                                  "6月末，全区贷款余额300.5亿元。1-5月，规上服务业营业收入6.1亿元。")
    assert [(o.metric, o.year, o.period) for _, o in got] == [
        ("地区生产总值", "2026", "上半年"), ("社会消费品零售总额", "2026", "上半年"), ("贷款余额", "2026", "6月末"),
        ("规上服务业营业收入", "2026", "1-5月")]


def test_a_word_qualifying_the_people_measured_stays_in_the_metric(extractor):
    got = observations(extractor, "2025年，广丰区城镇常住居民人均可支配收入52063元。")
    assert [(o.metric, o.indicator) for _, o in got] == [("城镇常住居民人均可支配收入", "urban-disposable-income")]


def test_the_figures_of_this_event_are_of_the_period_it_is_named_with(extractor):
    got = observations(extractor, "广丰区本次集中开工项目8个，总投资12亿元。", title="广丰区三季度8个项目集中开工")
    assert [(o.metric, o.period) for _, o in got] == [("集中开工项目", "三季度"), ("总投资", "三季度")]
    got = observations(extractor, "3月5日，广丰区举行一季度重大项目集中开工活动。\n"
                                  "此次活动中，广丰区开工重大项目5个。\n广丰区今年引进企业20家。")
    assert [(o.metric, o.period) for _, o in got] == [("开工重大项目", "一季度"), ("引进企业", None)]


def test_the_tenants_a_park_lists_are_counted_by_the_park(extractor):
    got = observations(extractor, "广丰区芦林创业园位于芦林街道。\n"
                                  "2025年，该园区建成标准化厂房，入驻华宇食品、广丰制衣等小微企业43家。")
    assert [(who, o.metric, o.value) for who, o in got] == [("广丰区芦林创业园", "小微企业", "43")]


def test_the_last_item_of_a_list_is_counted_not_the_subject_of_the_count(extractor):
    got = observations(extractor, "目前，广丰区工业园区集聚锂电企业40家，拥有华宇、赣锋、上饶3家龙头企业。")
    assert [(who, o.metric, o.value) for who, o in got if o.value == "3"] == [("广丰区工业园区", "龙头企业", "3")]


def test_short_items_before_a_growth_name_one_thing(extractor):
    got = observations(extractor, "一季度，广丰区采矿业增加值下降7.3%，"
                                  "电力、热力、燃气及水生产和供应业增加值增长5.8%。")
    assert [(o.metric, o.indicator) for _, o in got] == [
        ("采矿业增加值", "mining-value-added"), ("电力、热力、燃气及水生产和供应业增加值", "utilities-value-added")]


def test_an_adverb_and_a_quote_cut_open_are_no_part_of_a_metric(extractor):
    got = observations(extractor, "去年，广丰区仅“惠企贷”获批贷款3000万元。")
    assert [o.metric for _, o in got] == ["惠企贷获批贷款"]


def test_the_parts_of_a_planned_whole_are_planned(extractor):
    got = observations(extractor, "2025年，广丰区计划实施重点项目80个（新建50个，续建30个）。"
                                  "县长表示，华宇产业园等5个项目的开工为发展注入了新动能。")
    assert [(o.metric, o.value, o.status) for _, o in got] == [
        ("重点项目", "80", "target"), ("新建重点项目", "50", "target"), ("续建重点项目", "30", "target"),
        ("开工项目", "5", "actual")]


def test_a_counted_group_opening_a_part_of_a_sentence_is_named_in_its_figures(extractor):
    got = observations(extractor, "2025年，江西省12个省级开发区累计引进项目860个、总投资超900亿元；"
                                  "30个特色园区遍布11个设区市，年营业收入突破1200亿元。")
    assert [o.metric for _, o in got if o.unit != "个" or o.value == "860"] == [
        "省级开发区引进项目", "省级开发区总投资", "特色园区年营业收入"]


def test_a_bare_total_amount_is_of_what_the_figure_before_counts(extractor):
    got = observations(extractor, "当天，广丰区15个重点项目集中签约，总金额达120亿元。")
    assert [(o.metric, o.indicator) for _, o in got if o.unit == "亿元"] == [
        ("重点项目集中签约总金额", "signed-amount")]


def test_a_cumulative_over_years_is_of_no_one_year_and_a_month_in_its_clause_is_its_period(extractor):
    got = observations(extractor, "近三年，广丰区共引进返乡投资项目120多个。广丰区在9月竣工项目共8项。"
                                  "江西华宇新材料有限公司落户广丰近十年，营业收入超50亿元。")
    assert [(o.year, o.period) for _, o in got] == [(None, "近三年"), ("2026", "9月"), ("2026", None)]


def test_projects_counted_are_those_of_the_stage_their_clause_names(extractor):
    got = observations(extractor, "广丰区举行集中开工仪式。此次集中开工的华宇锂电材料项目、芦林大道等12个项目，"
                                  "总投资56亿元。")
    assert [(o.metric, o.value) for _, o in got] == [("开工项目", "12"), ("总投资", "56")]


def test_a_count_of_the_events_stage_is_of_its_period_and_an_adverb_is_no_part_of_a_metric(extractor):
    got = observations(extractor, "广丰区举行一季度重大项目集中开工活动。\n"
                                  "县长表示，华宇产业园等5个项目的开工为发展注入新动能。近三年，广丰区共引进返乡投资项目120多个。")
    assert [(o.metric, o.period) for _, o in got] == [("开工项目", "一季度"), ("返乡投资项目", "近三年")]


def test_now_in_a_figures_clause_is_not_the_period_of_the_clause_before(extractor):
    got = observations(extractor, "前三季度，广丰区完成固定资产投资50亿元，目前在建项目120个。"
                                  "广丰区在9月竣工项目共8项，总投资达6亿元。")
    assert [(o.metric, o.period) for _, o in got] == [
        ("固定资产投资", "前三季度"), ("在建项目", None), ("竣工项目", "9月"), ("总投资", "9月")]
