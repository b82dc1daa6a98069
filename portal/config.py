"""Settings: one frozen object, read from the environment by ``wsgi.py`` only.

Tests build their own ``Settings``; nothing here is read at import time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

LOCALES: tuple[str, ...] = ("da", "en", "ar", "ti")
ENVIRONMENTS: tuple[str, ...] = ("development", "test", "production")
SMTP_TLS_MODES: tuple[str, ...] = ("starttls", "tls", "none")
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
    # Login: provider profiles by name (see docs/login-profiles.md); the built-in
    # development provider (None: on in development and test when no profiles are set).
    oidc_providers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, repr=False)
    dev_idp: bool | None = None
    session_idle_timeout: int = 30 * 60  # seconds without a request before the session ends
    session_idle_warning: int = 2 * 60  # seconds before that end that the page warns
    session_absolute_timeout: int = 8 * 3600  # seconds after login, whatever the activity
    # Notifications (portal/notifications): no SMTP host → no e-mail; no gateway → no SMS.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_tls: str = "starttls"  # starttls, tls (implicit) or none
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    mail_sender: str = "noreply@boligbro.dk"
    sms_gateway_url: str | None = None
    sms_gateway_token: str | None = field(default=None, repr=False)
    sms_sender: str = "Boligbro"
    public_base_url: str = "http://127.0.0.1:5000"  # links in e-mails and SMS
    notify_max_attempts: int = 6
    # Where citizens report an accessibility problem (the accessibility statement).
    accessibility_contact: str = "tilgaengelighed@boligbro.dk"

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
        if self.dev_idp is None:
            object.__setattr__(
                self, "dev_idp", self.env in ("development", "test") and not self.oidc_providers
            )
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
        if self.is_production and self.dev_idp:
            raise SettingsError(
                "DEV_IDP is on, but the development identity provider must never run in "
                "production: remove DEV_IDP and configure OIDC_PROVIDERS."
            )
        if not 5 <= self.session_idle_timeout <= self.session_absolute_timeout:
            raise SettingsError(
                "SESSION_IDLE_TIMEOUT must be at least 5 seconds and at most "
                "SESSION_ABSOLUTE_TIMEOUT."
            )
        if not 0 < self.session_idle_warning < self.session_idle_timeout:
            raise SettingsError(
                "SESSION_IDLE_WARNING must be more than 0 and less than SESSION_IDLE_TIMEOUT."
            )
        self._validate_notifications()

    def _validate_notifications(self) -> None:
        if self.smtp_tls not in SMTP_TLS_MODES:
            raise SettingsError(
                f"SMTP_TLS is {self.smtp_tls!r}; expected one of {', '.join(SMTP_TLS_MODES)}."
            )
        if not 0 < self.smtp_port < 65536:
            raise SettingsError(f"SMTP_PORT must be a port number, not {self.smtp_port}.")
        if self.smtp_host and "@" not in self.mail_sender:
            raise SettingsError("MAIL_SENDER must be an e-mail address when SMTP_HOST is set.")
        for name, url in (
            ("PUBLIC_BASE_URL", self.public_base_url),
            ("SMS_GATEWAY_URL", self.sms_gateway_url),
        ):
            if url is not None and not url.startswith(("http://", "https://")):
                raise SettingsError(f"{name} must start with http:// or https://, not {url!r}.")
        if not 1 <= self.notify_max_attempts <= 50:
            raise SettingsError("NOTIFY_MAX_ATTEMPTS must be between 1 and 50.")

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
        providers = _load_providers(env)
        if providers:
            kwargs["oidc_providers"] = providers
        if env.get("DEV_IDP"):
            kwargs["dev_idp"] = _parse_bool("DEV_IDP", env["DEV_IDP"])
        for var, attr in (
            ("SESSION_IDLE_TIMEOUT", "session_idle_timeout"),
            ("SESSION_IDLE_WARNING", "session_idle_warning"),
            ("SESSION_ABSOLUTE_TIMEOUT", "session_absolute_timeout"),
            ("SMTP_PORT", "smtp_port"),
            ("NOTIFY_MAX_ATTEMPTS", "notify_max_attempts"),
        ):
            if env.get(var):
                kwargs[attr] = _parse_int(var, env[var])
        for var, attr in (
            ("SMTP_HOST", "smtp_host"),
            ("SMTP_TLS", "smtp_tls"),
            ("SMTP_USER", "smtp_user"),
            ("SMTP_PASSWORD", "smtp_password"),
            ("MAIL_SENDER", "mail_sender"),
            ("SMS_GATEWAY_URL", "sms_gateway_url"),
            ("SMS_GATEWAY_TOKEN", "sms_gateway_token"),
            ("SMS_SENDER", "sms_sender"),
            ("PUBLIC_BASE_URL", "public_base_url"),
            ("ACCESSIBILITY_CONTACT", "accessibility_contact"),
        ):
            if env.get(var):
                kwargs[attr] = env[var].strip()
        return cls(**kwargs)


def _load_providers(env: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """OIDC_PROVIDERS (JSON) or OIDC_PROVIDERS_FILE (a JSON file); a profile's
    ``client_secret_env`` names the variable that holds its client secret."""
    raw = env.get("OIDC_PROVIDERS", "")
    source = "OIDC_PROVIDERS"
    if not raw and env.get("OIDC_PROVIDERS_FILE"):
        source = "OIDC_PROVIDERS_FILE"
        try:
            raw = Path(env["OIDC_PROVIDERS_FILE"]).read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(f"OIDC_PROVIDERS_FILE cannot be read: {exc}") from None
    if not raw.strip():
        return {}
    try:
        profiles = json.loads(raw)
    except ValueError as exc:
        raise SettingsError(f"{source} is not valid JSON: {exc}") from None
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        raise SettingsError(f"{source} must be a JSON object of provider profiles by name.")
    for name, profile in profiles.items():
        secret_var = profile.pop("client_secret_env", None)
        if secret_var:
            if not env.get(secret_var):
                raise SettingsError(
                    f"Provider profile {name!r} reads its client secret from {secret_var}, "
                    "which is not set."
                )
            profile["client_secret"] = env[secret_var]
    return profiles


def _parse_int(name: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a whole number of seconds, not {value!r}.") from None


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
