"""Demo photos for some demo units: simple drawn rooms, made with Pillow (no files shipped).

They go through the same processing and storage as an upload, so the demo shows what a
landlord's photo looks like in the portal.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw
from sqlalchemy import select

from portal.demo.journeys import Demo
from portal.storage import storage
from portal.units.models import Unit, UnitPhoto
from portal.units.photos import process_photo

_WALLS = ((236, 228, 214), (222, 232, 238), (240, 236, 226), (228, 236, 224))
_FLOORS = ((176, 134, 92), (150, 150, 150), (196, 160, 120))
_ALT = ("Stue", "Køkken", "Soveværelse")


def _room(rng: random.Random) -> bytes:
    """A room in perspective: wall, floor, a window with sky, a door."""
    width, height = 1200, 900
    image = Image.new("RGB", (width, height), rng.choice(_WALLS))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 650), (width, 650), (width, height), (0, height)], fill=rng.choice(_FLOORS))
    left = rng.randint(120, 520)
    draw.rectangle([left, 180, left + 360, 500], fill=(255, 255, 255))
    draw.rectangle([left + 12, 192, left + 348, 488], fill=(150, 196, 232))
    draw.line([left + 180, 192, left + 180, 488], fill=(255, 255, 255), width=10)
    door = rng.choice((60, 980))
    draw.rectangle([door, 300, door + 160, 650], fill=(250, 250, 246), outline=(120, 120, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def add_demo_photos(demo: Demo) -> None:
    """Two or three photos for about half of the demo units."""
    # Its own generator: the photos never shift the random choices of the other demo data.
    rng = random.Random(7)  # noqa: S311 - demo pictures, not security
    store = storage()
    units = demo.session.scalars(select(Unit).order_by(Unit.id)).all()
    for unit in units[::2]:
        for position, alt in enumerate(_ALT[: rng.randint(2, 3)]):
            photo = process_photo(_room(rng))
            key = f"units/demo-{unit.id}-{position}.jpg"
            thumb = f"units/demo-{unit.id}-{position}-thumb.jpg"
            store.put(key, photo.image)
            store.put(thumb, photo.thumbnail)
            demo.session.add(
                UnitPhoto(
                    unit_id=unit.id,
                    storage_key=key,
                    thumbnail_key=thumb,
                    content_type=photo.content_type,
                    width=photo.width,
                    height=photo.height,
                    position=position,
                    alt_text=alt,
                )
            )
    demo.session.flush()
