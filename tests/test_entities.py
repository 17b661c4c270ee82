"""Entities other than regions: found whole, typed right, merged, nothing generic."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kgraph.cli import main
from kgraph.extract import ArticleExtractor
from kgraph.extract.article import enterprise_short_forms
from kgraph.model import Article


def found(extractor, body: str, publisher: str | None = "江西日报", name: str = "canonical") -> set[tuple[str, str]]:
    """(canonical name, or the mention's ``name`` attribute, and class) of every non-region mention."""
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher=publisher)
    skip = {"Province", "City", "County", "Town", "Community"}
    return {(getattr(m, name), m.cls) for m in extractor(a).mentions if m.cls not in skip}


@pytest.mark.parametrize("body, name, cls", [
    ("走进赣州康晋储能技术有限公司的车间，机器正在运转。", "赣州康晋储能技术有限公司", "Enterprise"),
    ("2024年落户该区的横川机器人(深圳)有限公司发展迅速。", "横川机器人(深圳)有限公司", "Enterprise"),
    ("贵溪市积极携手中国资源循环集团等企业布局回收体系。", "中国资源循环集团", "Enterprise"),
    ("江西铜业集团有限公司是当地的龙头企业。", "江西铜业集团有限公司", "Enterprise"),
    ("该院与南方医科大学南方医院共建国家区域医疗中心。", "南方医科大学南方医院", "Hospital"),
    ("仲春时节，贵溪经开区一片繁忙。", "贵溪经开区", "IndustrialPark"),
    ("赣江新区已集聚生物医药企业200余家。", "赣江新区", "IndustrialPark"),
    ("工业和信息化部公布了名单。", "工业和信息化部", "GovernmentBody"),
    ("南康区住房和城乡建设局负责同志介绍了情况。", "南康区住房和城乡建设局", "GovernmentBody"),
    ("进一步夯实铜基新材料集群的原料保障。", "铜基新材料集群", "IndustryCluster"),
    ("稀土新材料及应用集群发展势头强劲。", "稀土新材料及应用集群", "IndustryCluster"),
    ("带动周边形成规模超300亿元的视听设备制造产业集群。", "视听设备制造产业集群", "IndustryCluster"),
    ("省长叶建春主持召开推动国家区域医疗中心建设座谈会。", "推动国家区域医疗中心建设座谈会", "Event"),
    ("全力建设全国再生铜回收利用基地。", "全国再生铜回收利用基地", "Project"),
    ("总投资12亿元的泰和县新型建材项目已完成主体施工。", "泰和县新型建材项目", "Project"),
])
def test_names_are_found_whole_and_typed(extractor, body, name, cls):
    assert (name, cls) in found(extractor, body)


def test_lists_are_split_and_no_counts_or_verbs_are_kept(extractor):
    got = found(extractor, "其中，江西九二盐业有限责任公司、江西金叶大铜科技有限公司等63家企业获评国家级绿色工厂。")
    assert ("江西九二盐业有限责任公司", "Enterprise") in got
    assert ("江西金叶大铜科技有限公司", "Enterprise") in got
    assert ("国家级绿色工厂", "Honor") in got
    assert not any(n.startswith(("其中", "63", "等")) for n, _ in got)


@pytest.mark.parametrize("body", [
    "该公司2025年营业收入突破5亿元。",
    "立足输出医院优势，开展中长期培训。",
    "老旧小区改造是民生工程，更是民心工程。",
    "通过百余个技改项目，推动企业转型。",
    "社区党委组织居民议事。",
    "从单点突破到集群发展，产业不断壮大。",
    "推动优质医疗资源均衡布局。",
    "两家医院签约共建医疗联合体，打造县域医共体。",
])
def test_nothing_generic_becomes_an_entity(extractor, body):
    assert found(extractor, body) == set()


def test_honors_after_award_cues_including_lists(extractor):
    got = found(extractor, "公司跻身中国制造业民营企业500强、江西民企百强，并入选国家级中小企业特色产业集群。")
    assert {("中国制造业民营企业500强", "Honor"), ("江西民企百强", "Honor"),
            ("国家级中小企业特色产业集群", "Honor")} <= got


