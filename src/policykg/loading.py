"""Loading built documents into the store while the workers go on extracting the next ones.

pyoxigraph's ``bulk_load`` lets go of the GIL, so one background thread can load a batch of
document graphs while the build process waits for its workers: loading then overlaps
extraction instead of following it. At most one batch loads while the next one fills, so
memory stays bounded by two batches whatever the corpus size.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from policykg.graph.store import EmbeddedStore


class ShardLoader:
    """Replaces document graphs in ``store``, a batch of about ``batch_bytes`` at a time."""

    def __init__(self, store: EmbeddedStore, batch_bytes: int) -> None:
        self.store = store
        self.batch_bytes = batch_bytes
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-load")
        self._loading: Future[None] | None = None
        self._batch: dict[str, str] = {}
        self._size = 0

    def add(self, graph: str, nquads: str) -> None:
        """Queue one document's N-Quads (its own named graph) for loading."""
        self._batch[graph] = nquads
        self._size += len(nquads)
        if self._size >= self.batch_bytes:
            self._send()

    def _send(self) -> None:
        self._wait()  # one batch in the store's hands at a time
        if self._batch:
            self._loading = self._pool.submit(self.store.replace_documents, self._batch)
        self._batch, self._size = {}, 0

    def _wait(self) -> None:
        if self._loading is not None:
            loading, self._loading = self._loading, None
            loading.result()  # a failed load fails the build, as a load in line would

    def finish(self) -> None:
        """Load what is queued and wait until every batch is in the store."""
        try:
            self._send()
            self._wait()
        finally:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> ShardLoader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()


__all__ = ["ShardLoader"]
