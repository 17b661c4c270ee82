"""Posts from every title phrase, named events and who held, organised and attended them (issue 17, part B).

The sentences are written for these tests; the names in them are made up or public bodies.
"""

from __future__ import annotations

import pytest

from kgraph.model import Article


def extract(extractor, body: str):
    return extractor(Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报",
                             date="2026-03-02"))


def relations(extractor, body: str) -> set[tuple[str, str, str]]:
    x = extract(extractor, body)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object)) for r in x.relations}


def mentions(extractor, body: str, cls: str) -> set[str]:
    return {m.text for m in extract(extractor, body).mentions if m.cls == cls}


# ---- posts ------------------------------------------------------------------------------------------

def test_people_listed_after_a_title_hold_it_too(extractor):
    got = relations(extractor, "泰和县召开会议。县领导刘建华、罗明、孙立平参加会议。")
    for name in ("刘建华", "罗明", "孙立平"):
        assert (name, "holdsPositionIn", "泰和县") in got


def test_a_list_ends_at_the_next_title(extractor):
    got = relations(extractor, "泰和县委书记王立新、县长李国华出席。")
    assert ("王立新", "holdsPositionIn", "泰和县") in got
    assert ("李国华", "holdsPositionIn", "泰和县") in got
    assert not any(r[0] == "李国华" and r[2] != "泰和县" for r in got)


def test_a_county_post_before_a_department_post_is_in_the_county(extractor):
    got = relations(extractor, "泰和县县长李国华，县委常委、宣传部部长周晓燕及县委宣传部相关负责同志调研。")
    assert ("周晓燕", "holdsPositionIn", "泰和县") in got
    assert ("周晓燕", "holdsPositionIn", "泰和县委宣传部") in got  # the bare 宣传部 is the one named in full


def test_a_county_political_consultative_chair_holds_a_post_in_the_county(extractor):
    assert ("陈文海", "holdsPositionIn", "泰和县") in relations(extractor, "泰和县政协主席陈文海讲话。")


def test_a_post_after_a_comma_is_in_the_body_of_the_post_before(extractor):
    got = relations(extractor, "吉安市第一人民医院院长周卫东，副院长胡海波出席。")
    assert ("胡海波", "holdsPositionIn", "吉安市第一人民医院") in got


def test_a_park_party_committee_is_a_body_in_the_park(extractor):
    body = "泰和高新区举行项目签约活动。泰和高新区党工委书记林思远出席。"
    assert "泰和高新区党工委" in mentions(extractor, body, "GovernmentBody")
    got = relations(extractor, body)
    assert ("林思远", "holdsPositionIn", "泰和高新区党工委") in got
    assert ("泰和高新区党工委", "locatedIn", "泰和高新区") in got


def test_a_post_ends_a_body_name_on_its_left(extractor):
    names = mentions(extractor, "县委常委、宣传部部长周晓燕及县委宣传部干部调研。", "GovernmentBody")
    assert not any("周晓燕" in n for n in names)


@pytest.mark.parametrize("body, name", [
    ("县长刘国平等县领导出席。", "刘国平"),  # jieba reads 平等
    ("副院长王兴及双方科室负责人出席。", "王兴"),
    ("县政协主席钱国平与其他领导剪彩。", "钱国平"),  # jieba reads 平与
])
def test_a_name_ends_before_deng_and_ji(extractor, body, name):
    assert name in mentions(extractor, body, "Person")


# ---- events -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, name", [
    ("泰和县2026年第一批重大项目集中开工仪式在泰和县举行。", "泰和县2026年第一批重大项目集中开工仪式"),
    ("3月5日，泰和县召开安全生产工作会议。", "安全生产工作会议"),
    ("泰和县召开2026年“迎老乡 建家乡”新春座谈会暨一季度项目签约活动。",
     "2026年“迎老乡 建家乡”新春座谈会暨一季度项目签约活动"),
    ("我县隆重举行三月份新项目集中开工仪式。", "三月份新项目集中开工仪式"),
    ("吉安市重大项目集中开工泰和分会场活动在泰和县举行。", "吉安市重大项目集中开工泰和分会场活动"),
])
def test_a_named_ceremony_or_meeting_is_an_event(extractor, body, name):
    assert name in mentions(extractor, body, "Event")


