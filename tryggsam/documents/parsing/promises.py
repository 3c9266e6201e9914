"""A citizen promise (medborgarlöfte) read into its promises, what each actor does, the period, the
situation it starts from and how it is followed up.

Citizen promises are written in a few ways, all read here: a lead-in that promises a list ('… lovar
polisen i lokalpolisområde X:' followed by bullets, each a promise); sections whose heading names the
promise and whose text says who promises what ('Vi lovar att …', '… lovar Lpo Y att …'); and sections
with the activities per actor ('Polisen ska:', 'Kommunens aktiviteter', 'Övriga aktörer' followed by a
list). A section headed 'Situationen idag', 'Lägesbild' or 'Bakgrund' is the situation; 'Uppföljning'
or 'Följ med i hur det går' the follow-up. Each promise comes out in the shape of a focus area: the
promise in `goal`, the police's activities in `police_commitment`, the municipality's in
`district_commitment`, the others' in `other_actors`, and every activity in `activities`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tryggsam.documents.parsing.clean import clean_value
from tryggsam.documents.parsing.focus_areas import FIELDS
from tryggsam.documents.parsing.structure import is_heading_like
from tryggsam.documents.readers.model import Block, Paragraph

_PROMISE = re.compile(r"(?<!\w)(?:lovar|utlovar|löftet\s+är\s+att|vi\s+åtar\s+oss)(?!\w)", re.IGNORECASE)
_POLICE = re.compile(r"polis|(?<!\w)lpo(?!\w)|lokalpolisområde", re.IGNORECASE)
_MUNICIPALITY = re.compile(
    r"kommun|stadsdel|förvaltning|(?<!\w)staden(?!\w)|stads\s|nämnd|socialtjänst|fritidsgård|skola|skolor",
    re.IGNORECASE,
)
# 'Polisen ska:', 'Kommunen åtar sig att:', 'Polisens aktiviteter', 'Övriga aktörer:', 'Gemensamt:'.
_ACTOR_LABEL = re.compile(
    r"^(?P<actor>[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,3}?)\s*"
    r"(?:(?:ska|kommer\s+att|åtar\s+sig(?:\s+att)?|bidrar\s+med|lovar(?:\s+att)?)\s*:?|"
    r"(?:s\s+)?(?:aktiviteter|åtaganden?|insatser|ansvar|bidrag)\s*:?|:)$"
)
_OTHERS = re.compile(r"^(?:övriga|andra|gemensam\w*|tillsammans|samverkans\w*)", re.IGNORECASE)
_SITUATION = re.compile(r"^(?:situationen|nuläge\w*|lägesbild\w*|lokal\s+lägesbild|bakgrund|problembild)", re.I)
_EFFECT = re.compile(r"^(?:förväntad\w*\s+effekt\w*|effektmål|önskad\w*\s+effekt\w*|syfte|mål)$", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^(?:uppföljning\w*|följ\s+med|så\s+följer\s+vi\s+upp|återrapport\w*)", re.IGNORECASE)
_LEAD_IN_PROMISE = re.compile(r"^(?:medborgar)?löfte\w*\s*\d*\s*[:.–-]?\s*", re.IGNORECASE)
_YEAR = r"(?:19|20)\d\d"
_PERIOD = re.compile(
    rf"(?:(?:gäller|giltig\w*|avser|perioden|löfte\w*)\s+(?:för\s+|under\s+)?(?:år(?:en|et)?\s+)?"
    rf"|under\s+(?:år(?:en|et)?|perioden)\s+)"
    rf"(?P<start>{_YEAR})(?:\s*(?:–|-|till|och)\s*(?P<end>{_YEAR}))?(?!\d|-\d)",
    re.IGNORECASE,
)
_TITLE_PERIOD = re.compile(rf"(?<![\d-])(?P<start>{_YEAR})(?:\s*[–/-]\s*(?P<end>{_YEAR}|\d\d))?(?![\d-])")


@dataclass
class _Promise:
    name: str
    texts: list[str] = field(default_factory=list)
    actor: str | None = None  # who promises: 'police', 'municipality' or the actor's own name
    activities: dict[str, list[str]] = field(default_factory=dict)  # actor -> activities


def _actor(text: str, issuer: str) -> str:
    if re.match(r"^\s*(?:vi|vår|våra)(?!\w)", text, re.IGNORECASE):
        return issuer
    if _POLICE.search(text):
        return "police"
    if _MUNICIPALITY.search(text):
        return "municipality"
    return clean_value(text)[:80] or issuer


def _subject(sentence: str) -> str:
    """The words around 'lovar': 'Vi lovar …' → 'Vi'; '… lovar polisen i lpo X att …' → 'polisen i lpo X'."""
    m = _PROMISE.search(sentence)
    if m is None:
        return ""
    before = sentence[: m.start()].strip()
    after = sentence[m.end() :]
    if re.search(r"(?:^|\s)(?:vi|jag)$", before, re.IGNORECASE) or not after.strip():
        return before.split()[-1] if before else ""
    subject = re.split(r"\s+att\s+|:", after, maxsplit=1)[0]
    return subject if subject.strip() else before


def _name(text: str) -> str:
    text = clean_value(_LEAD_IN_PROMISE.sub("", text) if _LEAD_IN_PROMISE.match(text) else text).rstrip(" .:")
    text = re.sub(r"^(?:att|vi\s+lovar\s+att)\s+", "", text, flags=re.IGNORECASE)
    clause = re.split(r",\s|\s(?:genom|för\s+att|så\s+att)\s", text, maxsplit=1)[0]
    if len(clause) >= 15:
        text = clause
    if len(text) > 100:
        text = text[:100].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def _sentences_with_promise(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if _PROMISE.search(s)]


def issuer_of(lines: list[str]) -> str:
    """Who 'vi' is: the police when the head speaks of the police (a citizen promise is theirs by
    origin), otherwise the municipality."""
    head = " ".join(lines[:8])
    return "police" if _POLICE.search(head) or not _MUNICIPALITY.search(head) else "municipality"


def parse_citizen_promise(blocks: list[Block], *, title_lines: list[str]) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:  # fmt: skip
    """(promises in the shape of focus areas, the plan's period/situation/follow-up, warnings)."""
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    issuer = issuer_of([p.text for p in paragraphs])
    promises: list[_Promise] = []
    situation: list[str] = []
    follow_up: list[str] = []
    intro: list[str] = []
    effect: list[str] = []
    section: str | None = None  # 'situation', 'follow_up', 'promise' or None (before the first heading)
    heading: str | None = None
    current: _Promise | None = None
    list_actor: str | None = None  # the actor of the activity list being read
    list_promises = False  # a lead-in promised the bullets that follow
    lead_actor = issuer
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if paragraph.bullet:
            if list_promises:
                current = _Promise(_name(text), [clean_value(text)], lead_actor)
                promises.append(current)
            elif list_actor is not None:
                if current is None:
                    current = _Promise(_name(heading or text), [], None)
                    promises.append(current)
                current.activities.setdefault(list_actor, []).append(clean_value(text))
            elif section == "situation":
                situation.append(clean_value(text))
            elif section == "follow_up":
                follow_up.append(clean_value(text))
            elif current is not None:
                current.texts.append(clean_value(text))
            continue
        list_promises = False
        label = _ACTOR_LABEL.match(text) if len(text) <= 80 else None
        if label:
            actor_text = label.group("actor")
            list_actor = "other" if _OTHERS.match(actor_text) else _actor(actor_text, issuer)
            continue
        list_actor = None
        short = len(text.split()) <= 12 and not text.endswith(":")
        if short and (is_heading_like(paragraph) or (text.endswith("!") and len(text) <= 60)):
            heading = clean_value(text)
            if _SITUATION.match(heading):
                section, current = "situation", None
            elif _FOLLOW_UP.match(heading):
                section, current = "follow_up", None
            elif _EFFECT.match(heading):
                section, current = "effect", None
            elif promises or section is not None:
                section, current = "promise", None
            continue
        promised = _sentences_with_promise(text)
        if promised and text.endswith(":"):
            list_promises, lead_actor = True, _actor(_subject(text), issuer)
            continue
        if promised and section != "follow_up":
            if current is None or current.texts:
                current = _Promise(_name(heading if section == "promise" and heading else promised[0]))
                promises.append(current)
            current.texts.extend(clean_value(s) for s in promised)
            current.actor = _actor(_subject(promised[0]), issuer)
            continue
        if section == "situation":
            situation.append(clean_value(text))
        elif section == "follow_up":
            follow_up.append(clean_value(text))
        elif section == "effect":
            effect.append(clean_value(text))
        elif not promises and (section is None or current is None):
            intro.append(clean_value(text))
    warnings: list[str] = []
    areas = [_as_area(p, follow_up) for p in promises if p.texts or p.activities]
    if not areas:
        warnings.append(_("Medborgarlöftet lästes men inga löften kunde urskiljas i texten."))
    valid_from, valid_to = _period(title_lines, [p.text for p in paragraphs])
    if valid_from is None:
        warnings.append(_("Medborgarlöftets period står inte i dokumentet; ange den i planen."))
    plan = {
        "valid_from": valid_from.isoformat() if valid_from else None,
        "valid_to": valid_to.isoformat() if valid_to else None,
        "introduction": " ".join(situation or intro),
        "effect": " ".join(effect),
        "follow_up": " ".join(follow_up),
    }
    return areas, plan, warnings


def _as_area(promise: _Promise, follow_up: list[str]) -> dict[str, Any]:
    area: dict[str, Any] = {"name": promise.name[:200], **dict.fromkeys(FIELDS), "activities": []}
    area["goal"] = " ".join(promise.texts) or None
    by_actor: dict[str, list[str]] = {key: list(values) for key, values in promise.activities.items()}
    if promise.actor and promise.texts and not by_actor.get(promise.actor):
        by_actor.setdefault(promise.actor, []).extend(promise.texts)
    area["police_commitment"] = "; ".join(by_actor.pop("police", [])) or None
    area["district_commitment"] = "; ".join(by_actor.pop("municipality", [])) or None
    others = [
        f"{actor}: {'; '.join(items)}" if actor != "other" else "; ".join(items) for actor, items in by_actor.items()
    ]
    area["other_actors"] = "; ".join(others) or None
    area["activities"] = [a for values in promise.activities.values() for a in values]
    area["follow_up"] = " ".join(follow_up) or None
    return area


def _period(title_lines: list[str], texts: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """The years the promises are for: a year in the title ('Medborgarlöften 2023–2024'), or a stated
    period in the text ('gäller för 2023', 'under år 2022'). A year merely mentioned is not a period."""
    found: re.Match[str] | None = None
    for line in title_lines:
        if re.search(r"löfte", line, re.IGNORECASE):
            found = _TITLE_PERIOD.search(line)
            if found:
                break
    if found is None:
        for text in texts:
            found = _PERIOD.search(text)
            if found:
                break
    if found is None:
        return None, None
    start = int(found.group("start"))
    end_text = found.group("end")
    end = (
        int(end_text)
        if end_text and len(end_text) == 4
        else (start // 100 * 100 + int(end_text) if end_text else start)
    )
    if not start <= end <= start + 5:
        return None, None
    return dt.date(start, 1, 1), dt.date(end, 12, 31)
