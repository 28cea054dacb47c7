"""SQL store: SQLAlchemy 2 models, sessions, and Alembic migrations run on open."""
from advisor.store.db import Store
from advisor.store.models import Base, Embedding, Item, KeyValue

__all__ = ["Base", "Embedding", "Item", "KeyValue", "Store"]
