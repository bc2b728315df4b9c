"""Where per-source extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Extraction is a pure function of (context, item) — the packs and one source — so every executor
maps it the same way and hands the results back in the items' order: the output does not depend on
where it ran. Items are sent in batches and only a few batches per worker are in flight, so memory
stays bounded however many sources there are.
"""

from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

from ..errors import FactcheckError

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

BATCH = 16            # items per task: enough to pay for sending one, small enough to balance the load
IN_FLIGHT = 4         # batches per worker waiting or running at once


class EngineError(FactcheckError):
    """An engine that cannot start: its library is not installed, its scheduler cannot be reached."""


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[C, T], R], context: C, items: Iterable[T]) -> Iterator[R]:
        """fn(context, item) for every item, in the items' order. fn must be a module-level function
        (it is sent to other processes by name) and context picklable; it is sent once per worker."""
        ...


class InProcess:
    workers = 1

    def map(self, fn, context, items):
        for item in items:
            yield fn(context, item)


class ProcessPool:
    """Worker processes on this machine (the standard library's pool)."""

    def __init__(self, workers: int):
        self.workers = workers

    def map(self, fn, context, items):
        from concurrent.futures import ProcessPoolExecutor  # only runs that use it pay for importing it

        with ProcessPoolExecutor(self.workers, initializer=_set_context, initargs=(context,)) as pool:
            yield from _windowed(lambda batch: pool.submit(_apply_here, fn, batch), items, self.workers)


class Dask:
    """A Dask cluster: the scheduler at `address`, or a local cluster of `workers` processes when no
    address is given. dask is imported only here, so runs that do not ask for it never load it."""

    def __init__(self, workers: int, address: str | None = None):
        self.workers, self.address = workers, address

    def map(self, fn, context, items):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs dask's distributed scheduler: pip install 'factcheck[dask]'") from None
        cluster = None
        try:
            if self.address:
                client = Client(self.address, timeout="20s")
            else:
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                client = Client(cluster)
        except (OSError, ValueError) as e:  # unreachable, timed out, or not an address
            raise EngineError(f"cannot reach the Dask scheduler {self.address or '(local)'}: {e}") from None
        try:
            workers = max(1, len(client.scheduler_info().get("workers", ())))
            shared = client.scatter(context, broadcast=True)
            yield from _windowed(lambda batch: client.submit(_apply, fn, shared, batch, pure=False), items, workers)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def executor(engine: str, jobs: int, scheduler: str | None = None) -> Executor:
    if engine == "dask":
        return Dask(jobs, scheduler)
    return ProcessPool(jobs) if jobs > 1 else InProcess()


def _windowed(submit, items: Iterable, workers: int) -> Iterator:
    """Submit the items in batches, at most IN_FLIGHT per worker pending, and yield the results in
    order as each batch finishes."""
    pending: deque = deque()
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        pending.append(submit(batch))
        if len(pending) >= IN_FLIGHT * workers:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _apply(fn, context, batch: list) -> list:
    return [fn(context, item) for item in batch]


_CONTEXT: list = []  # a pool worker's context, set once when it starts


def _set_context(context) -> None:
    _CONTEXT[:] = [context]


def _apply_here(fn, batch: list) -> list:
    return _apply(fn, _CONTEXT[0], batch)

