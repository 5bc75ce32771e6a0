"""Compares the portal's calendar reader (groups-feeds) with an independent one, Python's
icalendar with recurring-ical-events, on real calendars written by other tools: the test
calendars these two packages ship (pinned in xtask/src/python.rs, licences in README).
Nothing is copied into this repository; the files are read from the tools' venv.

    tools/venv/bin/python tools/compare_calendars.py --reader target/debug/occurrences \
        [--known feeds/tests/known_differences.txt] [--verbose] [NAME…]

For each calendar (named by its path inside site-packages) it chooses windows of two years
from the calendar's own dates (one from its first start, one around its last), never from
today, runs both readers over each and compares their occurrences: UID, start and end (UTC),
all-day, the original date of a moved one, and the title where the event has one. It prints
one line per calendar and the agreement figure. With --known (lines `NAME: why`), it exits
1 when a calendar that is not listed disagrees, or when a listed one now agrees (move it out
of the list), so that a regression and a fix both show.
"""

import argparse
import datetime
import json
import re
import subprocess
import sys
import unicodedata
import warnings
import zoneinfo
from pathlib import Path

import icalendar
import recurring_ical_events

UTC = datetime.timezone.utc
# As the reader does (groups_feeds::MAX_OCCURRENCES, TEXT_MAX, DEFAULT_TITLE).
MAX_OCCURRENCES = 500
TEXT_MAX = 200
DEFAULT_TITLE = "Meeting"
YEAR = datetime.timedelta(days=365)


def corpus():
    """Every .ics the pinned packages ship, by name (its path inside site-packages)."""
    roots = [
        Path(icalendar.__file__).parent / "tests",
        Path(recurring_ical_events.__file__).parent / "test",
    ]
    site = Path(icalendar.__file__).parent.parent
    files = sorted(f for root in roots for f in root.rglob("*.ics"))
    return {str(f.relative_to(site)): f for f in files}


