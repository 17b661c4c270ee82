"""Reading, normalising and segmenting pages: encodings, formats, PDF damage, bylines, captions, bad input."""

from __future__ import annotations

import json

import pytest

from kgraph.cli import main
from kgraph.ingest.normalise import Normaliser, normalise_text
from kgraph.ingest.read import Skipped, read_paths
from kgraph.ingest.segment import ArticleSegmenter
from kgraph.model import Document

PAGE = """

数字经济跑出加速度

南昌市软件产业营收突破千亿元

本报全媒体记者 何晓东

近日，记者走进南昌高新区的一家软件企业，研发人员正在调试新一代工业互联网平台，现场一片忙碌，工作人员介绍说

这套系统已在省内多家工厂上线。

工业互联网平台调试现场。
通讯员 杨帆摄

2025年，南昌市软件和信息技术服务业营业收入突破千亿元。（下转第2版）

今日导读

赣鄱大地春潮涌

见第3版

要闻简报

本报讯（记者孙悦）省统计局日前发布数据，一季度全省规模以上工业增加值同比增长7.2%。
"""


def segment(text: str, fmt: str = "txt") -> list:
    return ArticleSegmenter()(Normaliser()(Document(source="page.txt", text=text, format=fmt)))


def test_page_is_cut_into_articles_with_titles_bylines_and_captions():
    arts = segment(PAGE)
    assert [a.title for a in arts] == ["数字经济跑出加速度", "要闻简报"]
    first = arts[0]
    assert first.subtitle == "南昌市软件产业营收突破千亿元"
    assert first.authors == ("何晓东", "杨帆") and first.photographers == ("杨帆",)
    assert first.captions == ("工业互联网平台调试现场。", "通讯员 杨帆摄")
    # the sentence broken over a blank line around the caption is whole again; the caption is not body
    assert "工作人员介绍说这套系统已在省内多家工厂上线。" in first.body
    assert "摄" not in first.body and "下转" not in first.body
    assert arts[1].authors == ("孙悦",)


def test_teaser_blocks_with_no_body_are_dropped():
    assert all("导读" not in a.title and "见第" not in a.body for a in segment(PAGE))


def test_broken_word_is_rejoined_but_paragraphs_stay():
    text = "截至目前，我省14个园区获评国家级绿色工\n\n业园区，累计达到41家。\n\n第二段落从这里开始。"
    out = normalise_text(text)
    assert "绿色工业园区" in out and "41家。\n\n第二段落" in out


def test_fullwidth_digits_and_invisible_characters_are_unified():
    assert normalise_text("２０２５年\u200b营收增长７．９％") == "2025年营收增长7.9%"


def test_markdown_headings_start_articles():
    md = ("# 甲县推进改革\n\n## 副题\n\n记者 王强\n\n甲县今年推进改革，成效明显。\n\n"
          "# 乙县发展产业\n\n乙县引进企业五家。")
    arts = segment(md, "md")
    assert [(a.title, a.subtitle) for a in arts] == [("甲县推进改革", "副题"), ("乙县发展产业", None)]
    assert arts[0].authors == ("王强",)


def test_trailing_byline_in_brackets():
    arts = segment("小区改造惠民生\n\n今年全县完成小区改造12个，居民纷纷点赞。（罗明 祝欣）")
    assert arts[0].authors == ("罗明", "祝欣") and not arts[0].body.endswith("）")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8", "big5", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    simplified = "贵溪市铜产业营业收入增长，企业发展势头良好。"
    traditional = "貴溪市銅產業營業收入增長，企業發展勢頭良好。"
    text = (traditional if encoding == "big5" else simplified) * 3
    f = tmp_path / "page.txt"
    f.write_bytes(text.encode(encoding))
    docs = list(read_paths([f]))
    assert len(docs) == 1 and not isinstance(docs[0], Skipped)
    assert docs[0].text.strip().lstrip("\ufeff") == text


