"""Hostile and unusual text: valid Turtle, JSON-LD, GraphML and safe HTML whatever the names hold."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
import rdflib
from robust_util import REGION, kgraph, labels, page_data, read_outputs
from zhconv_rs import zhconv

from kgraph.export.graphml import GraphmlExporter
from kgraph.export.html import HtmlExporter
from kgraph.export.rdf import RdfExporter
from kgraph.graph import KnowledgeGraph
from kgraph.model import Article, Corpus, Entity, Figure, Observation, Statement

# Everything that closes, opens or escapes something in Turtle, JSON, HTML, XML or a script.
HOSTILE = ('<script>alert("x")</script></script><!-- --> ]]> \\ \\" \\u0041 } { }} " \' & &amp; &nbsp; '
           "\n\r\t \u2028\u2029 ${x} `y` @prefix <http://e.org/> . ;")
RDF_FORMATS = {"ttl": (ox.RdfFormat.TURTLE, "turtle"), "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
               "nq": (ox.RdfFormat.N_QUADS, "nquads"), "trig": (ox.RdfFormat.TRIG, "trig"),
               "jsonld": (ox.RdfFormat.JSON_LD, "json-ld")}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))


def tags(html: str) -> list[tuple]:
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def hostile_graph(text: str) -> KnowledgeGraph:
    """A graph whose every name, title, sentence and figure carries ``text``."""
    a = Article(id="a1", source="/in/x" + text, page="/in/x" + text, title="标题" + text, body="正文" + text,
                authors=("王" + text,), date="2025-01-01")
    name = "江西" + text + "有限公司"
    e1 = Entity(key="Enterprise/" + name, cls="Enterprise", name=name, aliases={text}, articles={"a1"},
                mention_count=1, sentences=[("a1", "句子" + text)])
    e2 = Entity(key="region/360735", cls="County", name="石城县", adcode="360735", articles={"a1"}, mention_count=1)
    st = Statement(subject=e1.key, predicate="locatedIn", object=e2.key, article="a1", evidence="证据" + text,
                   qualifiers=(("role", text),))
    fig = Figure(Observation(subject=e1.key, metric="指标" + text, value="12", unit="个" + text, sentence=0,
                             year="2025"), article="a1", evidence="数据" + text)
    return KnowledgeGraph.from_corpus(Corpus(entities={e1.key: e1, e2.key: e2}, articles={"a1": a},
                                             statements=[st], figures=[fig]))


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_hostile_names_give_rdf_both_parsers_read_back_exactly(tmp_path, fmt):
    kg = hostile_graph(HOSTILE)
    RdfExporter().write(kg, tmp_path / f"graph.{fmt}", fmt)
    data = (tmp_path / f"graph.{fmt}").read_bytes()
    ox_format, rdflib_format = RDF_FORMATS[fmt]
    parsed = set(ox.parse(data, format=ox_format))  # quads, in the default graph for a triples format
    assert parsed == set(RdfExporter().quads(kg, named_graphs=fmt in ("nq", "trig")))
    ds = rdflib.Dataset()
    ds.parse(data=data, format=rdflib_format)
    literals = {str(q[2]) for q in ds.quads() if isinstance(q[2], rdflib.Literal)}
    assert {"江西" + HOSTILE + "有限公司", "标题" + HOSTILE, "证据" + HOSTILE, HOSTILE} <= literals
    if fmt == "jsonld":
        json.loads(data)  # plain JSON as well


def test_hostile_names_give_a_page_with_no_markup_of_theirs(tmp_path):
    HtmlExporter().write(hostile_graph(HOSTILE), tmp_path / "graph.html")
    HtmlExporter().write(KnowledgeGraph(), tmp_path / "empty.html")
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert tags(html) == tags((tmp_path / "empty.html").read_text(encoding="utf-8"))  # not one tag added
    data = page_data(html)
    node = next(n for n in data["nodes"] if n["cls"] == "Enterprise")
    assert node["label"] == "江西" + HOSTILE + "有限公司" and node["aliases"] == [HOSTILE]
    assert data["edges"][0]["evidence"] == ["证据" + HOSTILE]


def test_text_no_xml_can_hold_still_gives_well_formed_graphml(tmp_path):
    text = HOSTILE + "\x01\x0b\x1f\ufffe\uffff"
    GraphmlExporter().write(hostile_graph(text), tmp_path / "graph.graphml")
    root = ET.parse(tmp_path / "graph.graphml").getroot()
    values = {d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    # what XML cannot hold is U+FFFD; a carriage return reads back as a line feed, as XML has it
    assert "江西" + HOSTILE.replace("\r", "\n") + "\ufffd" * 5 + "有限公司" in values


def test_hostile_text_through_the_whole_build(tmp_path):
    folder = tmp_path / 'in <"}\\'
    folder.mkdir()
    (folder / "page.txt").write_text(
        '<script>alert("石城县")</script>\n\n'
        '石城县与江西"}\\<b>有限公司签约合作，<img src=x onerror=alert(1)>江西\\u0041有限公司落户石城县。\n'
        "石城县今年完成老旧小区改造12个。}}{{\n", encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({
        "id": '"}<\n\\', "title": "标题<script>\n第二行", "source": '报社"}', "url": 'http://e.org/a b"<>',
        "text": "宁都县今年完成老旧小区改造12个，<\\/script>惠及居民300户。"}), encoding="utf-8")
    run = kgraph("build", folder, "-o", tmp_path / "out", "--rdf-format", "jsonld", "--rdf-format", "nq")
    assert run.code == 0, run.err
    out = read_outputs(tmp_path / "out")
    for fmt in ("jsonld", "nq"):
        ox_format, rdflib_format = RDF_FORMATS[fmt]
        data = (tmp_path / "out" / f"graph.{fmt}").read_bytes()
        assert list(ox.parse(data, format=ox_format)) and len(rdflib.Dataset().parse(data=data, format=rdflib_format))
    iris = {t.subject.value for t in out["triples"]} | {t.object.value for t in out["triples"]
                                                       if isinstance(t.object, ox.NamedNode)}
    assert all(iri.isascii() and " " not in iri and not set('<>"{}|\\^`') & set(iri) for iri in iris)
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    HtmlExporter().write(KnowledgeGraph(), tmp_path / "empty.html")
    assert tags(html) == tags((tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert {"石城县", "宁都县"} <= labels(tmp_path / "out").keys()


def test_no_chinese_at_all_and_only_punctuation(tmp_path):
    (tmp_path / "english.txt").write_text("City news\n\nThe county finished renovating twelve old residential "
                                          "compounds this year, officials said on Monday.", encoding="utf-8")
    (tmp_path / "punct.txt").write_text("，。！？……——《》「」\n\n、；：“”‘’（）【】", encoding="utf-8")
    run = kgraph("build", tmp_path / "english.txt", tmp_path / "punct.txt", "-o", tmp_path / "out")
    assert run.code == 0, run.err
    assert "read 2 documents, 2 articles (0 skipped)" in run.out
    assert "entities 0" in run.out
    read_outputs(tmp_path / "out")


def test_traditional_characters_are_read_as_simplified(tmp_path):
    text = zhconv("贵溪市铜产业\n\n2025年，贵溪市规模以上工业企业实现营业收入3531.19亿元，同比增长7.9%。", "zh-hant")
    assert "貴溪市" in text and "億元" in text
    (tmp_path / "tw.txt").write_text(text, encoding="utf-8")
    run = kgraph("build", tmp_path / "tw.txt", "-o", tmp_path / "out")
    assert run.code == 0
    assert labels(tmp_path / "out").get("贵溪市") == REGION + "360681"
    rows = _figures(tmp_path / "out")
    assert ("贵溪市", "3531.19", "亿元", "2025") in rows


def test_full_width_digits_read_as_figures_and_years(tmp_path):
    text = "贵溪市铜产业\n\n２０２５年，贵溪市规模以上工业企业实现营业收入３５３１．１９亿元，同比增长７．９％。"
    (tmp_path / "fw.txt").write_text(text, encoding="utf-8")
    assert kgraph("build", tmp_path / "fw.txt", "-o", tmp_path / "out").code == 0
    assert ("贵溪市", "3531.19", "亿元", "2025") in _figures(tmp_path / "out")


def test_zero_width_and_control_characters(tmp_path):
    text = ("石城县\u200b推进\x01改革\x7f\n\n石\u200b城\u200d县今年完成\x0b老旧小区\u202e改造12个，"
            "惠及居民\ufeff300户。\x00\x1b[31m\u2028宁都县\ufffe完成改造5个。")
    (tmp_path / "ctrl.txt").write_text(text, encoding="utf-8")
    run = kgraph("build", tmp_path / "ctrl.txt", "-o", tmp_path / "out")
    assert run.code == 0, run.err
    out = read_outputs(tmp_path / "out")  # the GraphML among them: XML takes no control characters
    assert {"石城县", "宁都县"} <= labels(tmp_path / "out").keys()
    evidence = [t.object.value for t in out["triples"] if t.predicate.value.endswith("#evidence")]
    assert evidence and not any(c in e for e in evidence for c in "\u200b\u200d\x01\x0b\x1b\u202e\ufeff\ufffe")


def _figures(out) -> set[tuple[str, str, str, str]]:
    q = """SELECT ?name ?v ?u ?y WHERE { ?o a kg:Observation ; kg:subject/rdfs:label ?name ; kg:value ?v ;
           kg:unit ?u ; kg:year ?y }"""
    run = kgraph("query", q, "--graph", out / "graph.ttl", "--format", "tsv")
    rows = [line.split("\t") for line in run.out.strip().splitlines()[1:]]
    return {tuple(cell.strip('"').split("^^")[0].split("@")[0].strip('"') for cell in row) for row in rows}
