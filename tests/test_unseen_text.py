"""Kinds of error read on real news nobody here had read (docs/benchmarks.md, "gen"): ordinary words taken
as places, a verb or a guest glued to a name, figures whose metric is a clause cut open. The sentences
are written for these tests."""

from __future__ import annotations

import pytest

from kgraph.model import Article


def extract(extractor, body: str):
    return extractor(Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报",
                             date="2026-04-02"))


@pytest.mark.parametrize("body", [
    "开幕式上，各位来宾参观了新落成的展厅。",  # guests, not 来宾市
    "主办方为来宾准备了当地的特色茶点。",
    "与会来宾们对园区的发展给予了肯定。",
    "楼盘位于东南五环高新产业基地核心区。",  # a direction, not a place
    "清晨，市民沿着湖南岸的步道慢跑。",  # the lake's south shore, not 湖南省
])
def test_ordinary_words_are_no_places(extractor, body):
    texts = {m.text for m in extract(extractor, body).mentions}
    assert not texts & {"来宾", "东南", "湖南"}, texts


def test_the_city_and_the_province_still_found(extractor):
    texts = {m.canonical for m in extract(extractor, "来宾市与湖南省的企业签约，项目位于来宾市工业园区。").mentions}
    assert {"来宾市", "湖南省"} <= texts


@pytest.mark.parametrize(("body", "name"), [
    ("现场请来一位重要的嘉宾江西华宇新材料有限公司董事长李明。", "江西华宇新材料有限公司"),
    ("所有生产企业必须严格遵守江西省市场监督管理局颁布的标准。", "江西省市场监督管理局"),
])
def test_a_word_before_a_name_is_not_part_of_it(extractor, body, name):
    names = {m.text for m in extract(extractor, body).mentions}
    assert name in names and not any(n.endswith(name) and n != name for n in names), names


@pytest.mark.parametrize("body", [
    "两年来，江铜集团统一发展规划，压缩单纯新增产能和重复建设的投资120亿元。",  # 和… opens no measure
    "除对困难群众的补助外，南昌市政府还将下拨3000万元专项资金对中小学进行改造。",
    "今年3月，新干县城关镇居民王某等5人通过邮寄的方式向市政府递交了一份材料。",
])
def test_a_clause_cut_open_is_no_metric(extractor, body):
    metrics = [o.metric for o in extract(extractor, body).observations]
    assert not any(m.startswith(("和", "还", "通过")) for m in metrics), metrics


def test_a_plain_figure_is_kept(extractor):
    x = extract(extractor, "2025年，广丰区完成固定资产投资120亿元，同比增长8%。")
    assert any(o.metric == "固定资产投资" for o in x.observations)


@pytest.mark.parametrize("body", [
    "去年，我市成立了第一家小额贷款公司。",  # a count before a kind: which one is not named
    "一位大型连锁房产经纪公司的负责人告诉记者。",
    "省联社由各地基层农村信用社出资组建。",
    "国有大型商业银行的增速相对缓慢。",
    "改制后的3家农村商业银行将按股份制银行的要求运作。",  # kinds of banks, not banks
    "省联社负责对农村信用社进行管理。",
])
def test_a_kind_described_is_no_enterprise(extractor, body):
    found = {m.text for m in extract(extractor, body).mentions if m.cls == "Enterprise"}
    assert not found, found


@pytest.mark.parametrize(("body", "name"), [
    ("民警随后将两人带往辖区沙河派出所。", "沙河派出所"),
    ("开发商推出年度力作——红谷滩中心项目。", "红谷滩中心项目"),
])
def test_a_preposition_or_a_dash_ends_a_name(extractor, body, name):
    names = {m.text for m in extract(extractor, body).mentions}
    assert name in names and not any(n.endswith(name) and n != name for n in names), names


def test_a_named_bank_and_a_cluster_with_a_scope_stay(extractor):
    body = "招商银行和赣州农村商业银行助力贵溪市打造国家级铜基新材料集群。"
    names = {m.text for m in extract(extractor, body).mentions}
    assert {"招商银行", "赣州农村商业银行", "国家级铜基新材料集群"} <= names, names


def test_a_growth_after_two_lead_words_is_a_growth(extractor):
    x = extract(extractor, "江西银行净利润同比增长仅为9.42%。")
    got = [(o.metric, o.value, o.growth_percent) for o in x.observations]
    assert got == [("净利润", "", "9.42")], got  # no level in percent


def test_an_increase_is_not_the_level(extractor):
    x = extract(extractor, "过去两年中，赣州银行各项贷款增长65亿元。")
    assert not [o for o in x.observations if o.value == "65"], x.observations


@pytest.mark.parametrize("body", [
    "全省保障性安居工程电视电话会议昨日召开。",  # a kind of housing, not one project
    "作为早期的经适房项目，小区的配套相对完善。",
    "该楼盘必将成为梅林区域标杆项目。",  # that area's projects of a kind
])
def test_a_kind_of_housing_is_no_project(extractor, body):
    found = {m.text for m in extract(extractor, body).mentions if m.cls == "Project"}
    assert not found, found


def test_a_named_housing_project_stays(extractor):
    found = {m.text for m in extract(extractor, "沙河村三期经济适用房项目位于章贡区。").mentions if m.cls == "Project"}
    assert found == {"沙河村三期经济适用房项目"}, found


def test_former_before_a_body_is_no_part_of_the_prosecutor(extractor):
    names = {m.text for m in extract(extractor, "九江市检察院对原瑞昌市市委书记立案侦查。").mentions}
    assert "九江市检察院" in names and not any("对原" in n for n in names), names


def test_one_of_a_group_is_no_figure(extractor):
    x = extract(extractor, "这里是全省19个旅游重点县之一，县政府投资了30亿元。")
    assert not [o for o in x.observations if o.value == "19"], x.observations


def test_a_rate_at_a_level_and_a_pledge(extractor):
    x = extract(extractor, "2025年，全省个人贷款增速在10%左右。今年赣州市确保新开工保障性住房20万平方米。")
    got = {(o.metric, o.status) for o in x.observations}
    assert ("个人贷款", "actual") in got and ("新开工保障性住房", "target") in got, got
