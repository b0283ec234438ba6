#!/usr/bin/env python3
"""Compares botops' next-run computation with croniter's on a generated corpus.

Expressions (lists, ranges, steps, names, macros, both day fields restricted), time zones with and without
daylight saving time (Moscow, Berlin, New York, Lord Howe's half-hour shift), and instants spread over
2024-2031 plus the hours around each DST transition. For every case botops' `cron next --batch` must
give the instant croniter gives. Prints one closing line; exits 1 on any difference (the first 20 shown).

  check_cron.py [--cases N] [--seed N] [-v]
"""
import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import zoneinfo

from croniter import croniter

ZONES = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]


def field(rng, low, high, names=None):
    kind = rng.random()
    if kind < 0.3:
        return "*"
    if kind < 0.45:
        return f"*/{rng.randint(2, max(2, (high - low) // 2))}"
    if kind < 0.65:
        return str(rng.randint(low, high))
    if kind < 0.8:
        a = rng.randint(low, high - 1)
        b = rng.randint(a + 1, high)
        step = f"/{rng.randint(2, 4)}" if rng.random() < 0.3 else ""
        return f"{a}-{b}{step}"
    values = sorted(rng.sample(range(low, high + 1), rng.randint(2, min(4, high - low + 1))))
    if names and rng.random() < 0.5:
        return ",".join(names[v - low] for v in values)
    return ",".join(map(str, values))


def expression(rng):
    if rng.random() < 0.08:
        return rng.choice(["@hourly", "@daily", "@weekly", "@monthly", "@yearly"])
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    # Hours around 1-3 o'clock often, where the DST gaps and repeats are.
    hour = rng.choice([field(rng, 0, 23), str(rng.randint(0, 3)), f"{rng.randint(0, 2)}-{rng.randint(3, 5)}"])
    return " ".join([field(rng, 0, 59), hour, field(rng, 1, 31), field(rng, 1, 12, months), field(rng, 0, 6, days)])


MACROS = {"@hourly": "0 * * * *", "@daily": "0 0 * * *", "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *",
          "@yearly": "0 0 1 1 *"}


def star_rule_differs(expr):
    """Vixie cron counts a day field starting with `*` (`*/2`) as unrestricted; croniter counts only a bare
    `*`. Where that changes whether the two day fields are OR-ed, botops follows Vixie (AND)."""
    fields = MACROS.get(expr, expr).split()
    dom, dow = fields[2], fields[4]
    return (dom != "*" and dow != "*") != (not dom.startswith("*") and not dow.startswith("*"))


def second_pass_of_fixed_hour(expr, zone, answer):
    """croniter runs a job with a fixed hour again in the second pass of a repeated (fall-back) hour;
    botops runs it once, as the issue asks. Those answers are not compared."""
    hour = MACROS.get(expr, expr).split()[1]
    if hour.startswith("*") or answer.startswith("croniter:"):
        return False
    instant = dt.datetime.strptime(answer, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    return instant.astimezone(zoneinfo.ZoneInfo(zone)).fold == 1


def transitions(zone, start, end):
    """Instants a few minutes before each offset change of `zone` between start and end."""
    tz = zoneinfo.ZoneInfo(zone)
    found, t = [], start
    step = dt.timedelta(hours=6)
    while t < end:
        if t.astimezone(tz).utcoffset() != (t + step).astimezone(tz).utcoffset():
            lo, hi = t, t + step
            while hi - lo > dt.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if lo.astimezone(tz).utcoffset() == mid.astimezone(tz).utcoffset():
                    lo = mid
                else:
                    hi = mid
            found.append(hi - dt.timedelta(hours=2))
        t += step
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--botops", default=os.environ.get("BOTOPS_BIN", ".build/debug/botops"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc)
    near = {zone: transitions(zone, start, end) for zone in ZONES}
    cases = []
    for _ in range(args.cases):
        zone = rng.choice(ZONES)
        if near[zone] and rng.random() < 0.5:
            instant = rng.choice(near[zone]) + dt.timedelta(minutes=rng.randint(0, 240))
        else:
            instant = start + dt.timedelta(seconds=rng.randint(0, int((end - start).total_seconds())))
        instant = instant.replace(second=rng.choice([0, 0, 30]), microsecond=0)
        cases.append((expression(rng), zone, instant))

    expected = []
    for expr, zone, instant in cases:
        local = instant.astimezone(zoneinfo.ZoneInfo(zone))
        try:
            # Where croniter's and Vixie's ideas of a restricted day field differ (`*/N`), Vixie's AND is
            # croniter's day_or=False.
            nxt = croniter(expr, local, day_or=not star_rule_differs(expr)).get_next(dt.datetime)
            expected.append(nxt.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        except Exception as error:  # croniter gives up on expressions that never fire
            expected.append(f"croniter: {error.__class__.__name__}")

    lines = "".join(f"{e}\t{z}\t{i.strftime('%Y-%m-%dT%H:%M:%SZ')}\n" for e, z, i in cases)
    result = subprocess.run([args.botops, "cron", "next", "--batch"], input=lines, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"check-cron: botops cron next --batch failed: {result.stderr.strip()}", file=sys.stderr)
        return 1
    got = result.stdout.splitlines()
    differences = []
    skipped = 0
    repeats = 0
    for (expr, zone, instant), want, have in zip(cases, expected, got):
        if want.startswith("croniter:") and have == "never":
            continue
        if star_rule_differs(expr):
            skipped += 1
        if second_pass_of_fixed_hour(expr, zone, want):
            repeats += 1
            continue
        if want != have:
            differences.append(f"{expr!r} in {zone} after {instant:%Y-%m-%dT%H:%M:%SZ}: croniter {want}, botops {have}")
    for line in differences[:20]:
        print(f"check-cron: {line}", file=sys.stderr)
    if args.v:
        print(f"check-cron: {skipped} cases compared with day_or=False, where croniter's `*/N` day rule differs from "
              f"Vixie's; {repeats} left out, where croniter runs a fixed-hour job a second time in a repeated hour",
              file=sys.stderr)
    print(f"cron: {len(cases) - len(differences) - repeats} passed, {len(differences)} failed")
    return 1 if differences or len(got) != len(cases) else 0


if __name__ == "__main__":
    sys.exit(main())
