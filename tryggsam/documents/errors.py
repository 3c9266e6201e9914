"""The one error the document readers raise: the file cannot be read at all."""

from django.utils.translation import gettext as _

# More text than any minutes, plan or agreement has (about 200 pages); beyond it a file is refused before
# it is parsed, so that an upload's cost has a ceiling whatever its format.
MAX_TEXT_CHARS = 500_000


class UnreadableDocument(Exception):
    """The input is not a document we can read (empty, binary, encrypted, corrupt, too large).

    The message is one Swedish sentence meant for the coordinator, shown as it is.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_text_size(chars: int) -> None:
    """Refuse a document with more than MAX_TEXT_CHARS characters of text."""
    if chars > MAX_TEXT_CHARS:
        raise UnreadableDocument(
            _(
                "Dokumentet innehåller för mycket text för att läsas (%(chars)s tecken; högst %(max)s). "
                "Dela upp det i mindre filer och försök igen."
            )
            % {"chars": f"{chars:,}".replace(",", "\u00a0"), "max": f"{MAX_TEXT_CHARS:,}".replace(",", "\u00a0")}
        )
