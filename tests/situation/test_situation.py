import datetime as dt
import math
import random
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import AreaFactory, OrganisationFactory, user_with_role
from tryggsam.accounts.models import Role, User
from tryggsam.incidents.bulk import IncidentRow, import_incident_rows
from tryggsam.incidents.models import Incident, IncidentCategory, IncidentSource
from tryggsam.incidents.selectors import incidents_visible_to
from tryggsam.incidents.services import ensure_default_categories
from tryggsam.places.models import AreaLevel
from tryggsam.situation.models import DailyRollup
from tryggsam.situation.rollups import add_incidents, rebuild_rollups
from tryggsam.situation.selectors import periods_of, situation_for
from tryggsam.situation.stats import poisson_change_p_value
from tryggsam.situation.summary import _sentence, summary_sentences

from .checks import assert_months_sum_the_days

pytestmark = pytest.mark.django_db
END = dt.date(2026, 10, 31)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(12, 27, 0.02370), (10, 10, 1.0), (0, 5, 0.0625), (100, 130, 0.05561), (3, 0, 0.25)],
)
def test_poisson_change_p_value__matches_the_exact_binomial_test(before, after, expected):
    assert poisson_change_p_value(before, after) == pytest.approx(expected, abs=5e-5)


def test_poisson_change_p_value__unequal_periods():
    # 10 events in 10 days, then 10 in 1 day is a big change; 10 in 10 days then 1 in 1 day is none.
    assert poisson_change_p_value(10, 10, 10, 1) < 1e-4
    assert poisson_change_p_value(10, 1, 10, 1) == pytest.approx(1.0)


def _brute_p_value(before, after, before_days, after_days):
    """R's binom.test by definition: the sum of every outcome's probability at most the observed one's."""
    n, p = before + after, after_days / (before_days + after_days)

    def log_pmf(k):
        return (
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + k * math.log(p)
            + (n - k) * math.log1p(-p)
        )

    limit = log_pmf(after) + math.log1p(1e-7)
    return min(1.0, sum(math.exp(log_pmf(k)) for k in range(n + 1) if log_pmf(k) <= limit))


@settings(max_examples=300, deadline=None)
@given(
    before=st.integers(0, 2500),
    after=st.integers(0, 2500),
    before_days=st.sampled_from([1, 7, 30, 31, 92, 365]),
    after_days=st.sampled_from([1, 7, 30, 31, 92, 365]),
)
def test_poisson_change_p_value__equals_the_sum_over_every_outcome(before, after, before_days, after_days):
    """The tails are found by bisection and summed with the incomplete beta function; they must equal
    the plain sum over all n + 1 outcomes."""
    expected = 1.0 if before + after == 0 else _brute_p_value(before, after, before_days, after_days)
    got = poisson_change_p_value(before, after, before_days, after_days)
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-300)


@pytest.fixture
def areas():
    district_area = AreaFactory(name="Söderort väst", level=AreaLevel.DISTRICT_AREA)
    district = AreaFactory(name="Torgby", level=AreaLevel.DISTRICT, parent=district_area)
    other = AreaFactory(name="Ängsby", level=AreaLevel.DISTRICT, parent=district_area)
    return district_area, district, other


def _incident(area, category, day, classification="internal", owner=None):
    incident = Incident.objects.create(
        source=IncidentSource.PARTNER_REPORT,
        occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(22, 30))),
        district=area,
        district_area=area.parent,
        classification=classification,
        owner_organisation=owner,
    )
    incident.categories.add(category)
    add_incidents([(incident, [category.pk])])
    return incident


def test_rollups__match_raw_counts_and_rebuild(areas):
    ensure_default_categories()
    categories = list(IncidentCategory.objects.all()[:4])
    rng = random.Random(7)
    for _ in range(300):
        _incident(rng.choice(areas[1:]), rng.choice(categories), END - dt.timedelta(days=rng.randrange(400)))

    def raw(area_field):
        return {
            (r[area_field], r["categories"]): r["n"]
            for r in Incident.objects.values(area_field, "categories").annotate(n=Count("id"))
        }

    def rolled(level_areas):
        out = {}
        for r in DailyRollup.objects.filter(area__in=level_areas).values("area", "category", "count"):
            out[(r["area"], r["category"])] = out.get((r["area"], r["category"]), 0) + r["count"]
        return out

    assert rolled(areas[1:]) == raw("district")
    assert rolled(areas[:1]) == raw("district_area")
    assert_months_sum_the_days()
    before = sorted(DailyRollup.objects.values_list("area", "day", "category", "count"))
    rebuild_rollups()
    assert sorted(DailyRollup.objects.values_list("area", "day", "category", "count")) == before


