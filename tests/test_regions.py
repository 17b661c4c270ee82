"""Regions: each mention linked to its official division, its parents, and the right namesake."""

from __future__ import annotations

import pytest

from kgraph.gazetteer import load_gazetteer
from kgraph.model import Article


def regions(extractor, body: str, title: str = "标题", publisher: str | None = None) -> list[tuple[str, str, str]]:
    """(text as written, class, canonical name or key) for each region mention."""
    a = Article(id="t", source="t.txt", page="t.txt", title=title, title_lines=(title,), body=body,
                publisher=publisher)
    x = extractor(a)
    keep = {"Province", "City", "County", "Town", "Community", "Region"}
    return [(m.text, m.cls, m.adcode or m.key) for m in x.mentions if m.cls in keep]


def test_gazetteer_has_every_level_with_codes_parents_points():
    g = load_gazetteer()
    assert 3100 < len(g) < 3400
    gx = g.full["贵溪市"][0]
    assert (gx.code, gx.level, gx.parent) == ("360681", "County", "360600")
    assert [d.name for d in g.chain("360681")] == ["贵溪市", "鹰潭市", "江西省"]
    assert gx.point is not None and 117 < gx.point[0] < 118
    assert g.lookup("恩施州")[0].code == "422800" and g.lookup("内蒙古")[0].code == "150000"
    assert g.town_in("琴江镇", "360735") is not None


def test_each_level_and_the_chain(extractor):
    found = regions(extractor, "江西省赣州市石城县琴江镇金华社区开展文明创建活动。")
    assert ("江西省", "Province", "360000") in found
    assert ("赣州市", "City", "360700") in found
    assert ("石城县", "County", "360735") in found
    town = next(f for f in found if f[1] == "Town")
    community = next(f for f in found if f[1] == "Community")
    assert town[0] == "琴江镇" and "360735" in town[2]
    assert community[0] == "金华社区" and "琴江镇" in community[2]


@pytest.mark.parametrize("body, text, code", [
    ("贵溪经开区的铜箔企业加快投产。", "贵溪", "360681"),   # a park word after the short form
    ("这家企业2016年落户吉安，带动了就业。", "吉安", "360800"),  # a bare 吉安 is the prefecture
    ("吉安县委为企业提供了全方位支持。", "吉安县", "360821"),   # the suffix written tells county from city
    ("会昌、寻乌两县联合开展治理。", "会昌", "360733"),          # listed with other regions
])
def test_short_forms_where_the_text_supports_them(extractor, body, text, code):
    assert (text, code) in [(t, c) for t, _, c in regions(extractor, body)]


def test_short_form_as_the_running_subject(extractor):
    found = regions(extractor, "2025年，贵溪工业营收增长。贵溪着眼长远，系统谋划。", title="贵溪市打造铜产业高地")
    assert [c for t, _, c in found if t == "贵溪"] == ["360681", "360681"]


@pytest.mark.parametrize("body", [
    "园区内新建展览馆一座，开馆在即。",
    "这条铁路是连接东西部的关键通道。",
    "两国坚持走和平发展道路。",
    "他在晚会上唱了一首东方红。",
    "老城区的道路正在改造。",
    "游客沿着长安街漫步。",
    "在资源保障上，企业积极布局回收体系。",
])
def test_ordinary_words_are_not_places(extractor, body):
    assert regions(extractor, body) == []


def test_namesakes_resolved_by_the_articles_other_regions(extractor):
    fuzhou = regions(extractor, "福州市鼓楼区新开了一家书店。")
    nanjing = regions(extractor, "南京市鼓楼区的高校很多。")
    assert ("鼓楼区", "County", "350102") in fuzhou
    assert ("鼓楼区", "County", "320106") in nanjing


def test_namesake_resolved_by_the_publishers_province(extractor):
    changchun = regions(extractor, "吉林省长春市朝阳区举办冰雪节。")
    assert ("朝阳区", "County", "220104") in changchun
    beijing = regions(extractor, "朝阳区新增一批便民服务站。", publisher="北京日报")
    assert ("朝阳区", "County", "110105") in beijing


