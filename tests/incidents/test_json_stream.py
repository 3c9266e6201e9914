"""Reading a JSON array element by element (`incidents.json_stream`): the same values and the same
errors as `json.loads`, whatever the chunk size, and memory bounded by the largest element."""

import io
import json
import random

import pytest

from tryggsam.incidents.json_stream import NotAnArray, iter_json_array


def read(text: str | bytes, **options) -> list:
    data = text.encode() if isinstance(text, str) else text
    return list(iter_json_array(io.BytesIO(data), **options))


def loads_error(text: str) -> tuple[str, int, int]:
    with pytest.raises(json.JSONDecodeError) as exc:
        json.loads(text)
    return exc.value.msg, exc.value.lineno, exc.value.colno


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 7, 64, 65536])
def test_iter_json_array__same_values_as_loads_at_any_chunk_size(chunk_bytes):
    rng = random.Random(chunk_bytes)
    values = [
        {"id": rng.randrange(10**12), "namn": "Brand i källaren " * rng.randrange(4), "tal": [1.25, -3, 1e-7]}
        for _ in range(40)
    ] + [12345, "sträng med € och \\u2028", None, True, [], {}]
    for indent in (None, 2):
        assert read(json.dumps(values, indent=indent, ensure_ascii=False), chunk_bytes=chunk_bytes) == values


def test_iter_json_array__byte_order_mark_and_empty_array():
    assert read(b"\xef\xbb\xbf [ ] \n") == []
    assert read(b'\xef\xbb\xbf[{"a": 1}]', chunk_bytes=1) == [{"a": 1}]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "[",
        "[1,",
        "[1 2]",
        "[1]x",
        "[1,]",
        "[\n  1,\n   x]",
        '[{"a": "b}]',
        "[12",
        "nul",
        '[\n{"a":\n\n 1 2}]',
    ],
)
@pytest.mark.parametrize("chunk_bytes", [1, 3, 4096])
def test_iter_json_array__errors_name_the_same_line_and_column_as_loads(text, chunk_bytes):
    with pytest.raises(json.JSONDecodeError) as exc:
        read(text, chunk_bytes=chunk_bytes)
    assert (exc.value.msg, exc.value.lineno, exc.value.colno) == loads_error(text)


@pytest.mark.parametrize("text", ['{"a": [1]}', "3", '"lista"'])
def test_iter_json_array__json_that_is_not_an_array(text):
    with pytest.raises(NotAnArray):
        read(text)


def test_iter_json_array__not_utf8():
    with pytest.raises(UnicodeDecodeError):
        read(b'["\xff\xfe"]')


def test_iter_json_array__an_unterminated_element_stops_at_the_limit_not_at_the_end_of_the_input():
    """A broken element is reported once the buffer passes the limit, so the reader never holds the
    rest of a big broken file."""
    stream = io.BytesIO(b'["' + b"x" * 5_000_000)
    with pytest.raises(json.JSONDecodeError, match="Unterminated string"):
        list(iter_json_array(stream, chunk_bytes=65536, max_element_chars=100_000))
    assert stream.tell() < 1_000_000


def test_iter_json_array__reads_lazily():
    """The first element is there before the stream has been read to its end."""
    stream = io.BytesIO(json.dumps([{"n": n} for n in range(50_000)]).encode())
    elements = iter_json_array(stream, chunk_bytes=4096)
    assert next(elements) == {"n": 0}
    assert stream.tell() <= 4096
