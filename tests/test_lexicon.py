"""The word classes read from jieba's dictionary, and kgraph's cache of them."""

import pytest

from kgraph.nlp.lexicon import lexicon

read_lexicon = lexicon.__wrapped__  # past the per-process memo, to exercise the cache file


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(folder))
    return folder


def test_word_classes_from_the_dictionary(cache):
    lex = read_lexicon()
    assert "的" in lex.function_words and "建设" in lex.actions and "提供" in lex.verbs
    assert lex.names["北京"] == "place" and lex.tags["北京"] == "ns"
    assert "和" not in lex.function_words  # it joins the parts of a name (工业和信息化部)


def test_the_cache_gives_the_same_lexicon(cache):
    first = read_lexicon()
    assert len(list(cache.glob("lexicon-*.marshal"))) == 1
    assert read_lexicon() == first


def test_a_damaged_cache_is_read_past(cache):
    first = read_lexicon()
    (path,) = cache.glob("lexicon-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert read_lexicon() == first
    assert path.read_bytes() != b"\x00garbage"  # written again


def test_without_a_usable_cache_folder_it_reads_the_dictionary(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "a-file" / "cache"))  # cannot be made
    assert read_lexicon().tags["北京"] == "ns"