def test_html_article_text_without_navigation_or_scripts(tmp_path):
    f = tmp_path / "a.html"
    f.write_bytes("""<html><head><meta charset="gbk"><title>标题甲</title><meta name="date" content="2026-03-01">
        <script>var x = "脚本内容";</script><style>p{}</style></head>
        <body><nav>首页 | 新闻</nav><p>正文第一段&nbsp;内容。</p><p>第二段。</p></body></html>""".encode("gbk"))
    (doc,) = read_paths([f])
    assert (doc.title, doc.date) == ("标题甲", "2026-03-01")
    assert "正文第一段 内容。" in doc.text and "脚本" not in doc.text and "首页" not in doc.text


def test_jsonl_records_and_bad_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    good = {"id": "a", "title": "标题", "date": "2026-04-01", "source": "赣州日报", "text": "正文。"}
    f.write_text("\n".join([json.dumps(good, ensure_ascii=False), "not json", json.dumps({"id": "b"}),
                            json.dumps({"id": "c", "text": 5}), '{"id": "d", "text": "trunc']), encoding="utf-8")
    out = list(read_paths([f]))
    docs = [d for d in out if not isinstance(d, Skipped)]
    skipped = [str(s) for s in out if isinstance(s, Skipped)]
    assert [(d.title, d.publisher, d.date) for d in docs] == [("标题", "赣州日报", "2026-04-01")]
    assert len(skipped) == 4 and all(s.startswith(str(f)) for s in skipped)


def test_bad_files_are_skipped_named_and_the_rest_builds(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "scan.txt").write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    (src / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (src / "good.txt").write_text("石城县推进改革\n\n石城县今年完成老旧小区改造12个。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), str(tmp_path / "missing"), "-o", str(out)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(": skipped: " in line for line in err)
    assert (out / "graph.ttl").exists()


def test_strict_writes_nothing_and_keeps_the_previous_build(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("石城县推进改革\n\n石城县今年完成老旧小区改造12个。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out)]) == 0
    before = (out / "graph.ttl").read_bytes()
    (src / "empty.txt").write_bytes(b"")
    assert main(["build", str(src), "-o", str(out), "--strict"]) == 1
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left behind


def test_front_matter_is_the_articles_metadata_not_its_text(tmp_path, capsys):
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: 石城县新建三座桥梁\ndate: 2024-05-06\nsource: https://news.example.cn/a/1.html\n"
                 "author: [甲记者, 乙通讯员]\n---\n全县今年计划新建桥梁三座，总投资1.2亿元。\n", encoding="utf-8")
    (doc,) = read_paths([f])
    assert (doc.title, doc.date, doc.url, doc.authors) == (
        "石城县新建三座桥梁", "2024-05-06", "https://news.example.cn/a/1.html", ("甲记者", "乙通讯员"))
    assert doc.text.startswith("全县今年") and "title:" not in doc.text
    (article,) = ArticleSegmenter()(Normaliser()(doc))
    assert article.title == "石城县新建三座桥梁" and article.authors == ("甲记者", "乙通讯员")
    out = tmp_path / "out"
    assert main(["build", str(f), "-o", str(out)]) == 0
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"2024-05-06"^^xsd:date' in ttl and "https://news.example.cn/a/1.html" in ttl
    assert "title:" not in ttl


@pytest.mark.parametrize("written, iso", [("2017-10", "2017-10"), ("2025/3/9", "2025-03-09"),
                                          ("2023年5月12日", "2023-05-12"), ("2019", "2019")])
def test_front_matter_dates_as_written(tmp_path, written, iso):
    f = tmp_path / "a.txt"
    f.write_text(f"---\ndate: {written}\n---\n正文一句。\n", encoding="utf-8")
    (doc,) = read_paths([f])
    assert doc.date == iso


def test_a_markdown_rule_at_the_top_is_text_not_front_matter(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("---\n石城县新建三座桥梁，总投资1.2亿元。\n---\n第二段。\n", encoding="utf-8")
    (doc,) = read_paths([f])
    assert doc.title is None and "石城县新建三座桥梁" in doc.text
