"""Settings: one frozen object, read from the environment by ``wsgi.py`` only.

Tests build their own ``Settings``; nothing here is read at import time.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

LOCALES: tuple[str, ...] = ("da", "en", "ar", "ti")
ENVIRONMENTS: tuple[str, ...] = ("development", "test", "production")
_DEV_SECRET = "development-only-secret-key-not-for-production"  # noqa: S105


class SettingsError(ValueError):
    """A setting is missing or wrong; the message names it and says what is expected."""


def _derive_key(secret: str, purpose: str) -> bytes:
    """A development-only key derived from the secret key, one per purpose."""
    return hashlib.sha256(f"{purpose}:{secret}".encode()).digest()


def normalise_database_url(url: str) -> str:
    """Accept the usual spellings and pin PostgreSQL to the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@dataclass(frozen=True)
class Settings:
    """Everything the portal can be configured with. See the README's table."""

    env: str = "development"
    secret_key: str = _DEV_SECRET
    database_url: str = "sqlite:///instance/boligbro.sqlite"
    default_locale: str = "da"
    locales: tuple[str, ...] = LOCALES
    cpr_encryption_key: bytes = field(default=b"", repr=False)
    cpr_hash_key: bytes = field(default=b"", repr=False)
    storage_dir: str = "instance/storage"
    session_cookie_secure: bool = False
    server_name: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.cpr_encryption_key or not self.cpr_hash_key:
            if self.env == "production":
                raise SettingsError(
                    "CPR_ENCRYPTION_KEY and CPR_HASH_KEY must be set in production "
                    "(each 32 random bytes, base64-encoded)."
                )
            object.__setattr__(
                self,
                "cpr_encryption_key",
                self.cpr_encryption_key or _derive_key(self.secret_key, "cpr-encryption"),
            )
            object.__setattr__(
                self, "cpr_hash_key", self.cpr_hash_key or _derive_key(self.secret_key, "cpr-hash")
            )
        object.__setattr__(self, "database_url", normalise_database_url(self.database_url))
        self.validate()

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def validate(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise SettingsError(
                f"BOLIGBRO_ENV is {self.env!r}; expected one of {', '.join(ENVIRONMENTS)}."
            )
        if self.is_production and (self.secret_key == _DEV_SECRET or len(self.secret_key) < 32):
            raise SettingsError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production."
            )
        unknown = [loc for loc in self.locales if loc not in LOCALES]
        if unknown or not self.locales:
            raise SettingsError(
                f"LOCALES holds unknown locales {unknown}; supported: {', '.join(LOCALES)}."
            )
        if self.default_locale not in self.locales:
            raise SettingsError(
                f"DEFAULT_LOCALE is {self.default_locale!r}; expected one of "
                f"{', '.join(self.locales)}."
            )
        try:
            url = make_url(self.database_url)
        except ArgumentError as exc:
            raise SettingsError(f"DATABASE_URL is not a database URL: {exc}") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise SettingsError(
                "DATABASE_URL must be sqlite:///path or postgresql://user:pass@host/db, "
                f"not {url.get_backend_name()!r}."
            )
        if self.is_production and url.get_backend_name() != "postgresql":
            raise SettingsError("Production runs on PostgreSQL: set DATABASE_URL to postgresql://…")
        for name in ("cpr_encryption_key", "cpr_hash_key"):
            if len(getattr(self, name)) != 32:
                raise SettingsError(f"{name.upper()} must decode to exactly 32 bytes.")

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (``os.environ`` by default)."""
        env = os.environ if environ is None else environ
        kwargs: dict[str, Any] = {}
        simple = {
            "BOLIGBRO_ENV": "env",
            "SECRET_KEY": "secret_key",
            "DATABASE_URL": "database_url",
            "DEFAULT_LOCALE": "default_locale",
            "STORAGE_DIR": "storage_dir",
            "SERVER_NAME": "server_name",
        }
        for var, attr in simple.items():
            if env.get(var):
                kwargs[attr] = env[var]
        if env.get("LOCALES"):
            kwargs["locales"] = tuple(x.strip() for x in env["LOCALES"].split(",") if x.strip())
        for var, attr in (
            ("CPR_ENCRYPTION_KEY", "cpr_encryption_key"),
            ("CPR_HASH_KEY", "cpr_hash_key"),
        ):
            if env.get(var):
                kwargs[attr] = _decode_key(var, env[var])
        if env.get("SESSION_COOKIE_SECURE"):
            kwargs["session_cookie_secure"] = _parse_bool(
                "SESSION_COOKIE_SECURE", env["SESSION_COOKIE_SECURE"]
            )
        elif kwargs.get("env") == "production":
            kwargs["session_cookie_secure"] = True
        return cls(**kwargs)


def _decode_key(name: str, value: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise SettingsError(f"{name} must be base64 (32 random bytes).") from None
    if len(raw) != 32:
        raise SettingsError(f"{name} must decode to exactly 32 bytes, not {len(raw)}.")
    return raw


def _parse_bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}.")


def instance_path(settings: Settings) -> Path:
    """The folder the SQLite file and stored files live in, by default."""
    return Path(settings.storage_dir).resolve().parent
