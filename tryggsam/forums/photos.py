"""Photos of safety-walk findings: decoded and re-encoded as JPEG from their pixels only, so that
no EXIF (GPS position, camera, time), XMP or comment of the original survives; oversized images
are scaled down. Anything that is not a readable image is refused with a Swedish error."""

from __future__ import annotations

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tryggsam.core.errors import ServiceError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2000
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


def clean_photo(data: bytes, *, name: str = "foto") -> ContentFile:
    from PIL import Image, ImageOps, UnidentifiedImageError  # Pillow is loaded when a photo comes

    if len(data) > MAX_BYTES:
        raise ServiceError(_("Fotot är för stort (högst 10 MB)."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise ServiceError(_("Fotot har för många bildpunkter."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                upright: Image.Image = ImageOps.exif_transpose(opened)  # the orientation the camera meant
                rgb = upright.convert("RGB")
                rgb.thumbnail((MAX_SIDE, MAX_SIDE))
                pixels = Image.new("RGB", rgb.size)  # a new image: no EXIF, XMP or comment is carried over
                pixels.paste(rgb)
    except ServiceError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ServiceError(_("Filen kunde inte läsas som en bild (JPEG, PNG eller liknande).")) from exc
    out = io.BytesIO()
    pixels.save(out, format="JPEG", quality=85)
    return ContentFile(out.getvalue(), name=f"{name}.jpg")
