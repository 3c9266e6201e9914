import time
from tryggsam.places.importers import import_geojson, load_district_areas, load_places_csv
from tryggsam.places.models import Area, AreaAlias
from tryggsam.places.gazetteer import find_places
from tryggsam.places.selectors import areas_at_point

def test_scratch(db, shared_dir):
    geo = shared_dir / "data" / "geo"
    t = time.time()
    r = import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json")
    print("geo", r.as_dict(), time.time() - t)
    r = import_geojson(geo / "stockholm_stadsdelar_simplified.geo.json")
    print("geo2", r.as_dict(), time.time() - t)
    r = load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
    print("mem", r.as_dict(), time.time() - t)
    r = load_district_areas(geo / "stockholm_stadsdelsomraden_membership.csv")
    print("mem2", r.as_dict(), time.time() - t)
    r = load_places_csv(geo / "stockholm_metro_stations_gtfs.csv")
    print("pl", r.as_dict(), time.time() - t)
    r = load_places_csv(geo / "stockholm_metro_stations_gtfs.csv")
    print("pl2", r.as_dict(), time.time() - t)
    for a in Area.objects.filter(level="district_area"):
        print("DA", a.name, a.parent, [x.name for x in a.children.all()])
    for a in Area.objects.filter(level="place"):
        print("P", a.name, a.parent, a.parent.parent if a.parent else None)
    for a in AreaAlias.objects.all():
        print("AL", a.name, a.kind, a.area.name, a.area.level)
    print([a.name for a in Area.objects.filter(level="district", parent=None)])
    print([a.name for a in Area.objects.filter(level="district")])
    for t in ["liljeholmen", "Alvsjo", "Liljeholmens centrum", "i Västertorp", "Fruängens", "Hägersten-Liljeholmen", "Västertorpp", "Hägerstensåsn", "universitetet stadion rådhuset", "Gärdet"]:
        print(repr(t), [(m.name, m.level, m.how) for m in find_places(t)])
    print([a.name + a.level for a in areas_at_point(59.3084, 18.0241)])
    print(time.time() - t)