def test_references_resolve_to_the_home_and_previous_regions(extractor):
    found = regions(extractor, "我省新增绿色工厂30家。我市有5家入选。石城县加快发展，该县营收增长。",
                    publisher="赣州日报")
    assert ("我省", "Province", "360000") in found
    assert ("我市", "City", "360700") in found
    assert ("该县", "County", "360735") in found


def test_home_province_from_the_regions_a_page_names(extractor):
    found = regions(extractor, "南昌市、九江市和赣州市联合发布新政。我省将持续推进。")
    assert ("我省", "Province", "360000") in found


def test_renamed_county_links_to_todays_unit(extractor):
    found = regions(extractor, "余江县撤县设区后，发展势头良好。赣县撤县设区已近十年。")
    assert ("余江县", "County", "360603") in found
    assert ("赣县", "County", "360704") in found


def test_community_named_alone_attaches_to_the_town_or_county_named_before(extractor):
    found = regions(extractor, "金溪县秀谷镇文庄社区有个议事厅。前不久，春生社区商贸城小区的水泵坏了。")
    keys = {t: k for t, _, k in found}
    assert "秀谷镇" in keys["文庄社区"]
    assert "春生社区" in keys["商贸城小区"] and "秀谷镇" in keys["春生社区"]


def test_informal_areas_are_regions_related_to_their_province(extractor):
    a = Article(id="t", source="t", page="t", title="t", body="赣南地区的脐橙远销海外。")
    x = extractor(a)
    assert [(m.text, m.cls) for m in x.mentions if m.cls == "Region"] == [("赣南", "Region")]
    assert [(r.predicate, r.object) for r in x.relations] == [("relatedTo", "region/360000")]


def test_seed_pages_link_every_region_to_the_right_code(seeds_graph):
    want = {"贵溪市": "360681", "赣县区": "360704", "南康区": "360703", "石城县": "360735",
            "会昌县": "360733", "金溪县": "361027", "瑞昌市": "360481", "吉安县": "360821", "江西省": "360000"}
    got = {e["name"]: e["adcode"] for e in seeds_graph.entities() if e["adcode"]}
    assert {k: got.get(k) for k in want} == want
    mentioned = {e["name"] for e in seeds_graph.entities() if e["articles"] and e["cls"] == "County"}
    assert mentioned <= set(want) | {"余江区"}  # no ordinary word became a county


def test_a_title_in_book_marks_names_no_place(extractor):
    found = regions(extractor, "据《广州日报》报道，电影《莫斯科陷落》下月在上海市上映。")
    names = [f[0] for f in found]
    assert "上海市" in names
    assert "广州" not in names and "莫斯科" not in names


def test_a_short_form_of_a_province_or_city_is_a_place_even_if_a_county_shares_it(extractor):
    # 河北 is also 河北区 (天津) and 长沙 also 长沙县: alone they mean the province and the city
    found = regions(extractor, "来自河北的游客说，这次专程去长沙看展。")
    assert ("河北", "Province", "130000") in found
    assert ("长沙", "City", "430100") in found


def test_a_short_form_inside_another_place_word_is_not_that_region(extractor):
    found = regions(extractor, "假期里游客去中山陵和苏州园林参观。")
    names = [f[0] for f in found]
    assert "中山" not in names and "苏州" not in names
    both = regions(extractor, "辽宁沈阳的客商和北京地区的企业签约。")
    assert {"辽宁", "沈阳", "北京"} <= {f[0] for f in both}


def test_ordinary_words_jieba_tags_as_places_are_none(extractor):
    found = regions(extractor, "外国游客登上海岛，满山的杜鹃花很美丽；市区到郊区的大理石加工厂不远。")
    assert found == []


def test_a_prefecture_jieba_reads_as_a_word_is_still_a_place(extractor):
    found = regions(extractor, "本报记者从石家庄报道，大连的客商也赶来签约。")
    assert ("石家庄", "City", "130100") in found
    assert ("大连", "City", "210200") in found