def _raw_picture(user, area, start, end):
    """What a picture of start..end must show, counted from the raw incidents the user may read."""
    periods = periods_of(start, end)
    windows = {
        "now": (periods.start, periods.end),
        "previous": (periods.prev_start, periods.prev_end),
        "last_year": (periods.year_start, periods.year_end),
    }
    counts: Counter = Counter()
    for category, occurred in incidents_visible_to(user).filter(district=area).values_list("categories", "occurred_at"):
        day = timezone.localtime(occurred).date()
        for name, (a, b) in windows.items():
            if a <= day <= b:
                counts[(name, category)] += 1
        if periods.month_starts[0] <= day <= end:
            counts[(f"{day:%Y-%m}", category)] += 1
    # A category without incidents in the period or its comparisons has no row (nor a trend).
    shown = {c for (name, c) in counts if name in windows}
    return Counter({k: n for k, n in counts.items() if k[1] in shown}), periods.months


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),  # a calendar month
        (dt.date(2025, 3, 17), dt.date(2026, 3, 16)),  # a year that starts mid-month
        (dt.date(2024, 2, 29), dt.date(2024, 3, 1)),  # a leap day: last year has no 29 February
        (dt.date(2025, 12, 20), dt.date(2026, 1, 9)),  # across the turn of the year
        (dt.date(2026, 6, 5), dt.date(2026, 6, 5)),  # one day
        (dt.date(2025, 1, 1), dt.date(2026, 6, 30)),  # longer than a year: whole months only
        (dt.date(2026, 8, 7), dt.date(2026, 9, 6)),  # 30 days mid-month: months less their other days
    ],
)
def test_situation_for__whole_months_and_edge_days_equal_the_raw_counts(areas, start, end):
    """The picture reads whole months from the monthly roll-ups and the days at the edges of every
    period from the daily ones: each figure must equal the raw count of the incidents the user may see."""
    ensure_default_categories()
    categories = [c.pk for c in IncidentCategory.objects.all()[:3]]
    own, other = OrganisationFactory(name="Förvaltningen"), OrganisationFactory(name="Bolaget")
    user = user_with_role(Role.MEMBER, organisation=own)
    rng = random.Random(start.toordinal())
    rows = []
    for _ in range(1500):
        classification = rng.choice(["open", "internal", "restricted"])
        occurred = timezone.make_aware(dt.datetime(2023, 12, 1, 12)) + dt.timedelta(
            days=rng.randrange(1060), hours=rng.choice([-12, 0, 11])
        )
        rows.append(
            IncidentRow(
                occurred_at=occurred,
                category_ids=(rng.choice(categories),),
                district_id=areas[1].pk,
                district_area_id=areas[0].pk,
                classification=classification,
                owner_organisation_id=None if classification == "open" else rng.choice([own.pk, other.pk]),
            )
        )
    import_incident_rows(rows, source=IncidentSource.PARTNER_REPORT)
    expected, months = _raw_picture(user, areas[1], start, end)
    picture = situation_for(user, area=areas[1], start=start, end=end)
    got: Counter = Counter()
    for row in picture.rows:
        got[("now", row.category.pk)] = row.count
        got[("previous", row.category.pk)] = row.previous.before
        got[("last_year", row.category.pk)] = row.last_year.before
        for month, n in zip(months, row.trend, strict=True):
            got[(month, row.category.pk)] = n
    assert +got == +expected and sum(expected.values()) > 0


def test_situation_for__last_year_without_29_february_is_compared_per_day(areas, coordinator):
    """February 2024 has 29 days, February 2023 28: 100 incidents a day in both is no change."""
    cats = ensure_default_categories()
    rows = []
    for year, days in ((2024, 29), (2023, 28)):
        for d in range(days):
            noon = timezone.make_aware(dt.datetime(year, 2, d + 1, 12))
            rows += [IncidentRow(occurred_at=noon, category_ids=(cats["graffiti"].pk,), district_id=areas[1].pk)] * 100
    import_incident_rows(rows, source=IncidentSource.PARTNER_REPORT)
    row = situation_for(coordinator, area=areas[1], start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 29)).rows[0]
    assert (row.count, row.last_year.before) == (2900, 2800)
    assert row.last_year.p_value == pytest.approx(1.0) and not row.last_year.significant


