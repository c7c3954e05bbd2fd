#!/usr/bin/env python3
# Makes the small hand-checkable trial fixture used by EffektCLITests and TrialStorageTests.
# Deterministic (random.Random(7)); run from this folder: python3 make_fixture.py
import random
r = random.Random(7)
munis = ["Aalborg", "København"]
benefits = ["cash_benefit", "resource_programme"]
origins = ["danish", "western", "non_western"]

def roster(ids, start_day):
    rows = ["# SYNTHETIC DATA — test fixture made by make_fixture.py",
            "id,municipality,benefit,enrolled_on,gender,female,age,origin"]
    for k, i in enumerate(ids):
        female = r.randint(0, 1)
        day = start_day + k // 4
        rows.append(f"p{i:03d},{munis[i % 2]},{benefits[(i // 2) % 2]},2016-03-{day:02d},"
                    f"{'female' if female else 'male'},{female},{r.randint(25, 60)},{r.choice(origins)}")
    return "\n".join(rows) + "\n"

open("roster.csv", "w").write(roster(range(1, 41), 1))
open("roster-later.csv", "w").write(roster(range(41, 49), 20))

lines = ["# SYNTHETIC DATA — test fixture made by make_fixture.py", "id,week,paid_hours,activity,mentor,status"]
for i in range(1, 41):
    exit_week = {5: 4, 12: 6}.get(i)          # p005 gets disability pension in week 4, p012 moves in week 6
    last = 8 if i != 20 else 5                 # p020's records stop after week 5 (lost without exit)
    for w in range(1, last + 1):
        hours = r.choice([0, 0, 0, 7.5, 15, 37])
        act = "ordinary_job" if hours > 0 else r.choice(["none", "internship", "wage_subsidy", "education"])
        status = "self_supporting" if hours >= 37 else "on_benefit"
        if exit_week and w == exit_week:
            status = "disability_pension" if i == 5 else "moved_away"
            lines.append(f"p{i:03d},{w},0,none,0,{status}")
            break
        lines.append(f"p{i:03d},{w},{hours},{act},{r.randint(0, 1)},{status}")
open("weekly.csv", "w").write("\n".join(lines) + "\n")
