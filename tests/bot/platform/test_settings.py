import pytest

from bot.platform.settings import SettingsError, load_settings


def test_defaults_use_a_sqlite_file_under_the_data_dir(tmp_path):
    settings = load_settings(data_dir=tmp_path, demo=True)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'vraagwijzer.db'}"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("default_locale", "fr", "VRAAGWIJZER_DEFAULT_LOCALE: must be one of nl, en"),
        ("database_url", "mysql://x", "VRAAGWIJZER_DATABASE_URL: use sqlite:///PATH"),
        ("nlu_backend", "gpt", "VRAAGWIJZER_NLU_BACKEND"),
        ("smtp_port", 0, "VRAAGWIJZER_SMTP_PORT"),
    ],
)
def test_a_bad_value_is_one_clear_line(field, value, expected):
    with pytest.raises(SettingsError) as info:
        load_settings(**{field: value})
    message = str(info.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_environment_variables_are_read(monkeypatch, tmp_path):
    monkeypatch.setenv("VRAAGWIJZER_DEFAULT_LOCALE", "en")
    monkeypatch.setenv("VRAAGWIJZER_DATA_DIR", str(tmp_path))
    assert load_settings().default_locale == "en"


def test_a_placeholder_secret_is_refused_for_serving_outside_demo():
    with pytest.raises(SettingsError, match="placeholder"):
        load_settings(demo=False).check_for_serving()
    with pytest.raises(SettingsError, match="at least 32"):
        load_settings(demo=False, secret_key="short-but-not-placeholder").check_for_serving()
    load_settings(demo=True).check_for_serving()
    load_settings(demo=False, secret_key="x" * 40).check_for_serving()


def test_several_workers_need_postgresql_and_leave_telegram_to_one_process(tmp_path):
    sqlite = load_settings(data_dir=tmp_path)
    sqlite.check_workers(1)
    with pytest.raises(SettingsError, match="needs PostgreSQL"):
        sqlite.check_workers(2)
    postgres = load_settings(database_url="postgresql+psycopg://u@127.0.0.1/db")
    postgres.check_workers(4)
    with pytest.raises(SettingsError, match="Telegram"):
        load_settings(
            database_url="postgresql+psycopg://u@127.0.0.1/db", telegram_token="1:abc"
        ).check_workers(2)
