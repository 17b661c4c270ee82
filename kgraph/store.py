"""A build folder's graph store: the pyoxigraph store updates change, and the snapshots readers open.

``DIR/.kgraph/store/`` is the live store: only an update (holding the folder's lock) opens it,
to apply its changes (N-Triples lines to remove and to add, from the state's journal). Then it
publishes the result as ``DIR/.kgraph/snapshots/<generation>/store``, a RocksDB checkpoint of the
live store (hard links: milliseconds, whatever the size). Readers (``kgraph query``, ``show``,
``serve``, ``viz`` with ``--store DIR``) open the newest snapshot read-only and hold a shared lock
on it while they use it: pyoxigraph does not allow reading a store another process writes, and
a snapshot is never written after it is published. An update removes the older snapshots no
reader holds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kgraph.state import STATE_DIR, STATE_FILE

LIVE = "store"
SNAPSHOTS = "snapshots"
READERS = "readers.lock"

_held: list = []  # the reader locks of this process's open snapshots, held until it exits


class StoreError(Exception):
    """A build folder's store cannot be opened (one line for the user)."""


def _nquads(lines: bytes) -> Iterable[ox.Quad]:
    return ox.parse(lines, format=ox.RdfFormat.N_QUADS)


class LiveStore:
    """The store an update writes (the caller holds the folder's lock)."""

    def __init__(self, folder: str | os.PathLike):
        self.dir = Path(folder) / STATE_DIR
        self.path = self.dir / LIVE

    def exists(self) -> bool:
        return (self.path / "CURRENT").exists()

    def rebuild(self, quads: Iterable[ox.Quad]) -> None:
        """A new live store holding just ``quads``, built beside the old one and swapped in."""
        tmp, old = self.dir / f"{LIVE}.new", self.dir / f"{LIVE}.old"
        shutil.rmtree(tmp, ignore_errors=True)
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store
        shutil.rmtree(old, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old)
        tmp.rename(self.path)
        shutil.rmtree(old, ignore_errors=True)

    def apply(self, changes: Iterable[tuple[str, bytes]]) -> None:
        """Remove and add triples, in the order given: ``(op, N-Triples lines)`` with op ``remove`` or ``add``.

        Applying the same changes again changes nothing (a change removes only triples the new graph
        lacks and adds only triples it has), so an update killed part-way is finished by applying all
        of its changes once more.
        """
        store = ox.Store(str(self.path))
        for op, lines in changes:
            if op == "remove":
                for q in _nquads(lines):
                    store.remove(q)
            else:
                store.extend(_nquads(lines))
        store.flush()
        del store

    def published(self, generation: int) -> bool:
        return (self.dir / SNAPSHOTS / str(generation) / LIVE / "CURRENT").exists()

    def publish(self, generation: int) -> Path:
        """Snapshot the live store as ``generation`` for readers, and remove older snapshots no reader holds."""
        snapshots = self.dir / SNAPSHOTS
        snapshots.mkdir(exist_ok=True)
        target = snapshots / str(generation)
        if not (target / LIVE / "CURRENT").exists():
            tmp = snapshots / f".tmp-{generation}"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            store = ox.Store(str(self.path))
            store.backup(str(tmp / LIVE))
            del store
            (tmp / READERS).touch()
            shutil.rmtree(target, ignore_errors=True)
            tmp.rename(target)
        for other in snapshots.iterdir():
            if other.name != target.name:
                _remove_unless_read(other)
        return target / LIVE


def _remove_unless_read(snapshot: Path) -> None:
    if not snapshot.name.isdigit():  # a killed publish's leftover
        shutil.rmtree(snapshot, ignore_errors=True)
        return
    try:
        f = open(snapshot / READERS)  # noqa: SIM115 (held while the folder goes)
    except OSError:
        shutil.rmtree(snapshot, ignore_errors=True)
        return
    with f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a reader has it open: a later update removes it
        trash = snapshot.with_name(f".trash-{snapshot.name}-{os.getpid()}")
        snapshot.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)


def is_build_folder(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` is a kept build (``kgraph build --update``) rather than a store folder."""
    return (Path(folder) / STATE_DIR / STATE_FILE).is_file()


def open_snapshot(folder: str | os.PathLike) -> tuple[Path, int]:
    """The newest published snapshot of a build folder, locked for reading by this process: (path, generation)."""
    snapshots = Path(folder) / STATE_DIR / SNAPSHOTS
    for _ in range(100):  # an update may remove the one just listed: look again
        listed = snapshots.iterdir() if snapshots.is_dir() else ()
        generations = sorted((int(p.name) for p in listed if p.name.isdigit()), reverse=True)
        if not generations:
            raise StoreError(f"{folder}: the build has no store yet (run `kgraph build --update {folder} …`)")
        newest = snapshots / str(generations[0])
        try:
            f = open(newest / READERS)  # noqa: SIM115 (kept open: the lock lasts as long as the process reads)
        except OSError:
            continue
        fcntl.flock(f, fcntl.LOCK_SH)
        if (newest / LIVE / "CURRENT").exists():
            _held.append(f)
            return newest / LIVE, generations[0]
        f.close()
    raise StoreError(f"{folder}: cannot open the store's snapshot")
