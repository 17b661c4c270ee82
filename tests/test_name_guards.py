"""The name model's guards and the dictionary's short names (branch ner4): sentences written for these tests."""

from __future__ import annotations

import pytest

from kgraph.extract import ArticleExtractor
from kgraph.extract.jsonl import extract_mentions


def people(extractor: ArticleExtractor, text: str) -> set[str]:
    return {e["text"] for e in extract_mentions(extractor, text, None, {"Person"})}


def test_the_tail_of_a_street_jieba_cut_is_no_person(extractor):
    # jieba: 接柳|黄路|与|青山路: 黄 is a surname, 黄路 the end of the street 柳黄路
    assert "黄路" not in people(extractor, "新修的道路起点接柳黄路与青山路平交口，终点在火车站。")


def test_a_preposition_and_its_object_closing_a_clause_is_no_person(extractor):
    assert "于民" not in people(extractor, "该镇坚持问需于民、问计于民，办好民生实事。")


def test_a_surname_that_is_a_preposition_still_starts_names(extractor):
    assert "于海" in people(extractor, "记者于海报道，这个县今年新建了三所学校。")


def test_a_short_name_the_dictionary_knows_is_a_person_without_a_cue(extractor):
    assert "曹操" in people(extractor, "游客参观了类似于曹操墓的古迹。")


def test_a_photographers_name_jieba_glues_to_she_is_the_name(extractor):
    # jieba: （|记者|张华摄|）
    assert "张华" in people(extractor, "（记者张华摄）")


@pytest.mark.parametrize("body, thing, person", [
    ("南方大学金融学教授李强认为，消费还会增长。", "金融学", "李强"),  # jieba: 金融学 a noun
    ("该校金融系教授陈红介绍了这项研究。", "金融系", "陈红"),  # a department's ending
])
def test_a_discipline_before_professor_is_no_person(extractor, body, thing, person):
    found = people(extractor, body)
    assert thing not in found and person in found
