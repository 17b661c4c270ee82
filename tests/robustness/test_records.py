"""Bad JSONL records and broken HTML: each bad record is one named line; good ones are built."""

from __future__ import annotations

import json

from robust_util import REGION, article, article_count, kgraph, labels, read_outputs, skip_lines, skipped_for


def record(rid, county: str, **extra) -> str:
    return json.dumps({"id": rid, "title": f"{county}简讯", "text": article(1, county), **extra}, ensure_ascii=False)


def test_jsonl_bad_lines_are_named_by_line_and_the_good_records_built(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        record("a", "石城县"),                                    # 1 good
        "this is not json",                                      # 2
        json.dumps({"id": "b", "title": "无正文"}),                # 3 no text
        json.dumps({"id": "c", "text": 42}),                      # 4 text not a string
        json.dumps({"id": "d", "text": ["宁都县"]}),               # 5 text an array
        record("a", "宁都县"),                                    # 6 duplicate id
        json.dumps({"id": "e", "text": "   "}),                   # 7 empty text
        json.dumps(["宁都县", "an array"]),                        # 8 not an object
        json.dumps({"id": {"x": 1}, "text": article(2)}),         # 9 id not a string
        "",                                                      # 10 blank: nothing to say
        record(7, "于都县"),                                      # 11 good, a numeric id
        record("a-again", "会昌县")[:-30],                         # 12 truncated last line
    ]
    f.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end: the writer was cut off
    run = kgraph("build", f, "-o", tmp_path / "out")
    assert run.code == 3
    reasons = {int(line.split(".jsonl:", 1)[1].split(":", 1)[0]): line.split(": skipped: ", 1)[1]
               for line in skip_lines(run)}
    assert reasons == {
        2: "not JSON (Expecting value: column 1)",
        3: 'no "text" field',
        4: '"text" is a number, not a string',
        5: '"text" is an array, not a string',
        6: 'duplicate id "a" (line 1 has it and is kept)',
        7: 'empty "text"',
        8: "not a JSON object but an array",
        9: '"id" is an object, not a string or an integer',
        12: reasons[12],
    }
    assert reasons[12].startswith("not JSON (Unterminated string") and reasons[12].endswith("truncated?)")
    found = labels(tmp_path / "out")
    assert {"石城县", "于都县"} <= found.keys() and not {"宁都县", "会昌县"} & found.keys()
    assert article_count(tmp_path / "out") == 2
    sources = {t.object.value for t in read_outputs(tmp_path / "out")["triples"]
               if t.predicate.value.endswith("/source")}
    assert sources == {"feed.jsonl#a", "feed.jsonl#7"}  # the file given, by its name


def test_jsonl_text_with_separators_escapes_and_other_encodings(tmp_path):
    f = tmp_path / "feed.jsonl"
    with_separators = json.dumps({"id": "s", "text": article(3, "兴国县").replace("，", "\u2028，\x85")},
                                 ensure_ascii=False)  # raw U+2028 and NEL inside a JSON string are legal
    body = article(4, "信丰县").split("\n\n", 1)[1].strip()  # no heading line: the record's title is the title
    lone_surrogate = '{"id": "u", "title": "\\ud800标题\\n二行", "text": "' + body + '\\ud800"}'
    gbk_line = json.dumps({"id": "g", "text": article(5, "大余县")}, ensure_ascii=False).encode("gbk")
    f.write_bytes("\n".join([with_separators, lone_surrogate]).encode() + b"\r\n" + gbk_line + b"\n")
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_text(record("w", "上犹县") + "\n", encoding="utf-16")
    run = kgraph("build", f, utf16, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    found = labels(tmp_path / "out")
    assert {"兴国县", "信丰县", "大余县", "上犹县"} <= found.keys()
    titles = {t.object.value for t in read_outputs(tmp_path / "out")["triples"] if t.predicate.value.endswith("/title")}
    assert "标题 二行" in titles  # the lone surrogate dropped, the title on one line


def test_a_jsonl_record_over_the_cap_is_skipped_and_reading_goes_on(tmp_path):
    f = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "".join(article(i) for i in range(2000))}, ensure_ascii=False)
    f.write_text("\n".join([record("a", "石城县"), big, record("b", "崇义县")]) + "\n", encoding="utf-8")
    run = kgraph("build", f, "-o", tmp_path / "out", "--max-file-mb", "0.1")
    assert run.code == 3
    assert skipped_for(run, "feed.jsonl:2").startswith("record of 0.")
    assert skipped_for(run, "feed.jsonl:2").endswith("over the limit of 0.1 MB (--max-file-mb raises it)")
    assert {"石城县", "崇义县"} <= labels(tmp_path / "out").keys()


