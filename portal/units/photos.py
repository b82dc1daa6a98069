"""Photo uploads: checked by their content, re-encoded, resized for phones.

Only JPEG, PNG and WebP up to 10 MB are taken, as Pillow reads them (never by the
name or the browser's content type). The image is decoded completely (a truncated
file fails here), turned upright, and written anew as a JPEG without its metadata (no
EXIF, no GPS position, no camera serial), in a phone size and a thumbnail. Anything
else is refused with a message, before anything is stored.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# A photo from a phone is about 12–50 megapixels; far beyond is a decompression bomb.
MAX_PIXELS = 60_000_000
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
LARGE_EDGE = 1600  # sharp on a phone, a few hundred kB
THUMB_EDGE = 400
CONTENT_TYPE = "image/jpeg"


class PhotoRejected(Exception):
    """The upload is not a photo we take; ``message`` says why, for the user."""

    def __init__(self, message: LazyString) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class ProcessedPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    content_type: str = CONTENT_TYPE


_NOT_A_PHOTO = _l("This file is not a photo we can use. Upload a JPEG, PNG or WebP photo.")


def _open(data: bytes) -> Image.Image:
    # Pillow's own bomb guard warns and raises at its limit; ours is lower and always
    # raises, whatever the warning filters are.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRejected(
                _l("This photo has too many pixels. Upload a smaller photo.")
            ) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise PhotoRejected(_NOT_A_PHOTO) from None
        if image.format not in ALLOWED_FORMATS:
            raise PhotoRejected(_NOT_A_PHOTO)
        width, height = image.size
        if width < 1 or height < 1 or width * height > MAX_PIXELS:
            raise PhotoRejected(_l("This photo has too many pixels. Upload a smaller photo."))
        # WeasyPrint (the letters) switches Pillow to accepting truncated images when it is
        # imported; uploads never are accepted truncated.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()  # decodes every byte: a truncated or damaged file fails here
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRejected(
                _l("This photo has too many pixels. Upload a smaller photo.")
            ) from None
        except (OSError, ValueError, SyntaxError, EOFError):
            raise PhotoRejected(
                _l("This photo is damaged or incomplete. Try to upload it again.")
            ) from None
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: a JPEG has no transparency."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, edge: int, quality: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A fresh image carries no EXIF, XMP or ICC: nothing of the camera or the place.
    copy.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue(), copy.width, copy.height


def process_photo(data: bytes) -> ProcessedPhoto:
    """Check an uploaded file and make the photo and thumbnail to store.

    Raises :class:`PhotoRejected` for an empty or too large file, anything that is not
    a JPEG, PNG or WebP by its content, a damaged or truncated image, or too many pixels.
    """
    if not data:
        raise PhotoRejected(_l("Choose a photo to upload."))
    if len(data) > MAX_BYTES:
        raise PhotoRejected(_l("The photo is larger than 10 MB. Upload a smaller photo."))
    image = _flatten(_open(data))
    large, width, height = _encode(image, LARGE_EDGE, 82)
    thumbnail, _, _ = _encode(image, THUMB_EDGE, 75)
    return ProcessedPhoto(image=large, thumbnail=thumbnail, width=width, height=height)