def zone_of(cal):
    """The calendar's own zone (X-WR-TIMEZONE) when Python knows it, else UTC."""
    name = cal.get("X-WR-TIMEZONE")
    try:
        return zoneinfo.ZoneInfo(str(name).strip()) if name else UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def to_utc(value, zone):
    """A date (midnight in `zone`), floating time (in `zone`) or time as UTC."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def stamp(d):
    return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if d else None


def clean(raw):
    """The reader's cleaning of a title (groups_feeds text::clean)."""
    kept = "".join(c for c in raw if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    out = " ".join(kept.split())
    if len(out) > TEXT_MAX:
        out = out[: TEXT_MAX - 1].rstrip() + "…"
    return out


def calendars(data):
    return icalendar.Calendar.from_ical(data, multiple=True)


def windows(cals):
    """(now, from, until): two years from the first start, and two around the last."""
    starts = []
    for cal in cals:
        zone = zone_of(cal)
        for event in cal.walk("VEVENT"):
            for prop in ("DTSTART", "RECURRENCE-ID"):
                try:
                    starts.append(to_utc(event[prop].dt, zone))
                except (KeyError, AttributeError, TypeError, ValueError, OverflowError):
                    pass
    if not starts:
        return []
    first = min(starts).replace(hour=0, minute=0, second=0, microsecond=0) - datetime.timedelta(days=1)
    last = max(starts).replace(hour=0, minute=0, second=0, microsecond=0)
    chosen = [(first + YEAR, first, first + 2 * YEAR)]
    if last >= first + 2 * YEAR:
        chosen.append((last, last - YEAR, last + YEAR))
    return chosen


def original(o):
    """The date an occurrence was first planned for, when it says more than its start: the
    recurrence id of an all-day date as the day it names (the nearest midnight), since the
    reference keeps it as written, a midnight in some zone, and the reader as the series' day."""
    rid = o["recurrence_id"] if o["recurrence_id"] != o["start"] else None
    if rid and o["all_day"]:
        rid = (datetime.datetime.fromisoformat(rid) + datetime.timedelta(hours=12)).date().isoformat()
    return rid


def key(o):
    """What identifies an occurrence in the comparison."""
    return (o["uid"], o["start"], o["end"], o["all_day"])


def differences(mine, theirs):
    """Short lines saying what differs; none when the two agree."""
    lines = []
    a = {}
    for o in mine:
        a.setdefault(key(o), []).append(o)
    b = {}
    for o in theirs:
        b.setdefault(key(o), []).append(o)
    # The reference gives the dates after a date moved with all later ones
    # (RANGE=THISANDFUTURE) that date's recurrence id: shared, it names none of them.
    shared = {}
    for o in theirs:
        shared[(o["uid"], o["recurrence_id"])] = shared.get((o["uid"], o["recurrence_id"]), 0) + 1
    for k in sorted(set(a) | set(b), key=lambda k: (k[1], str(k[0]))):
        x, y = a.get(k, []), b.get(k, [])
        where = f"uid={k[0]} start={k[1]} end={k[2]} all_day={k[3]}"
        if len(x) != len(y):
            lines.append(f"{'only here' if len(x) > len(y) else 'only in the reference'} ({abs(len(x) - len(y))}): {where}")
            continue
        by_title = lambda o: (o["title"] or "", str(original(o)))  # noqa: E731
        for p, q in zip(sorted(x, key=by_title), sorted(y, key=by_title)):
            if q["title"] is not None and p["title"] != q["title"]:
                lines.append(f"title of {where}: {p['title']!r} here, {q['title']!r} in the reference")
            if shared[(q["uid"], q["recurrence_id"])] == 1 and original(p) != original(q):
                lines.append(f"first planned for of {where}: {original(p)} here, {original(q)} in the reference")
    return lines


def reference(cals, window):
    """recurring-ical-events' occurrences starting in the window, as the reader prints them."""
    now, start, stop = window
    found = []
    margin = datetime.timedelta(days=2)
    for cal in cals:
        zone = zone_of(cal)
        for event in recurring_ical_events.of(cal).between(start - margin, stop + margin):
            if "DTSTART" not in event:
                continue
            begin = event["DTSTART"].dt
            at = to_utc(begin, zone)
            if not start <= at < stop:
                continue
            end = to_utc(event.end, zone) if event.end is not None else None
            rid = event.get("RECURRENCE-ID")
            uid = event.get("UID")
            title = event.get("SUMMARY")
            all_day = not isinstance(begin, datetime.datetime)
            if all_day and (end is None or end <= at):
                # A day that ends where it starts is that one day for the reader (the
                # reference gives it no length).
                end = at + datetime.timedelta(days=1)
            found.append(
                {
                    "uid": " ".join(str(uid).split())[:255] if uid is not None and str(uid).strip() else None,
                    "recurrence_id": stamp(to_utc(rid.dt, zone)) if rid is not None else None,
                    "start": stamp(at),
                    "end": stamp(end) if end is not None and end > at else None,
                    "all_day": all_day,
                    "title": (clean(str(title)) or DEFAULT_TITLE) if title is not None else None,
                }
            )
    # The reader keeps the occurrences nearest to `now`.
    if len(found) > MAX_OCCURRENCES:
        found.sort(key=lambda o: (abs(datetime.datetime.fromisoformat(o["start"]) - now), o["start"]))
        found = found[:MAX_OCCURRENCES]
    return found


def ours(reader, path, window):
    now, start, stop = window
    run = subprocess.run(
        [reader, str(path), stamp(now), stamp(start), stamp(stop)], capture_output=True, text=True, timeout=120
    )
    if run.returncode != 0:
        raise RuntimeError(f"the reader failed: {run.stderr.strip()[-500:]}")
    found, skipped, error = [], [], None
    for line in run.stdout.splitlines():
        o = json.loads(line)
        if "error" in o:
            error = o["error"]
        elif "skipped" in o:
            skipped = o["skipped"]
        else:
            # A UID the reader made up is no UID.
            if o["uid"].startswith("generated-"):
                o["uid"] = None
            found.append(o)
    return found, skipped, error


def compare(reader, path):
    """('agree' | 'differ' | 'reference-fails', detail lines, occurrences compared)."""
    data = path.read_bytes()
    first = next((line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()), "")
    if first.upper().lstrip("\ufeff") != "BEGIN:VCALENDAR":
        return "not-a-calendar", [f"it starts with {first[:30]}"], 0
    # icalendar keeps the zones it has read by name: one calendar's VTIMEZONE would else
    # decide another's times.
    icalendar.use_zoneinfo()
    try:
        cals = calendars(data)
        chosen = windows(cals)
        refs = [reference(cals, w) for w in chosen]
    except Exception as e:  # noqa: BLE001 - any failure of the reference is reported
        return "reference-fails", [f"{type(e).__name__}: {str(e)[:200]}"], 0
    if not chosen:
        # No event at all: the reader must find none either (or refuse the file).
        now = datetime.datetime(2026, 1, 15, 12, tzinfo=UTC)
        chosen, refs = [(now, now - YEAR, now + YEAR)], [[]]
    detail, count = [], 0
    for window, theirs in zip(chosen, refs):
        mine, skipped, error = ours(reader, path, window)
        label = f"[{stamp(window[1])[:10]}…{stamp(window[2])[:10]}]"
        if error is not None and theirs:
            detail.append(f"{label} refused here ({error}); the reference reads {len(theirs)}")
            continue
        lines = differences(mine, theirs)
        detail += [f"{label} {line}" for line in lines[:8]]
        if len(lines) > 8:
            detail.append(f"{label} and {len(lines) - 8} more")
        if lines and skipped:
            detail.append(f"{label} skipped here: {'; '.join(skipped)[:300]}")
        count += len(theirs)
    return ("differ" if detail else "agree"), detail, count


def known_list(path):
    known = {}
    if path:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, why = line.partition(":")
                known[name.strip()] = why.strip()
    return known


def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--reader", required=True, help="the occurrences tool (target/debug/occurrences)")
    args.add_argument("--known", help="the known differences, one `NAME: why` a line")
    args.add_argument("--verbose", action="store_true", help="show the differences of known ones too")
    args.add_argument("names", nargs="*", help="only these calendars")
    opts = args.parse_args()
    # icalendar warns of the zones it guesses; what it decided shows in the comparison.
    warnings.simplefilter("ignore")
    files = corpus()
    known = known_list(opts.known)
    names = opts.names or list(files)
    counts = {"agree": 0, "differ": 0, "reference-fails": 0, "not-a-calendar": 0}
    unexpected, fixed = [], []
    for name in names:
        outcome, detail, n = compare(opts.reader, files[name])
        counts[outcome] += 1
        listed = name in known
        if outcome == "agree":
            print(f"agree   {name} ({n} occurrences)")
            if listed:
                fixed.append(name)
        elif outcome == "reference-fails":
            print(f"skip    {name}: the reference cannot read it: {detail[0]}")
        elif outcome == "not-a-calendar":
            print(f"skip    {name}: not a calendar file, {detail[0]}")
        else:
            print(f"{'known ' if listed else 'DIFFER'}  {name}" + (f": {known[name]}" if listed else ""))
            if not listed or opts.verbose:
                for line in detail:
                    print(f"          {line}")
            if not listed:
                unexpected.append(name)
    for name in sorted(set(known) - set(files)):
        print(f"listed but not in the corpus: {name}")
        fixed.append(name)
    compared = counts["agree"] + counts["differ"]
    print(
        f"\nagreement: {counts['agree']} of {compared} calendars "
        f"({100 * counts['agree'] / max(compared, 1):.1f}%); {counts['differ']} differ "
        f"({counts['differ'] - len(unexpected)} known); not compared: {counts['reference-fails']} the reference "
        f"cannot read, {counts['not-a-calendar']} not calendar files (a component alone)"
    )
    if opts.known:
        for name in unexpected:
            print(f"unexpected difference: {name}")
        for name in fixed:
            print(f"now agrees (move it out of {opts.known}): {name}")
        return 1 if unexpected or fixed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
