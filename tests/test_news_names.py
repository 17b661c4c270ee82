"""Names of national news as the news NER sets annotate them (branch ner3): sentences written for these tests."""

from __future__ import annotations

import pytest

from kgraph.extract import ArticleExtractor
from kgraph.extract.jsonl import extract_mentions

CLASSES = {"Province", "City", "County", "Town", "Community", "Region", "IndustrialPark", "Enterprise",
           "GovernmentBody", "Hospital", "Organization", "Person"}


def names(extractor: ArticleExtractor, text: str) -> set[tuple[str, str]]:
    return {(e["text"], e["type"]) for e in extract_mentions(extractor, text, None, CLASSES)}


@pytest.mark.parametrize("body, place", [
    ("日本首相昨天在国会发表了施政演说。", "日本"),  # jieba: 日本首相 one word
    ("英国首相今天抵达北京开始正式访问。", "英国"),
    ("德国总理在波恩会见了来访的客人。", "德国"),
    ("联合国大会在美国纽约开幕。", "美国"),  # jieba: 美国纽约 one word
    ("联合国大会在美国纽约开幕。", "纽约"),
])
def test_a_country_glued_to_a_title_or_a_city_is_named(extractor, body, place):
    assert (place, "Region") in names(extractor, body)


def test_a_clubs_name_is_no_person(extractor):
    assert ("沙尔克", "Person") not in names(extractor, "沙尔克的排名渐渐上升，球迷很满意。")


@pytest.mark.parametrize("body, person", [
    ("日本首相小渊惠三昨天在东京发表讲话。", "小渊惠三"),  # a four-character name jieba knows, after a glued title
    ("以色列总理内塔尼亚胡拒绝了这项建议。", "内塔尼亚胡"),  # 胡 is no transliteration character
    ("俄罗斯空军发言人弗拉基米尔·德里克说，演习按计划进行。", "弗拉基米尔·德里克"),  # the dotted name runs on
])
def test_a_longer_name_jieba_knows_is_taken_whole_after_a_title(extractor, body, person):
    assert (person, "Person") in names(extractor, body)


@pytest.mark.parametrize("body, person", [
    ("古巴领导人卡斯特罗在哈瓦那会见了客人。", "卡斯特罗"),
    ("中国科学院院士王选获得了这项大奖。", "王选"),
    ("日本外相高村正彦会见了来访的客人。", "高村正彦"),
    ("萨达姆说，伊拉克不会接受这个要求。", "萨达姆"),  # a transliteration jieba tags nr, next to 说
])
def test_news_titles_and_cues_name_people(extractor, body, person):
    assert (person, "Person") in names(extractor, body)


@pytest.mark.parametrize("body, cut", [
    ("发言人约翰·丁克说，调查仍在进行。", "约翰"),
    ("参议员卡尔·贝文批评了这项预算。", "卡尔"),
])
def test_a_name_cut_at_a_dot_is_not_taken_after_a_title(extractor, body, cut):
    assert (cut, "Person") not in names(extractor, body)


def test_a_transliterated_name_jieba_knows_is_a_person_where_nothing_continues_it(extractor):
    assert ("曼德拉", "Person") in names(extractor, "曼德拉访问了英国。")
    assert not any(cls == "Person" for _, cls in names(extractor, "他在伯纳乌球场观看了比赛。"))


@pytest.mark.parametrize("body, body_name", [
    ("全国人大常委会第五次会议在北京举行。", "全国人大常委会"),
    ("国务院常务会议研究了防汛工作。", "国务院"),
])
def test_the_government_body_holding_a_meeting_is_named(extractor, body, body_name):
    assert (body_name, "GovernmentBody") in names(extractor, body)


@pytest.mark.parametrize("body, place", [
    ("代表团昨天抵达萨拉热窝。", "萨拉热窝"),
    ("韩国总统在汉城会见了客人。", "汉城"),
    ("会议在布拉柴维尔举行。", "布拉柴维尔"),
])
def test_capitals_abroad_are_places(extractor, body, place):
    assert (place, "Region") in names(extractor, body)


def test_a_factory_named_before_the_dictionary_word_for_its_kind(extractor):
    assert ("洛阳拖拉机厂", "Enterprise") in names(extractor, "洛阳拖拉机厂的产品销往全国。")
    assert ("上海第一钢铁厂", "Enterprise") in names(extractor, "上海第一钢铁厂扩建了两个车间。")
    assert not any(cls == "Enterprise" for _, cls in names(extractor, "这家钢铁厂的产量很高。"))


def test_a_four_character_name_jieba_knows_next_to_a_person_cue(extractor):
    assert ("小渊惠三", "Person") in names(extractor, "小渊惠三说，经济将会复苏。")
