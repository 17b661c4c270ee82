"""Bad files: each is named on stderr in one line with its reason, and the rest of the batch is built."""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from robust_util import (
    COUNTIES,
    REGION,
    article,
    article_count,
    kgraph,
    labels,
    long_body,
    read_outputs,
    skip_lines,
    skipped_for,
)
from zhconv_rs import zhconv

ROOT = Path(__file__).resolve().parents[2]



def pdf() -> bytes:
    """A small real PDF: header, a compressed content stream, a trailer."""
    stream = zlib.compress("BT /F1 12 Tf 72 712 Td (石城县今年完成改造) Tj ET".encode())
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode()
            + b" /Filter /FlateDecode >>\nstream\n" + stream
            + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def jpeg() -> bytes:
    header = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return header + random.Random(1).randbytes(3000) + b"\xff\xd9"


@pytest.fixture
def good(tmp_path) -> Path:
    """A folder holding one good article, to show that a batch goes on around bad files."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(0, "石城县"), encoding="utf-8")
    return folder


def test_empty_and_blank_files(good, tmp_path):
    (good / "empty.txt").write_bytes(b"")
    (good / "blank.md").write_bytes(b" \n\n\t \r\n")
    (good / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    run = kgraph("build", good, "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "empty.txt") == "empty file"
    assert skipped_for(run, "blank.md") == "empty file (only white space)"
    assert skipped_for(run, "bom-only.txt").startswith("empty file")
    assert len(skip_lines(run)) == 3
    assert REGION + "360735" in labels(tmp_path / "out").values()



def test_a_file_with_no_article_in_it_is_named_and_the_counts_add_up(good, tmp_path):
    """A file holding only a title (or a byline): no body text, no article; said like every other skip."""
    (good / "title.txt").write_text("石城县\n", encoding="utf-8")
    (good / "byline.md").write_text("# 宁都县新闻\n\n记者 王小明\n", encoding="utf-8")
    (good / "feed.jsonl").write_text('{"id": "a", "text": "于都县"}\n', encoding="utf-8")
    run = kgraph("build", good, "-o", tmp_path / "out")
    assert run.code == 3
    for name in ("title.txt", "byline.md", "feed.jsonl#a"):
        assert skipped_for(run, name).startswith("no article in it")
    assert len(skip_lines(run)) == 3
    assert run.out.splitlines()[0] == "read 1 document, 1 article (3 skipped)"
    alone = kgraph("build", good / "title.txt", "-o", tmp_path / "none")
    assert alone.code == 1 and skipped_for(alone, "title.txt").startswith("no article in it")


def test_binary_files_are_named_with_what_they_are(good, tmp_path):
    (good / "scan.txt").write_bytes(pdf())
    (good / "photo.txt").write_bytes(jpeg())
    (good / "noise.txt").write_bytes(random.Random(2).randbytes(4096))
    (good / "noise.html").write_bytes(random.Random(3).randbytes(600))
    (good / "report.pdf").write_bytes(pdf())  # in a folder, only article suffixes are read
    named = tmp_path / "given.pdf"
    named.write_bytes(pdf())  # named on the command line, it is read and refused
    run = kgraph("build", good, named, "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "scan.txt").startswith("a PDF document, not text")
    assert skipped_for(run, "given.pdf").startswith("a PDF document, not text")
    assert skipped_for(run, "photo.txt") == "a JPEG image, not text"
    assert "binary" in skipped_for(run, "noise.txt")
    assert "binary" in skipped_for(run, "noise.html")
    assert len(skip_lines(run)) == 5
    assert article_count(tmp_path / "out") == 1


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    text = article(1, "宁都县") + "本报记者采访了当地居民。"
    if encoding == "gb18030":
        text += "𠀀㐀"  # beyond GBK: four-byte GB18030
    if encoding == "big5":
        text = zhconv(text, "zh-hant")  # Big5 holds traditional characters
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    run = kgraph("build", f, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    found = labels(tmp_path / "out")
    assert found.get("宁都县") == REGION + "360730"  # decoded right (traditional read as simplified)


def test_mixed_encodings_in_one_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    encodings = ["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-8-sig", "utf-16-le"]
    chosen = dict(zip(encodings, COUNTIES, strict=False))
    for i, (enc, county) in enumerate(chosen.items()):
        text = article(i, county)
        if enc == "big5":
            text = zhconv(text, "zh-hant")
        (folder / f"{i}-{enc}.txt").write_bytes(text.encode(enc))
    (folder / "page.html").write_bytes(
        f'<meta charset="gb2312"><title>{"全南县"}</title><p>{article(9, "全南县")}</p>'.encode("gbk"))
    run = kgraph("build", folder, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    found = labels(tmp_path / "out")
    for county in [*chosen.values(), "全南县"]:
        assert found.get(county) == REGION + COUNTIES[county], county
    assert article_count(tmp_path / "out") == len(chosen) + 1


def test_a_200_mb_single_line_file_is_skipped_at_once_by_its_size(good, tmp_path):
    chunk = "".join(article(i).replace("\n", "") for i in range(6000)).encode()[:1_000_000]
    chunk = chunk[: chunk.rfind("。".encode()) + 3].ljust(1_000_000)  # whole characters, 1 MB
    with open(good / "dump.txt", "wb") as f:  # 200 MB of text with no line break (written in 0.3 s)
        for _ in range(200):
            f.write(chunk)
    run = kgraph("build", good, "-o", tmp_path / "out")
    (good / "dump.txt").unlink()
    assert run.code == 3
    assert skipped_for(run, "dump.txt") == "file of 200.0 MB, over the limit of 20 MB (--max-file-mb raises it)"
    assert article_count(tmp_path / "out") == 1


def test_the_size_cap_is_the_one_the_user_sets(tmp_path):
    """A real single-line file over a lowered cap is skipped; under a raised one it is read through."""
    line = "".join(article(i).replace("\n", "") for i in range(400))  # ~60 KB, one line
    f = tmp_path / "oneline.txt"
    f.write_text(line, encoding="utf-8")
    low = kgraph("build", f, "-o", tmp_path / "low", "--max-file-mb", "0.05")
    assert low.code == 1 and not (tmp_path / "low").exists()
    assert "over the limit of 0.05 MB (--max-file-mb raises it)" in skipped_for(low, "oneline.txt")
    high = kgraph("build", f, "-o", tmp_path / "high", "--max-file-mb", "0.1")
    assert high.code == 0
    found = labels(tmp_path / "high")
    assert all(found.get(c) == REGION + code for c, code in COUNTIES.items())  # the whole line was read
    assert kgraph("build", f, "-o", tmp_path / "x", "--max-file-mb", "0").code == 2


def test_a_very_long_article_is_read_whole_in_bounded_memory(tmp_path):
    """1M characters in one article: built to its end (the county named last is found), memory bounded."""
    body = long_body(9000) + "龙南市今年完成老旧小区改造十二个。\n"  # named nowhere else
    assert len(body) > 1_000_000
    f = tmp_path / "long.txt"
    f.write_text("长文\n\n" + body, encoding="utf-8")
    code = ("import resource, sys; from kgraph.cli import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")
    res = subprocess.run([sys.executable, "-c", code, "build", str(f), "-o", str(tmp_path / "out"), "--no-html"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    peak_mb = int(res.stdout.split()[-1]) / 1024
    assert peak_mb < 1024, f"{peak_mb:.0f} MB for a 1M-character article"
    assert labels(tmp_path / "out").get("龙南市") == REGION + "360783"
    assert article_count(tmp_path / "out") == 1


def test_a_long_text_without_full_stops_builds_like_one_with_them(tmp_path):
    """300k characters joined by commas only (no 。！？): the text is one 'sentence', and a build that weighed
    its mentions against each other took hours; it is cut at clause marks, so it builds (in a subprocess with
    a timeout far above what it takes) and every piece of evidence is of a readable length."""
    from kgraph.nlp.sentences import MAX_SENTENCE

    body = long_body(2700).replace("。", "，").replace("\n", "") + "龙南市今年完成老旧小区改造十二个，"
    assert len(body) > 300_000 and not any(c in body for c in "。！？!?\n")
    f = tmp_path / "commas.txt"
    f.write_text("长文\n\n" + body, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "kgraph.cli", "build", str(f), "-o", str(tmp_path / "out"),
                          "--no-html"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    found = labels(tmp_path / "out")
    assert found.get("龙南市") == REGION + "360783"  # read to its end
    assert found.get("石城县") == REGION + "360735"
    evidence = [t.object.value for t in ox.parse(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
                if t.predicate.value == "https://w3id.org/kgraph/ontology#evidence"]
    assert evidence and max(len(e) for e in evidence) <= MAX_SENTENCE
    assert all(e.endswith(("，", "个")) for e in evidence)  # cut after a clause mark, not inside a word


def test_symbolic_link_loops_and_broken_links(good, tmp_path):
    (good / "sub").mkdir()
    (good / "sub" / "inner.txt").write_text(article(4, "兴国县"), encoding="utf-8")
    (good / "sub" / "back").symlink_to("..")  # a folder loop
    (good / "a.txt").symlink_to("b.txt")  # a file loop
    (good / "b.txt").symlink_to("a.txt")
    (good / "gone.txt").symlink_to("nowhere.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(article(5, "会昌县"), encoding="utf-8")
    (good / "linked").symlink_to(elsewhere)  # a link to a folder outside is followed
    run = kgraph("build", good, "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "back").startswith("symbolic link loop")
    assert skipped_for(run, "a.txt") == "symbolic link loop"
    assert skipped_for(run, "b.txt") == "symbolic link loop"
    assert skipped_for(run, "gone.txt") == "broken symbolic link (to nowhere.txt)"
    assert len(skip_lines(run)) == 4
    found = labels(tmp_path / "out")
    assert {"石城县", "兴国县", "会昌县"} <= found.keys()
    assert article_count(tmp_path / "out") == 3  # inner.txt once, though reachable through the loop


def test_a_fifo_is_refused_not_waited_on(good, tmp_path):
    os.mkfifo(good / "pipe.txt")
    code = "import sys; from kgraph.cli import main; sys.exit(main(sys.argv[1:]))"
    res = subprocess.run([sys.executable, "-c", code, "build", str(good), "-o", str(tmp_path / "out"), "--no-html"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 3
    assert res.stderr.strip().endswith("pipe.txt: skipped: not a regular file (a FIFO)")


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def _drop_file_permission_override() -> None:
    """In the child: give up root's power to read any file, so file modes apply as to anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_unreadable_file_and_folder(good, tmp_path):
    (good / "secret.txt").write_text(article(6, "寻乌县"), encoding="utf-8")
    (good / "secret.txt").chmod(0)
    (good / "locked").mkdir()
    (good / "locked" / "inside.txt").write_text(article(7, "安远县"), encoding="utf-8")
    (good / "locked").chmod(0)
    try:
        code = "import sys; from kgraph.cli import main; sys.exit(main(sys.argv[1:]))"
        cmd = [sys.executable, "-c", code, "build", str(good), "-o", str(tmp_path / "out"), "--no-html"]
        # As root, mode 000 stops nothing; the build then runs without root's override, as a user's would.
        preexec = _drop_file_permission_override if os.geteuid() == 0 else None
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, preexec_fn=preexec)
        except subprocess.SubprocessError as e:
            pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE to test file modes: {e}")
        err = res.stderr.splitlines()
        assert res.returncode == 3, res.stderr
        assert any(line.endswith("secret.txt: skipped: permission denied") for line in err)
        assert any(line.endswith("locked: skipped: folder not readable: permission denied") for line in err)
        assert len(err) == 2
    finally:
        (good / "locked").chmod(0o755)


