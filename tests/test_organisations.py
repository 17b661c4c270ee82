"""Organisations, second round: kinds are no names, and names next to them stay whole."""

from __future__ import annotations

import pytest

from kgraph.model import Article

ORGS = ("Enterprise", "GovernmentBody", "Organization", "Hospital")


def organisations(extractor, body: str) -> set[tuple[str, str]]:
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    return {(m.text, m.cls) for m in extractor(a).mentions if m.cls in ORGS}


@pytest.mark.parametrize("body", [
    "不少储户把钱从零售银行转了出来。",  # one word that is no noun before a bare suffix: a kind
    "众多公司在展会上推出了新品。",
    "全省十大公司名单昨日公布。",
    "所有银行都要执行新的监管规定。",
    "他所在学校的老师来了。",
    "老人随后去找银行讨说法。",  # a one-character verb governs the suffix after it
])
def test_a_suffix_after_a_quantifier_or_a_verb_names_a_kind(extractor, body):
    assert organisations(extractor, body) == set()


def test_a_direction_word_before_a_suffix_still_makes_a_name(extractor):
    assert ("西部证券", "Enterprise") in organisations(extractor, "西部证券发布了三季度报告。")


@pytest.mark.parametrize("body, name, cls", [
    ("市民可以到农商行和兴业银行的网点办理。", "兴业银行", "Enterprise"),  # a joiner before a whole name splits
    ("这次机会和美国大使馆无关。", "美国大使馆", "GovernmentBody"),
    ("人力资源和社会保障部发布了新规。", "人力资源和社会保障部", "GovernmentBody"),  # …but a body's name holds it
    ("这次比赛的规则和江西省体育局的要求一致。", "江西省体育局", "GovernmentBody"),  # a common word, 和, a region
])
def test_a_joiner_before_a_whole_name_is_no_part_of_it(extractor, body, name, cls):
    got = organisations(extractor, body)
    assert (name, cls) in got, got
    assert not any(name in n and n != name for n, _ in got), got


@pytest.mark.parametrize("body", [
    "代表们从北京站出发前往会场。",
    "论坛在国际会议中心开幕。",
    "读者可以登录该中文网站查询。",
])
def test_a_venue_jieba_tags_as_an_organisation_is_none(extractor, body):
    assert organisations(extractor, body) == set()


@pytest.mark.parametrize("body, name, cls", [
    ("南昌市摄影家协会会长在开幕式上致辞。", "南昌市摄影家协会", "Organization"),  # jieba: 协会会长 is one word
    ("江西名城律师事务所律师解答了居民的问题。", "江西名城律师事务所", "Enterprise"),  # 事务所律师
    ("他是江西省集邮协会会员。", "江西省集邮协会", "Organization"),
])
def test_a_name_ends_inside_a_word_that_glues_a_title_to_its_suffix(extractor, body, name, cls):
    assert (name, cls) in organisations(extractor, body)


@pytest.mark.parametrize("body, name, cls", [
    ("赣州市土地储备中心公布了今年的供地计划。", "赣州市土地储备中心", "GovernmentBody"),
    ("瑞金市融媒体中心记者走访了多个乡镇。", "瑞金市融媒体中心", "Organization"),
    ("江西省福彩中心昨日发布公告。", "江西省福彩中心", "Organization"),
    ("居民可以到水西街道办咨询。", "水西街道办", "GovernmentBody"),
    ("会昌县政法委召开了专题会议。", "会昌县政法委", "GovernmentBody"),
])
def test_centres_offices_and_committees_of_regional_news(extractor, body, name, cls):
    assert (name, cls) in organisations(extractor, body)


@pytest.mark.parametrize("body, name", [
    ("此案由省检察院侦查终结。", "省检察院"),  # jieba: 由省|检察院
    ("企业向市发改委报送了材料。", "市发改委"),  # 向市|发改委
])
def test_a_bare_prefix_glued_to_a_preposition_still_starts_a_body(extractor, body, name):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    got = {m.text for m in extractor(a).mentions if m.cls == "GovernmentBody"}
    assert name in got, got


@pytest.mark.parametrize("body", ["多家基金公司调整了仓位。", "私人银行业务增长很快。"])
def test_a_common_noun_before_company_or_bank_is_a_kind(extractor, body):
    assert organisations(extractor, body) == set()


@pytest.mark.parametrize("body, name", [
    ("正值巴克莱银行公布业绩之际，市场波动加剧。", "巴克莱银行"),  # a word before a name jieba knows whole
    ("他买入了200万股东亚银行的股票。", "东亚银行"),
    ("中国工商银行发布了年报。", "中国工商银行"),  # …but where it is stays part of it
])
def test_only_a_place_precedes_a_name_jieba_knows_whole(extractor, body, name):
    got = organisations(extractor, body)
    assert (name, "Enterprise") in got, got
    assert not any(name in n and n != name for n, _ in got), got


@pytest.mark.parametrize("body", ["各地民政部门要做好救助工作。", "群众可以向当地公安部门报案。"])
def test_a_kind_of_department_is_no_ministry(extractor, body):
    assert organisations(extractor, body) == set()


def places_and_orgs(extractor, body: str) -> set[tuple[str, str]]:
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    return {(m.text, m.cls) for m in extractor(a).mentions}


@pytest.mark.parametrize("body, club", [
    ("周末曼联将在老特拉福德迎战对手。", "曼联"),  # a club's own name is one anywhere
    ("拜仁本赛季还没有输过球。", "拜仁"),
    ("罗马vs佛罗伦萨的比赛周日晚上开打。", "罗马"),  # a city's name in a match is its club
    ("利物浦主场两球取胜。", "利物浦"),
    ("阿森纳队上轮客场输了球。", "阿森纳队"),  # with 队 it is one name
])
def test_football_clubs_are_organisations(extractor, body, club):
    got = places_and_orgs(extractor, body)
    assert (club, "Organization") in got, got
    assert not any(n == club and c != "Organization" for n, c in got), got


def test_a_city_named_outside_a_match_is_a_place(extractor):
    got = places_and_orgs(extractor, "代表团一行昨天抵达罗马，将访问三天。")
    assert ("罗马", "Region") in got and ("罗马", "Organization") not in got, got


@pytest.mark.parametrize("body, name", [
    ("农业部日前发布了春耕生产的通知。", "农业部"),  # ministries by their former names, as older news writes them
    ("总政治部和总后勤部的领导出席了座谈会。", "总后勤部"),
])
def test_ministries_by_their_whole_name(extractor, body, name):
    assert (name, "GovernmentBody") in organisations(extractor, body)


def test_a_kind_of_department_is_still_no_ministry(extractor):
    assert organisations(extractor, "当地农业部门和交通部门联合检查。") == set()
