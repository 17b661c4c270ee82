"""Kept builds (`kgraph build --update DIR`) on articles written for these tests: every field a full build
gives a figure, a project's stages and two written forms of one project come out of any sequence of updates
as one build of all the articles writes them, byte for byte."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.cli import main
from kgraph.store import open_snapshot

OUTPUTS = ("graph.ttl", "graph.nt", "graph.nq", "graph.html", "graph.graphml")
FORMATS = ("--rdf-format", "nt", "--rdf-format", "nq")

ARTICLES = {
    # a period, a target, an approximate figure; the project written with its investor's name, and its stage
    "a": ("石城县前三季度经济运行平稳", "2026-10-20",
          "1-9月，石城县地区生产总值完成120.5亿元，同比增长6.1%。全县固定资产投资约45亿元，力争全年达到60亿元。\n"
          "3月18日，石城县红星智能制造有限公司年产8万台电机项目在石城工业园区开工，项目总投资12亿元。"),
    # the same project without its investor's name: one node with the one above; a range and a forecast
    "b": ("电机项目投产", "2026-11-02",
          "11月2日，位于石城县的年产8万台电机项目正式投产，项目投资总额12亿元，预计年产值3至5亿元。\n"
          "一季度，石城县全社会固定资产投资同比增长8.2%。"),
    # an event with its date, a signing (a stage and an investor), a county's figures over the years
    "c": ("石城县举行招商推介会", "2026-04-02",
          "4月2日，2026年石城县招商推介会在石城县举行，现场签约项目15个，签约金额超80亿元。\n"
          "会上，赣州华兴电子有限公司与石城县签约智能终端产业园项目，计划总投资20亿元。\n"
          "2025年，石城县地区生产总值112.3亿元。2024年，石城县地区生产总值105.8亿元。"),
    # the short form again, with a new stage: what is said of a joined project
    "d": ("电机项目达产", "2026-12-01",
          "12月1日，年产8万台电机项目全面达产，年产值超过4亿元。"),
    # a park in full, then in its common short form in another article: one node
    "f": ("园区引进企业", "2026-10-01", "宁都县高新技术产业园区今年新引进企业12家，园区规上工业企业达到86家。"),
    "g": ("园区签约", "2026-10-08", "10月8日，宁都高新区举行项目签约仪式，共签约项目9个，签约金额42亿元。"),
    # another investor's project of the same short name: the short form is no longer one project's
    "e": ("又一电机项目签约", "2026-12-05",
          "12月5日，石城县蓝天动力科技有限公司年产8万台电机项目签约，项目总投资9亿元。"),
}


def write(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        title, day, body = ARTICLES[name]
        (folder / f"{name}.md").write_text(f"---\ntitle: {title}\ndate: {day}\n---\n{body}\n", encoding="utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def full_build(tmp_path: Path, names: str) -> Path:
    out = tmp_path / f"full-{names}"
    assert main(["build", str(write(tmp_path / f"in-{names}", *names)), "-o", str(out), *FORMATS]) == 0
    return out


def kept_build(tmp_path: Path, batches: list[str]) -> Path:
    out = tmp_path / ("kept-" + "-".join(batches))
    for batch in batches:
        assert main(["build", "--update", str(out), str(write(tmp_path / f"in-{batch}", *batch)), *FORMATS]) == 0
    return out


def store_triples(folder: Path) -> set[str]:
    path, _ = open_snapshot(folder)
    return {str(q.triple) for q in ox.Store.read_only(str(path))}


def labels(folder: Path, cls: str) -> list[str]:
    from kgraph.query.sparql import load_store, run_query

    store = load_store(str(folder / "graph.ttl"))
    rows = run_query(store, f"SELECT ?l WHERE {{ ?p a kg:{cls} ; rdfs:label ?l }} ORDER BY ?l").rows
    return [r[0].value for r in rows]


@pytest.mark.parametrize("batches", [["a", "b", "c"], ["c", "b", "a"], ["b", "ac"]])
def test_a_kept_build_gives_figures_stages_and_projects_as_a_full_build_does(tmp_path, batches):
    full = full_build(tmp_path, "abc")
    ttl = (full / "graph.ttl").read_text(encoding="utf-8")
    # what must come through: each field of a figure, the stages with their dates, the project's two forms joined
    for needed in ("kg:indicator kgi:total-investment", 'kg:period "1-9月"@zh', 'kg:status "target"',
                   'kg:status "forecast"', "kg:approximate true", "kg:valueMax", 'kg:stage "开工"@zh',
                   '"投产"@zh', 'kg:stage "签约"@zh', 'kg:date "2026-03-18"^^xsd:date'):
        assert needed in ttl, needed
    assert "石城县红星智能制造有限公司年产8万台电机项目" in labels(full, "Project")
    assert "年产8万台电机项目" not in labels(full, "Project")
    kept = kept_build(tmp_path, batches)
    assert outputs(kept) == outputs(full)  # graph.ttl, .nt, .nq, the page and the GraphML, byte for byte
    nt = {str(t) for t in ox.parse(path=str(full / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert store_triples(kept) == nt


def test_an_update_naming_a_project_in_its_other_form_joins_them_as_a_full_build_does(tmp_path, monkeypatch):
    import kgraph.incremental as incremental

    rebuilt = []
    whole = incremental.rebuild_store
    monkeypatch.setattr(incremental, "rebuild_store", lambda *a: rebuilt.append(1) or whole(*a))
    kept = kept_build(tmp_path, ["a"])
    assert "年产8万台电机项目" not in labels(kept, "Project")
    kept = kept_build(tmp_path, ["a", "b"])  # the same folder, one update more
    full = full_build(tmp_path, "ab")
    assert (kept / "graph.ttl").read_bytes() == (full / "graph.ttl").read_bytes()
    assert outputs(kept) == outputs(full)
    assert labels(kept, "Project") == ["石城县红星智能制造有限公司年产8万台电机项目"]
    assert rebuilt == [1]  # joined: the store and the files made again from the state
    # an update saying more of the joined project (in place: it costs what it touches), then one that parts the
    # join (two projects of that short name)
    for names, rebuilds in (("abd", 1), ("abde", 2)):
        assert main(["build", "--update", str(kept), str(write(tmp_path / f"in-{names[-1]}", names[-1])),
                     *FORMATS]) == 0
        assert len(rebuilt) == rebuilds
        full = full_build(tmp_path, names)
        assert outputs(kept) == outputs(full), names
        nt = {str(t) for t in ox.parse(path=str(full / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
        assert store_triples(kept) == nt
    assert "年产8万台电机项目" in labels(kept, "Project")  # parted: the short form is a node again


@pytest.mark.parametrize("batches", [["f", "g"], ["g", "f"]])
def test_a_park_named_in_full_and_short_in_two_updates_is_one_node_as_in_a_full_build(tmp_path, batches):
    full = full_build(tmp_path, "fg")
    assert labels(full, "IndustrialPark") == ["宁都县高新技术产业园区"]
    kept = kept_build(tmp_path, batches)
    assert outputs(kept) == outputs(full)
    nt = {str(t) for t in ox.parse(path=str(full / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert store_triples(kept) == nt


def test_a_state_kept_by_an_earlier_format_is_refused_not_misread(tmp_path, capsys):
    kept = kept_build(tmp_path, ["a"])
    with sqlite3.connect(kept / ".kgraph" / "state.sqlite") as db:  # as kgraph before figures had indicators
        db.execute("UPDATE meta SET value = '2' WHERE name = 'format'")
    before = outputs(kept)
    capsys.readouterr()
    assert main(["build", "--update", str(kept), str(write(tmp_path / "in-b", "b"))]) == 1
    err = capsys.readouterr().err
    assert "state format 2" in err and "rebuild from all the articles" in err
    assert outputs(kept) == before
