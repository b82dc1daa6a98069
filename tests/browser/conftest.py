"""A real Chromium (Debian's) against a live portal on its own migrated SQLite file.

The browser tests do not use the rollback fixtures: the live server runs in another
thread with its own connections, like a real deployment.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

from portal import create_app
from portal.config import Settings
from portal.db import database
from portal.demo import load_demo_data
from portal.migrations import alembic_config

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def live_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'live.sqlite'}"
    command.upgrade(alembic_config(url), "heads")
    settings = Settings(
        env="test",
        secret_key="browser-test-secret-key-that-is-long-enough",
        database_url=url,
        storage_dir=str(folder / "storage"),
    )
    # The demo data, so that every role's pages show something real.
    loader = create_app(settings)
    with loader.app_context():
        load_demo_data()
    database(loader).engine.dispose()
    return settings


@pytest.fixture(scope="session")
def live_server(live_settings: Settings) -> Iterator[str]:
    app = create_app(live_settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        database(app).engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-playwright resolves ``page.goto("/...")`` against this."""
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    }


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def log_in(page: Any, base: str, login: str, subject: str) -> None:
    """Log in through the development identity provider as a demo identity.

    ``login`` is ``citizen``, ``landlord`` or ``staff``; ``subject`` a demo identity's
    subject (see portal/demo/identities.py), e.g. ``citizen-01`` or ``staff-751-cw-1``.
    """
    page.goto(f"{base}/login/{login}")
    page.locator(f'button[data-subject="{subject}"]').click()
    page.wait_for_load_state()


def assert_no_axe_violations(page: Any) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def axe_findings(page: Any, options: dict[str, Any] | None = None) -> list[str]:
    """Every axe violation on the page, one line per element: ``rule-id  target  (impact)``.

    Injects axe only when the page does not have it yet: a context made with
    ``context.add_init_script(AXE_SCRIPT)`` has it on every page already, which saves
    sending the half-megabyte script over the wire on each page of a long walk.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)", options or {"resultTypes": ["violations"]}
    )
    return [
        f"{rule['id']}  {' '.join(map(str, node['target']))}  ({rule['impact']})"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]
