"""SQL store: SQLAlchemy 2 models, sessions, and Alembic migrations run on open."""
from advisor.core.store.db import Store
from advisor.core.store.models import Base, Embedding, Item, KeyValue

__all__ = ["Base", "Embedding", "Item", "KeyValue", "Store"]
