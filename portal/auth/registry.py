"""The app's provider profiles, built once at start-up from the settings."""

from __future__ import annotations

from flask import Flask, current_app

from portal.auth.providers import LOGINS, ProviderProfile, configured_profiles, dev_profiles
from portal.config import Settings, SettingsError

EXTENSION = "boligbro.auth_profiles"


def build(app: Flask, settings: Settings) -> dict[str, ProviderProfile]:
    """Configured profiles, and the development provider behind any login left without one."""
    profiles = {p.name: p for p in configured_profiles(settings)}
    if settings.dev_idp:
        from portal.devidp.identities import default_identities, municipality_codes

        covered = {p.login for p in profiles.values()}
        codes = municipality_codes(default_identities())
        for profile in dev_profiles(settings, codes):
            if profile.login not in covered:
                profiles[profile.name] = profile
    missing = [login for login in LOGINS if login not in {p.login for p in profiles.values()}]
    if settings.is_production and missing:
        raise SettingsError(
            f"OIDC_PROVIDERS has no profile for the {', '.join(missing)} login; "
            "see docs/login-profiles.md."
        )
    app.extensions[EXTENSION] = profiles
    return profiles


def _profiles() -> dict[str, ProviderProfile]:
    profiles: dict[str, ProviderProfile] = current_app.extensions[EXTENSION]
    return profiles


def profiles_for(login: str) -> list[ProviderProfile]:
    return [p for p in _profiles().values() if p.login == login]


def profile_by_name(name: str) -> ProviderProfile | None:
    return _profiles().get(name)
