"""Engine, sessions and migrations for the advisor's database.

Example::

    >>> store = Store("sqlite:///:memory:")      # doctest: +SKIP
    >>> with store.session() as s:                # doctest: +SKIP
    ...     s.add(Item(uri="a.png", caption="a cat"))
"""
from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, delete, event, func, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from advisor.core.locks import file_lock
from advisor.core.store.models import Embedding, Item, KeyValue

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MIGRATIONS_GROUP = "advisor.migrations"  # entry points naming packages that own a ``migrations/versions`` folder
MIGRATION_LOCK_KEY = 0x5A_AD_71_5E  # PostgreSQL advisory lock id that serialises schema upgrades between processes
INGEST_LOCK_KEY = 0x5A_AD_71_5F  # ... and the one that serialises "insert the items not stored yet" between ingests


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations between processes sharing one SQLite file (PostgreSQL: an advisory lock in ``upgrade``).

    SQLite runs DDL outside the implicit transaction, so two processes upgrading a fresh
    database at once would both try ``CREATE TABLE``; an exclusive lock file beside the
    database makes the second wait and then find the schema current.
    """
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return

    with file_lock(f"{database}.migrate.lock"):
        yield


def migration_locations() -> list[Path]:
    """The core's version folder plus every installed package's ``migrations/versions`` (entry point group
    ``advisor.migrations``, value: the package's dotted name). Agents own their tables' migrations this way.

    Folders are found from the top-level package's location, so nothing is imported: the core never loads agents.
    """
    folders = [MIGRATIONS / "versions"]
    for entry in entry_points(group=MIGRATIONS_GROUP):
        top, *rest = entry.value.split(":")[0].split(".")
        spec = importlib.util.find_spec(top)
        if spec is None or not spec.submodule_search_locations:
            log.warning("migrations of %r: package %r is not installed; skipped", entry.name, top)
            continue
        folder = Path(list(spec.submodule_search_locations)[0]).joinpath(*rest, "migrations", "versions")
        if folder.is_dir() and folder not in folders:
            folders.append(folder)
        elif not folder.is_dir():
            log.warning("migrations of %r: no folder %s; skipped", entry.name, folder)
    return folders


def _alembic_config():
    from alembic.config import Config  # noqa: PLC0415 - migrations run once per start

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in migration_locations()))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to every head revision (features add their migrations as separate branches)."""
    from alembic import command  # noqa: PLC0415 - migrations run once per start

    cfg = _alembic_config()
    # configparser treats "%" as interpolation: escape it (URL-encoded passwords, odd paths).
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # DDL is transactional here: the second process waits, then finds the schema current
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def current_heads(engine: Engine) -> tuple[set[str], set[str]]:
    """(revisions applied to the database, head revisions in the code)."""
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415 - migrations run once per start
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - migrations run once per start

    cfg = _alembic_config()
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with engine.connect() as connection:
        applied = set(MigrationContext.configure(connection).get_current_heads())
    return applied, heads


class Store:
    """The database: one engine, short sessions, migrations applied on open."""

    def __init__(self, url: str, migrate: bool = True):
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def add_items(self, rows: list[dict], vectors: np.ndarray | None = None, space: str | None = None) -> list[Item]:
        """Insert items (and their vectors in ``space``) in one transaction; returns them with their ids."""
        with self.session() as s:
            items = [Item(**row) for row in rows]
            s.add_all(items)
            s.flush()
            if vectors is not None:
                if len(vectors) != len(items):
                    raise ValueError(f"{len(vectors)} vectors for {len(items)} items")
                s.add_all(Embedding(item_id=item.id, space=space, vector=np.asarray(vec, np.float32).tobytes())
                          for item, vec in zip(items, vectors))
            return items

    @contextmanager
    def _ingest_lock(self) -> Iterator[Session]:
        """A transaction that holds the ingest lock: an advisory lock on PostgreSQL, a lock file beside SQLite."""
        if self.engine.dialect.name == "postgresql":
            with self.session() as s:
                s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK_KEY})
                yield s
            return
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            with self.session() as s:
                yield s
            return

        with file_lock(f"{database}.ingest.lock"), self.session() as s:
            yield s

    def add_new_items(self, rows: list[dict], vectors: np.ndarray, space: str) -> tuple[list[Item], np.ndarray]:
        """Insert the rows whose (sha256, caption, domain) is not stored yet, with their vectors, in one transaction.

        Concurrent ingests (processes, machines) take the ingest lock, so each item is stored once. Returns the new
        items and the positions (in ``rows``) they came from.
        """
        if len(vectors) != len(rows):
            raise ValueError(f"{len(vectors)} vectors for {len(rows)} rows")
        with self._ingest_lock() as s:
            digests = sorted({row["sha256"] for row in rows})
            stored = {tuple(r) for r in s.execute(select(Item.sha256, Item.caption, Item.domain)
                                                  .where(Item.sha256.in_(digests))).all()}
            keep = [i for i, row in enumerate(rows) if (row["sha256"], row["caption"], row["domain"]) not in stored]
            items = [Item(**rows[i]) for i in keep]
            s.add_all(items)
            s.flush()
            s.add_all(Embedding(item_id=item.id, space=space, vector=np.asarray(vectors[i], np.float32).tobytes())
                      for item, i in zip(items, keep))
            return items, np.asarray(keep, np.int64)

    def put_vectors(self, space: str, ids: list[int], vectors: np.ndarray) -> None:
        with self.session() as s:
            for item_id, vec in zip(ids, vectors):
                s.merge(Embedding(item_id=int(item_id), space=space, vector=np.asarray(vec, np.float32).tobytes()))

    def vectors(self, space: str, ids: list[int] | None = None, batch: int = 4096) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield (ids, vectors) chunks of one embedding space, in id order."""
        last = -1
        while True:
            with self.session() as s:
                query = (select(Embedding.item_id, Embedding.vector).join(Item, Item.id == Embedding.item_id)
                         .where(Embedding.space == space, Embedding.item_id > last))
                if ids is not None:
                    query = query.where(Embedding.item_id.in_([int(i) for i in ids]))
                rows = s.execute(query.order_by(Embedding.item_id).limit(batch)).all()
            if not rows:
                return
            yield (np.array([r[0] for r in rows], np.int64), np.vstack([np.frombuffer(r[1], np.float32) for r in rows]))
            last = rows[-1][0]

    def vector_ids(self, space: str) -> list[int]:
        with self.session() as s:
            query = select(Embedding.item_id).join(Item, Item.id == Embedding.item_id).where(Embedding.space == space)
            return list(s.scalars(query.order_by(Embedding.item_id)).all())

    def drop_space(self, space: str) -> None:
        with self.session() as s:
            s.execute(delete(Embedding).where(Embedding.space == space))

    def get_value(self, key: str, default: str | None = None) -> str | None:
        with self.session() as s:
            row = s.get(KeyValue, key)
            return row.value if row is not None else default

    def set_value(self, key: str, value: str) -> None:
        """Insert or replace in one statement: two processes setting the same key at once (two ``advisor ingest``
        on a fresh home) must not race between a read and an insert, as ``Session.merge`` does."""
        dialect = self.engine.dialect.name
        if dialect not in ("sqlite", "postgresql"):
            with self.session() as s:
                s.merge(KeyValue(key=key, value=value))
            return
        insert = (sqlite_insert if dialect == "sqlite" else postgresql_insert)(KeyValue.__table__).values(key=key, value=value)
        upsert = insert.on_conflict_do_update(index_elements=[KeyValue.__table__.c.key], set_={"value": insert.excluded.value})
        with self.session() as s:
            s.execute(upsert)

    def get_items(self, ids: list[int]) -> dict[int, Item]:
        if not ids:
            return {}
        with self.session() as s:
            found = s.scalars(select(Item).where(Item.id.in_([int(i) for i in ids]))).all()
            return {item.id: item for item in found}

    def item_ids(self, domain: str | None = None) -> list[int]:
        with self.session() as s:
            query = select(Item.id)
            if domain is not None:
                query = query.where(Item.domain == domain)
            return list(s.scalars(query.order_by(Item.id)).all())

    def iter_items(self, batch: int = 512) -> Iterator[list[Item]]:
        last = 0
        while True:
            with self.session() as s:
                chunk = s.scalars(select(Item).where(Item.id > last).order_by(Item.id).limit(batch)).all()
            if not chunk:
                return
            yield list(chunk)
            last = chunk[-1].id

    def delete_items(self, ids: list[int]) -> int:
        with self.session() as s:
            wanted = [int(i) for i in ids]
            s.execute(delete(Embedding).where(Embedding.item_id.in_(wanted)))
            found = s.scalars(select(Item).where(Item.id.in_(wanted))).all()
            for item in found:
                s.delete(item)
            return len(found)

    def count_items(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count(Item.id))) or 0)

    def dispose(self) -> None:
        self.engine.dispose()
