"""Issue 17's leftovers on real pages: an event's date, a park's or hospital's short and full forms across
articles, villages named with no cue word, bodies inside other words.

Every sentence here is written for the test (no article text)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kgraph.export.rdf import RdfExporter
from kgraph.graph import KnowledgeGraph
from kgraph.model import DATED, Article
from kgraph.query.show import show_entity
from kgraph.resolve import Resolver


def extract(extractor, body: str, date: str | None = "2025-11-20", aid: str = "t", title: str = "标题"):
    a = Article(id=aid, source=f"{aid}.txt", page=f"{aid}.txt", title=title, title_lines=(title,), body=body,
                date=date)
    return extractor(a)


def event_dates(extractor, body: str, **kw) -> set[tuple[str, str]]:
    x = extract(extractor, body, **kw)
    names = {m.key: m.canonical for m in x.mentions}
    return {(names[r.subject], r.predicate[len(DATED):]) for r in x.relations if r.predicate.startswith(DATED)}


# ---- an event's date (kg:date) -------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "event", "date"), [
    # a month and day before 召开的…: in the article's year
    ("3月5日召开的全县项目建设推进大会提出，要加快项目进度。", "全县项目建设推进大会", "2025-03-05"),
    # 于 + a year and month, the verb after: a month alone is a gYearMonth
    ("第三届赣南脐橙产业博览会于2024年10月在赣州市举办。", "第三届赣南脐橙产业博览会", "2024-10"),
    # the sentence opens with its date (and the time of day), the event is the subject
    ("11月18日上午9时，全市重大项目集中开工仪式在新余市举行。", "全市重大项目集中开工仪式", "2025-11-18"),
    # …after a dateline; the event right after the verb
    ("本报讯(记者甲)11月3日下午，石城县举行招商引资项目签约仪式。", "招商引资项目签约仪式", "2025-11-03"),
    # 今天 and 昨天 are the article's day and the day before it
    ("昨天，崇义县召开安全生产工作会议。", "安全生产工作会议", "2025-11-19"),
])
def test_an_event_has_the_date_the_text_gives_it(extractor, body, event, date):
    assert (event, date) in event_dates(extractor, body)


@pytest.mark.parametrize("body", [
    "截至10月底，全县已召开项目推进大会12次。",  # a period up to a day, not the day of an event
    "自3月以来，全市举办招商推介会多场。",
    "近日，石城县举行招商引资项目签约仪式。",  # no date written
])
def test_no_date_where_the_text_gives_none(extractor, body):
    assert event_dates(extractor, body) == set()


def test_a_month_and_day_without_a_year_need_a_dated_article(extractor):
    body = "3月5日召开的全县项目建设推进大会提出，要加快项目进度。"
    assert event_dates(extractor, body, date=None) == set()
    assert event_dates(extractor, body.replace("3月5日", "2023年3月5日"), date=None) == {
        ("全县项目建设推进大会", "2023-03-05")}


def test_the_date_is_on_the_event_in_rdf_and_in_show(extractor, tmp_path):
    x = extract(extractor, "11月18日上午，全市重大项目集中开工仪式在新余市举行。")
    kg = KnowledgeGraph.from_corpus(Resolver()([x]))
    path = tmp_path / "g.ttl"
    RdfExporter().write(kg, path)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(
        "PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT ?d WHERE { ?e a kg:Event ; kg:date ?d }"))
    assert [(r[0].value, r[0].datatype.value.rsplit("#", 1)[1]) for r in rows] == [("2025-11-18", "date")]
    assert "  date: 2025-11-18" in show_entity(store, "全市重大项目集中开工仪式").splitlines()


# ---- a park or hospital in full and in its short form, across articles -------------------------------

def nodes(extractor, *bodies: str, cls: str) -> dict[str, set[str]]:
    """The corpus's entities of ``cls`` (name → aliases) built from one article per body."""
    corpus = Resolver()([extract(extractor, b, aid=f"a{i}") for i, b in enumerate(bodies)])
    return {e.name: e.aliases for e in corpus.entities.values() if e.cls == cls}


