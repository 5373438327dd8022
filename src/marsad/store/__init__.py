"""Storage adapters: SQLite (default, one file, WAL) and PostgreSQL (by URL) behind one `Store`."""

from marsad.store.query import EventFilter
from marsad.store.store import Outcome, Store, content_hash, engine_url

__all__ = ["EventFilter", "Outcome", "Store", "content_hash", "engine_url"]