def test_paths_that_do_not_exist(good, tmp_path):
    run = kgraph("build", good, tmp_path / "missing", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "missing") == "no such file or folder"
    assert skipped_for(run, "missing.txt") == "no such file or folder"
    alone = kgraph("build", tmp_path / "missing", "-o", tmp_path / "out2")
    assert alone.code == 1 and not (tmp_path / "out2").exists()
    assert alone.err[-1] == "kgraph: no articles found in the inputs: nothing written"


def test_file_names_that_are_not_utf8_or_hold_a_newline(good, tmp_path):
    gbk_name = os.fsencode(good) + b"/" + "瑞金报道".encode("gbk") + b".txt"
    with open(gbk_name, "wb") as f:
        f.write(article(8, "大余县").encode())
    (good / "bad\nname.txt").write_bytes(b"")
    run = kgraph("build", good, "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "bad\\nname.txt") == "empty file"  # one line: the newline written as \n
    out = read_outputs(tmp_path / "out")
    sources = {str(t.object.value) for t in out["triples"] if t.predicate.value.endswith("/source")}
    assert "瑞金报道.txt" in sources  # a Windows zip's GBK name, read as such (relative to the folder given)


def test_a_build_does_not_depend_on_where_its_folder_sits(tmp_path, monkeypatch):
    """Two copies of a folder in different places, one named relative and one absolute: the same bytes;
    the graph names each file relative to the folder given, messages name it as the user typed it."""
    for where in ("one/articles", "two/deeper/copy"):
        folder = tmp_path / where
        (folder / "sub").mkdir(parents=True)
        (folder / "a.txt").write_text(article(1, "石城县"), encoding="utf-8")
        (folder / "sub" / "b.md").write_text(article(2, "宁都县"), encoding="utf-8")
        (folder / "sub" / "feed.jsonl").write_text('{"id": "r1", "text": "于都县推进改造\\n\\n于都县完成改造3个。"}\n',
                                                   encoding="utf-8")
        (folder / "title.txt").write_text("会昌县\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "one")
    first = kgraph("build", "articles", "-o", tmp_path / "out1")
    second = kgraph("build", tmp_path / "two/deeper/copy", "-o", tmp_path / "out2")
    assert first.code == second.code == 3
    for name in ("graph.ttl", "graph.html", "graph.graphml"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()
    sources = {t.object.value for t in read_outputs(tmp_path / "out1")["triples"]
               if t.predicate.value.endswith("/source")}
    assert sources == {"a.txt", "sub/b.md", "sub/feed.jsonl#r1"}
    assert skip_lines(first) == ["kgraph: articles/title.txt: skipped: no article in it: only a title, headings, "
                                 "bylines or captions, no body text"]
    assert skip_lines(second)[0].startswith(f"kgraph: {tmp_path}/two/deeper/copy/title.txt: skipped:")
    assert kgraph("build", tmp_path / "two/deeper/copy/a.txt", "-o", tmp_path / "out3").code == 0
    assert "a.txt" in {t.object.value for t in read_outputs(tmp_path / "out3")["triples"]
                       if t.predicate.value.endswith("/source")}


def test_ten_thousand_small_files(tmp_path):
    folder = tmp_path / "many"
    for i in range(10_000):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = article(i) if i % 1000 == 999 else f"简讯{i}\n\n今日第{i}条消息。"
        (sub / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    open_before = len(os.listdir("/proc/self/fd"))
    run = kgraph("build", folder, "-o", tmp_path / "out", "--no-html")
    assert run.code == 0, run.err[:5]
    assert "read 10000 documents, 10000 articles (0 skipped)" in run.out
    assert article_count(tmp_path / "out") == 10_000
    assert {article(i).split("推进")[0] for i in range(999, 10_000, 1000)} <= labels(tmp_path / "out").keys()
    assert len(os.listdir("/proc/self/fd")) == open_before  # no file left open
    shutil.rmtree(folder)  # not left for pytest's clean-up of old runs