@pytest.mark.parametrize("body, honor", [
    ("区内已有4家企业入选省、市两级“链主”企业名单。", "省、市两级“链主”企业"),
    ("这家公司先后入选国家、省、市专精特新企业。", "国家、省、市专精特新企业"),
])
def test_levels_listed_before_one_title_share_it(extractor, body, honor):
    got = {n for n, cls in found(extractor, body) if cls == "Honor"}
    assert got == {honor}


def test_award_cue_before_a_cluster_name_makes_an_honor_not_a_cluster(extractor):
    got = found(extractor, "稀土新材料及应用集群被认定为国家先进制造业集群。")
    assert ("国家先进制造业集群", "Honor") in got
    assert ("国家先进制造业集群", "IndustryCluster") not in got


@pytest.mark.parametrize("body, person", [
    ("3月28日，省长叶建春主持召开座谈会。", "叶建春"),
    ("副省长沙可出席会议。", "沙可"),
    ("企业董事长黄相程话语中透着自信。", "黄相程"),
    ("南康区住房和城乡建设局党组成员、副局长钟林表示，将建立长效机制。", "钟林"),
    ("该院神经内科曾国勇博士团队牵头完成研究。", "曾国勇"),
])
def test_people_named_with_a_title(extractor, body, person):
    assert (person, "Person") in found(extractor, body)


def test_anonymous_references_are_not_people(extractor):
    assert not any(c == "Person" for _, c in found(extractor, "居民陈先生说，宁女士也很满意。"))


def test_a_person_named_once_is_found_again_alone(extractor):
    a = Article(id="t", source="t", page="t", title="t", body="省长叶建春主持会议。叶建春指出，要加快建设。")
    people = [m for m in ArticleExtractor()(a).mentions if m.cls == "Person"]
    assert [m.text for m in people] == ["叶建春", "叶建春"]


def test_bare_province_prefix_takes_the_home_province(extractor):
    got = found(extractor, "会上，省发展改革委、省财政厅负责同志通报了情况。", publisher="江西日报")
    assert {("江西省发展改革委", "GovernmentBody"), ("江西省财政厅", "GovernmentBody")} <= got


def test_bracketed_name_is_an_alias_of_the_same_hospital(extractor):
    a = Article(id="t", source="t", page="t", title="t", body="南方医院赣州医院(赣州市人民医院)的研究登上期刊。")
    hospitals = {(m.text, m.canonical) for m in extractor(a).mentions if m.cls == "Hospital"}
    assert hospitals == {("南方医院赣州医院", "南方医院赣州医院"), ("赣州市人民医院", "南方医院赣州医院")}


def test_enterprise_short_forms_are_merged_with_the_full_name(extractor):
    assert "立讯智造" in enterprise_short_forms("江西立讯智造有限公司", frozenset({"江西"}))
    assert "康晋储能" in enterprise_short_forms("赣州康晋储能技术有限公司", frozenset({"赣州"}))
    a = Article(id="t", source="t", page="t", title="t",
                body="江西立讯智造有限公司落户吉安县。如今，立讯智造已成长为行业龙头。")
    forms = {(m.text, m.canonical) for m in extractor(a).mentions if m.cls == "Enterprise"}
    assert ("立讯智造", "江西立讯智造有限公司") in forms


def test_authors_become_people_of_the_article(seeds_graph):
    people = {e["name"] for e in seeds_graph.entities("Person") if e["articles"]}
    assert {"陈晖", "吕玉玺", "叶赛", "李超", "薛顺鑫"} <= people


def test_extract_command_writes_offsets_and_contract_classes(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": "省长叶建春在赣州市调研赣州腾远钴业新材料股份有限公司。"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--jsonl", str(src), "-o", str(out)]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    text = "省长叶建春在赣州市调研赣州腾远钴业新材料股份有限公司。"
    assert rec["id"] == "a1"
    assert all(text[e["start"]:e["end"]] == e["text"] for e in rec["entities"])
    assert {(e["text"], e["type"]) for e in rec["entities"]} >= {
        ("叶建春", "Person"), ("赣州市", "City"), ("赣州腾远钴业新材料股份有限公司", "Enterprise")}


