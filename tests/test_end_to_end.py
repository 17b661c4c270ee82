"""The whole tool as a user runs it: build the seed pages, query, show."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import rdflib

from kgraph.cli import main


def test_build_seeds_then_query_and_show(seeds_dir, tmp_path, capsys):
    assert main(["build", str(seeds_dir), "-o", str(tmp_path)]) == 0
    ttl = tmp_path / "graph.ttl"
    assert ttl.exists() and (tmp_path / "graph.html").exists()
    # Two independent parsers accept the Turtle.
    assert len(rdflib.Graph().parse(ttl, format="turtle")) > 100
    assert len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))) > 100
    capsys.readouterr()
    assert main(["query", "SELECT ?l WHERE { ?c a kg:County ; rdfs:label ?l } ORDER BY ?l",
                 "--graph", str(ttl), "--format", "csv"]) == 0
    counties = capsys.readouterr().out.splitlines()[1:]
    assert "赣县区" in counties and "石城县" in counties
    assert main(["show", "赣县区", "--graph", str(ttl)]) == 0
    shown = capsys.readouterr().out
    assert "360704" in shown and "赣州市" in shown and "江西省" in shown


def test_seed_pages_give_the_entities_users_look_for(seeds_dir, tmp_path, capsys):
    main(["build", str(seeds_dir), "-o", str(tmp_path), "--no-html"])
    capsys.readouterr()
    assert main(["query", "SELECT ?l ?c WHERE { ?e rdfs:label ?l ; a ?c ; kg:mentionedIn ?a }",
                 "--graph", str(tmp_path / "graph.ttl"), "--format", "tsv"]) == 0
    found = set(capsys.readouterr().out.splitlines())
    for name, cls in [("贵溪市", "County"), ("江西立讯智造有限公司", "Enterprise"), ("南方医院赣州医院", "Hospital"),
                      ("贵溪经开区", "IndustrialPark"), ("叶建春", "Person")]:
        assert f"{name}\tkg:{cls}" in found


def test_syntax_error_is_one_line_and_exit_2(seeds_dir, tmp_path):
    main(["build", str(seeds_dir), "-o", str(tmp_path), "--no-html"])
    p = subprocess.run([sys.executable, "-m", "kgraph", "query", "SELECT ?x WHERE { ?x ",
                        "--graph", str(tmp_path / "graph.ttl")], capture_output=True, text=True)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "syntax" in p.stderr.lower()
    assert "Traceback" not in p.stderr


def test_same_input_same_bytes(seeds_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    main(["build", str(seeds_dir), "-o", str(a)])
    main(["build", str(seeds_dir), "-o", str(b)])
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    assert (a / "graph.html").read_bytes() == (b / "graph.html").read_bytes()


def test_show_names_an_article_without_a_title_by_its_file(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text("本报讯 江西省人民医院与宁都县人民医院签约组建紧密型医联体，双方将共建胸痛中心。\n",
                                  encoding="utf-8")
    main(["build", str(src), "-o", str(tmp_path / "out"), "--no-html"])
    capsys.readouterr()
    assert main(["show", "宁都县人民医院", "--graph", str(tmp_path / "out" / "graph.ttl")]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("  mentioned in: ") and last.endswith("page.txt")


def test_readme_command_table_lists_every_command():
    import re
    from pathlib import Path

    from kgraph.cli import make_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `kgraph (\w+)", readme, re.M))
    commands = set(make_parser()._subparsers._group_actions[0].choices)
    assert listed == commands


def test_the_package_says_its_licence_as_an_spdx_expression():
    """A licence table is deprecated: setuptools warned on every install."""
    import importlib.metadata
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert importlib.metadata.metadata("kgraph")["License-Expression"] == "MIT"