@pytest.mark.parametrize("body", [
    "县领导出席开工仪式并参加签约大会。",
    "全县开展了一系列志愿服务活动。",
    "研究成果在某国际卒中大会闭幕式全体会议上发布。",
])
def test_a_ceremony_without_a_name_of_its_own_is_no_event(extractor, body):
    got = mentions(extractor, body, "Event")
    assert not got & {"开工仪式", "签约大会", "志愿服务活动", "闭幕式全体会议"}
    assert not any(n.endswith("全体会议") for n in got)


def test_an_event_named_with_its_county_was_held_there(extractor):
    got = relations(extractor, "泰和县2026年第一批重大项目集中开工仪式在县工业园举行。")
    assert ("泰和县2026年第一批重大项目集中开工仪式", "heldIn", "泰和县") in got


def test_a_county_convening_a_meeting_at_a_venue_holds_it(extractor):
    got = relations(extractor, "3月5日，泰和县在县行政中心召开安全生产工作会议。")
    assert ("安全生产工作会议", "heldIn", "泰和县") in got


def test_bodies_that_hold_a_signing_organise_it_and_are_partners(extractor):
    got = relations(extractor, "吉安市第一人民医院与南昌大学第一附属医院举行医疗联合体合作签约仪式。")
    for host in ("吉安市第一人民医院", "南昌大学第一附属医院"):
        assert ("医疗联合体合作签约仪式", "organizedBy", host) in got
    assert ("吉安市第一人民医院", "partnerOf", "南昌大学第一附属医院") in got


def test_people_who_attend_a_meeting_attended_it(extractor):
    got = relations(extractor, "泰和县召开安全生产工作会议，县委书记王立新、县长李国华出席会议。")
    assert ("王立新", "attended", "安全生产工作会议") in got
    assert ("李国华", "attended", "安全生产工作会议") in got


def test_the_park_in_a_park_body_name_is_named_too(extractor):
    assert "泰和高新区" in mentions(extractor, "泰和高新区党工委书记林思远出席。", "IndustrialPark")


def test_a_park_that_holds_an_event_is_where_it_was_held(extractor):
    got = relations(extractor, "泰和高新区举行三季度项目集中开工活动。")
    assert ("三季度项目集中开工活动", "heldIn", "泰和高新区") in got


def test_a_name_cut_short_by_jieba_is_the_one_written_whole_elsewhere(extractor):
    body = "县政协主席钱国平讲话。孙立新、钱国平等县领导参加。"
    people = [m.text for m in extract(extractor, body).mentions if m.cls == "Person"]
    assert people.count("钱国平") == 2 and "钱国" not in people


# ---- enterprises without a legal suffix ---------------------------------------------------------------

def test_a_trade_name_of_ordinary_words_beside_a_listed_name_is_a_name_too(extractor):
    got = mentions(extractor, "创业园入驻金禾粮品、飞跃体育用品等小微企业30家。", "Enterprise")
    assert {"金禾粮品", "飞跃体育用品"} <= got


@pytest.mark.parametrize("body", ["集聚了锂电、光伏等企业。", "发展智能制造、生物医药、电子信息等企业。"])
def test_a_list_of_industries_names_no_enterprise(extractor, body):
    assert not mentions(extractor, body, "Enterprise")


@pytest.mark.parametrize("name", ["金辉镁业", "华宇新材", "恒达陶瓷"])
def test_a_brand_and_an_industry_word_name_an_enterprise(extractor, name):
    assert name in mentions(extractor, f"会上，{name}与泰和县签订投资协议。", "Enterprise")


def test_a_county_whose_name_ends_in_a_joiner_still_names_its_committee(extractor):
    assert "泰和县委" in mentions(extractor, "他表示，泰和县委县政府将全力支持企业。", "GovernmentBody")


def test_named_industrial_chains_are_clusters(extractor):
    got = mentions(extractor, "园区已形成光电信息产业链、新材料产业链等产业链。", "IndustryCluster")
    assert {"光电信息产业链", "新材料产业链"} <= got and "产业链" not in got


def test_a_park_named_by_a_county_jieba_tags_a_function_word_is_named_whole(extractor):
    assert "永新工业园区" in mentions(extractor, "近年来，永新工业园区围绕主导产业招商。", "IndustrialPark")


# ---- honors and what a park has grown ---------------------------------------------------------------

def test_honors_with_a_bracket_in_a_list_after_an_award_cue(extractor):
    got = mentions(extractor, "园区先后获评省级循环经济(示范)园区、省级成长型数字经济园区等。", "Honor")
    assert {"省级循环经济(示范)园区", "省级成长型数字经济园区"} <= got