@pytest.mark.parametrize(("full", "short"), [
    ("石城县高新技术产业园区", "石城高新区"),  # the county's 县 dropped with the long word
    ("瑞金经济技术开发区", "瑞金经开区"),
    ("江西宁都产业园", "宁都产业园"),  # the province in front of the long form left out
])
def test_a_park_in_full_in_one_article_and_short_in_another_is_one_node(extractor, full, short):
    got = nodes(extractor, f"{full}今年新引进企业12家。", f"{short}举行项目签约仪式。", cls="IndustrialPark")
    assert got == {full: {short}}


def test_a_hospital_of_a_medical_university_and_its_short_form_are_one_node(extractor):
    got = nodes(extractor, "南京医科大学附属逸夫医院派出专家团队。", "南医大附属逸夫医院专家开展义诊。",
                "医大附属逸夫医院专家开展义诊。", cls="Hospital")
    assert got == {"南京医科大学附属逸夫医院": {"南医大附属逸夫医院", "医大附属逸夫医院"}}


def test_short_forms_of_two_places_stay_apart(extractor):
    # 瑞金经开区 is no short form of 于都县's park; a bare 高新区 is any county's
    got = nodes(extractor, "于都县高新技术产业园区今年新引进企业12家。", "瑞金高新区举行项目签约仪式。",
                "石城县高新技术产业园区今年新引进企业8家。", cls="IndustrialPark")
    assert set(got) == {"于都县高新技术产业园区", "瑞金高新区", "石城县高新技术产业园区"}
    assert not any(got.values())


# ---- a village named alone -------------------------------------------------------------------------------

def communities(extractor, body: str) -> list[str]:
    return [m.canonical for m in extract(extractor, body).mentions if m.cls == "Community"]


def test_a_village_named_alone_is_kept_under_the_town_named_before_it(extractor):
    x = extract(extractor, "石城县小松镇今年种植脐橙三百亩。新中村种植脐橙一百亩，干部走访丰山村。")
    got = {m.canonical: m.scope for m in x.mentions if m.cls == "Community"}
    town = next(m.key for m in x.mentions if m.canonical == "小松镇")
    assert got == {"新中村": town, "丰山村": town}


def test_a_village_right_after_its_town_starts_after_the_verb(extractor):
    assert communities(extractor, "石城县小松镇干部走访楚东村。") == ["楚东村"]


@pytest.mark.parametrize("body", [
    "石城县加快建设美丽乡村，贫困村全部脱贫，示范村达到12个，农村面貌一新。",  # kinds of village, no name
    "石城县小松镇驻村干部深入各村，全村村民增收。",
    "石城县小松镇建成新中村史馆。",  # 村史馆: the village's history hall, no village of that name
])
def test_no_village_made_of_generic_words(extractor, body):
    assert communities(extractor, body) == []


def test_a_village_with_no_town_or_county_named_is_not_kept(extractor):
    assert communities(extractor, "今年种植脐橙三百亩，新中村种植脐橙一百亩。") == []


@pytest.mark.parametrize("body", [
    "石城县小松镇原本是一个小渔村。",  # 渔村 is a word of its own
    "石城县小松镇的3家农村合作社成立。",
    "石城县小松镇距宏村一小时车程。",  # 距: how far from it, said of a village elsewhere
])
def test_no_village_from_a_word_ending_in_cun(extractor, body):
    assert communities(extractor, body) == []


# ---- bodies inside other words ----------------------------------------------------------------------------

def named(extractor, body: str) -> list[tuple[str, str]]:
    return [(m.text, m.cls) for m in extract(extractor, body).mentions if m.cls not in ("County", "City", "Province")]


def test_zuzhi_after_a_body_is_its_verb_not_an_organisation(extractor):
    got = named(extractor, "近日，县政府组织县环保局、县市场监管局开展专项检查。")
    assert ("县政府组织", "Organization") not in got
    assert ("县环保局", "GovernmentBody") in got and ("县市场监管局", "GovernmentBody") in got
    assert ("世界卫生组织", "Organization") in named(extractor, "世界卫生组织发布年度报告。")


def test_a_county_food_and_drug_bureau_is_named_whole(extractor):
    got = named(extractor, "石城县市场监管局、县食药监局联合开展食品安全检查。")
    assert ("县食药监局", "GovernmentBody") in got and ("药监局", "GovernmentBody") not in got
    assert ("县食药局", "GovernmentBody") in named(extractor, "县食药局联合县环保局开展检查。")


