"""The SPARQL endpoint, talked to with a real client over a real socket on 127.0.0.1."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kgraph.query.server import Limits, refuse_reason, serve
from kgraph.query.sparql import load_store, open_store, run_query, write_store

COUNTIES = "PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT ?c WHERE { ?c a kg:County } ORDER BY ?c"


@pytest.fixture(scope="module")
def endpoint(sample_build):
    server = serve(sample_build / "graph.ttl", port=0, limits=Limits(seconds=2.0, rows=5, body_bytes=10_000),
                   page=sample_build / "graph.html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()


def client(endpoint: str, query: str, fmt=JSON, method: str = "GET") -> SPARQLWrapper:
    s = SPARQLWrapper(f"{endpoint}/sparql")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setMethod(method)
    return s


def test_select_in_json_xml_csv_by_get_and_post(endpoint):
    res = client(endpoint, COUNTIES).queryAndConvert()
    uris = [b["c"]["value"] for b in res["results"]["bindings"]]
    assert uris[0].startswith("https://w3id.org/kgraph/id/region/36")
    assert client(endpoint, COUNTIES, JSON, "POST").queryAndConvert() == res
    xml = client(endpoint, COUNTIES, XML).queryAndConvert()
    assert xml.getElementsByTagName("uri")[0].firstChild.data == uris[0]
    csv = client(endpoint, COUNTIES, CSV).queryAndConvert().decode("utf-8").splitlines()
    assert csv[0] == "c" and csv[1] == uris[0]


def test_construct_gives_turtle(endpoint):
    req = urllib.request.Request(
        f"{endpoint}/sparql", method="POST", headers={"Content-Type": "application/sparql-query",
                                                      "Accept": "text/turtle"},
        data=b'CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a kg:County ; rdfs:label ?l } LIMIT 2')
    with urllib.request.urlopen(req) as r:
        assert r.headers["Content-Type"].startswith("text/turtle")
        assert "@zh" in r.read().decode("utf-8")


def test_result_cap_is_said(endpoint):
    with urllib.request.urlopen(f"{endpoint}/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D") as r:
        assert r.headers["X-Kgraph-Truncated"] == "true"
        assert r.read().count(b'"s"') == 5 + 1  # five rows and the head


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "LOAD <http://example.org/data.ttl>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_updates_load_and_service_are_refused(endpoint, query):
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as e:
        client(endpoint, query, JSON, "POST").query()
    assert getattr(e.value, "code", None) == 403 or "403" in str(e.value)


def test_update_endpoint_is_forbidden(endpoint):
    req = urllib.request.Request(f"{endpoint}/sparql", method="POST", data=b"DELETE WHERE { ?s ?p ?o }",
                                 headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 403


def test_keywords_inside_strings_are_not_updates():
    assert refuse_reason('SELECT ?s WHERE { ?s rdfs:label "INSERT DATA LOAD" }') is None
    assert refuse_reason("SELECT ?insert WHERE { ?insert a <http://x/LOAD> } # DROP") is None
    assert refuse_reason("SELECT * WHERE { SERVICE <x:y> {} }") is not None
    assert refuse_reason("PREFIX : <http://x/> CLEAR ALL") is not None


def test_syntax_error_400_and_body_limit_413(endpoint):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"{endpoint}/sparql?query=SELECT%20WHERE%20%7B")
    assert e.value.code == 400 and b"syntax" in e.value.read()
    big = urllib.request.Request(f"{endpoint}/sparql", method="POST", data=b"x" * 20_000,
                                 headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(big)
    assert e.value.code == 413


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_slow_query_is_stopped_and_the_endpoint_goes_on(endpoint):
    req = urllib.request.Request(f"{endpoint}/sparql", method="POST", data=SLOW.encode(),
                                 headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 503 and b"stopped" in e.value.read()
    # the query's worker was killed and replaced: both workers answer again, and nothing else runs
    for _ in range(3):
        assert client(endpoint, COUNTIES).queryAndConvert()["results"]["bindings"]
    import multiprocessing

    assert len(multiprocessing.active_children()) == 2


def test_no_cors_by_default_and_one_origin_with_cors(endpoint, sample_build):
    """By default no other site's page may read the answers; --cors ORIGIN lets that one origin."""
    with urllib.request.urlopen(f"{endpoint}/sparql?query=ASK%7B%7D") as r:
        assert "Access-Control-Allow-Origin" not in r.headers
    with urllib.request.urlopen(urllib.request.Request(f"{endpoint}/sparql", method="OPTIONS")) as r:
        assert r.status == 204 and "Access-Control-Allow-Origin" not in r.headers
    server = serve(sample_build / "graph.ttl", port=0, limits=Limits(workers=1), cors="https://yasgui.example")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{server.url}/sparql", method="OPTIONS")) as r:
            assert r.status == 204 and "POST" in r.headers["Access-Control-Allow-Methods"]
            assert r.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        with urllib.request.urlopen(f"{server.url}/sparql?query=ASK%7B%7D") as r:
            assert r.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("accept, query, status, ctype", [
    ("image/png", COUNTIES, 406, None),
    ("text/html, application/pdf;q=0.5", COUNTIES, 406, None),
    ("application/sparql-results+json;q=0, image/png", COUNTIES, 406, None),  # q=0: refused
    ("text/turtle", COUNTIES, 406, None),  # a format served, but not for a table
    ("application/sparql-results+json", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", 406, None),
    ("text/*", COUNTIES, 200, "text/xml"),
    ("*/*", COUNTIES, 200, "application/sparql-results+json"),
    ("", COUNTIES, 200, "application/sparql-results+json"),
    ("image/png, text/tab-separated-values;q=0.3", COUNTIES, 200, "text/tab-separated-values"),
    ("application/n-triples", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", 200, "application/n-triples"),
])
def test_accept_that_names_no_format_served_is_406(endpoint, accept, query, status, ctype):
    req = urllib.request.Request(f"{endpoint}/sparql", method="POST", data=query.encode(),
                                 headers={"Content-Type": "application/sparql-query", "Accept": accept})
    if status == 406:
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req)
        assert e.value.code == 406
        said = e.value.read().decode()
        assert f"({accept})" in said and "is served here; this endpoint serves " in said
        return
    with urllib.request.urlopen(req) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith(ctype)


def test_query_page_and_graph_page(endpoint):
    with urllib.request.urlopen(f"{endpoint}/") as r:
        html = r.read().decode("utf-8")
    assert "<textarea" in html and 'href="graph.html"' in html
    with urllib.request.urlopen(f"{endpoint}/graph.html") as r:
        assert b"vis.Network" in r.read()


def test_persistent_store_answers_like_the_file(sample_build, tmp_path):
    write_store(sample_build / "graph.ttl", tmp_path / "store")
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    a = run_query(open_store(tmp_path / "store"), q).rows[0][0].value
    b = run_query(load_store(sample_build / "graph.ttl"), q).rows[0][0].value
    assert a == b and int(a) > 500


def test_build_store_then_serve_it_from_the_command_line(samples_dir, tmp_path):
    """`kgraph build --store` and `kgraph serve --store` as a user runs them, over a real socket."""
    import socket
    import subprocess
    import sys
    import time

    kgraph = [sys.executable, "-m", "kgraph.cli"]
    subprocess.run([*kgraph, "build", str(samples_dir), "-o", str(tmp_path), "--no-html", "--store",
                    str(tmp_path / "store")], check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*kgraph, "serve", "--store", str(tmp_path / "store"), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        assert f"127.0.0.1:{port}/sparql" in proc.stderr.readline()
        deadline = time.monotonic() + 20
        while True:
            try:
                res = client(f"http://127.0.0.1:{port}", COUNTIES).queryAndConvert()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        labels = run_query(load_store(tmp_path / "graph.ttl"), COUNTIES.split("> ", 1)[1])
        assert [b["c"]["value"] for b in res["results"]["bindings"]] == [r[0].value for r in labels.rows]
    finally:
        proc.terminate()
        proc.wait(10)
    # the query workers go with the server: a stopped service leaves no process behind
    deadline = time.monotonic() + 10
    while _processes_serving(tmp_path / "store") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_serving(tmp_path / "store") == []


def _processes_serving(store) -> list[int]:
    """The processes whose command line serves ``store`` (Linux: /proc)."""
    import pathlib

    out = []
    for cmdline in pathlib.Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in args and str(store).encode() in args:
            out.append(int(cmdline.parent.name))
    return out
