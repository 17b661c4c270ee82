"""Property-based: for any text a build does not crash, its Turtle parses back to the same triples,
its IRIs are valid, and its page carries no markup from the input; any bytes are read or named."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic
from robust_util import page_data
from test_text import tags

from kgraph.export.html import HtmlExporter
from kgraph.export.html import page_data as expected_page_data
from kgraph.export.rdf import RdfExporter
from kgraph.graph import KnowledgeGraph
from kgraph.ingest.read import Skipped, read_paths

# Pieces of Chinese news (names, cues, figures, page furniture) and of hostile input, mixed with any text.
FRAGMENTS = ["石城县", "贵溪市", "江西省", "赣州市", "南康区", "蓉江街道", "金赣小区", "有限公司", "人民医院",
             "江西铜业集团有限公司", "经开区", "产业集群", "座谈会", "与", "签约", "合作", "共建", "位于", "落户",
             "获评", "荣获",
             "省长", "董事长", "叶建春", "该县", "我省", "２０２５年", "2025年", "3531.19亿元", "同比增长7.9%",
             "一百二十家", "翻番", "，", "。", "；", "、", "“", "”", "\n", "\n\n", "《", "》", "（", "）", "(", ")",
             "<script>", "</script>", "<!--", '"', "'", "\\", "}", "{", "&nbsp;", "&amp;", "&", "<", ">", "]]>",
             "\u200b", "\u202e", "\x00", "\x0b", "\x1b", "\ufeff", "\ufffe", "\ud800", "\udfff", "\u2028", "\r\n",
             "\r", "\t", "#", "# ", "记者 王强", "通讯员 李超摄", "（下转第2版）", "本报讯（记者孙悦）", "貴溪市",
             "億元"]
ANY = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=30).map("".join)
# Any text, or any text inside sentences that surely name entities (so it reaches names, evidence, figures).
TEXT = ANY | st.builds("{0}石城县{1}今年完成改造12个，江西{1}有限公司与贵溪市签约合作{2}。\n{2}".format, ANY, ANY, ANY)
SUFFIXES = [".txt", ".md", ".html", ".jsonl"]
IRI_BAD = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\U0010ffff]')
PROPERTY = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


def as_file(text: str, suffix: str, title: str) -> bytes:
    """``text`` as a crawler might have saved it; lone surrogates become invalid UTF-8 bytes."""
    if suffix == ".jsonl":
        return json.dumps({"id": title, "title": title, "text": text}).encode() + b"\n"
    if suffix == ".html":
        return f"<title>{title}</title><p>{text}</p>".encode("utf-8", "surrogatepass")
    return f"{title}\n\n{text}".encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def empty_page_tags():
    return tags(HtmlExporter().render(KnowledgeGraph()))


@PROPERTY
@given(docs=st.lists(st.tuples(TEXT, st.sampled_from(SUFFIXES), TEXT), min_size=1, max_size=3))
def test_any_text_builds_into_rdf_that_parses_back_and_a_page_without_its_markup(pipeline, tmp_path, empty_page_tags,
                                                                                 docs):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, (text, suffix, title) in enumerate(docs):
        (folder / f"{i}{suffix}").write_bytes(as_file(text, suffix, title))
    result = pipeline.build([folder])  # must not raise, and no document may fail inside the pipeline
    assert not [s for s in result.skipped if "a bug in kgraph" in s.reason], result.skipped
    kg = result.graph

    exporter = RdfExporter()
    exporter.write(kg, tmp_path / "graph.ttl")
    written = (tmp_path / "graph.ttl").read_bytes()
    expected = set(exporter.quads(kg))
    assert set(ox.parse(written, format=ox.RdfFormat.TURTLE)) == expected
    as_nt = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in expected], format=ox.RdfFormat.N_TRIPLES)
    assert isomorphic(rdflib.Graph().parse(data=written, format="turtle"),
                      rdflib.Graph().parse(data=as_nt or b"", format="nt"))
    for q in expected:
        for term in (q.subject, q.predicate, q.object):
            if isinstance(term, ox.NamedNode):
                assert term.value.startswith(("https://", "http://")) and not IRI_BAD.search(term.value), term

    html = HtmlExporter().render(kg)
    assert tags(html) == empty_page_tags  # no element, attribute or comment came from the input
    assert page_data(html) == json.loads(json.dumps(expected_page_data(kg)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_are_read_or_named_in_one_line(tmp_path, data, suffix):
    f = tmp_path / f"input{suffix}"
    f.write_bytes(data)
    for item in read_paths([f]):
        if isinstance(item, Skipped):
            line = str(item)
            assert "\n" not in line and "\r" not in line and line.startswith(str(f))
            line.encode("utf-8")  # printable: no lone surrogate
        else:  # named as typed for messages, by its name (relative to the input given) in the graph
            assert item.path.startswith(str(f)) and item.source.startswith(f.name)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
                        ["id", "text", "title", "date", "url", "source", "x"]), inner, max_size=5), max_leaves=8)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(JSON, min_size=1, max_size=6), ascii_only=st.booleans())
def test_every_jsonl_line_is_a_document_or_one_named_skip(tmp_path, values, ascii_only):
    f = tmp_path / "feed.jsonl"
    f.write_bytes("\n".join(json.dumps(v, ensure_ascii=ascii_only) for v in values).encode("utf-8", "surrogatepass"))
    items = list(read_paths([f]))
    assert len(items) == len(values)
    for n, (value, item) in enumerate(zip(values, items, strict=True), 1):
        if isinstance(item, Skipped):
            assert item.source == f"{f}:{n}" and "\n" not in str(item)
        else:
            assert isinstance(value, dict) and item.text == value["text"]
