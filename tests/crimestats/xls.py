"""A minimal writer of Excel 97-2003 (.xls, BIFF8) files for the tests: one sheet of text and number
cells in an OLE2 compound file, as Brå's statistics database downloads them. No library that the
project depends on writes .xls, and the tests must not ship a copy of a real file, so the tests make
their .xls from the shared CSV at run time with this."""

from __future__ import annotations

import struct
from collections.abc import Sequence

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _text(value: str) -> bytes:
    return struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")


def _xf() -> bytes:
    # font 0, format 0 (General), a cell XF, default alignment and borders
    return _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))


def workbook_stream(sheet_name: str, rows: Sequence[Sequence[object]]) -> bytes:
    """The BIFF8 'Workbook' stream: globals, then one worksheet of the given cells (str, int, float
    or None for empty)."""
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, int | float):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
            else:
                cells += _record(0x0204, struct.pack("<HHH", r, c, 0) + _text(str(value)))
    width = max((len(row) for row in rows), default=0)
    sheet = (
        _bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)) + cells + _record(0x000A, b"")
    )
    name = struct.pack("<BB", len(sheet_name), 1) + sheet_name.encode("utf-16-le")
    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + _xf() * 16
    globals_length = len(head) + 4 + 6 + len(name) + 4  # + BOUNDSHEET + EOF
    return head + _record(0x0085, struct.pack("<IBB", globals_length, 0, 0) + name) + _record(0x000A, b"") + sheet


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(encoded), kind, 1, NO_STREAM, NO_STREAM, child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<III", start, size, 0)
    )


def write_xls(rows: Sequence[Sequence[object]], sheet_name: str = "Resultat") -> bytes:
    """An .xls file (OLE2 compound file holding the workbook stream) of one sheet."""
    stream = workbook_stream(sheet_name, rows)
    stream += b"\0" * (max(4096, -(-len(stream) // SECTOR) * SECTOR) - len(stream))  # no mini stream
    data_sectors = len(stream) // SECTOR
    fat_sectors = -(-(data_sectors + 2) // 127)
    fat = [FAT_SECTOR] * fat_sectors + [END]  # the FAT sectors, then the directory (one sector)
    first_data = fat_sectors + 1
    fat += [first_data + k + 1 for k in range(data_sectors - 1)] + [END]
    fat += [FREE] * (fat_sectors * 128 - len(fat))
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, fat_sectors, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    directory = (
        _entry("Root Entry", 5, 1, END, 0)
        + _entry("Workbook", 2, NO_STREAM, first_data, len(stream))
        + _entry("", 0, NO_STREAM, 0, 0) * 2
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + stream
