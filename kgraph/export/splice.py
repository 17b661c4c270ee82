"""Replace a few records of a sorted output file and copy the rest as bytes.

The exports are sorted (graph.ttl and graph.nt by subject, graph.graphml by node key, then by
edge), so an update that changes some subjects need not write the others again: it finds the
records it changes by binary search over the old file's bytes and writes the file anew from
the old bytes between them and the new records. The cost is the changes, plus one copy of the
file at the speed of the disk, not of a serialiser.
"""

from __future__ import annotations

import html
import mmap
import os
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from kgraph.fsutil import atomic_write

Key = object  # anything ordered the way the file's records are


class SortedRecords:
    """The records of one sorted section of a file: each starts a line that ``starts`` (a pattern) matches
    at its beginning, and runs up to the next one; ``key_of`` gives a record's sort key from its first line."""

    def __init__(self, data: bytes | mmap.mmap, start: int, end: int, starts: bytes,
                 key_of: Callable[[bytes], Key]):
        self.data, self.start, self.end = data, start, end
        self._next = re.compile(b"\n(?=" + starts + b")")
        self._first = re.compile(starts)
        self.key_of = key_of

    def next_record(self, pos: int) -> int:
        """The first record starting at ``pos`` or after it (``end`` if none)."""
        if pos <= self.start:
            if self._first.match(self.data, self.start, self.end):
                return self.start
            pos = self.start + 1
        m = self._next.search(self.data, pos - 1, self.end)
        return m.end() if m else self.end

    def key_at(self, pos: int) -> Key:
        stop = self.data.find(b"\n", pos, self.end)
        return self.key_of(self.data[pos:stop if stop >= 0 else self.end])

    def _below(self, pos: int, key: Key) -> bool:
        """Whether the first record at or after ``pos`` has a key below ``key``."""
        r = self.next_record(pos)
        return r < self.end and self.key_at(r) < key

    def lower_bound(self, key: Key, lo: int) -> int:
        """The first record at or after ``lo`` whose key is not below ``key``: galloping from ``lo`` (the
        changes come in order, often close together), then a binary search."""
        step = 1 << 12
        hi = lo + step
        while hi < self.end and self._below(hi, key):
            lo, step = hi + 1, step * 2
            hi = lo + step
        hi = min(hi, self.end)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._below(mid, key):
                lo = mid + 1
            else:
                hi = mid
        return self.next_record(lo)

    def pieces(self, changes: Iterable[tuple[Key, bytes]]) -> Iterable[bytes | memoryview]:
        """The section with the records of each key in ``changes`` replaced by the bytes given (b"": removed,
        or not added); ``changes`` sorted by key, one entry per key."""
        view = memoryview(self.data)
        cursor = self.start
        for key, record in changes:
            r = self.lower_bound(key, cursor)
            yield view[cursor:r]
            cursor = r
            while cursor < self.end and self.key_at(cursor) == key:  # the old records of the key go
                cursor = self.next_record(cursor + 1)
            if record:
                yield record
        yield view[cursor:self.end]


@contextmanager
def mapped(path: str | os.PathLike):
    """The bytes of a file, mapped (an empty file gives b"")."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            yield b""
            return
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            yield m


def write_spliced(path: Path, data: bytes | mmap.mmap, head: bytes, records: SortedRecords,
                  changes: list[tuple[Key, bytes]], tail_from: int) -> None:
    """Write ``path`` anew (atomically): ``head``, the section with ``changes`` made, the old bytes from
    ``tail_from`` on."""
    with atomic_write(path, "wb") as f:
        f.write(head)
        for piece in records.pieces(changes):
            f.write(piece)
        f.write(memoryview(data)[tail_from:])


# ---- the record keys of kgraph's outputs --------------------------------------------------------

def nt_subject(line: bytes) -> str:
    """The subject of an N-Triples line, as its N-Triples term."""
    return line[:line.index(b" ")].decode("utf-8")


def turtle_subject(prefixes: dict[str, str]) -> Callable[[bytes], str]:
    """The subject of a Turtle block (its first line), as its N-Triples term: the blocks' sort key."""

    def key(line: bytes) -> str:
        name = line[:line.index(b" ")].decode("utf-8")
        if name.startswith("<"):
            return name
        prefix, local = name.split(":", 1)
        return f"<{prefixes[prefix]}{local.replace(chr(92) + '/', '/')}>"

    return key


_NODE = re.compile(rb'    <node id="([^"]*)">')
_EDGE = re.compile(rb'    <edge source="([^"]*)" target="([^"]*)" id="([^"]*)">')


_CHARREF = re.compile(r"&#([0-9]+);")


def _attr(value: bytes) -> str:
    """An attribute's value as GraphmlExporter escaped it (character references, &amp; and the like)."""
    text = value.decode("ascii")
    if "&" not in text:
        return text
    text = _CHARREF.sub(lambda m: chr(int(m[1])), text)
    return html.unescape(text) if "&" in text else text


def graphml_key(line: bytes) -> tuple:
    """(0, key) for a node, (1, subject, object, predicate) for an edge: the order GraphmlExporter writes them."""
    m = _NODE.match(line)
    if m:
        return 0, _attr(m.group(1))
    m = _EDGE.match(line)
    return 1, _attr(m.group(1)), _attr(m.group(2)), _attr(m.group(3))


GRAPHML_RECORD = rb"    <(?:node|edge) "  # what starts a node's or an edge's element
TURTLE_BLOCK = rb"[^\t]"  # a block's first line: its subject; the rest are indented
NT_LINE = rb"."