def test_the_one_named_after_de_is_the_awardee_and_where_it_is(extractor):
    got = relations(extractor, "5月，位于泰和工业园区、连续三年获评全省重点文化企业二十强的华宇智慧科技再传喜讯。")
    assert ("华宇智慧科技", "awarded", "全省重点文化企业二十强") in got
    assert ("华宇智慧科技", "locatedIn", "泰和工业园区") in got
    assert not any(r[1] == "awarded" and r[0] != "华宇智慧科技" for r in got)


def test_chains_a_park_has_grown_are_located_in_it(extractor):
    got = relations(extractor, "泰和工业园区已形成光电信息产业链、新材料产业链等产业链。")
    assert ("光电信息产业链", "locatedIn", "泰和工业园区") in got
    assert ("新材料产业链", "locatedIn", "泰和工业园区") in got


# ---- junk: a name must have a proper-name part ------------------------------------------------------

@pytest.mark.parametrize("body", [
    "会议全面总结通报江西产业园区建设情况。",  # a province's parks, all of them
    "全省形成106个省产业园区的发展格局。",
    "以促进双方医院的建设和发展。",
    "我县党政机关干部收看直播。",
    "该院是一所三级甲等中医医院。",
    "推进公立医院改革。",
    "以优异成绩迎接党的二十大胜利召开。",  # 党的: the party's
])
def test_a_kind_of_thing_is_no_entity(extractor, body):
    got = {m.text for m in extract(extractor, body).mentions
           if m.cls in ("IndustrialPark", "Hospital", "Organization", "GovernmentBody")}
    assert not got


def test_a_bare_park_committee_after_another_is_the_same_parks(extractor):
    got = relations(extractor, "泰和高新区举行活动，泰和高新区党工委书记、管委会主任王建明出席。")
    assert ("王建明", "holdsPositionIn", "泰和高新区管委会") in got
    assert ("泰和高新区管委会", "locatedIn", "泰和高新区") in got


def test_a_ceremony_named_by_ceremony_words_alone_is_no_event(extractor):
    assert not mentions(extractor, "在泰和工业园区举行开工庆典仪式。", "Event")


def test_a_county_jieba_tags_an_adverb_opens_a_body_name(extractor):
    got = relations(extractor, "“我们引进企业30多家。”永定企业服务中心副主任林文庆表示。")
    assert ("林文庆", "holdsPositionIn", "永定企业服务中心") in got
    assert not mentions(extractor, "比如企业服务中心就办得很好。", "Organization")


def test_two_cities_that_sign_together_are_partners_and_a_hospital_takes_its_own(extractor):
    assert ("广州市", "partnerOf", "龙岩市") in relations(extractor, "广州市与龙岩市签署对口帮扶合作协议。")
    got = relations(extractor, "赣州市人民医院与南昌大学第二附属医院签署合作协议。")
    assert ("赣州市人民医院", "partnerOf", "南昌大学第二附属医院") in got
    assert not any(r[1] == "partnerOf" and "赣州市" in (r[0], r[2]) for r in got)
    assert not any(r[1] == "partnerOf" for r in relations(extractor, "华宇公司与泰和县签约合作。"))


@pytest.mark.parametrize("body, name", [
    ("我市萍乡创新华宇陶瓷有限公司入选名单。", "萍乡创新华宇陶瓷有限公司"),  # a verb after the region is the name's
    ("项目由华能电力江西新能源开发有限公司投资建设。", "华能电力江西新能源开发有限公司"),  # a phrase before 有限公司
])
def test_a_company_name_keeps_its_trade_words(extractor, body, name):
    assert name in mentions(extractor, body, "Enterprise")


def test_a_person_who_joins_an_organisation_is_a_member(extractor):
    assert ("王立新", "memberOf", "中国共产党") in relations(extractor, "王立新于1995年加入中国共产党。")


def test_a_name_listed_after_a_titled_one_is_a_person_with_the_post(extractor):
    got = relations(extractor, "泰和县召开座谈会。县领导陈立章、秦卫华参加了座谈会。")
    assert ("秦卫华", "holdsPositionIn", "泰和县") in got


def test_a_county_papers_county_post_is_in_its_county_when_no_county_is_named(extractor):
    a = Article(id="t", source="t", page="t", title="调研", body="9月8日，县委常委、宣传部部长王建华到琴江镇调研。",
                publisher="石城县融媒体中心")
    found = {(r.subject, r.predicate, r.object, r.qualifiers) for r in extractor(a).relations}
    assert ("Person/王建华", "holdsPositionIn", "region/360735", (("role", "县委常委"),)) in found
