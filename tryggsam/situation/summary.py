"""The written summary of what changed, in Swedish, for the council's agenda."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tryggsam.situation.selectors import SUPPRESS_BELOW, CategoryRow, SituationPicture


def _sentence(row: CategoryRow, area: str, against: str) -> str | None:
    change = row.last_year if against == "year" else row.previous
    now, before = row.count, change.before
    if now is None:  # suppressed for the public: say so, as the picture's "<3" does, not "no incidents"
        return _("%(category)s i %(area)s: färre än %(n)d händelser under perioden.") % {
            "category": row.category.name,
            "area": area,
            "n": SUPPRESS_BELOW,
        }
    if before is None:  # the earlier count is suppressed: no comparison, but the count itself
        if not now:
            return None
        return _("%(category)s i %(area)s: %(now)d händelser under perioden.") % {
            "category": row.category.name,
            "area": area,
            "now": now,
        }
    if now == 0 and before == 0:
        return None
    compared = _("jämfört med samma period i fjol") if against == "year" else _("jämfört med föregående period")
    values = {"category": row.category.name, "area": area, "before": before, "now": now, "compared": compared}
    if now > before:
        text = _("%(category)s i %(area)s ökade från %(before)d till %(now)d %(compared)s") % values
    elif now < before:
        text = _("%(category)s i %(area)s minskade från %(before)d till %(now)d %(compared)s") % values
    else:
        text = _("%(category)s i %(area)s låg kvar på %(now)d %(compared)s") % values
    return text + (_(" (signifikant).") if change.significant else ".")


def summary_sentences(picture: SituationPicture, *, limit: int = 6) -> list[str]:
    """Significant changes first (against last year, then against the previous period), then the
    largest categories, each said once."""
    area = picture.area.name if picture.area is not None else _("det ritade området")
    rows = sorted(
        picture.rows, key=lambda r: (not r.last_year.significant, not r.previous.significant, -(r.count or 0))
    )
    sentences = []
    for row in rows[:limit]:
        against = "year" if row.last_year.significant or not row.previous.significant else "previous"
        sentence = _sentence(row, area, against)
        if sentence:
            sentences.append(sentence)
    if not sentences:
        sentences.append(_("Inga händelser registrerade i %(area)s under perioden.") % {"area": area})
    return sentences


def sparkline_points(raw: list[int | None], width: int = 120, height: int = 24) -> str:
    """SVG polyline points for a small trend chart drawn server-side (no script needed); a suppressed
    month (None, public view) is drawn as zero."""
    if not raw:
        return ""
    values = [v or 0 for v in raw]
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - (v / top) * (height - 2) - 1:.1f}" for i, v in enumerate(values))