def test_a_deputy_to_the_congress_is_a_post_not_a_mention_of_the_congress(extractor):
    got = named(extractor, "石城县小松镇新中村有县人大代表2名、镇人大代表7名，人大代表走访群众。")
    assert not [m for m in got if "人大" in m[0]]


def test_a_park_named_after_a_county_keeps_the_county_after_a_verb(extractor):
    # 永定 is a county jieba reads as an adverb: after 推动 it still opens the park's name
    got = named(extractor, "永定工业园区奋力推动永定红石材循环经济产业园建设。")
    assert ("永定红石材循环经济产业园", "IndustrialPark") in got


def test_a_title_naming_a_city_and_its_district_is_about_the_district(extractor):
    from kgraph.extract.context import clear_subject, region_subject
    x = extract(extractor, "近年来，福建省龙岩市永定区加快园区建设。龙岩市领导到园区调研。龙岩中心城区毗邻园区。",
                title="龙岩市永定区 筑巢引凤")
    assert region_subject(list(x.mentions), "龙岩市永定区 筑巢引凤").canonical == "永定区"
    assert clear_subject(next(m for m in x.mentions if m.canonical == "龙岩市"), list(x.mentions), "",
                         "龙岩市永定区 筑巢引凤") is None  # the city named most is not what the article is about


def test_a_nine_year_school_is_named_whole(extractor):
    # 九年 is no count here: 九年一贯制学校 is a kind of school
    got = named(extractor, "石城县琴江镇九年一贯制学校今年秋季开学。")
    assert ("石城县琴江镇九年一贯制学校", "Organization") in got


@pytest.mark.parametrize("honor", ["国家4A级旅游景区", "国家AAAAA级旅游景区"])
def test_a_scenic_area_grade_is_an_honor(extractor, honor):
    assert (honor, "Honor") in named(extractor, f"石城县大力发展全域旅游，通天寨景区已成为{honor}。")


def awards(extractor, body: str) -> set[tuple[str, str]]:
    x = extract(extractor, body)
    names = {m.key: m.canonical for m in x.mentions}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == "awarded"}


def test_a_list_under_review_names_the_honor_before_it(extractor):
    # 公示名单: the stage of the list is no part of the title; 国家绿色工厂 is the listed 国家级绿色工厂
    got = awards(extractor, "赣州华宇新材料有限公司和江西鑫达硅业有限公司成功入选国家绿色工厂公示名单。")
    assert got == {("赣州华宇新材料有限公司", "国家级绿色工厂"), ("江西鑫达硅业有限公司", "国家级绿色工厂")}


def test_a_region_right_before_a_list_of_names_places_each(extractor):
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",), publisher="赣州日报",
                body="近日，工信部公示了绿色工厂名单，我市华宇新材料有限公司和江西鑫达硅业有限公司成功入选。",
                date="2025-11-20")
    x = extractor(a)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    placed = {(names[r.subject], names.get(r.object, r.object)) for r in x.relations if r.predicate == "locatedIn"}
    assert {("华宇新材料有限公司", "赣州市"), ("江西鑫达硅业有限公司", "赣州市")} <= placed


def test_a_sentence_opening_with_an_award_cue_is_about_what_its_paragraph_opened_with(extractor):
    body = ("近年来，石城工业园区围绕产业集聚目标，推动园区建设。截至2024年末，入驻企业118家。"
            "先后获评国家级小微企业创业创新示范基地、省级循环经济(示范)园区等。")
    assert awards(extractor, body) == {("石城工业园区", "国家级小微企业创业创新示范基地"),
                                       ("石城工业园区", "省级循环经济(示范)园区")}
    # a new paragraph opens with its own subject (or none): nothing is carried over the line break
    assert awards(extractor, body.replace("先后获评", "\n先后获评")) == set()


def test_a_park_named_after_its_town_is_in_the_town(extractor):
    x = extract(extractor, "石城县小松镇农民工创业园入驻企业43家。")
    names = {m.key: m.canonical for m in x.mentions}
    assert ("石城县小松镇农民工创业园", "小松镇") in {(names[r.subject], names.get(r.object)) for r in x.relations
                                                 if r.predicate == "locatedIn"}


def placed(extractor, body: str) -> set[tuple[str, str]]:
    x = extract(extractor, body)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return {(names[r.subject], names.get(r.object, r.object)) for r in x.relations if r.predicate == "locatedIn"}


