"""What real regional pages do that tidy samples do not: pages run together, bylines in the text, place
names inside other words, a county's own paper, generic bodies of many regions, short and full names.

Every sentence here is written for the test (no article text)."""

from __future__ import annotations

import pytest

from kgraph.ingest.normalise import Normaliser
from kgraph.ingest.segment import ArticleSegmenter
from kgraph.model import Article, Document
from kgraph.pipeline import Pipeline
from kgraph.resolve import Resolver


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def segment(text: str) -> list[Article]:
    return ArticleSegmenter()(Normaliser()(Document(source="page.txt", text=text, format="txt")))


def mentions(extractor, body: str) -> list[tuple[str, str, str]]:
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",), body=body)
    return [(m.text, m.cls, m.key) for m in extractor(a).mentions]


def page_extractions(pipe, text: str, title: str | None = None) -> list:
    return pipe.extract_document(Document(source="p.txt", text=text, format="txt", title=title))


# ---- pages and bylines ---------------------------------------------------------------------------------

RUN_ON = ("　　本报讯(记者王晓明 通讯员李红)5月6日，石城县召开春耕生产调度会。会议要求抓好种子供应。"
          "　　全县已备足化肥三千吨。"
          "　　本报讯(记者赵丽)5月7日，县人民医院开展义诊活动，接诊群众两百余人。"
          "　　义诊持续到下午。")


def test_a_page_run_together_on_one_line_is_cut_at_each_dateline():
    arts = segment(RUN_ON)
    assert len(arts) == 2
    assert arts[0].authors == ("王晓明", "李红") and arts[1].authors == ("赵丽",)
    # the byline is who wrote it, not text to extract from; paragraphs stay paragraphs
    assert arts[0].body.startswith("5月6日") and "本报讯" not in arts[0].body
    assert arts[0].body.split("\n")[-1] == "全县已备足化肥三千吨。"
    assert "义诊持续到下午。" in arts[1].body and "春耕" not in arts[1].body


def test_credit_and_editor_lines_give_authors_and_are_no_title_or_text():
    text = ("# 山区修通致富路\n文:陈思远 图:欧阳明\n\n今年全镇新修公路十二公里，沿线群众出行更方便。\n\n"
            "[责任编辑:周文杰 ]\n")
    (a,) = segment(text)
    assert a.title == "山区修通致富路"
    assert set(a.authors) == {"陈思远", "欧阳明", "周文杰"}
    assert "文:" not in a.body and "责任编辑" not in a.body


def test_a_closing_bracket_of_reporter_and_editor_is_a_byline():
    (a,) = segment("# 园区新签三个项目\n\n园区今年新签约项目三个。(融媒体记者 孙立 编辑 钱多多)\n")
    assert a.body == "园区今年新签约项目三个。" and a.authors == ("孙立", "钱多多")


def test_a_newspaper_dateline_with_a_date_and_a_printed_in_line():
    text = "(刊载于《某某日报》2024年3月2日03版)\n\n某某日报·客户端3月1日讯(记者 钱进)今日，两县签订合作协议。\n"
    (a,) = segment(text)
    assert a.authors == ("钱进",) and a.body == "今日，两县签订合作协议。" and "刊载" not in a.title


# ---- place names inside other words ------------------------------------------------------------------------


def test_a_county_name_after_and_is_and_plus_the_next_bodys_county(extractor):
    found = mentions(extractor, "石城县琴江镇和县财政局联合开展检查，督促整改。")
    assert not any(t == "和县" for t, _, _ in found)
    # the body is the county's 财政局, named from the bare 县 after the conjunction
    assert ("县财政局", "GovernmentBody", "GovernmentBody/石城县财政局") in found


def test_a_real_county_after_its_province_is_kept(extractor):
    assert ("和县", "County", "region/340523") in mentions(extractor, "安徽省和县今年新建两座水厂。")


def test_a_county_name_that_is_the_tail_of_a_word_is_no_county(extractor):
    found = mentions(extractor, "一季度全市工业增速位居循环县区前列，提高县级财力。")
    assert not [t for t, cls, _ in found if cls == "County"]
    # a longer name glued to a verb by jieba (来自|贡市) is still the place
    assert ("自贡市", "City", "region/510300") in mentions(extractor, "来自贡市的游客络绎不绝。")


def test_a_district_named_by_a_common_word_only_after_its_city(extractor):
    assert mentions(extractor, "矿区企业今年安全生产形势平稳，城区和郊区道路完成改造。") == []
    assert ("矿区", "County", "region/140303") in mentions(extractor, "阳泉市矿区今年新增就业岗位五百个。")


def test_two_namesake_districts_each_after_its_city_are_two(extractor):
    found = mentions(extractor, "南京市鼓楼区和福州市鼓楼区签订友好合作协议。")
    assert [k for t, _, k in found if t == "鼓楼区"] == ["region/320106", "region/350102"]


def test_an_autonomous_countys_short_form_keeps_its_county(extractor):
    assert ("丰宁县", "County", "region/130826") in mentions(extractor, "丰宁县今年新增规上企业五家。")


def test_a_village_committee_is_its_village_in_the_pages_county(pipe):
    text = "# 石城县开展河道清理\n\n近日，县水利局组织清理河道。上坪村委、下坪村委和金溪社区参与清理。\n"
    (x,) = page_extractions(pipe, text)
    comm = {m.text: m.key for m in x.mentions if m.cls == "Community"}
    assert comm["上坪村委"].endswith("/上坪村") and comm["下坪村委"].endswith("/下坪村")
    assert "金溪社区" in comm
    assert all("region/360735" in k for k in comm.values())  # 石城县, from the title


