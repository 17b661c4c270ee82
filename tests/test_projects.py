"""Projects: names with exact edges, lists of projects, investors, places, stages, events, one node across
articles, `kgraph show`. The sentences are written for these tests (names and facts made up)."""

from __future__ import annotations

import pytest

from kgraph.extract import ArticleExtractor
from kgraph.graph import KnowledgeGraph
from kgraph.model import STAGE, Article
from kgraph.resolve import Resolver


def extract(extractor, body: str, title: str = "标题", date: str | None = "2026-03-18", publisher: str = "江西日报"):
    return extractor(Article(id=str(hash((title, body))), source="t", page="t", title=title, body=body,
                             date=date, publisher=publisher))


def projects(extractor, body: str, **kw) -> list[str]:
    return sorted({m.canonical for m in extract(extractor, body, **kw).mentions if m.cls == "Project"})


def relations(extractor, body: str, **kw) -> set[tuple[str, str, str, tuple]]:
    x = extract(extractor, body, **kw)
    names = {m.key: m.canonical for m in x.mentions} | {e.key: e.name for e in x.entities}
    return {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object), r.qualifiers)
            for r in x.relations}


def pairs(rels) -> set[tuple[str, str, str]]:
    return {r[:3] for r in rels}


@pytest.mark.parametrize("body, names", [
    # a ceremony's list, before a count: investor and capacity belong to the name, the verb does not
    ("3月18日，瑞昌县举行一季度重大项目集中开工仪式，江西恒达新材料有限公司年产5万吨锂电池回收项目、"
     "城东污水处理厂扩建工程、樟树湾安置小区建设项目等12个项目集中开工。",
     ["樟树湾安置小区建设项目", "江西恒达新材料有限公司年产5万吨锂电池回收项目", "城东污水处理厂扩建工程"]),
    # a phase in brackets is the name's; a connective and the event before it are not
    ("高新区举行5月份项目集中开工动员会暨瑞丰新型建材项目(一期)开工仪式。", ["瑞丰新型建材项目(一期)"]),
    # after 包括: each item, though none ends in 项目
    ("此次签约的项目包括湘江智能装备产业园、锂电新材料研发中心、滨江文旅综合体。",
     ["湘江智能装备产业园", "滨江文旅综合体", "锂电新材料研发中心"]),
    # names without 项目 that the sentence calls projects (…等<kind>项目)
    ("该县先后引进了恒兴智能光电产业化、绿源生态农庄等返乡创业项目。", ["恒兴智能光电产业化", "绿源生态农庄"]),
    ("今年将重点推进赣南医学院新校区、章江新区水系连通等项目建设。", ["章江新区水系连通", "赣南医学院新校区"]),
    # quoted names before 两大项目
    ("丰城市“20GW光伏组件”和“年产2万吨电解液”两大项目签约仪式举行。", ["20GW光伏组件", "年产2万吨电解液"]),
    # a base that is being built; a place before 的 is no part of the name
    ("公司将投资建设华南锂电材料生产基地。", ["华南锂电材料生产基地"]),
    ("位于经开区的赣州华兴电子有限公司智能终端项目总投资5亿元。", ["赣州华兴电子有限公司智能终端项目"]),
    # a brand jieba breaks into a verb or an adverb stays whole; the visit before it does not
    ("市委书记张华一行先后来到中创新航锂电池二期项目现场调研。", ["中创新航锂电池二期项目"]),
    ("宁德时代邦普一体化电池材料产业园项目位于宜春经开区。", ["宁德时代邦普一体化电池材料产业园项目"]),
])
def test_projects_are_found_whole(extractor, body, names):
    assert projects(extractor, body) == sorted(names)


@pytest.mark.parametrize("body", [
    "全县重大项目、招商引资项目进展顺利，产业项目集群初具规模。",
    "张华、李明等领导视察了项目建设。",
    "欧阳建华、司马德明等项目负责人参加会议。",
    "项目涵盖新能源、生物医药、电子信息等多个领域。",
    "目前已建成三期项目，在建项目18个。",
    "主要建设道路工程、排水工程、绿化工程等附属工程。",
])
def test_kinds_of_projects_are_no_projects(extractor, body):
    assert projects(extractor, body) == []


