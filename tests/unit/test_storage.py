from pathlib import Path

import pytest

from portal.storage import FolderStorage, StorageKeyError


def test_put_get_delete(tmp_path: Path) -> None:
    store = FolderStorage(tmp_path)
    store.put("photos/12/abc.webp", b"data")
    assert store.get("photos/12/abc.webp") == b"data"
    store.delete("photos/12/abc.webp")
    with pytest.raises(KeyError):
        store.get("photos/12/abc.webp")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs.jpg", "a/../../b.jpg", "x", "Photo.JPG"])
def test_keys_cannot_leave_the_root(tmp_path: Path, key: str) -> None:
    with pytest.raises(StorageKeyError):
        FolderStorage(tmp_path).put(key, b"")
