"""How the explorer holds the DuckDB store.

Serving is read-only by default: the file is opened with ``read_only=True``, which DuckDB
lets several processes do at once, but not while another process has it open for writing.
So ``newsevents serve`` and a running ``newsevents run``/``watch`` on the same file exclude
each other: whichever comes second is refused with a clear message (:data:`LOCKED`). To
browse a store that is being filled, serve a copy (``cp news.duckdb snap.duckdb``), or stop
the server while a run writes.

With ingest allowed (``--allow-ingest``) the server is that one writing process: it opens
the file through :class:`newsevents.store.Store` and writes with one lock held, while
requests read through their own cursors of the same database.

Each request gets its own cursor (:meth:`Database.cursor`): a DuckDB connection object
must not be used by two threads at once, and FastAPI runs handlers in a thread pool.
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError

log = logging.getLogger(__name__)

__all__ = ["Database"]

LOCKED = (
    "[E701] Cannot open the store {path} {mode}: another process holds it{holder} — probably "
    "a running `newsevents run` or `watch` (or a server with --allow-ingest). DuckDB lets one "
    "process write a file and no other open it meanwhile. Wait for that process to finish, "
    "or serve a copy: cp {path} snapshot.duckdb && newsevents serve --db snapshot.duckdb"
)
_PID = re.compile(r"PID (\d+)")


class Database:
    """The store behind one app: a :class:`~newsevents.store.Store` opened read-only
    unless ``writable`` (then it is the write path of ingest requests).

    Raises StoreError: no file (read-only), locked by another process, not a store."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.store: Any = None
        self.write_lock = threading.Lock()
        self._connection = self._open_store() if writable else self._open_read_only()
        self._check_schema()

    # -- opening -----------------------------------------------------------------------

    def _open_read_only(self) -> duckdb.DuckDBPyConnection:
        if not self.path.is_file():
            raise StoreError(
                f"[E700] No store at {self.path}. Build one first with "
                f"`newsevents run SOURCES --db {self.path}`, or pass --db with an existing file"
            )
        return self._open(read_only=True)

    def _open_store(self) -> duckdb.DuckDBPyConnection:
        return self._open(read_only=False)

    def _open(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        from ..store import Store

        try:
            self.store = Store(self.path, read_only=read_only)
        except StoreError as e:
            if "lock" in str(e).lower():
                mode = "read-only" if read_only else "for writing"
                raise _locked_error(self.path, mode, e) from e
            raise
        return self.store.connection

    def _check_schema(self) -> None:
        with self.cursor() as cur:
            found = {
                row[0]
                for row in cur.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_name IN ('articles', 'events', 'quotes', 'actors')"
                ).fetchall()
            }
        missing = {"articles", "events", "quotes", "actors"} - found
        if missing:
            raise StoreError(
                f"[E702] {self.path} is not a newsevents store: it has no table "
                f"{', '.join(sorted(missing))}. Build one with `newsevents run SOURCES --db FILE`"
            )

    # -- use ---------------------------------------------------------------------------

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (closed afterwards)."""
        cur = self._connection.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.store.close()


def _locked_error(path: Path, mode: str, error: Exception) -> StoreError:
    match = _PID.search(str(error))
    holder = f" (PID {match.group(1)})" if match else ""
    return StoreError(LOCKED.format(path=path, mode=mode, holder=holder))
