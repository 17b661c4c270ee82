"""People as news writes them: known names without a title, lists, names jieba glues to the next word,
foreign names in pieces; and ordinary words of a name's shape that stay no one."""

from __future__ import annotations

import pytest

from kgraph.extract import ArticleExtractor
from kgraph.model import Article


def people(extractor: ArticleExtractor, body: str) -> set[str]:
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    return {m.text for m in extractor(a).mentions if m.cls == "Person"}


@pytest.mark.parametrize("body, person", [
    # a name jieba's dictionary knows, where the model (learned on entertainment and sports) hesitates
    ("村民们至今还记得彭德怀当年的嘱托。", "彭德怀"),
    # a one-character follower glued to the name (吴国|平说)
    ("吴国平说，今年的订单已经排满。", "吴国平"),
    ("但梁建军提醒，风险仍在。", "梁建军"),  # …and one glued before it (但梁|建军)
    ("法院已开庭审理邓建龙案。", "邓建龙"),  # 邓建龙案, 谭志军犯, 郑庆祥成, 网友许伟臣: more glued characters
    ("被告人谭志军犯诈骗罪，被判处有期徒刑。", "谭志军"),
    ("郑庆祥成了村里第一个大学生。", "郑庆祥"),
    ("球迷网友许伟臣也发表了看法。", "许伟臣"),
    # a transliteration jieba knows, next to a speech verb
    ("阿拉法特表示，和谈仍将继续。", "阿拉法特"),
    # a transliteration jieba cuts in pieces (沃尔夫|斯堡)
    ("球队主帅沃尔夫斯堡说，比赛很艰难。", "沃尔夫斯堡"),
])
def test_people_news_names_without_a_title(extractor, body, person):
    assert person in people(extractor, body)


@pytest.mark.parametrize("body, person, wrong", [
    ("国家主席和胡锦涛一同出席。", "胡锦涛", "和胡锦"),  # a list word after a title begins no name
    ("副市长和钟立新一起考察了园区。", "钟立新", "和钟"),  # …nor is it a surname before a surname
])
def test_a_list_word_is_not_part_of_the_next_name(extractor, body, person, wrong):
    got = people(extractor, body)
    assert person in got and wrong not in got


def test_every_name_of_a_list_of_people(extractor):
    got = people(extractor, "出席仪式的有王建国、刘卫东、张红霞和陈玉兰等。")
    assert got >= {"王建国", "刘卫东", "张红霞", "陈玉兰"}


@pytest.mark.parametrize("body", [
    "企业办理许可证后即可开工。",
    "游客在玉虚宫前合影留念。",  # a dictionary "name" ending in a place word (宫, 路, 村 …)
    "黄金周期间游客众多。",
    "吴国的故事流传很广。",  # 吴国 is no name to split 平说 from
])
def test_ordinary_words_of_a_names_shape_stay_no_one(extractor, body):
    assert not people(extractor, body)


@pytest.mark.parametrize("body, person", [
    ("县交通局局长孙志强表示，新路年底通车。", "孙志强"),  # 强 begins no word here (强|表示)
    ("公司总经理罗家强负责项目建设。", "罗家强"),  # …nor here (强负 is none)
    ("集团董事长邓晓林先生致辞。", "邓晓林"),  # jieba glues 林 to 先生
    ("副县长韩可强调，安全第一。", "韩可"),  # 强调 is a word: the name stops before it
    ("董事长林海生曾在会上表态。", "林海生"),  # jieba's 林海|生曾 is no word: the name runs on
    ("处长罗海生曾到村里调研。", "罗海生"),
    ("（记者赵欣刘雯珊）本周起全市降温。", "赵欣"),  # …but the next name is where it stops
    ("球队队长马克的伤势不重。", "马克"),  # 的 and 就 end a name
    ("镇长钱峰就此作了说明。", "钱峰"),
])
def test_a_titled_name_keeps_its_last_character(extractor, body, person):
    got = people(extractor, body)
    assert person in got and not any(p != person and (p in person or person in p) for p in got)


@pytest.mark.parametrize("body", [
    "记者来到项目工地，看到塔吊林立。",  # a verb after 记者 is no name
    "工作人员向记者解答了市民的疑问。",
    "记者向石家庄市有关部门了解到，工程已过半。",  # 向 is a preposition here, not a surname
    "车辆沿万州长江大桥驶入城区。",  # 州长 straddles 万州|长江
    "项目位于房山区长阳镇西侧。",  # …and 区长 straddles 房山区|长阳镇
])
def test_a_title_before_no_name_makes_no_one(extractor, body):
    assert not people(extractor, body)


def test_a_title_cut_off_its_body_still_names(extractor):
    assert "沙建国" in people(extractor, "国土部长沙建国表示，新矿区明年投产。")  # 国土|部|长沙|建国