def test_the_enterprises_a_park_takes_in_are_in_the_park(extractor):
    got = placed(extractor, "石城工业园区入驻江西华宇粮品有限公司、赣州翱翔体育用品有限公司等小微企业43家。")
    assert {("江西华宇粮品有限公司", "石城工业园区"), ("赣州翱翔体育用品有限公司", "石城工业园区")} <= got
    assert ("石城工业园区", "江西省") not in got  # 江西 names the company, not where the park is
    assert ("江西华宇粮品有限公司", "石城工业园区") in placed(extractor, "石城工业园区今年引进江西华宇粮品有限公司。")


def test_a_cluster_written_right_after_its_park_is_in_the_park(extractor):
    assert ("新能源汽车产业集群", "石城经开区") in placed(extractor, "石城经开区新能源汽车产业集群规模突破百亿元。")


def test_a_chamber_named_after_its_members_home_is_not_there(extractor):
    assert not {p for p in placed(extractor, "澳大利亚河南商会会长李明出席活动。") if p[1] == "河南省"}
    assert ("江西省浙江商会", "江西省") in placed(extractor, "江西省浙江商会召开年会。")
    assert ("赣州市南康区家具商会", "南康区") in placed(extractor, "赣州市南康区家具商会召开年会。")


@pytest.mark.parametrize(("body", "park"), [
    ("活动在县创业大道长安建筑工业化产业园举行。", "长安建筑工业化产业园"),  # the street is the address
    ("签约仪式在迎宾大道华宇工业园举行。", "华宇工业园"),
    ("石城人民路电子产业园开园。", "石城人民路电子产业园"),  # no proper name after the street: it names the park
])
def test_a_street_before_a_park_is_its_address(extractor, body, park):
    assert [m[0] for m in named(extractor, body) if m[1] == "IndustrialPark"] == [park]


@pytest.mark.parametrize("body", [
    "主要涉及木制品、纺织、食品、冷链物流等领域。",  # a list of industries, no firm 冷链物流
    "此次合作旨在提升学校及区域医疗服务能力。",  # 旨在 is no part of a name: no school 合作旨在提升学校
    "并制定了“六项”活动制度，确保活动有计划。",  # the rules of an activity, no activity
])
def test_no_name_made_of_a_clause(extractor, body):
    assert [m for m in named(extractor, body) if m[1] not in ("Town", "Community")] == []


def test_an_activity_held_is_still_an_event(extractor):
    assert ("“六项”活动", "Event") in named(extractor, "石城县举办“六项”活动，群众踊跃参与。")


# ---- datelines -----------------------------------------------------------------------------------------------

def test_a_dateline_with_the_outlets_other_name_in_brackets_is_no_text():
    from kgraph.ingest.normalise import Normaliser
    from kgraph.ingest.segment import ArticleSegmenter
    from kgraph.model import Document
    page = ("某某网(某某日报网)讯(通讯员 何丽华)8月21日下午，石城县人民医院与某医院举行签约仪式。\n"
            "会上双方签订协议。\n\n天山网讯(通讯员张荣耀报道)近日，石城工业园区举行开工仪式。")
    arts = ArticleSegmenter()(Normaliser()(Document(source="p.txt", text=page, format="txt")))
    assert [(a.authors, a.body[:5]) for a in arts] == [(("何丽华",), "8月21日"), (("张荣耀",), "近日，石城")]


def test_a_bare_park_is_the_one_its_paragraph_opened_with(extractor):
    body = ("近年来，石城工业园区围绕产业集聚目标，推动华宇新材料产业园、琴江电子产业园建设。"
            "目前园区已形成光电信息产业链、新材料产业链等产业链。")
    got = placed(extractor, body)
    assert {("光电信息产业链", "石城工业园区"), ("新材料产业链", "石城工业园区")} <= got
    assert not {p for p in got if p[1] == "琴江电子产业园"}


def test_a_county_in_brackets_after_its_city_is_where_a_firm_is(extractor):
    body = "赣州(石城)华宇电业设备有限公司新建厂房。石城县今年新开工项目12个。"
    assert ("赣州(石城)华宇电业设备有限公司", "石城县") in placed(extractor, body)
    # …but a city in brackets after a firm's brand is its registered seat, not where it is
    assert not {p for p in placed(extractor, "横川机器人(深圳)有限公司落户赣县区。") if p[1] == "深圳市"}