def test_natural_features_news_names_are_places(extractor):
    found = regions(extractor, "受强降雨影响，洞庭湖区和太湖流域水位上涨，大别山区、准噶尔盆地和罗霄山脉也有降水，"
                               "长江口出现风暴潮。")
    names = {f[0] for f in found}
    assert {"洞庭湖区", "太湖流域", "大别山区", "准噶尔盆地", "罗霄山", "长江口"} <= names
    assert all(f[1] == "Region" for f in found)


def test_a_world_area_with_diqu_is_that_area_and_a_kind_of_land_is_no_place(extractor):
    found = regions(extractor, "中东地区局势紧张，丘陵地区和山间盆地的农户受灾。北京地区降温。")
    assert ("中东地区", "Region", "Region/中东") in found
    assert {f[0] for f in found} == {"中东地区", "北京"}


def test_macro_regions_and_province_compounds_are_areas_related_to_their_provinces(extractor):
    body = "华北和东北地区迎来降雪，京津两地、沪宁沿线和粤港澳三地加强协作，苏北、皖南的企业赴岭南考察。"
    found = regions(extractor, body)
    names = {f[0] for f in found if f[1] == "Region"}
    assert {"华北", "东北地区", "京津", "沪宁", "粤港澳", "苏北", "皖南", "岭南"} <= names
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",), body=body)
    related = {(r.subject, r.object) for r in extractor(a).relations if r.predicate == "relatedTo"}
    assert ("Region/京津", "region/120000") in related


def test_an_area_name_inside_another_word_is_no_area(extractor):
    found = regions(extractor, "动物园的华南虎产仔，市民沿中原路去江南大学；本报记者吴丽华北京报道。")
    assert [f[0] for f in found] == ["北京"]


def test_a_town_named_without_its_county_is_placed_under_the_county_the_article_names(extractor):
    body = "浏阳市持续推进乡村振兴。大围山镇楚东村的村民种植油茶，古港镇也在发展。"
    found = regions(extractor, body)
    assert ("大围山镇", "Town") in {f[:2] for f in found}
    assert ("楚东村", "Community") in {f[:2] for f in found}
    a = Article(id="t", source="t.txt", page="t.txt", title="标题", title_lines=("标题",), body=body)
    town = next(m for m in extractor(a).mentions if m.text == "古港镇")
    assert town.scope == "region/430181"
    # with no county named, a town's name many towns share is not placed anywhere; the country's only
    # town of its name is placed in its county
    assert regions(extractor, "城关镇的村民种植油茶。") == []
    assert regions(extractor, "大围山镇的村民种植油茶。") == [("大围山镇", "Town", "Town/region/430181/大围山镇")]


def test_a_numbered_street_named_after_a_region_is_no_region(extractor):
    found = regions(extractor, "城管队员在湘南四路和中山五路劝离流动摊贩，湘南地区的商户表示支持。")
    assert [f[0] for f in found] == ["湘南"]


def test_country_pairs_in_a_list_and_before_a_longer_word(extractor):
    found = regions(extractor, "今年中美、中日贸易均有增长，中俄两国关系保持良好势头。")
    names = [(f[0], f[2]) for f in found]
    assert names.count(("中", "Region/中国")) == 3
    assert {("美", "Region/美国"), ("日", "Region/日本"), ("俄", "Region/俄罗斯")} <= set(names)


@pytest.mark.parametrize("body, text", [
    ("考察团一行昨日抵达宜兴，参观了紫砂工坊。", "宜兴"),       # a travel verb before it
    ("商队从敦煌以西的戈壁出发。", "敦煌"),                 # a direction after it
    ("1938年春，守军奉命死守台儿庄。", "台儿庄"),            # a military verb before it
    ("据宜兴当地的茶农介绍，今年春茶提前上市。", "宜兴"),     # 当地 after it
])
def test_a_county_short_form_is_a_place_next_to_a_cue(extractor, body, text):
    found = [(t, c) for t, _, c in regions(extractor, body)]
    code = load_gazetteer().short[text][0].code
    assert (text, code) in found