def test_situation_for__superuser_and_public_read_through_the_same_pieces(areas):
    """The policy's filter is compiled into the hand-written roll-up SQL: for a superuser it matches
    everything (Django raises FullResultSet for an empty filter), for the public only open rows."""
    cats = ensure_default_categories()
    owner = OrganisationFactory(name="Polisen")
    for classification in ("open", "open", "open", "internal", "restricted"):
        _incident(
            areas[1],
            cats["graffiti"],
            END - dt.timedelta(days=3),
            classification,
            owner if classification != "open" else None,
        )
    admin = User.objects.create_superuser("admin@example.org", password="x")
    start = END - dt.timedelta(days=30)
    assert situation_for(admin, area=areas[1], start=start, end=END).total == 5
    assert situation_for(AnonymousUser(), area=areas[1], start=start, end=END).total == 3


def test_situation_for__changes_significance_and_summary(areas, coordinator):
    cats = ensure_default_categories()
    drugs, graffiti = cats["drug_dealing"], cats["graffiti"]
    district = areas[1]
    start = END - dt.timedelta(days=30)
    for i in range(27):
        _incident(district, drugs, start + dt.timedelta(days=i % 31))
    for i in range(12):
        _incident(district, drugs, start.replace(year=2025) + dt.timedelta(days=i))
    for i in range(5):
        _incident(district, graffiti, start + dt.timedelta(days=i))
        _incident(district, graffiti, start - dt.timedelta(days=10 + i))
    picture = situation_for(coordinator, area=district, start=start, end=END)
    rows = {r.category.code: r for r in picture.rows}
    assert rows["drug_dealing"].count == 27 and rows["drug_dealing"].last_year.before == 12
    assert rows["drug_dealing"].last_year.significant
    assert rows["graffiti"].previous.before == 5 and not rows["graffiti"].previous.significant
    assert (
        len(rows["drug_dealing"].trend) == 13
        and rows["drug_dealing"].trend[0] == 12
        and rows["drug_dealing"].trend[-1] == 27
    )
    assert summary_sentences(picture)[0] == (
        "Narkotikahandel i Torgby ökade från 12 till 27 jämfört med samma period i fjol (signifikant)."
    )
    assert (
        _sentence(rows["graffiti"], "Torgby", "previous")
        == "Klotter i Torgby låg kvar på 5 jämfört med föregående period."
    )
    district_area = situation_for(coordinator, area=areas[0], start=start, end=END)
    assert district_area.total == picture.total == 32
    assert district_area.top_places[0][0] == district


def test_situation_for__restricted_counts_only_for_the_owner_and_public_suppression(areas):
    cats = ensure_default_categories()
    police = OrganisationFactory(name="Polisen i matrisen")
    school = OrganisationFactory(name="Skolan i matrisen")
    district = areas[1]
    for _ in range(4):
        _incident(district, cats["robbery"], END, classification="restricted", owner=police)
    for _ in range(2):
        _incident(district, cats["robbery"], END, classification="open")
    _incident(district, cats["fire"], END, classification="open")
    officer, teacher = user_with_role(Role.READER, police), user_with_role(Role.READER, school)
    from django.contrib.auth.models import AnonymousUser

    counts = {}
    for name, user in (("police", officer), ("school", teacher), ("public", AnonymousUser())):
        rows = {r.category.code: r.count for r in situation_for(user, area=district, start=END, end=END).rows}
        counts[name] = rows
    assert counts["police"]["robbery"] == 6 and counts["school"]["robbery"] == 2
    assert counts["public"]["robbery"] is None and counts["public"]["fire"] is None  # below 3: suppressed


