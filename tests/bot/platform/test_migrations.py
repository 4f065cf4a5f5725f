"""The Alembic migrations build exactly the schema the models describe, both ways."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from bot.platform.db import make_engine
from bot.platform.migrate import alembic_config, downgrade, upgrade


def test_migrations_match_the_models_and_go_down_and_up(database_url):
    engine = make_engine(database_url)
    try:
        config = alembic_config(database_url)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.check(config)  # raises when the models and the migrations differ
        tables = set(inspect(engine).get_table_names())
        assert {"conversations", "messages", "kb_services", "districts", "kb_search"} <= tables
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(sqlite_url):
    engine = make_engine(sqlite_url)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "messages" in inspect(engine).get_table_names()
    engine.dispose()
