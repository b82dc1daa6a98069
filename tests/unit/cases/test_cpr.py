"""CPR numbers: a real date of birth by the century rule, encrypted at rest, found by a
keyed hash, with the keys from the app's settings."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import InvalidToken

from portal.cases.cpr import CprCipher, InvalidCpr, cpr_cipher, normalise_cpr, validate_cpr

KEY_A, KEY_B, KEY_C = b"a" * 32, b"b" * 32, b"c" * 32


@pytest.fixture
def cipher():
    return CprCipher(KEY_A, KEY_B)


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("010190-1234", dt.date(1990, 1, 1)),  # serial 0–3: the 1900s
        ("311299-3999", dt.date(1999, 12, 31)),
        ("150336-4000", dt.date(2036, 3, 15)),  # 4 and 9: 2000–2036, else 1937–1999
        ("150337-4000", dt.date(1937, 3, 15)),
        ("010110-9111", dt.date(2010, 1, 1)),
        ("010150-9111", dt.date(1950, 1, 1)),
        ("010157-5000", dt.date(2057, 1, 1)),  # 5–8: 2000–2057, else 1858–1899
        ("010158-8000", dt.date(1858, 1, 1)),
        ("0101901234", dt.date(1990, 1, 1)),  # without the dash
        (" 010190 - 1234 ", dt.date(1990, 1, 1)),
    ],
)
def test_a_cpr_number_gives_its_date_of_birth(cpr, born):
    assert validate_cpr(cpr, today=dt.date(2060, 1, 1)) == born


@pytest.mark.parametrize(
    "cpr",
    [
        "300290-1234",  # 30 February
        "290201-1234",  # 29 February 1901 was no leap day
        "011390-1234",  # month 13
        "000190-1234",  # day 0
    ],
)
def test_an_impossible_date_is_refused(cpr):
    with pytest.raises(InvalidCpr, match="real date of birth"):
        validate_cpr(cpr)


def test_a_leap_day_is_a_date_of_birth():
    assert validate_cpr("290200-4123") == dt.date(2000, 2, 29)  # 2000 was a leap year


def test_a_birth_in_the_future_is_refused():
    with pytest.raises(InvalidCpr):
        validate_cpr("010130-4000", today=dt.date(2026, 3, 2))  # would be 2030


@pytest.mark.parametrize("value", ["", "01019-1234", "010190-12345", "01a190-1234", "01/01/90"])
def test_a_malformed_number_is_refused(value):
    with pytest.raises(InvalidCpr, match="10 digits"):
        normalise_cpr(value)


def test_no_modulus_11_check():
    # 010190-1235 fails the old modulus-11 check but is a valid number since 2007.
    assert validate_cpr("010190-1235") == dt.date(1990, 1, 1)


def test_the_ciphertext_decrypts_and_does_not_show_the_number(cipher):
    token = cipher.encrypt("010190-1234")
    assert b"0101901234" not in token and b"010190" not in token
    assert cipher.decrypt(token) == "010190-1234"
    assert cipher.encrypt("010190-1234") != token  # Fernet is randomised


def test_another_key_cannot_decrypt(cipher):
    with pytest.raises(InvalidToken):
        CprCipher(KEY_C, KEY_B).decrypt(cipher.encrypt("010190-1234"))


def test_the_keyed_hash_finds_the_number_however_it_is_written(cipher):
    digest = cipher.hash("010190-1234")
    assert len(digest) == 64 and "0101901234" not in digest
    assert cipher.hash("0101901234") == cipher.hash(" 010190 1234") == digest
    assert cipher.hash("010190-1235") != digest
    assert CprCipher(KEY_A, KEY_C).hash("010190-1234") != digest  # keyed, not a plain hash


def test_the_keys_must_be_32_bytes_and_differ():
    with pytest.raises(ValueError):
        CprCipher(b"short", KEY_B)
    with pytest.raises(ValueError):
        CprCipher(KEY_A, KEY_A)


def test_the_app_cipher_uses_the_settings_keys(app, app_ctx, settings):
    app_cipher = cpr_cipher()
    own = CprCipher(settings.cpr_encryption_key, settings.cpr_hash_key)
    assert app_cipher.hash("010190-1234") == own.hash("010190-1234")
    assert own.decrypt(app_cipher.encrypt("010190-1234")) == "010190-1234"
