"""CPR numbers: checked, encrypted at rest, and found again by a keyed hash.

The clear number never leaves this module except to the screens that must show it; the
database holds Fernet ciphertext (for the rare legal need to read it) and an
HMAC-SHA256 of the normalised number (to find a case at login and in search without
decrypting every row).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re

from cryptography.fernet import Fernet
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.config import Settings
from portal.errors import DomainError

_CPR_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


class InvalidCpr(DomainError):
    status_code = 400


def normalise_cpr(value: str) -> str:
    """``DDMMYY-SSSS`` or ``DDMMYYSSSS`` (spaces allowed) to ten digits."""
    match = _CPR_PATTERN.match(re.sub(r"\s", "", value or ""))
    if match is None:
        raise InvalidCpr(_l("Write the CPR number as 10 digits, for example 010190-1234."))
    return match.group(1) + match.group(2)


def _century(serial_first: int, yy: int) -> int:
    # The CPR office's rule: the first digit of the serial number and the two-digit
    # year together give the century (there is no modulus-11 check since 2007).
    if serial_first <= 3:
        return 1900
    if serial_first in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # 5 to 8


def validate_cpr(value: str, today: dt.date | None = None) -> dt.date:
    """Check that ``value`` is a CPR number holding a real date of birth; return that date.

    Raises :class:`InvalidCpr` for a wrong format, an impossible date, or a date of birth
    in the future.
    """
    digits = normalise_cpr(value)
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    year = _century(int(digits[6]), yy) + yy
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise InvalidCpr(_l("This CPR number does not hold a real date of birth.")) from None
    if born > (today or dt.date.today()):
        raise InvalidCpr(_l("This CPR number does not hold a real date of birth."))
    return born


class CprCipher:
    """Encrypt, decrypt and hash CPR numbers with the portal's two 32-byte keys."""

    def __init__(self, encryption_key: bytes, hash_key: bytes) -> None:
        if len(encryption_key) != 32 or len(hash_key) != 32:
            raise ValueError("Both CPR keys must be exactly 32 bytes.")
        if encryption_key == hash_key:
            raise ValueError("The CPR encryption key and hash key must differ.")
        self._fernet = Fernet(base64.urlsafe_b64encode(encryption_key))
        self._hash_key = hash_key

    @classmethod
    def from_settings(cls, settings: Settings) -> CprCipher:
        return cls(settings.cpr_encryption_key, settings.cpr_hash_key)

    def encrypt(self, cpr: str) -> bytes:
        return self._fernet.encrypt(normalise_cpr(cpr).encode("ascii"))

    def decrypt(self, token: bytes) -> str:
        """The ten digits, formatted ``DDMMYY-SSSS``."""
        digits = self._fernet.decrypt(token).decode("ascii")
        return f"{digits[:6]}-{digits[6:]}"

    def hash(self, cpr: str) -> str:
        """The keyed hash of the normalised number (64 hex characters)."""
        digest = hmac.new(self._hash_key, normalise_cpr(cpr).encode("ascii"), hashlib.sha256)
        return digest.hexdigest()


def cpr_cipher() -> CprCipher:
    """The cipher for the running app, from ``current_app.config["SETTINGS"]``."""
    return CprCipher.from_settings(current_app.config["SETTINGS"])
