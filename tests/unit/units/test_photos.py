"""Photos are checked by content, re-encoded without metadata, and resized; hostile
uploads are refused with a message."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from portal.units.photos import LARGE_EDGE, THUMB_EDGE, PhotoRejected, process_photo


def _image(fmt: str, size: tuple[int, int] = (3000, 2000), mode: str = "RGB", **save) -> bytes:
    out = io.BytesIO()
    colour = {"RGBA": (10, 120, 200, 128), "1": 0}.get(mode, (10, 120, 200))
    Image.new(mode, size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    gps = exif.get_ifd(0x8825)
    gps[2] = (55.0, 40.0, 30.0)  # GPSLatitude
    gps[4] = (12.0, 34.0, 56.0)  # GPSLongitude
    return _image("JPEG", exif=exif.tobytes())


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_three_formats_are_taken_and_resized(fmt: str) -> None:
    photo = process_photo(_image(fmt))
    large = Image.open(io.BytesIO(photo.image))
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert large.format == thumb.format == "JPEG"
    assert max(large.size) == LARGE_EDGE and max(thumb.size) == THUMB_EDGE
    assert (photo.width, photo.height) == large.size


def test_metadata_and_gps_are_dropped_and_the_photo_is_turned_upright() -> None:
    original = _jpeg_with_gps()
    assert b"PhoneMaker" in original
    photo = process_photo(original)
    large = Image.open(io.BytesIO(photo.image))
    assert not large.getexif() and "exif" not in large.info
    assert b"PhoneMaker" not in photo.image
    assert large.size[0] < large.size[1]  # the orientation was applied before dropping it


def test_transparency_becomes_white() -> None:
    photo = process_photo(_image("PNG", (400, 300), "RGBA"))
    assert Image.open(io.BytesIO(photo.image)).mode == "RGB"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Choose a photo"),
        (b"%PDF-1.4 this is not an image at all" * 10, "not a photo we can use"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><script>alert(1)</script></svg>',
            "not a photo we can use",
        ),
        (_image("GIF", (50, 50)), "not a photo we can use"),
        (_image("BMP", (50, 50)), "not a photo we can use"),
        (_image("JPEG")[:4000], "damaged or incomplete"),
        (_image("PNG")[:3000], "damaged or incomplete"),
        (os.urandom(11 * 1024 * 1024), "larger than 10 MB"),
    ],
    ids=["empty", "pdf-renamed", "svg", "gif", "bmp", "truncated-jpeg", "truncated-png", "11mb"],
)
def test_hostile_uploads_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(PhotoRejected) as refused:
        process_photo(data)
    assert message in str(refused.value.message)


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    # 20,000 × 20,000 one-bit pixels compress to a few hundred kB of PNG.
    bomb = _image("PNG", (20000, 20000), "1")
    assert len(bomb) < 10 * 1024 * 1024
    with pytest.raises(PhotoRejected) as refused:
        process_photo(bomb)
    assert "too many pixels" in str(refused.value.message)