def test_a_county_short_form_with_no_cue_is_still_none(extractor):
    assert "宜兴" not in [t for t, _, _ in regions(extractor, "宜兴的紫砂壶很有名。")]


def test_a_transliterated_place_next_to_a_place_cue_is_a_foreign_place(extractor):
    found = [t for t, cls, _ in regions(extractor, "船队途经霍巴特，三天后抵达沃尔夫斯堡，再向奥兰多以北航行。")
             if cls == "Region"]
    assert found == ["霍巴特", "沃尔夫斯堡", "奥兰多"]


@pytest.mark.parametrize("body", [
    "在克林顿的支持下，法案获得通过。",     # 在 goes with people as well: no cue
    "游客前往帕罗尼拉公园拍照。",           # the name goes on: a park, not a place of its own
])
def test_a_transliteration_without_a_place_cue_is_no_place(extractor, body):
    assert [t for t, cls, _ in regions(extractor, body) if cls == "Region"] == []


def test_places_of_taiwan_and_foreign_areas_news_names_are_places(extractor):
    found = [t for t, cls, _ in regions(extractor, "这家电影公司在好莱坞和高雄都设有工作室，今年还到塔斯马尼亚取景。")
             if cls == "Region"]
    assert found == ["好莱坞", "高雄", "塔斯马尼亚"]


def test_a_japanese_prefecture_is_a_foreign_place(extractor):
    found = [t for t, cls, _ in regions(extractor, "台风登陆冲绳县后转向鹿儿岛县。") if cls == "Region"]
    assert found == ["冲绳县", "鹿儿岛县"]


def test_country_pairs_before_alliance_and_conflict_words(extractor):
    found = [(t, c) for t, _, c in regions(extractor, "美韩军演结束后，两国重申美韩同盟；中法战争的史料也在展出。")]
    assert found.count(("美", "Region/美国")) == 2 and found.count(("韩", "Region/韩国")) == 2
    assert {("中", "Region/中国"), ("法", "Region/法国")} <= set(found)


def test_a_state_jieba_tags_as_an_organisation_is_a_place(extractor):
    found = [(t, cls) for t, cls, _ in regions(extractor, "季风雨带来到北方邦，中央邦的农民开始播种。")]
    assert ("北方邦", "Region") in found and ("中央邦", "Region") in found


def test_a_county_papers_we_and_whole_county_mean_its_county(extractor):
    found = regions(extractor, "我县今年新开工项目12个。全县规模以上工业增加值增长9%。", publisher="石城县融媒体中心")
    assert ("我县", "County", "360735") in found and ("全县", "County", "360735") in found


def test_the_county_a_headline_names_is_what_the_body_calls_the_whole_county(extractor):
    title = "石城县工业经济开局良好"
    home = extractor.home_region("一季度，全县工业增加值增长12%，增速居全市各县区前列。", title=title)
    a = Article(id="t", source="t.txt", page="t.txt", title=title, body="一季度，全县工业增加值增长12%。")
    found = [(m.text, m.adcode) for m in extractor(a, home).mentions]
    assert ("全县", "360735") in found


def test_whole_district_is_no_county_of_a_county_page(extractor):
    found = regions(extractor, "石城县召开会议。全区工业增加值增长5%。", publisher="石城县融媒体中心")
    assert not any(text == "全区" for text, _, _ in found)


@pytest.mark.parametrize("url, code", [("https://www.shicheng.gov.cn/news/1.html", "360735"),
                                       ("http://jxshicheng.gov.cn/a", "360735"),
                                       ("https://news.yingtan.gov.cn/b", "360600")])
def test_a_government_sites_host_names_the_page_home(extractor, url, code):
    home = extractor.home_region("全县一季度工业增加值增长12%。", url=url)
    assert code in {d.code for d in (home.city, home.county) if d}


@pytest.mark.parametrize("url", ["https://www.example.com/shicheng", "https://taihe.gov.cn/x", None])
def test_no_home_from_a_host_that_is_no_region_site_or_is_ambiguous(extractor, url):
    home = extractor.home_region("今年以来，各项工作稳步推进。", url=url)
    assert home.county is None and home.city is None
