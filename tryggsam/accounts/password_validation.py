"""Password rules beyond Django's: refuse what people in Sweden commonly choose (a season, month, day,
town or everyday word with digits around it, such as a season and the year) and the person's own name
or e-mail address. The word list is the project's own and deliberately short: the pattern does the
work, not a long list. Input is cut to a bounded length, so checking is linear in practice."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tryggsam.accounts.actors import Person
from tryggsam.core.swedish import MONTH_BY_WORD
from tryggsam.core.text import fold

MAX_CHECKED = 128

SEASONS = "var varen sommar sommaren host hosten vinter vintern midsommar jul julen julafton pask nyar"
MONTHS = " ".join(MONTH_BY_WORD)
WEEKDAYS = "mandag tisdag onsdag torsdag fredag lordag sondag helg"
PLACES = (
    "sverige svensk svenska sweden stockholm goteborg malmo uppsala vasteras orebro linkoping helsingborg "
    "jonkoping norrkoping lund umea gavle boras sodertalje eskilstuna karlstad vaxjo halmstad sundsvall lulea "
    "ostersund kalmar falun kiruna visby gotland norrland skane solna sundbyberg nacka huddinge taby "
    "sodermalm kungsholmen ostermalm vasastan bromma kista rinkeby tensta husby spanga vallingby hasselby "
    "farsta skarholmen hagersten liljeholmen alvsjo enskede"
)
EVERYDAY = (
    "losenord losen password passord passwort hemlig hemligt hemligheter valkommen valkomna hej hejhej hejsan "
    "tjena tjenare qwerty qwertz asdf asdfgh zxcv abc abcd abcdef admin administrator anvandare user test "
    "testa testar demo tryggsam trygg trygghet polis polisen kommun kommunen skola skolan brandkaren "
    "sakerhet forvaltning stadsdel bra battre bast karlek alskar fotboll hockey bandy innebandy aik djurgarden "
    "hammarby mamma pappa barn familj kaffe fika glass hund katt hast blomma sol solsken regn sno tjej kille "
    "prinsessa ponny monkey dragon sunshine iloveyou welcome letmein"
)
COMMON_WORDS = frozenset(" ".join((SEASONS, MONTHS, WEEKDAYS, PLACES, EVERYDAY)).split())

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"})
_NON_LETTER = re.compile(r"[^a-z]+")
_EDGE = re.compile(r"^[^a-z]+|[^a-z]+$")


def _letter_forms(password: str) -> set[str]:
    """The letters of the password as typed, and with digits inside the word read as letters
    (S0mmar → sommar, 1 as i and as l)."""
    folded = fold(password[:MAX_CHECKED])
    core = _EDGE.sub("", folded)
    forms = {_NON_LETTER.sub("", folded)}
    for one in ("i", "l"):
        forms.add(_NON_LETTER.sub("", core.replace("1", one).translate(_LEET)))
    return {f for f in forms if f}


def _is_common(letters: str) -> bool:
    """One common word, the same word repeated, or two common words run together."""
    if letters in COMMON_WORDS:
        return True
    for i in range(2, len(letters) - 1):
        head, tail = letters[:i], letters[i:]
        if head in COMMON_WORDS and (tail in COMMON_WORDS or tail == head):
            return True
    return False


class CommonSwedishPasswordValidator:
    """Refuses e.g. a season or a town with a year or a few digits: the first guesses of anyone who
    tries passwords against a Swedish organisation."""

    def validate(self, password: str, user: Person | None = None) -> None:
        if any(_is_common(letters) for letters in _letter_forms(password)):
            raise ValidationError(
                _(
                    "Lösenordet är för lätt att gissa: det bygger på ett vanligt ord, en årstid, en månad eller en "
                    "ort med siffror. Välj till exempel tre eller fyra slumpvisa ord."
                ),
                code="password_too_common_swedish",
            )

    def get_help_text(self) -> str:
        return _("Lösenordet får inte vara ett vanligt ord, en årstid, en månad eller en ort med siffror.")


def _personal_parts(user: Person) -> set[str]:
    parts: set[str] = set()
    name = fold(str(getattr(user, "full_name", "") or ""))
    parts |= {p for p in _NON_LETTER.split(name) if len(p) >= 3}
    email = fold(str(getattr(user, "email", "") or ""))
    local, _at, domain = email.partition("@")
    parts |= {p for p in _NON_LETTER.split(local) if len(p) >= 4}
    if local and len(_NON_LETTER.sub("", local)) >= 4:
        parts.add(_NON_LETTER.sub("", local))
    first_label = domain.split(".", 1)[0]
    if len(first_label) >= 4:
        parts.add(_NON_LETTER.sub("", first_label))
    return {p for p in parts if p}


class PersonalDetailsValidator:
    """Refuses a password that contains the person's own first name, surname or a part of their e-mail
    address (also with digits read as letters), which Django's similarity check lets through once the
    password is a little longer than the name."""

    def validate(self, password: str, user: Person | None = None) -> None:
        if user is None:
            return
        parts = _personal_parts(user)
        if any(part in letters for letters in _letter_forms(password) for part in parts):
            raise ValidationError(
                _("Lösenordet får inte innehålla ditt namn eller delar av din e-postadress."),
                code="password_contains_personal_details",
            )

    def get_help_text(self) -> str:
        return _("Lösenordet får inte innehålla ditt namn eller din e-postadress.")
