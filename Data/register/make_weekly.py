#!/usr/bin/env python3
# Independent reference for `effekt import-register` (not Effekt's code): turns the wide register
# example in this folder into the equivalent long weekly.csv (weekly-expected.csv), following the
# rules in docs/DATA-FORMATS.md ("Register extracts") with Python's own ISO calendar
# (datetime.date.isocalendar / fromisocalendar) and tomllib. Python >= 3.11.
# Run from this folder: python3 make_weekly.py
import csv, datetime, tomllib

FOLLOW_UP = 12  # trial.toml follow_up_weeks

def data_lines(path, encoding):
    with open(path, encoding=encoding, newline="") as f:
        return [l for l in f.read().splitlines() if l and not l.startswith("#")]

roster = list(csv.DictReader(data_lines("roster.csv", "utf-8")))
enrolled = {r["id"]: datetime.date.fromisoformat(r["enrolled_on"]) for r in roster}
with open("codes.toml", "rb") as f:
    cmap = tomllib.load(f)
blank = cmap["blank"]
codes = cmap["codes"]

def meaning(m):
    return (m["status"], m.get("activity", "none"), 1 if m.get("mentor", False) else 0, m.get("priority", 100))

def monday_of(d):
    return d - datetime.timedelta(days=d.weekday())

def week_of_column(name):  # y_{yy}{ww}
    return datetime.date.fromisocalendar(2000 + int(name[2:4]), int(name[4:6]), 1)

# week[(id, trial week)] = code (None = blank), earlier sources first
week = {}
for path, enc in [("dream.csv", "latin-1"), ("sickness-latin1.csv", "latin-1")]:
    for row in csv.DictReader(data_lines(path, enc)):
        start = monday_of(enrolled[row["id"]])
        for col, cell in row.items():
            if not col.startswith("y_"):
                continue
            k = (week_of_column(col) - start).days // 7 + 1
            if not 1 <= k <= FOLLOW_UP:
                continue
            code = cell if cell != "" else None
            key = (row["id"], k)
            if key not in week or week[key] is None:
                week[key] = code
            elif code is not None and meaning(codes[code])[3] < meaning(codes[week[key]])[3]:
                week[key] = code

# hours: a month's hours to ISO weeks by the month's Monday-Friday days in each week
hours = {}
for row in csv.DictReader(data_lines("hours.csv", "utf-8")):
    y, m = map(int, row["month"].split("-"))
    d = datetime.date(y, m, 1)
    days = []
    while d.month == m:
        if d.weekday() < 5:
            days.append(d)
        d += datetime.timedelta(days=1)
    start = monday_of(enrolled[row["id"]])
    for day in days:
        k = (monday_of(day) - start).days // 7 + 1
        if 1 <= k <= FOLLOW_UP:
            hours[(row["id"], k)] = hours.get((row["id"], k), 0.0) + float(row["hours"]) / len(days)

skipped = 0
with open("weekly-expected.csv", "w", encoding="utf-8", newline="") as f:
    f.write("# SYNTHETIC DATA - made by make_weekly.py from the register example (independent of Effekt)\n")
    f.write("id,week,paid_hours,activity,mentor,status\n")
    for pid in sorted(enrolled):
        exited = False
        for k in range(1, FOLLOW_UP + 1):
            if (pid, k) not in week:
                continue
            if exited:
                skipped += 1
                continue
            code = week[(pid, k)]
            status, activity, mentor, _ = meaning(blank) if code is None else meaning(codes[code])
            h = round(hours.get((pid, k), 0.0), 6)
            text = ("%.6f" % h).rstrip("0").rstrip(".")
            f.write(f"{pid},{k},{text},{activity},{mentor},{status}\n")
            if status in ("disability_pension", "moved_away"):
                exited = True
print("weeks skipped after an exit:", skipped)
