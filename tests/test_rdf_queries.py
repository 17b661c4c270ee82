"""The RDF export (contract, formats, validation) and the example queries against the sample build."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.cli import main
from kgraph.export.rdf import JSONLD_CONTEXT, RdfExporter
from kgraph.query.sparql import QueryError, format_results, load_store, run_query
from kgraph.query.validate import validate

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "schema" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def store(sample_build):
    return load_store(sample_build / "graph.ttl")


def rows(store, name: str) -> list[tuple[str, ...]]:
    q = next(p for p in QUERIES if p.name.startswith(name)).read_text(encoding="utf-8")
    res = run_query(store, q)
    return [tuple("" if t is None else t.value for t in r) for r in res.rows]


def test_there_are_at_least_twelve_example_queries_and_each_runs(store):
    assert len(QUERIES) >= 12
    for q in QUERIES:
        run_query(store, q.read_text(encoding="utf-8"))


@pytest.mark.parametrize("query, expected", [
    ("01", ("赣州康晋储能技术有限公司", "赣县区")),
    ("02", ("国家级绿色工厂", "江西九二盐业有限责任公司", "工业和信息化部")),
    ("03", ("2025", "规模以上工业企业营业收入", "3531.19", "亿元", "7.9")),
    ("04", ("叶建春", "省长", "江西省")),
    ("05", ("南方医院赣州医院", "南方医科大学南方医院", "2021")),
    ("09", ("赣州市", "360700")),
    ("11", ("微建议工作推进会", "会昌县", "会昌县委社会工作部")),
    ("12", ("稀土新材料及应用集群", "国家先进制造业集群")),
    ("14", ("江西铜业集团有限公司", "铜基新材料产业园项目", "80", "亿元")),
    ("15", ("年产8万台新能源电机项目", "开工", "2026-03-18", "12", "亿元")),
    ("16", ("江西红星智能制造有限公司", "年产5万套电机控制器项目", "于都县")),
    ("17", ("芦林锂电材料项目", "26", "亿元", "2026-01-28")),
    ("18", ("2026-01-09", "签约", "瑞金市2026年招商引资项目集中签约大会",
            "江西红星智能制造有限公司与瑞金经济技术开发区签约年产8万台新能源电机项目，计划总投资12亿元，达产后年产值可达20亿元。")),
    ("19", ("玉山县", "2025", "53", "2")),
    ("20", ("2024", "296", "亿元", "", "2024年，玉山县地区生产总值为296亿元。")),
    ("21", ("江西玉峰新材料有限公司", "玉山县", "2025", "56.3")),
])
def test_example_query_answers(store, query, expected):
    assert expected in rows(store, query)


def test_sentence_behind_a_fact_is_quoted_with_its_article(store):
    got = rows(store, "06")
    assert any(r[0].endswith("locatedIn") and r[1] == "贵溪市" and "贵溪经开区" in r[2] and r[3] for r in got)


def test_aggregate_over_figures(store):
    """Sums per region and metric, in 亿元 from kg:normalizedValue: each figure counted once."""
    got = {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows(store, "08")}
    assert got[("贵溪市", "规模以上工业企业营业收入", "2025")] == ("3531.19", "1")
    assert all(n == "1" for _, n in got.values())


def test_aggregate_over_the_seed_figures_counts_each_once(seeds_dir, tmp_path):
    main(["build", str(seeds_dir), "-o", str(tmp_path), "--no-html"])
    store = load_store(tmp_path / "graph.ttl")
    got = {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows(store, "08")}
    assert got[("贵溪市", "规模以上工业企业营业收入", "2025")] == ("3531.19", "1")
    assert [v for k, v in got.items() if k[:2] == ("吉安市", "电子信息产业营收")] == [("2400", "1")]
    assert all(n == "1" for _, n in got.values())
    res = run_query(store, """SELECT ?u (COUNT(?o) AS ?n) WHERE { ?o a kg:Observation ; kg:unit ?u ;
        kg:normalizedUnit "元"@zh } GROUP BY ?u""")
    assert {r[0].value for r in res.rows} <= {"亿元", "万元", "元"}


def test_sample_build_conforms_to_the_shapes(sample_build):
    assert validate(sample_build / "graph.ttl") == []


def test_a_broken_code_is_a_violation(sample_build, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text((sample_build / "graph.ttl").read_text(encoding="utf-8").replace('"360703"', '"3607031"'),
                   encoding="utf-8")
    assert any("adcode" in line for line in validate(bad))


def test_validate_says_what_is_wrong_with_a_graph_that_does_not_parse(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\nkg:a kg:b "unclosed .\n', encoding="utf-8")
    undeclared = tmp_path / "undeclared.ttl"
    undeclared.write_text("kg:a kg:b kg:c .\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert main(["validate", str(undeclared)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith(f"kgraph: {bad}: cannot read the graph: ") and "line 2" in err[0] \
        and "Unexpected end of file" in err[0]
    assert "The prefix kg: has not been declared" in err[1]


@pytest.mark.parametrize("fmt, rdflib_format", [
    ("nt", "nt"), ("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_every_format_parses_with_two_parsers(pipeline, samples_dir, tmp_path, fmt, rdflib_format):
    kg = pipeline.build([samples_dir]).graph
    path = tmp_path / f"graph.{fmt}"
    RdfExporter().write(kg, path, fmt)
    ox_quads = list(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(fmt)))
    g = rdflib.Dataset() if fmt in ("nq", "trig") else rdflib.Graph()
    g.parse(path, format=rdflib_format)
    assert len(ox_quads) == len(g) > 100


def test_jsonld_is_compact_and_says_what_the_turtle_says(sample_build, pipeline, samples_dir, tmp_path):
    kg = pipeline.build([samples_dir]).graph
    RdfExporter().write(kg, tmp_path / "graph.jsonld", "jsonld")
    doc = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "schema" / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == shipped["@context"] == JSONLD_CONTEXT["@context"]
    assert any(n.get("rdfs:label") == [{"@language": "zh", "@value": "贵溪市"}] for n in doc["@graph"])

    def triples(path, fmt):
        return {str(t) for t in ox.parse(path=str(path), format=fmt)}

    assert triples(tmp_path / "graph.jsonld", ox.RdfFormat.JSON_LD) == \
        triples(sample_build / "graph.ttl", ox.RdfFormat.TURTLE)
    assert len(rdflib.Graph().parse(tmp_path / "graph.jsonld", format="json-ld")) == \
        len(rdflib.Graph().parse(sample_build / "graph.ttl"))


@pytest.mark.skipif(not shutil.which("rapper"), reason="raptor's rapper is not installed (Debian raptor2-utils)")
@pytest.mark.parametrize("fmt, syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig")])
def test_raptor_parses_every_format(pipeline, samples_dir, tmp_path, fmt, syntax):
    kg = pipeline.build([samples_dir]).graph
    path = tmp_path / f"graph.{fmt}"
    RdfExporter().write(kg, path, fmt)
    out = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"returned {len(list(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(fmt))))} triples" \
        in out.stderr


def test_named_graphs_say_which_article_said_it(pipeline, samples_dir, tmp_path):
    kg = pipeline.build([samples_dir]).graph
    RdfExporter().write(kg, tmp_path / "graph.nq", "nq")
    store = load_store(tmp_path / "graph.nq")
    res = run_query(store, """SELECT ?title WHERE { GRAPH ?a { ?st kg:predicate kg:holdsPositionIn ; kg:subject ?p }
        ?p rdfs:label "叶建春"@zh . ?a dcterms:title ?title }""")
    assert [r[0].value for r in res.rows] == ["把国家区域医疗中心建设好运营好"]


def test_every_entity_has_one_chinese_label_and_regions_their_code(store):
    res = run_query(store, """SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e kg:mentionedIn ?a ; rdfs:label ?l }
                              GROUP BY ?e HAVING (COUNT(DISTINCT ?l) != 1)""")
    assert res.rows == []
    res = run_query(store, 'SELECT ?c WHERE { ?r rdfs:label "吉安县"@zh ; kg:adcode ?c }')
    assert [r[0].value for r in res.rows] == ["360821"]


def test_query_formats_and_errors(store, capsys, sample_build):
    res = run_query(store, 'SELECT ?c WHERE { ?c a kg:County ; rdfs:label "南康区"@zh }')
    assert format_results(res, "csv").splitlines() == ["c", "kgr:region\\/360703"]
    assert '"type": "uri"' in format_results(res, "json")
    with pytest.raises(QueryError, match="syntax"):
        run_query(store, "SELECT WHERE {")
    with pytest.raises(QueryError, match=r"at line 2, column 24"):  # the user's lines, not the prologue's
        run_query(store, "SELECT ?x\nWHERE { ?x a kg:County ")
    assert main(["query", "--file", str(QUERIES[0]), "--graph", str(sample_build / "graph.ttl"),
                 "--limit", "1", "--format", "tsv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_printed_iris_paste_back_into_a_query(store, sample_build, capsys, fmt):
    """Every IRI `kgraph query` prints, in every text format, is one a query takes as it is."""
    graph = str(sample_build / "graph.ttl")
    q = ("SELECT DISTINCT ?s ?p ?c WHERE { ?s ?p ?o . ?s a ?c . "
         "FILTER(?c IN (kg:County, kg:Article, kg:Statement, kg:Enterprise, kg:Observation)) } ORDER BY ?s ?p")
    assert main(["query", q, "--graph", graph, "--format", fmt]) == 0
    lines = capsys.readouterr().out.splitlines()
    sep = {"table": None, "csv": ",", "tsv": "\t"}[fmt]
    body = lines[2:-1] if fmt == "table" else lines[1:]
    cells = {c for line in body for c in (line.split(sep) if sep else line.split())}
    assert any(c.startswith("kgr:region") for c in cells) and any(c.startswith("kgr:article") for c in cells)
    for cell in sorted(cells)[:60] + sorted(cells)[-20:]:
        assert main(["query", f"SELECT ?x WHERE {{ VALUES ?x {{ {cell} }} }}", "--graph", graph,
                     "--format", fmt]) == 0
        out = capsys.readouterr().out.splitlines()
        assert cell in out[2 if fmt == "table" else 1], (cell, out)


def test_a_pasted_slash_gets_a_readable_error_with_the_fix(sample_build, capsys):
    graph = str(sample_build / "graph.ttl")
    assert main(["query", "SELECT ?p WHERE { kgr:region/360703 ?p ?o }", "--graph", graph]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("kgraph: SPARQL syntax error at line 1, column ")
    assert "<https://w3id.org/kgraph/id/region/360703>" in err[0] and "kgr:region\\/360703" in err[0]
    assert "\\u{" not in err[0]  # not the parser's character classes
    assert main(["query", "SELECT ?x WHERE { ?x a foo:County }", "--graph", graph]) == 2
    assert "the prefix foo: is not declared" in capsys.readouterr().err


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=12))
def test_any_iri_prints_in_a_form_that_parses_back(local):
    from kgraph.export.rdf import KGR
    from kgraph.query.sparql import pasteable

    try:
        iri = ox.NamedNode(KGR + local)
    except ValueError:
        return
    res = run_query(ox.Store(), f"SELECT ?x WHERE {{ VALUES ?x {{ {pasteable(iri)} }} }}")
    assert res.rows[0][0] == iri