def test_a_town_named_alone_that_is_the_countrys_only_one_is_placed_in_its_county(extractor):
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",),
                body="调研组一行深入琴江镇开展调研，察看了产业园区。")
    x = extractor(a)
    assert [m.key for m in x.mentions if m.cls == "Town"] == ["Town/region/360735/琴江镇"]
    assert "region/360735" in {e.key for e in x.entities}  # 石城县, and the chain above it
    # a name many towns share stays unplaced when no county is named
    assert not [m for m in mentions(extractor, "调研组深入城关镇开展调研。") if m[1] == "Town"]


# ---- a county's own paper; generic bodies -----------------------------------------------------------------


def test_in_a_county_level_citys_paper_shi_means_that_city(pipe):
    text = ("# 瑞金市召开项目推进会\n\n瑞金市召开重点项目推进会。市委书记王大明出席会议。\n"
            "全市一季度新开工项目二十个，市人大常委会听取汇报。\n")
    (x,) = page_extractions(pipe, text)
    keys = {m.text: m.key for m in x.mentions}
    assert keys["市人大常委会"] == "GovernmentBody/瑞金市人大常委会"
    assert keys["全市"] == "region/360781"


def test_a_body_named_after_the_county_is_not_in_the_town_of_the_same_stem(pipe):
    text = "# 正定县正定镇召开会议\n\n正定县正定镇召开会议。正定县社会福利服务中心负责人参会，县政协委员列席。\n"
    (x,) = page_extractions(pipe, text)
    placed = {(r.subject, r.object) for r in x.relations if r.predicate == "locatedIn"}
    assert ("Organization/正定县社会福利服务中心", "Town/region/130123/正定镇") not in placed
    assert not any(o.endswith("/正定镇") for s, o in placed if "政协" in s)


def test_generic_bodies_of_two_counties_are_two_nodes(pipe):
    a = "# 石城县政协召开会议\n\n石城县召开会议。县政协主席李明主持，政协委员建言献策。县中医院院长列席。\n"
    b = "# 会昌县政协召开会议\n\n会昌县召开会议。县政协主席周亮主持。县中医院院长列席。\n"
    corpus = Resolver()([*page_extractions(pipe, a), *page_extractions(pipe, b)])
    names = {e.name for e in corpus.entities.values() if e.cls in ("Organization", "GovernmentBody", "Hospital")}
    assert {"石城县政协", "会昌县政协", "石城县中医院", "会昌县中医院"} <= names
    assert not names & {"县政协", "政协", "县中医院"}


def test_a_park_and_a_hospital_written_short_are_the_full_ones(extractor):
    found = mentions(extractor, "宝应县高新技术产业园区今年新落户企业十二家。宝应高新区还将建设标准厂房。")
    assert {k for t, c, k in found if c == "IndustrialPark"} == {"IndustrialPark/宝应县高新技术产业园区"}
    found = mentions(extractor, "南京医科大学附属第一医院与县人民医院签约。南医大附属第一医院派出专家坐诊。")
    assert {k for t, c, k in found if c == "Hospital" and "附属" in t} == {"Hospital/南京医科大学附属第一医院"}


# ---- areas ---------------------------------------------------------------------------------------------------


def test_a_macro_area_goes_only_with_the_provinces_its_sentence_names(extractor):
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",),
                body="公司在华东布局生产基地。华东地区的江苏省和浙江省需求旺盛。")
    x = extractor(a)
    related = {r.object for r in x.relations if r.predicate == "relatedTo" and r.subject == "Region/华东"}
    assert related == {"region/320000", "region/330000"}
    assert {e.cls for e in x.entities if e.key == "Region/华东"} == {"AreaRegion"}


def test_every_place_has_one_leaf_class_and_shacl_rejects_region_alone(tmp_path, pipe):
    from kgraph.query.validate import validate

    text = "# 企业开拓市场\n\n企业产品销往德国，并在长三角设立研发中心。\n"
    built = pipe.build([_write(tmp_path, text)])
    classes = {d["name"]: d["cls"] for _, d in built.graph.nx.nodes(data=True)}
    assert classes["长三角"] == "AreaRegion" and classes["德国"] == "OtherPlace"
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\n'
                   '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                   '<https://w3id.org/kgraph/id/region/x> a kg:Region ; rdfs:label "某地"@zh .\n', encoding="utf-8")
    assert any("not kg:Region alone" in v for v in validate(bad))


def _write(tmp_path, text: str):
    f = tmp_path / "a.md"
    f.write_text(text, encoding="utf-8")
    return f


def test_a_closing_bracket_that_is_no_byline_stays_text():
    (a,) = segment("# 项目投资\n\n全县今年签约项目二十个，总投资以亿元计(下同)\n")
    assert a.body == "全县今年签约项目二十个，总投资以亿元计(下同)" and a.authors == ()


def test_a_startup_park_is_a_park_and_what_the_park_did_is_its_own(extractor):
    body = "在琴江镇农民工创业园，县领导实地察看了园区建设情况。该园区入驻小微企业43家，培育帮扶车间5个。"
    x = extractor(Article(id="t", source="t", page="t", title="石城县新闻", title_lines=("石城县新闻",), body=body))
    assert ("琴江镇农民工创业园", "IndustrialPark") in {(m.text, m.cls) for m in x.mentions}
    assert {(o.subject, o.value) for o in x.observations} >= {
        ("IndustrialPark/琴江镇农民工创业园", "43"), ("IndustrialPark/琴江镇农民工创业园", "5")}
    bare = extractor(Article(id="u", source="u", page="u", title="标题", body="他在创业园工作了三年。"))
    assert not any(m.cls == "IndustrialPark" for m in bare.mentions)  # a kind alone names no park
