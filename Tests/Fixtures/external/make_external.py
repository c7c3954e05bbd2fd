#!/usr/bin/env python3
# Makes an allocation drawn OUTSIDE Effekt for the fixture trial (Tests/Fixtures/trial): complete
# randomization within strata (municipality x benefit), as a consultancy would draw it. Not Effekt's
# code or algorithm: Python's random.Random(20161031) shuffles, in each stratum, a list holding
# floor(n/2) "control" and ceil(n/2) "treatment" (which arm gets the odd one is a coin flip), and the
# rows are written in roster order. Run from this folder: python3 make_external.py
import csv, random, shutil

r = random.Random(20161031)
shutil.copy("../trial/roster.csv", "roster.csv")
shutil.copy("../trial/weekly.csv", "weekly.csv")
with open("roster.csv", encoding="utf-8") as f:
    rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
strata = {}
for row in rows:
    strata.setdefault(row["municipality"] + "|" + row["benefit"], []).append(row["id"])
arm = {}
for label in sorted(strata):
    ids = strata[label]
    odd = ["treatment"] if r.random() < 0.5 else ["control"]
    arms = ["control"] * (len(ids) // 2) + ["treatment"] * (len(ids) // 2) + (odd if len(ids) % 2 else [])
    r.shuffle(arms)
    for i, a in zip(ids, arms):
        arm[i] = (a, label)
with open("allocation.csv", "w", encoding="utf-8", newline="") as f:
    f.write("# SYNTHETIC DATA - drawn outside Effekt by make_external.py (random.Random(20161031))\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "arm", "stratum", "assigned_on"])
    for row in rows:
        a, label = arm[row["id"]]
        w.writerow([row["id"], a, label, row["enrolled_on"]])