def test_an_empty_jsonl_file(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n\n  \n", encoding="utf-8")
    run = kgraph("build", tmp_path / "blank.jsonl", "-o", tmp_path / "out")
    assert run.code == 1
    assert skipped_for(run, "blank.jsonl") == "empty file (no records)"


def test_broken_html_scripts_styles_and_entities(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>石城县&nbsp;新闻 &amp; 动态</title>"
        "<style>p::before { content: '宁都县有限公司'; }</style>"
        "<script>var s = '<p>于都县人民医院</p>'; if (a < b && c > d) {}</script></head>"
        "<body><nav>首页 <a href=/>会昌县</a></nav>"
        "<p>石城县&nbsp;今年完成老旧小区改造12个&#xff0c;惠及居民300户&#12290;"  # &#xff0c; is ，
        "<div>石城县住房和城乡建设局表示，下一步将建立长效机制。<p>未闭合的段落"
        "</span></td></nav><script>document.write('兴国县')</script>"
        "<p>寻乌县今年完成改造5个。<br/><img src=x onerror=alert(1)>",  # no </body>, no </html>
        encoding="utf-8")
    run = kgraph("build", page, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    found = labels(tmp_path / "out")
    assert {"石城县", "寻乌县"} <= found.keys()  # text after a stray </nav> and an unclosed <p> is read
    assert not {"宁都县", "于都县", "会昌县", "兴国县"} & found.keys()  # styles, scripts, navigation are not
    titles = {t.object.value for t in read_outputs(tmp_path / "out")["triples"] if t.predicate.value.endswith("/title")}
    assert titles and all("&nbsp;" not in t and "&amp;" not in t and "\xa0" not in t for t in titles)


def test_gbk_declared_in_a_meta_tag(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    body = "<p>瑞金市完成改造。</p>"  # too short for a detector to be sure of GB18030 over Big5
    (folder / "charset.html").write_bytes(f'<meta charset="gbk"><title>瑞金</title>{body}'.encode("gbk"))
    (folder / "http-equiv.html").write_bytes(
        '<meta http-equiv="Content-Type" content="text/html; charset=GB2312"><p>龙南市完成改造。</p>'.encode("gbk"))
    (folder / "lies.html").write_bytes(  # says UTF-8, is GBK: read by detection all the same
        f'<meta charset="utf-8"><p>{article(6, "定南县")}</p>'.encode("gbk"))
    run = kgraph("build", folder, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    found = labels(tmp_path / "out")
    assert found.get("瑞金市") == REGION + "360781"
    assert found.get("龙南市") == REGION + "360783"
    assert found.get("定南县") == REGION + "360728"


def test_a_page_with_no_text(tmp_path):
    (tmp_path / "nav.html").write_text("<nav>首页</nav><script>var x;</script><style></style>", encoding="utf-8")
    (tmp_path / "good.txt").write_text(article(1), encoding="utf-8")
    run = kgraph("build", tmp_path / "nav.html", tmp_path / "good.txt", "-o", tmp_path / "out")
    assert run.code == 3
    assert skipped_for(run, "nav.html") == "no text in the page (only markup, scripts or styles)"