def test_a_short_form_is_the_same_project(extractor):
    x = extract(extractor, "江西恒达新材料有限公司年产5万吨锂电池回收项目开工。年产5万吨锂电池回收项目总投资8亿元。")
    assert {m.canonical for m in x.mentions if m.cls == "Project"} == {"江西恒达新材料有限公司年产5万吨锂电池回收项目"}


def test_the_investor_named_in_the_project_invests_in_it(extractor):
    rels = relations(extractor, "江西恒达新材料有限公司年产5万吨锂电池回收项目开工。")
    assert ("江西恒达新材料有限公司", "investsIn", "江西恒达新材料有限公司年产5万吨锂电池回收项目") in pairs(rels)


def test_the_enterprise_that_signs_invests(extractor):
    rels = relations(extractor, "4月2日，南昌华腾科技有限公司与赣县区签约年产10万套汽车线束项目。",
                     title="年产10万套汽车线束项目签约")
    assert ("南昌华腾科技有限公司", "investsIn", "年产10万套汽车线束项目") in pairs(rels)
    stage = [r for r in rels if r[1] == STAGE + "签约"]
    assert stage and ("date", "2026-04-02") in stage[0][3]


def test_where_a_project_is(extractor):
    assert ("赣州华兴电子有限公司智能终端项目", "locatedIn", "赣州经济技术开发区") in pairs(relations(
        extractor, "赣州经济技术开发区的赣州华兴电子有限公司智能终端项目总投资5亿元。"))
    # one place stated for a list is each item's
    rels = pairs(relations(extractor, "位于瑞金市境内的红星智能制造项目、绵江生态修复工程同日开工。"))
    assert {("红星智能制造项目", "locatedIn", "瑞金市"), ("绵江生态修复工程", "locatedIn", "瑞金市")} <= rels
    # built at a park named after it
    rels = pairs(relations(extractor, "年产3万吨铜箔项目，计划在赣县区高新技术产业园建设生产线。"))
    assert ("年产3万吨铜箔项目", "locatedIn", "赣县区高新技术产业园") in rels


def test_a_ceremony_gives_the_stage_and_the_event(extractor):
    rels = relations(extractor, "3月18日，瑞金市2026年一季度重大项目集中开工仪式举行，红星智能制造项目开工建设。")
    assert ("红星智能制造项目", STAGE + "开工", "红星智能制造项目") in pairs(rels)
    dated = [q for s, p, _, q in rels if p == STAGE + "开工"]
    assert ("date", "2026-03-18") in dated[0]


def test_one_project_across_articles_has_both_stages(extractor):
    signed = extract(extractor, "3月5日，江西恒达新材料有限公司年产5万吨锂电池回收项目签约。", title="签约")
    started = extract(extractor, "6月8日，年产5万吨锂电池回收项目开工。", title="开工")
    kg = KnowledgeGraph.from_corpus(Resolver()([signed, started]))
    nodes = [e for e in kg.entities("Project")]
    assert len(nodes) == 1 and "年产5万吨锂电池回收项目" in nodes[0]["aliases"]
    stages = {p for _, p, _, _ in kg.relations() if p.startswith(STAGE)}
    assert stages == {STAGE + "签约", STAGE + "开工"}


def test_show_prints_a_projects_investors_place_and_dated_stages(tmp_path, pipeline, capsys):
    from kgraph.cli import main

    src = tmp_path / "a.txt"
    src.write_text("瑞金日报\n\n红星项目开工\n\n3月18日，瑞金市红星智能制造有限公司年产8万台电机项目开工，"
                   "项目总投资12亿元。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["show", "-g", str(out / "graph.ttl"), "瑞金市红星智能制造有限公司年产8万台电机项目"]) == 0
    text = capsys.readouterr().out
    assert "investors: 瑞金市红星智能制造有限公司" in text
    assert "stages: 开工" in text
    assert "kg:Project" in text


def test_a_stop_verb_jieba_glues_to_its_adverb_ends_the_name_and_a_new_project_is_a_kind():
    a = Article(id="t", source="t", page="t", title="标题", body="我县隆重举行三月份新项目集中开工仪式。")
    found = {(m.text, m.cls) for m in ArticleExtractor()(a).mentions}
    assert ("三月份新项目集中开工仪式", "Event") in found
    assert not any(cls == "Project" for _, cls in found)
