"""A build kept in a folder, so that new articles are added without extracting the old ones again.

``DIR/.kgraph/`` holds the build's state:

- ``state-<n>.pickle``: the Resolution (every article's share, folded), generation ``n``;
- ``manifest.json``: which generation is current, the extraction options, a fingerprint of the
  extraction code, the number of articles and the batches added. Replacing the manifest is the
  commit: a build killed at any point before it leaves the previous generation current and valid.

The state is a pickle: load only folders you (or kgraph) wrote.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from kgraph.fsutil import atomic_write
from kgraph.resolve import Resolution

STATE_DIR = ".kgraph"
FORMAT = 1
# What extraction and resolution depend on: a change in any of these makes a kept state stale.
EXTRACTION_CODE = ("model.py", "resolve.py", "pipeline.py", "ingest", "extract", "nlp", "gazetteer", "tables")
EXTRACTION_LIBRARIES = ("rjieba", "jieba", "ahocorasick-rs", "charset-normalizer")


class StateError(Exception):
    """The folder's state cannot be used (one line for the user)."""


@dataclass
class BuildState:
    resolution: Resolution = field(default_factory=Resolution)
    home_region: str | None = None
    generation: int = 0  # 0: nothing committed yet
    batches: list[dict] = field(default_factory=list)


def code_fingerprint() -> str:
    """A digest of the extraction code, tables, gazetteer and the libraries' versions."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for name in EXTRACTION_CODE:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*")
                                                     if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in EXTRACTION_LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
    return h.hexdigest()[:16]


def _state_dir(folder: str | os.PathLike) -> Path:
    return Path(folder) / STATE_DIR


@contextlib.contextmanager
def locked(folder: str | os.PathLike) -> Iterator[None]:
    """Hold the folder's lock for the whole update: two updates of one build never interleave."""
    d = _state_dir(folder)
    d.mkdir(parents=True, exist_ok=True)
    with open(d / "lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StateError(f"{folder}: another kgraph build is updating it") from None
        yield


def load_state(folder: str | os.PathLike) -> BuildState:
    """The committed state of the build in ``folder`` (an empty one if it has none yet)."""
    d = _state_dir(folder)
    manifest_path = d / "manifest.json"
    if not manifest_path.exists():
        return BuildState()
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StateError(f"{manifest_path}: unreadable manifest ({e})") from None
    if manifest.get("format") != FORMAT:
        raise StateError(f"{folder}: kept by another version of kgraph (state format {manifest.get('format')}); "
                         f"build into a new folder")
    if manifest.get("code") != code_fingerprint():
        raise StateError(f"{folder}: built by different extraction code or tables than this kgraph's; "
                         f"build into a new folder (or remove {d}) to rebuild from all the articles")
    was = gc.isenabled()
    gc.disable()  # millions of acyclic objects: the cycle collector would only slow the load
    try:
        with open(d / manifest["state"], "rb") as f:
            resolution = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as e:
        raise StateError(f"{d / manifest['state']}: cannot read the kept state ({e})") from None
    finally:
        if was:
            gc.enable()
    if len(resolution) != manifest.get("articles"):
        raise StateError(f"{d / manifest['state']}: holds {len(resolution)} articles, the manifest says "
                         f"{manifest.get('articles')}")
    return BuildState(resolution, manifest.get("home_region"), manifest["generation"], manifest.get("batches", []))


def save_state(folder: str | os.PathLike, state: BuildState, batch: dict) -> None:
    """Commit ``state`` with ``batch`` recorded: a new generation file, then the manifest that points at it."""
    d = _state_dir(folder)
    generation = state.generation + 1
    name = f"state-{generation:06d}.pickle"
    with atomic_write(d / name, "wb") as f:
        pickle.dump(state.resolution, f, protocol=pickle.HIGHEST_PROTOCOL)
    manifest = {"format": FORMAT, "code": code_fingerprint(), "generation": generation, "state": name,
                "home_region": state.home_region, "articles": len(state.resolution),
                "batches": [*state.batches, batch]}
    _write_manifest(d / "manifest.json", manifest)
    state.generation, state.batches = generation, manifest["batches"]
    for old in [*d.glob("state-*.pickle"), *d.glob(".*.tmp")]:  # earlier generations, leftovers of a killed run
        if old.name != name:
            old.unlink(missing_ok=True)


def _write_manifest(path: Path, manifest: dict) -> None:
    with atomic_write(path) as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
