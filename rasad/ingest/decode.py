"""Turn file bytes into text without guessing silently.

Persian archives arrive as UTF-8, UTF-16 (with or without BOM) and Windows-1256. We try the
unambiguous encodings first, then let charset_normalizer choose among the plausible legacy
ones, and never decode with `errors="replace"`: a file we cannot read is reported by name.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from rasad.errors import Errors, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ["cp1256", "utf_16_le", "utf_16_be", "iso8859_6"]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM shows NULs in every other byte for ASCII-range characters, and
    Persian letters (U+06xx) give a 0x06 high byte; pick the side where those bytes sit."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for high, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = sum(1 for b in high if b in (0x00, 0x06, 0x20)) / len(high)
        if share > 0.9:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    """Binary data decodes to many control characters; a text with a stray NUL or escape
    code is still text (the normalizer removes them)."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(text) > 0.02


def decode_bytes(data: bytes, *, where: str) -> str:
    """Decode article bytes; raise InputError naming `where` when they are not text.

    >>> decode_bytes("سلام".encode("cp1256"), where="x.txt")
    'سلام'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(Errors.E201.format(path=where, why=err.reason)) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text):
        return text
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and not _looks_binary(utf16):
        return utf16
    if text is not None or b"\x00" in data:
        raise InputError(Errors.E202.format(path=where))
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise InputError(Errors.E201.format(path=where, why="no plausible encoding"))
    decoded = str(best)
    if _looks_binary(decoded):
        raise InputError(Errors.E202.format(path=where))
    return decoded
