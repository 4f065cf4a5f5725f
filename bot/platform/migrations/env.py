"""Alembic environment: every package's tables, one database URL from the caller."""

from alembic import context

from bot.platform.db import make_engine
from bot.platform.models import Base as BotBase
from handoff import Base as HandoffBase
from knowledge_base import Base as KnowledgeBase

target_metadata = [BotBase.metadata, HandoffBase.metadata, KnowledgeBase.metadata]
# Made by hand in the migrations, per dialect: autogenerate must leave it alone.
UNMANAGED_TABLES = {"kb_search"}


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and (name in UNMANAGED_TABLES or name.startswith("kb_search_")))


config = context.config


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
