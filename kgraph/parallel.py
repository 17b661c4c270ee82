"""Extraction in other processes or on other machines: engines that map documents to article shares.

Each engine takes documents in order and gives back, in the same order, the shares of each
(``Pipeline.share_document``). Documents go out in batches of about ``BATCH_CHARS`` characters,
and only a few batches per worker are in flight at once, so memory stays flat however large the
input. Every worker builds its Pipeline once and keeps it for every batch.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator

from kgraph.ingest.read import Skipped
from kgraph.model import Document
from kgraph.resolve import ArticleShare

BATCH_CHARS = 200_000  # about 130 articles: large enough that shipping a batch costs little beside extracting it
IN_FLIGHT = 3  # batches per worker queued or running


def batches(docs: Iterable[Document], chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Consecutive documents grouped until a group holds ``chars`` characters."""
    batch: list[Document] = []
    size = 0
    for d in docs:
        batch.append(d)
        size += len(d.text)
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def in_order(submit: Callable[[list[Document]], object], result: Callable[[object], list[list[ArticleShare] | Skipped]],
             docs: Iterable[Document], window: int) -> Iterator[list[ArticleShare] | Skipped]:
    """Submit batches, at most ``window`` pending, and yield each document's shares in input order."""
    pending: deque = deque()
    for batch in batches(docs):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


# ---- the worker side: one Pipeline per process (or per thread of a dask worker) -----------------

_local = threading.local()
_process_options: tuple[str | None, frozenset[str]] = (None, frozenset())


def _pipeline(home_region: str | None):
    from kgraph.pipeline import Pipeline

    cached = getattr(_local, "pipelines", None)
    if cached is None:
        cached = _local.pipelines = {}
    if home_region not in cached:
        cached[home_region] = Pipeline(home_region=home_region)
    return cached[home_region]


def share_batch(docs: list[Document], home_region: str | None = None,
                known: Collection[str] = ()) -> list[list[ArticleShare] | Skipped]:
    """The shares of each document of a batch (the task a worker runs); a document it fails on, skipped."""
    from kgraph.pipeline import shares_or_skip

    pipe = _pipeline(home_region)
    return [shares_or_skip(pipe, d, known) for d in docs]


def _init_process(home_region: str | None, known: frozenset[str]) -> None:
    global _process_options
    _process_options = (home_region, known)
    _pipeline(home_region)


def _share_batch_in_process(docs: list[Document]) -> list[list[ArticleShare] | Skipped]:
    return share_batch(docs, *_process_options)


class _Engine:
    """An engine is used in a ``with`` block: leaving it stops its workers."""

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialEngine(_Engine):
    """This process, one document after another."""

    def __init__(self, home_region: str | None = None, known: Collection[str] = ()):
        from kgraph.pipeline import Pipeline

        self.pipeline = Pipeline(home_region=home_region)
        self.known = known

    def shares(self, docs: Iterable[Document]) -> Iterator[list[ArticleShare] | Skipped]:
        from kgraph.pipeline import shares_or_skip

        return (shares_or_skip(self.pipeline, d, self.known) for d in docs)


class ProcessEngine(_Engine):
    """``workers`` processes on this machine."""

    def __init__(self, workers: int, home_region: str | None = None, known: Collection[str] = ()):
        self.workers = workers
        # fork shares the imported modules with the workers; each still builds its own Pipeline
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._pool = cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_process,
                                            initargs=(home_region, frozenset(known)))

    def shares(self, docs: Iterable[Document]) -> Iterator[list[ArticleShare] | Skipped]:
        return in_order(lambda b: self._pool.submit(_share_batch_in_process, b), lambda f: f.result(),
                        docs, IN_FLIGHT * self.workers)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskEngine(_Engine):
    """The workers of a dask.distributed cluster (``pip install 'kgraph[dask]'`` on every node)."""

    def __init__(self, scheduler: object, home_region: str | None = None, known: Collection[str] = ()):
        try:
            from dask.distributed import Client
        except ImportError as e:
            raise RuntimeError("--engine dask needs dask.distributed: pip install 'kgraph[dask]'") from e
        # ``scheduler`` is an address (tcp://host:8786) or a running cluster object
        self._client = Client(scheduler)
        self.home_region = home_region
        self._known = self._client.scatter(frozenset(known), broadcast=True) if known else frozenset()
        self.workers = max(1, sum(self._client.nthreads().values()))

    def shares(self, docs: Iterable[Document]) -> Iterator[list[ArticleShare] | Skipped]:
        def submit(batch: list[Document]):
            return self._client.submit(share_batch, batch, self.home_region, self._known, pure=False)

        return in_order(submit, lambda f: f.result(), docs, IN_FLIGHT * self.workers)

    def close(self) -> None:
        self._client.close()

