"""Reading a JSON array element by element (`incidents.json_stream`): the same values and the same
errors as `json.loads`, whatever the chunk size, and memory bounded by the largest element."""

import io
import json
import random

import hypothesis
import pytest
from hypothesis import strategies as st

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


@pytest.mark.parametrize("chunk_bytes", [1, 2, 3])
def test_iter_json_array__a_number_cut_after_its_point_or_exponent_is_read_whole(chunk_bytes):
    """ "0." of "0.5" and "1e" of "1e-3" decode as 0 and 1: they wait for the next chunk, not only at the
    buffer's very end (before, "[0.5]" read a byte at a time was refused)."""
    text = "[0.5, -1e-3,2.5E+2 ,10]"
    assert read(text, chunk_bytes=chunk_bytes) == json.loads(text)


_SPACE = st.text(alphabet=" \t\n\r", max_size=3)
_ELEMENT = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@hypothesis.given(
    elements=st.lists(st.tuples(_ELEMENT, _SPACE, _SPACE), max_size=12),
    chunk_bytes=st.sampled_from([1, 2, 5, 16, 64, 65536]),
    tail=st.sampled_from(["]", "", ",]", ", ]", "]x", " 1]", ",", ",,2]", ",\n"]),
)
def test_iter_json_array__reads_as_loads_whatever_the_spaces_and_chunks(elements, chunk_bytes, tail):
    """Values and errors as `json.loads` gives them, whatever the spaces between the elements and
    wherever a chunk ends (inside a number, a string, between two elements)."""
    text = "[" + ",".join(f"{before}{json.dumps(value)}{after}" for value, before, after in elements) + tail
    if not elements and tail.startswith(","):
        text = "[" + tail
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as got:
            read(text, chunk_bytes=chunk_bytes)
        assert (got.value.msg, got.value.lineno, got.value.colno) == (exc.msg, exc.lineno, exc.colno)
    else:
        assert read(text, chunk_bytes=chunk_bytes) == expected
