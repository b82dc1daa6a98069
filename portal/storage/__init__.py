"""One storage interface for photos and generated letters.

A folder on disk by default (``STORAGE_DIR``); production may put an S3-compatible object
store behind the same three calls. Keys are opaque, chosen by the portal (never a user's
file name), so nothing outside the storage root can be reached.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from flask import current_app

_KEY = re.compile(r"^[a-z0-9][a-z0-9_\-/]{0,199}\.[a-z0-9]{1,5}$")


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class StorageKeyError(ValueError):
    pass


def check_key(key: str) -> str:
    if not _KEY.match(key) or ".." in key or "//" in key:
        raise StorageKeyError(f"not a storage key: {key!r}")
    return key


class FolderStorage:
    """Files in a folder; writes go through a temporary file and a rename."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def storage() -> Storage:
    """The storage of the running app."""
    return FolderStorage(current_app.config["SETTINGS"].storage_dir)
