"""Settings are validated at start-up with a message that names the setting."""

from __future__ import annotations

import base64

import pytest

from portal import create_app
from portal.config import Settings, SettingsError

KEY = base64.b64encode(b"k" * 32).decode()
PROD = {
    "BOLIGBRO_ENV": "production",
    "SECRET_KEY": "x" * 40,
    "DATABASE_URL": "postgresql://app:pw@db.internal/boligbro",
    "CPR_ENCRYPTION_KEY": KEY,
    "CPR_HASH_KEY": base64.b64encode(b"h" * 32).decode(),
}


def test_development_defaults_need_nothing() -> None:
    settings = Settings.from_env({})
    assert settings.env == "development"
    assert settings.database_url.startswith("sqlite:///")
    assert len(settings.cpr_encryption_key) == 32
    assert settings.cpr_encryption_key != settings.cpr_hash_key


def test_production_settings_are_accepted() -> None:
    settings = Settings.from_env(PROD)
    assert settings.is_production
    assert settings.session_cookie_secure is True
    assert settings.database_url == "postgresql+psycopg://app:pw@db.internal/boligbro"


@pytest.mark.parametrize(
    ("changes", "names"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"CPR_ENCRYPTION_KEY": ""}, "CPR_ENCRYPTION_KEY"),
        ({"CPR_HASH_KEY": "bm90IDMyIGJ5dGVz"}, "CPR_HASH_KEY"),
        ({"CPR_HASH_KEY": "%%%"}, "CPR_HASH_KEY"),
        ({"DATABASE_URL": "sqlite:///prod.sqlite"}, "PostgreSQL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"DEFAULT_LOCALE": "fr"}, "DEFAULT_LOCALE"),
        ({"LOCALES": "da,xx"}, "LOCALES"),
        ({"BOLIGBRO_ENV": "staging"}, "BOLIGBRO_ENV"),
        ({"SESSION_COOKIE_SECURE": "maybe"}, "SESSION_COOKIE_SECURE"),
    ],
)
def test_bad_settings_stop_start_up_with_a_clear_message(changes: dict, names: str) -> None:
    environ = {**PROD, **changes}
    environ = {k: v for k, v in environ.items() if v}
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(environ)


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.env = "production"  # type: ignore[misc]


def test_create_app_takes_the_settings_object(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(env="test", database_url=f"sqlite:///{tmp_path / 'x.sqlite'}")
    app = create_app(settings)
    assert app.config["SETTINGS"] is settings
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
