"""Cleaning of text copied between Word, PDF, web pages and Markdown.

Minutes pasted from a web page keep HTML tags (`<b>`, `<ul><li>`); minutes exported to Markdown keep
`**bold**`, `[text](url)` and escaped characters (`\\_`); text extracted from a PDF breaks lines in the
middle of sentences and words ("Hägersten-\\n Liljeholmen"). Values shown to the coordinator must have
none of that.
"""

from __future__ import annotations

import html
import re

_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:li|ul|ol|p|div|br|tr|td|th|h[1-6]|table|tbody|thead)\b[^<>]*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<\s*li\b[^<>]*>", re.IGNORECASE)
# A comment never runs past the next "<!--": an unclosed one costs one scan to it, not to the end of the line.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--(?:(?!<!--|-->).)*+-->")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# Emphasis never spans its own delimiter, so an opener without a closer costs one scan to the next delimiter.
_BOLD = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"
    r"|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\+([\\`*_{}\[\]()#+\-.!|~<>\"'])")
_STRAY_EMPHASIS = re.compile(r"\*\*+|(?<!\w)__+|__+(?!\w)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\ufeff\ufffe\uffff]")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_BULLET_GLYPHS = "-*+•▫◦▪‣●○■□–—·\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_BULLET = re.compile(r"^\s*(?:[" + re.escape(_BULLET_GLYPHS) + r"]|o(?=\s))\s+")
# Words after which a line-end hyphen is a real dash of a shortened compound ("närings- och föreningsliv").
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "till"})
_TERMINAL = ".!?:;"
# A line ending in one of these words is cut in the middle of a sentence.
_FUNCTION_WORDS = frozenset(
    {"och", "eller", "samt", "av", "i", "på", "till", "för", "från", "med", "om", "som", "att", "en", "ett",
     "den", "det", "de", "vid", "mot", "under", "efter", "inom", "utan", "genom", "kring", "hos", "än", "där"}
)  # fmt: skip


def strip_markup(text: str) -> str:
    """Remove HTML tags and entities, Markdown links, emphasis and escapes from one line of text.

    Inner runs of spaces are kept (they separate columns); list items in HTML become '; '-separated.
    """
    if not text:
        return ""
    text = _CONTROL.sub("", text)
    if "<" in text:
        text = _LIST_ITEM.sub("\n", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "](" in text:
        text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(_emphasised, text)
        text = _BOLD.sub(_emphasised, text)
        text = _ITALIC_STAR.sub(r"\1", text)
        text = _ITALIC_UNDERSCORE.sub(r"\1", text)
        text = _STRAY_EMPHASIS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "\n" in text:
        parts = [_BULLET.sub("", p).strip() for p in text.split("\n")]
        text = "; ".join(p for p in parts if p)
    return text


def _emphasised(m: re.Match[str]) -> str:
    return m.group(1) if m.group(1) is not None else m.group(2)


def normalise_space(text: str) -> str:
    """Collapse all whitespace (also non-breaking spaces) to single spaces and strip the ends."""
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def clean_value(text: str) -> str:
    """A value for the JSON: no markup, no line breaks, single spaces."""
    return normalise_space(strip_markup(text)).strip(" ;")


def strip_bullet(text: str) -> tuple[str, bool]:
    """('text', True) when `text` starts with a list marker; the marker is removed."""
    m = _BULLET.match(text)
    if m and m.end() < len(text):
        return text[m.end() :], True
    return text, False


def strip_heading_mark(text: str) -> tuple[str, int | None]:
    m = _HEADING_MARK.match(text)
    if not m:
        return text, None
    level = text[: m.end()].count("#")
    return text[m.end() :].rstrip("# ").strip(), level


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(" )”\"'*")
    return bool(stripped) and stripped[-1] in _TERMINAL


def join_two(first: str, second: str) -> str:
    """Join a line and the line that continues it, mending a word broken at a hyphen.

    The hyphen is kept (Swedish compounds such as 'Hägersten-Liljeholmen' or 'ANDT-program' are often
    where a PDF breaks the line), and a space is kept before a conjunction ('närings- och').
    """
    first = first.rstrip()
    second = second.strip()
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and len(first) >= 2 and first[-2].isalnum():
        next_word = re.match(r"\w+", second)
        if next_word and next_word.group().lower() in _CONJUNCTIONS:
            return f"{first} {second}"
        return first + second
    if first.endswith("/") and second[:1] not in "/(":
        return first + second
    return f"{first} {second}"


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line of text."""
    text = ""
    for line in lines:
        text = join_two(text, line)
    return normalise_space(text)


def starts_lower(text: str) -> bool:
    stripped = text.lstrip(" \"'”(")
    return bool(stripped) and not stripped[0].isupper() and not stripped[0].isdigit()


def looks_continued(previous: str, following: str) -> bool:
    """Whether `following` continues the sentence of `previous` (a wrapped line), judged from text only."""
    if not previous.strip() or not following.strip():
        return False
    prev = previous.rstrip()
    if prev.endswith("-") or prev.endswith(","):
        return True
    if prev.count("(") > prev.count(")"):
        return True
    last_word = prev.rsplit(None, 1)[-1].casefold()
    if last_word in _FUNCTION_WORDS and not following.lstrip()[:1].isdigit():
        return True
    if ends_sentence(prev):
        return False
    head = following.lstrip()
    if head[:1].isdigit() and not re.match(r"\d{1,2}\s*[.)]\s", head):
        return True
    return starts_lower(following)


# Site chrome of saved web pages and document-viewer sites: navigation, cookie banners, read-aloud and
# search buttons, viewer controls, photo captions and publication stamps. None of it is ever a title,
# an item or a fact of the meeting.
_CHROME = re.compile(
    r"^(?:lyssna|sök(?:\s+(?:på|i)\s+[\w.-]+)?|meny|stäng|logga\s+in|logga\s+ut|dela|skriv\s+ut|tipsa|tillbaka|startsida|"
    r"hem|till\s+(?:start|innehåll)(?:et)?|hoppa\s+till\s+\w+|gå\s+till\s+\w+|kontakta\s+oss|"
    r"transcription|transkript(?:ion)?|download|ladda\s+ner|info|nyheter|"
    r"läs\s+mer|visa\s+(?:mer|alla)|dölj|(?:[\w-]+\s+){0,2}›.*|du\s+är\s+här\b.*|"
    r"storlek\s*:.*|starta\s+visningen\b.*|download\s+[\"“”].*|"
    r"(?:senast\s+)?(?:publicerad|uppdaterad|ändrad|granskad)\b.*|"
    r"(?:foto|bild|fotograf|illustration)\s*:.*|"
    r"(?:vi|webbplatsen|sidan)\s+använder\s+(?:kakor|cookies)\b.*|.*\b(?:acceptera|godkänn)\s+(?:alla\s+)?(?:kakor|cookies)\b.*|"
    r"(?:om\s+)?(?:kakor|cookies)(?:\s+på\s+\w+)?)$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"^(?:senast\s+)?(?:publicerad|uppdaterad|ändrad)\b", re.IGNORECASE)


def is_chrome(text: str) -> bool:
    """Whether a line is web-page or viewer chrome ('Lyssna', 'Sök', 'Publicerad 10 december 2021',
    'Foto: …', a cookie banner), never content of the document."""
    stripped = normalise_space(text).strip(" |")
    return len(stripped) <= 200 and bool(_CHROME.match(stripped))


def is_publication_line(text: str) -> bool:
    """'Publicerad 10 december 2021', 'Senast uppdaterad …': a date of the web page, not of a meeting."""
    return bool(_PUBLISHED.match(normalise_space(text)))