def test_extract_command_reads_standard_input_and_writes_standard_output(tmp_path):
    line = json.dumps({"id": "b2", "text": "副省长沙可在吉安县调研。"}, ensure_ascii=False) + "\n"
    p = subprocess.run([sys.executable, "-m", "kgraph", "extract", "--jsonl", "-", "-o", "-"], input=line,
                       capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert rec["id"] == "b2" and {(e["text"], e["type"]) for e in rec["entities"]} == {
        ("沙可", "Person"), ("吉安县", "County")}
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_extract_classes_keeps_only_those_and_the_outermost_among_them(tmp_path):
    line = json.dumps({"id": "c", "text": "2026赣州国际脐橙博览会在赣州开幕。"}, ensure_ascii=False) + "\n"
    run = [sys.executable, "-m", "kgraph", "extract", "--jsonl", "-", "-o", "-"]
    every = subprocess.run(run, input=line, capture_output=True, text=True, encoding="utf-8")
    places = subprocess.run([*run, "--classes", "City,County"], input=line, capture_output=True, text=True,
                            encoding="utf-8")
    assert {e["type"] for e in json.loads(every.stdout)["entities"]} == {"Event", "City"}
    got = [(e["text"], e["type"], e["start"]) for e in json.loads(places.stdout)["entities"]]
    assert got == [("赣州", "City", 4), ("赣州", "City", 14)]  # the one inside the fair's name too
    wrong = subprocess.run([*run, "--classes", "Persn"], input=line, capture_output=True, text=True,
                           encoding="utf-8")
    assert wrong.returncode == 2 and "Persn" in wrong.stderr and wrong.stderr.count("\n") == 1


@pytest.mark.parametrize("body, person", [
    ("据了解，王建华从事稀土研究已有二十年。", "王建华"),
    ("李明和张伟一起走进车间。", "张伟"),
    ("约翰·史密斯在发布会上表示，合作前景广阔。", "约翰·史密斯"),
])
def test_people_named_without_a_title(extractor, body, person):
    assert (person, "Person") in found(extractor, body)


@pytest.mark.parametrize("body", [
    "经济要保持较高速度发展。",
    "王府井一带人流如织。",
    "高质量发展是首要任务。",
    "江湖上流传着他的故事。",
])
def test_name_shaped_words_are_not_people(extractor, body):
    assert not any(c == "Person" for _, c in found(extractor, body))


def test_the_name_model_learns_from_a_labelled_set(tmp_path):
    from kgraph.nlp import learn
    from kgraph.nlp.lexicon import lexicon
    from kgraph.nlp.names import PersonModel, person_candidates, person_features
    from kgraph.nlp.tokenize import default_tokenizer

    recs = []
    for i, (name, rest) in enumerate([("王建华", "说，项目进展顺利。"), ("李春燕", "表示将继续努力。"),
                                      ("张志强", "介绍了情况。"), ("刘海峰", "认为前景很好。")] * 3):
        text = name + rest
        recs.append({"id": str(i), "text": text, "entities": [{"start": 0, "end": 3, "type": "name", "text": name}]})
    negatives = ["高速度发展说明了问题。", "马上表示同意。"] * 6
    recs += [{"id": f"n{i}", "text": t, "entities": []} for i, t in enumerate(negatives)]
    src = tmp_path / "train.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    out = tmp_path / "model.tsv"
    assert learn.main([str(src), "-o", str(out)]) == 0
    model = PersonModel.parse(out.read_text(encoding="utf-8").splitlines())
    tokens = default_tokenizer()("王建华说，项目进展顺利。")
    name = next(c for c in person_candidates(tokens) if c.text == "王建华")
    tokens2 = default_tokenizer()("高速度发展说明了问题。")
    junk = next(c for c in person_candidates(tokens2) if c.text.startswith("高"))
    tags = lexicon().tags
    assert model.probability(person_features(tokens, name, tags)) > 0.5
    assert model.probability(person_features(tokens2, junk, tags)) < 0.5
    first = out.read_bytes()
    assert learn.main([str(src), "-o", str(out)]) == 0 and out.read_bytes() == first  # deterministic


def test_the_running_scorer_gives_the_model_probability_of_every_candidate(samples_dir):
    """The recogniser weighs candidates through PersonScorer (own weights kept per name); learning
    and the model's own probability use person_features: the two must agree to the last bit."""
    from kgraph.ingest.read import read_paths
    from kgraph.nlp.lexicon import lexicon
    from kgraph.nlp.names import PersonScorer, person_candidates, person_features, person_model
    from kgraph.nlp.sentences import split_sentences
    from kgraph.nlp.tokenize import default_tokenizer

    model, tags = person_model(), lexicon().tags
    score, tokenize = PersonScorer(model, tags), default_tokenizer()
    texts = [s.text for d in read_paths([samples_dir]) for s in split_sentences(d.text)]
    texts += ["约翰·史密斯和克林顿会见了曹鹏飞、欧阳建华。"] * 2  # the second time from the kept weights
    checked = 0
    for text in texts:
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        for c in person_candidates(tokens):
            assert score(words, c) == model.probability(person_features(tokens, c, tags)), c
            checked += 1
    assert checked > 100


def test_extract_writes_the_outermost_names_only():
    from kgraph.extract.jsonl import extract_mentions

    ents = extract_mentions(ArticleExtractor(), "贵溪经开区集聚了一批铜加工企业。")
    assert [(e["text"], e["type"]) for e in ents] == [("贵溪经开区", "IndustrialPark")]


def test_places_abroad_are_regions_whatever_jieba_tags_them(extractor):
    got = found(extractor, "伊拉克局势和莫斯科的天气，尼罗河流域的农业。")
    assert {("伊拉克", "Region"), ("莫斯科", "Region"), ("尼罗河", "Region")} <= got


def test_one_character_countries_in_a_pair_name_both_countries(extractor):
    a = Article(id="t", source="t", page="t", title="t", body="中美关系取得进展，中日两国签署协议。")
    pairs = [(m.text, m.canonical) for m in extractor(a).mentions if m.cls == "Region"]
    assert pairs == [("中", "中国"), ("美", "美国"), ("中", "中国"), ("日", "日本")]


@pytest.mark.parametrize("body", [
    "可以加以合作，更加友好。",  # 加 and 以 are no countries here
    "中美洲的咖啡很有名。",
])
def test_no_country_pair_without_a_pair_cue(extractor, body):
    assert not any(m.source == "lexicon:abbreviation" for m in extractor(
        Article(id="t", source="t", page="t", title="t", body=body)).mentions)


def test_names_of_two_organisations_joined_by_and_are_two(extractor):
    got = found(extractor, "招商银行和中国人民银行联合开展活动。")
    assert {("招商银行", "Enterprise"), ("中国人民银行", "GovernmentBody")} <= got
    assert not any("和" in n for n, _ in got)


def test_dictionary_organisations_are_typed_by_their_suffix(extractor):
    got = found(extractor, "新华社记者从外交部获悉。")
    assert {("新华社", "Organization"), ("外交部", "GovernmentBody")} <= got


@pytest.mark.parametrize("body", [
    "商业银行的服务价格实行政府指导价。",
    "人民法院依法审理案件。",
    "要形成新格局。",
])
def test_kinds_of_institution_are_not_entities(extractor, body):
    assert found(extractor, body) == set()


def test_a_person_inside_an_organisations_name_is_its_short_form(extractor):
    got = found(extractor, "赣州康晋储能技术有限公司扩产。康晋三期车间里机器轰鸣。")
    assert not any(c == "Person" for _, c in got)


@pytest.mark.parametrize("body, person", [
    ("国家主席江泽民会见了来宾。", "江泽民"),
    ("美国总统克林顿会见了来宾。", "克林顿"),
])
def test_national_titles_and_foreign_names_after_a_title(extractor, body, person):
    assert (person, "Person") in found(extractor, body)


def test_a_parks_short_form_is_the_full_form_named_in_the_article(extractor):
    a = Article(id="t", source="t", page="t", title="t",
                body="贵溪经济技术开发区成立于2006年。如今，贵溪经开区已集聚铜企一百余家。")
    parks = {(m.text, m.canonical) for m in extractor(a).mentions if m.cls == "IndustrialPark"}
    assert parks == {("贵溪经济技术开发区", "贵溪经济技术开发区"), ("贵溪经开区", "贵溪经济技术开发区")}


# ---- boundaries found by reading builds (sentences written in the seeds' style) ------------------

def exact(extractor, body: str) -> set[tuple[str, str]]:
    """(text as written, class) of every non-region mention."""
    return found(extractor, body, name="text")


@pytest.mark.parametrize("body, name, cls", [
    # a cue before a project is not part of its name (投建|, 开工|, 新建|)
    ("今年，该集团在信丰县投建锂电池梯次利用项目。", "锂电池梯次利用项目", "Project"),
    ("去年底，龙南市开工高性能钕铁硼磁材项目。", "高性能钕铁硼磁材项目", "Project"),
    ("企业计划新建稀土抛光粉生产线项目。", "稀土抛光粉生产线项目", "Project"),
    # 正极 is a noun here (jieba's dictionary tags it as an adverb)
    ("上半年，赣锋锂业投资15亿元建设赣锋锂电正极材料项目。", "赣锋锂电正极材料项目", "Project"),
    # a park built by a county: the verb is not part of the park's name
    ("上饶市广丰区新建智能装备产业园，引进企业30余家。", "智能装备产业园", "IndustrialPark"),
    # a name starts after a description of the company (…集群龙头企业|)
    ("作为铜基新材料集群龙头企业江西鹰鹏铜业有限公司今年产值突破百亿元。", "江西鹰鹏铜业有限公司", "Enterprise"),
    ("园区骨干企业赣州晶环科技有限公司正在扩建厂房。", "赣州晶环科技有限公司", "Enterprise"),
    # a name and the verb phrase after it are two things (南昌大学|合作共建|…研究院)
    ("南昌大学合作共建锂电研究院，推动科研成果就地转化。", "南昌大学", "Organization"),
    ("南昌大学与该企业共同成立稀土功能材料研究院。", "南昌大学", "Organization"),
    # a capacity is part of a project's name; a name never starts inside it
    ("该公司投资20亿元建设年产5万吨锂电池回收项目。", "年产5万吨锂电池回收项目", "Project"),
    # the given name stops where jieba's next word begins (吴芳|正在)
    ("记者吴芳正在车间里采访一线工人。", "吴芳", "Person"),
    ("公司总经理陈志强介绍，订单已排到年底。", "陈志强", "Person"),  # jieba reads 陈志强 as one word
    ("董事长王建强调，要稳订单、拓市场。", "王建", "Person"),  # …and 强调 as one
    ("公司副总经理傅海涛介绍了新生产线。", "傅海涛", "Person"),  # 傅, 阎, 赖, 洪 are surnames
    ("市统计局局长阎立军通报了一季度数据。", "阎立军", "Person"),
    # a name before a title begins a word: 清华大学|教授 names a university, not 华大学
    ("清华大学教授参与了项目论证。", "清华大学", "Organization"),
    # a body's word after its region (上海市|民政局, 美国|海军): one name
    ("上海市民政局和上海市体育局联合发文。", "上海市民政局", "GovernmentBody"),
    ("美国海军派出两艘舰艇参加演习。", "美国海军", "GovernmentBody"),
    # a bank's branch is named after the bank (光大银行|北京分行)
    ("记者致电光大银行北京分行了解情况。", "光大银行北京分行", "Enterprise"),
    # an idiom, or a verb before a word that is a name by itself, is not part of the name
    ("值得一提的是华夏银行推出了新的理财产品。", "华夏银行", "Enterprise"),
    ("玩家可以扮演美国陆军的一名士兵。", "美国陆军", "GovernmentBody"),
    ("将军指挥美国海军陆战队登陆。", "美国海军陆战队", "GovernmentBody"),
    # a foreign name after a title runs to its end, across a dot (梅德韦杰夫, not 梅德韦)
    ("俄罗斯总统梅德韦杰夫当天会见了来访的客人。", "梅德韦杰夫", "Person"),
    ("国防部发言人杰夫•莫雷尔在例行记者会上表示。", "杰夫•莫雷尔", "Person"),
    # a company whose name happens to contain an adverb of jieba's dictionary (立新)
    ("云南立新材料科技集团有限公司落户当地。", "云南立新材料科技集团有限公司", "Enterprise"),
    # 和 inside a trade name joins nothing (云南|和|立新…), between two names it does (姚刚和|国家…)
    ("云南和立新材料有限责任公司党委书记介绍了情况。", "云南和立新材料有限责任公司", "Enterprise"),
    ("副主席王刚和国家外汇管理局负责人出席。", "国家外汇管理局", "GovernmentBody"),
    # a place jieba's dictionary tags as a verb (包头, 牟定) or cuts in two (康巴|什) starts the name
    ("包头稀宝光电有限公司入选专精特新企业名单。", "包头稀宝光电有限公司", "Enterprise"),
    ("牟定华兴化工集团股份有限公司获评省级绿色工厂。", "牟定华兴化工集团股份有限公司", "Enterprise"),
    ("康巴什创新医药集团入选高新技术企业。", "康巴什创新医药集团", "Enterprise"),
    # a two-character surname takes two given characters after a title
    ("公司总经理欧阳建华介绍，订单已排到年底。", "欧阳建华", "Person"),
])
def test_names_have_exact_boundaries(extractor, body, name, cls):
    got = exact(extractor, body)
    assert (name, cls) in got, got
    assert not any(n != name and name in n for n, _ in got), got  # nothing longer swallowed it


@pytest.mark.parametrize("body, wrong", [
    ("南昌大学合作共建锂电研究院，推动科研成果就地转化。", "南昌大学合作共建锂电研究院"),
    ("上饶市广丰区新建智能装备产业园，引进企业30余家。", "上饶市广丰区新建智能装备产业园"),
    ("作为铜基新材料集群龙头企业江西鹰鹏铜业有限公司今年产值突破百亿元。",
     "铜基新材料集群龙头企业江西鹰鹏铜业有限公司"),
    ("记者吴芳正在车间里采访一线工人。", "吴芳正"),
    ("该公司投资20亿元建设新建18万吨锂电项目。", "万吨锂电项目"),
])
def test_no_name_runs_across_a_verb_or_a_description(extractor, body, wrong):
    assert wrong not in {n for n, _ in exact(extractor, body)}


@pytest.mark.parametrize("body", [
    "近年来，章贡区累计改造老旧小区86个，惠及居民1.2万户。",
    "全区累计改造老旧小区42个。",
    "这家企业落户赣县区后，目前已建成三期项目。",
    "截至目前，全省累计培育绿色工业园区41家。",
    "宁都县也与省内三甲医院组建了专科联盟。",
    "全县已实现乡镇卫生院远程会诊全覆盖。",
])
def test_no_community_or_name_is_made_of_generic_words(extractor, body):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    made = {(m.text, m.cls) for m in extractor(a).mentions if m.cls not in ("Province", "City", "County")}
    assert made == set(), made


@pytest.mark.parametrize("body, name, cls, full", [
    ("央行昨日开展了逆回购操作。", "央行", "GovernmentBody", "中国人民银行"),
    ("记者走访了工行、建行和农行的网点。", "工行", "Enterprise", "中国工商银行"),
    ("高盛发布报告上调了增长预期。", "高盛", "Enterprise", "高盛集团"),
    ("美军在当地部署了新的防空系统。", "美军", "GovernmentBody", "美军"),
])
def test_short_forms_of_well_known_bodies_are_names(extractor, body, name, cls, full):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    got = {(m.text, m.cls, m.canonical) for m in extractor(a).mentions}
    assert (name, cls, full) in got, got
    assert not any(c == "Person" for _, c, _ in got), got  # 高盛 is no person


@pytest.mark.parametrize("body", [
    "各部门要集中行动，整治违规停车。",  # 中行 inside 集中行动
    "各地民政局要加强养老机构管理。",  # a body's word without its region is a kind
    "各家银行分行陆续调整了利率。",
])
def test_short_forms_and_body_words_name_nothing_alone(extractor, body):
    assert exact(extractor, body) == set()


@pytest.mark.parametrize("body", [
    "本报讯（记者刘洋 通讯员章贡区融媒体中心）近日，一批项目集中开工。",
    "党员志愿者石城县分队走进社区。",
    "活动负责人南康区文明办介绍了情况。",
])
def test_a_region_after_a_title_is_no_person(extractor, body):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    people = {m.text for m in extractor(a).mentions if m.cls == "Person"}
    assert not people & {"章贡区", "石城县", "南康区", "章贡", "石城", "南康"}, people


@pytest.mark.parametrize("body, place", [
    ("在河西乡，索德国说，家门口就业让日子越过越好。", "德国"),
    ("村民陶小国告诉记者，今年收成不错。", "小国"),
    ("在者东镇，陶小国说，家门口就业让日子越过越红火。", "小国"),
])
def test_a_place_word_after_a_lone_surname_is_a_given_name_not_a_place(extractor, body, place):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    assert place not in {m.text for m in extractor(a).mentions if m.cls == "Region"}


def test_a_country_after_a_preposition_is_still_a_place(extractor):
    a = Article(id="t", source="t", page="t", title="标题", body="产品出口到德国和日本。", publisher="江西日报")
    assert {"德国", "日本"} <= {m.text for m in extractor(a).mentions if m.cls == "Region"}


@pytest.mark.parametrize("body, wrong", [
    ("在三溪镇，村民们正在采摘脐橙。", "三溪"),  # part of a town's name, not a place of its own
    ("在夕阳彝族乡，村民们正在采摘脐橙。", "夕阳"),
    ("云南恒立新材料控股集团有限公司自2018年落户以来发展迅速。", "云南恒"),  # a province and a character
])
def test_part_of_a_longer_place_or_name_is_no_entity(extractor, body, wrong):
    a = Article(id="t", source="t", page="t", title="标题", body=body, publisher="江西日报")
    assert wrong not in {m.text for m in extractor(a).mentions}


@pytest.mark.parametrize("body, body_name", [
    ("省生态环境厅、省自然资源厅联合印发方案。", "省生态环境厅"),
    ("省生态环境厅、省自然资源厅联合印发方案。", "省自然资源厅"),
    ("自然资源部近日批复了规划。", "自然资源部"),
])
def test_a_set_phrase_that_is_a_noun_stays_inside_a_body_name(extractor, body, body_name):
    assert (body_name, "GovernmentBody") in found(extractor, body, name="text")


def test_a_district_named_like_a_new_area_stays_a_district(extractor):
    a = Article(id="t", source="t", page="t", title="标题", body="上海市浦东新区张江镇的企业发展迅速。")
    got = {(m.text, m.cls) for m in extractor(a).mentions}
    assert ("浦东新区", "County") in got and not any(cls == "IndustrialPark" for _, cls in got)


@pytest.mark.parametrize("body, names, cls", [
    ("推动宁德时代、赣锋锂业等龙头企业扩产。", {"宁德时代", "赣锋锂业"}, "Enterprise"),
    ("比亚迪和孚能科技等一批优质企业落户当地。", {"比亚迪", "孚能科技"}, "Enterprise"),
    ("晶科能源、方大特钢、江铜等12家企业入选。", {"晶科能源", "方大特钢", "江铜"}, "Enterprise"),
    ("北京协和医院、华西医院等医院专家前来义诊。", {"北京协和医院", "华西医院"}, "Hospital"),
])
def test_names_listed_before_their_kind_are_of_that_kind(extractor, body, names, cls):
    got = found(extractor, body, name="text")
    assert {(n, cls) for n in names} <= got
    assert not any(c == "Person" for _, c in got)


@pytest.mark.parametrize("body", [
    "园区已引进锂电、光伏等企业30余家。",
    "新能源汽车、锂电新材料等企业加速集聚。",
    "赣州、吉安等地企业积极参与。",
])
def test_a_list_of_industries_or_places_names_no_enterprise(extractor, body):
    assert not any(c == "Enterprise" for _, c in found(extractor, body, name="text"))


@pytest.mark.parametrize("body, name, cls", [
    ("江西省人民代表大会常务委员会发布公告。", "江西省人民代表大会常务委员会", "GovernmentBody"),
    ("赣州市人民代表大会听取了报告。", "赣州市人民代表大会", "GovernmentBody"),
])
def test_a_peoples_congress_is_a_body_not_an_event(extractor, body, name, cls):
    assert (name, cls) in found(extractor, body, name="text")


@pytest.mark.parametrize("body", ["这次大会取得圆满成功。", "省委谨向大会致以热烈的祝贺。", "本届博览会规模空前。"])
def test_no_event_is_made_of_a_pronoun_or_an_adverb_and_a_meeting_word(extractor, body):
    assert not any(cls == "Event" for _, cls in found(extractor, body, name="text"))


@pytest.mark.parametrize("body, name, cls", [
    # a dateline, a date or a verb before a name is not part of it
    ("本报讯中国建设银行日前下调了房贷利率。", "中国建设银行", "Enterprise"),
    ("2023年中国农业银行江西省分行新增贷款300亿元。", "中国农业银行江西省分行", "Enterprise"),
    ("记者联系农业银行赣州分行，对方表示正在核实。", "农业银行赣州分行", "Enterprise"),
    ("最近兴业银行推出了新的理财产品。", "兴业银行", "Enterprise"),
    ("市民咨询建设银行后才知道手续已简化。", "建设银行", "Enterprise"),
    ("赣州华信工程咨询有限公司承担了可研编制。", "赣州华信工程咨询有限公司", "Enterprise"),  # 咨询 inside a name
    # a government body named by its country or region and a government word
    ("法国外交部当天发表声明。", "法国外交部", "GovernmentBody"),
    ("德国警方逮捕了两名嫌疑人。", "德国警方", "GovernmentBody"),
    ("日本外务省召见了大使。", "日本外务省", "GovernmentBody"),
    ("巴西军方否认了这一说法。", "巴西军方", "GovernmentBody"),
    ("赣州市政府出台了扶持政策。", "赣州市政府", "GovernmentBody"),
    ("南昌市住建委发布了预售许可名单。", "南昌市住建委", "GovernmentBody"),
    ("住建部近日印发通知。", "住建部", "GovernmentBody"),
    ("赣州市发改委近日批复了该项目。", "赣州市发改委", "GovernmentBody"),  # a city's, not the national one
    ("县市场监管局开展了专项检查。", "县市场监管局", "GovernmentBody"),
    # a branch or unit is one name with the body it belongs to
    ("建设银行九江分行营业部排起了长队。", "建设银行九江分行营业部", "Enterprise"),
    ("江铜集团南昌分公司今年产值增长一成。", "江铜集团南昌分公司", "Enterprise"),
    ("建行赣州分行向园区企业授信20亿元。", "建行赣州分行", "Enterprise"),
    ("浦发银行信用卡中心发布了风险提示。", "浦发银行信用卡中心", "Enterprise"),
    ("南昌市公安局青山湖分局破获一起诈骗案。", "南昌市公安局青山湖分局", "GovernmentBody"),
    ("人民银行南昌中心支行通报了一季度金融数据。", "人民银行南昌中心支行", "GovernmentBody"),  # its parent's class
    # a firm by its brand and an industry word, with or without its region
    ("赣州腾远钴业今年营收再创新高。", "赣州腾远钴业", "Enterprise"),
    ("华远地产与当地签署合作协议。", "华远地产", "Enterprise"),
])
def test_organisations_are_found_whole_with_exact_boundaries(extractor, body, name, cls):
    got = exact(extractor, body)
    assert (name, cls) in got, got
    assert not any(n != name and (name in n or n in name) and c != "Person" for n, c in got), got


@pytest.mark.parametrize("body", [
    "当地政府出台了一系列措施。",  # a government word after no place is a kind
    "特种部队参加了演习。",
    "各市公安局要加强夜间巡逻。",
    "该市房地产市场持续回暖。",  # industry words without a brand
    "中国地产行业进入调整期。",
    "相关科技企业纷纷入驻。",
    "公司通过全资子公司开展业务。",  # a unit of nobody named
    "多家银行上海分行调整了利率。",
    "大型商业银行信用卡中心纷纷推出优惠。",
])
def test_kinds_of_body_and_generic_industry_words_are_no_names(extractor, body):
    got = exact(extractor, body)
    assert not any(c in ("Enterprise", "GovernmentBody", "Organization") for _, c in got), got


def test_a_branch_is_located_in_the_region_its_name_holds(extractor):
    a = Article(id="t", source="t", page="t", title="标题", body="去年，中国银行江西省分行新增绿色贷款百亿元。",
                publisher="江西日报")
    x = extractor(a)
    names = {m.key: m.canonical for m in x.mentions}
    located = {(names.get(r.subject), names.get(r.object)) for r in x.relations if r.predicate == "locatedIn"}
    assert ("中国银行江西省分行", "江西省") in located, located