def test_situation_page__opens_on_the_area_of_the_users_forums(client, areas, coordinator):
    from tests.factories import ForumFactory, ForumMemberFactory

    client.force_login(coordinator)
    assert "picture" not in client.get("/lagesbild/bild/").context  # no forum: choose an area
    ForumMemberFactory(forum=ForumFactory(area=areas[1]), user=coordinator)
    assert client.get("/lagesbild/bild/").context["picture"].area == areas[1]
    ForumMemberFactory(forum=ForumFactory(area=areas[2]), user=coordinator)
    assert client.get("/lagesbild/bild/").context["picture"].area == areas[0]  # both districts: their district area


def test_situation_page__renders_for_member_and_public(client, areas, coordinator):
    cats = ensure_default_categories()
    _incident(areas[1], cats["litter"], END)
    params = {"area": areas[1].pk, "start": "2026-10-01", "end": "2026-10-31"}
    client.force_login(coordinator)
    html = client.get("/lagesbild/bild/", params).content.decode()
    assert "Nedskräpning" in html and "<svg" in html
    client.logout()
    html = client.get("/lagesbild/bild/", params).content.decode()
    assert "Offentlig sammanställning" in html
    assert client.get("/lagesbild/bild/", {**params, "end": "2020-01-01"}).status_code == 200  # form error, no crash


def test_situation_api__same_numbers_as_the_page(client, areas, coordinator):
    cats = ensure_default_categories()
    for _ in range(4):
        _incident(areas[1], cats["robbery"], END)
    client.force_login(coordinator)
    data = client.get("/api/v1/situation", {"area": areas[1].pk, "from": "2026-10-01", "to": "2026-10-31"}).json()
    picture = situation_for(coordinator, area=areas[1], start=dt.date(2026, 10, 1), end=END)
    assert data["total"] == picture.total == 4
    assert data["categories"][0]["code"] == "robbery" and data["categories"][0]["count"] == 4
    assert data["summary"] == summary_sentences(picture)
    assert (
        client.get("/api/v1/situation", {"area": areas[1].pk, "from": "2026-10-31", "to": "2026-10-01"}).status_code
        == 400
    )
    assert (
        client.get("/api/v1/situation", {"area": 999999, "from": "2026-10-01", "to": "2026-10-31"}).status_code == 404
    )


def test_hotspots__finds_the_planted_cluster_and_not_uniform_noise(shared_dir):
    import json

    from tryggsam.situation.hotspots import hotspots

    geo = json.loads((shared_dir / "data" / "geo" / "stockholm_stadsdelar_simplified.geo.json").read_text())
    feature = next(f for f in geo["features"] if f["properties"]["name"] == "LILJEHOLMEN")
    ring = feature["geometry"]["coordinates"][0]
    rng = random.Random(3)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    noise = [(rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))) for _ in range(200)]
    centre = (59.3105, 18.0225)
    cluster = [(centre[0] + rng.gauss(0, 0.0006), centre[1] + rng.gauss(0, 0.001)) for _ in range(60)]
    import h3

    hot = hotspots(noise + cluster, [json.dumps(feature["geometry"])])
    assert h3.latlng_to_cell(*centre, 9) in {h.cell for h in hot}
    assert all(h.z >= 1.96 for h in hot)
    assert hotspots(noise[:5], [json.dumps(feature["geometry"])]) == []  # too few points to say anything


def test_situation_map__layers_for_visible_incidents(client, areas, coordinator):
    from tests.factories import SQUARE

    cats = ensure_default_categories()
    areas[1].geometry = SQUARE
    areas[1].save()
    incident = _incident(areas[1], cats["litter"], END)
    Incident.objects.filter(pk=incident.pk).update(lat=59.305, lon=18.005, precision="place")
    hidden = _incident(
        areas[1], cats["litter"], END, classification="restricted", owner=OrganisationFactory(name="Annan")
    )
    Incident.objects.filter(pk=hidden.pk).update(lat=59.306, lon=18.006, precision="place")
    client.force_login(coordinator)
    data = client.get(
        "/lagesbild/bild/karta.json", {"area": areas[1].pk, "start": "2026-10-01", "end": "2026-10-31"}
    ).json()
    assert [(p["lat"], p["lon"]) for p in data["points"]] == [(59.305, 18.005)]
    assert data["boundaries"]["features"][0]["properties"]["name"] == "Torgby"
    assert data["hotspots"]["type"] == "FeatureCollection"
    assert client.get("/lagesbild/bild/karta.json", {"area": "x"}).status_code == 400
