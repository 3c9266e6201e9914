"""Reading a JSON array element by element from a file of any size, with the standard library.

Decisions:
- `json.JSONDecoder.raw_decode` decodes one element at a time from a text buffer that is refilled in
  chunks; the buffer never holds more than the element being read plus one chunk, so memory is bounded
  by the largest element, not by the file.
- Linear in the input: an element that does not fit in the buffer is retried only after the buffer has
  at least doubled (a geometric series), never once per chunk.
- An element larger than `max_element_chars` is an error, reported as the decoder sees it at that point
  (an unterminated string, a missing comma…), so a broken file never makes the reader hold the rest of it.
- Errors are `JSONDecodeError` with the line and column in the whole input, `UnicodeDecodeError` for
  bytes that are not UTF-8, `RecursionError` for nesting deeper than the decoder's limit, and
  `NotAnArray` when the top level is valid JSON but not an array; the caller words them.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

CHUNK_BYTES = 256 * 1024
MAX_ELEMENT_CHARS = 4 * 1024 * 1024
_WHITESPACE = " \t\n\r"
_NUMBER_RUN = re.compile(r"[0-9.eE+-]*")
_NUMBERS = (int, float)


def _may_continue(value: Any, buffer: str, end: int) -> bool:
    """Whether the value decoded up to `end` may go on in the next chunk: at the buffer's end, or a
    number followed only by what could continue it ("0." of "0.5", "1e" of "1e3" are read as 0 and 1)."""
    size = len(buffer)
    return end >= size or (type(value) in _NUMBERS and _NUMBER_RUN.match(buffer, end).end() == size)  # type: ignore[union-attr]


class NotAnArray(ValueError):
    """The input is JSON, but its top level is not an array."""


class _Reader:
    """A text buffer over a binary stream, with the position of the buffer's start in the whole input."""

    def __init__(self, stream: BinaryIO, chunk_bytes: int) -> None:
        self._stream = stream
        self._chunk = chunk_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0  # index into buffer
        self.eof = False
        self._line = 1  # line and column of buffer[0] in the whole input (1-based)
        self._column = 1

    def fill(self) -> bool:
        """Drop what was read and append one chunk; False at the end of the input."""
        self.discard()
        if self.eof:
            return False
        data = self._stream.read(self._chunk)
        if not data:
            self.eof = True
            self.buffer += self._decoder.decode(b"", final=True)
            return False
        self.buffer += self._decoder.decode(data)
        return True

    def discard(self) -> None:
        """Drop what was read (buffer[:pos]) and keep the line and column of what is left."""
        done = self.buffer[: self.pos]
        lines = done.count("\n")
        if lines:
            self._line += lines
            self._column = len(done) - done.rfind("\n")
        else:
            self._column += len(done)
        self.buffer = self.buffer[self.pos :]
        self.pos = 0

    def skip_whitespace(self) -> str:
        """The next character that is not whitespace ("" at the end), not consumed."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.fill() and self.pos >= len(self.buffer):
                return ""

    def error(self, message: str, index: int) -> json.JSONDecodeError:
        """A decode error at buffer[index], with the line and column in the whole input."""
        before = self.buffer[:index]
        lines = before.count("\n")
        column = index - before.rfind("\n") if lines else self._column + index
        error = json.JSONDecodeError(message, self.buffer, index)
        error.lineno, error.colno = self._line + lines, column
        return error


def _decode_value(reader: _Reader, decoder: json.JSONDecoder, max_chars: int) -> Any:
    """Decode the value starting at reader.pos, refilling the buffer as needed."""
    needed = 0
    while True:
        if len(reader.buffer) - reader.pos >= needed:
            try:
                value, end = decoder.raw_decode(reader.buffer, reader.pos)
            except json.JSONDecodeError as exc:
                if reader.eof or len(reader.buffer) - reader.pos > max_chars:
                    raise reader.error(exc.msg, exc.pos) from None
                needed = 2 * (len(reader.buffer) - reader.pos)
            else:
                # A number may continue in the next chunk ("12" of "123"): only trust it with more after it.
                if (
                    reader.eof
                    or (type(value) is dict and end < len(reader.buffer))
                    or not _may_continue(value, reader.buffer, end)
                ):
                    reader.pos = end
                    return value
                needed = len(reader.buffer) - reader.pos + 1
        if not reader.fill() and len(reader.buffer) - reader.pos < needed:
            needed = len(reader.buffer) - reader.pos


def iter_json_array(
    stream: BinaryIO, *, chunk_bytes: int = CHUNK_BYTES, max_element_chars: int = MAX_ELEMENT_CHARS
) -> Iterator[Any]:
    """The elements of the JSON array in `stream` (binary, UTF-8, a BOM allowed), one at a time."""
    reader = _Reader(stream, chunk_bytes)
    decoder = json.JSONDecoder()
    first = reader.skip_whitespace()
    if first == "":
        raise reader.error("Expecting value", reader.pos)
    if first != "[":
        _decode_value(reader, decoder, max_element_chars)
        if reader.skip_whitespace() != "":
            raise reader.error("Extra data", reader.pos)
        raise NotAnArray
    reader.pos += 1
    if reader.skip_whitespace() == "]":
        reader.pos += 1
    else:
        while True:
            if reader.skip_whitespace() == "":
                raise reader.error("Expecting value", reader.pos)
            yield _decode_value(reader, decoder, max_element_chars)
            after = reader.skip_whitespace()
            if after == "]":
                reader.pos += 1
                break
            if after != ",":
                raise reader.error("Expecting ',' delimiter", reader.pos)
            reader.pos += 1
    if reader.skip_whitespace() != "":
        raise reader.error("Extra data", reader.pos)
