"""kgraph tokenizes with rjieba for speed; it must give exactly jieba's tokens."""

from __future__ import annotations

from kgraph.ingest.normalise import Normaliser
from kgraph.ingest.read import Skipped, read_paths
from kgraph.nlp.sentences import split_sentences
from kgraph.nlp.tokenize import default_tokenizer, jieba_module


def test_tokens_equal_jieba_lcut_on_samples_and_seeds(samples_dir, seeds_dir):
    tokenize = default_tokenizer()
    jieba = jieba_module()
    sentences = 0
    for doc in read_paths([samples_dir, seeds_dir]):
        assert not isinstance(doc, Skipped)
        for s in split_sentences(Normaliser()(doc).text):
            tokens = tokenize(s.text)
            assert [t.text for t in tokens] == jieba.lcut(s.text)
            assert all(s.text[t.start:t.end] == t.text for t in tokens)
            sentences += 1
    assert sentences > 100
