#!/usr/bin/env python3
# Reference value for the imbalance test of the external fixture (independent of Effekt's code):
# F test of lm(D ~ factor(stratum)) against lm(D ~ factor(stratum) + age + female + origin), as
# R's anova() computes it, here with numpy least squares and scipy's F distribution.
# numpy 2.4.6, scipy 1.17.1. Run from this folder: python3 imbalance_reference.py
import csv
import numpy as np
from scipy import stats

def rows(name):
    with open(name, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))

arm = {r["id"]: r["arm"] for r in rows("allocation.csv")}
people = rows("roster.csv")
d = np.array([1.0 if arm[p["id"]] == "treatment" else 0.0 for p in people])
strata = [p["municipality"] + "|" + p["benefit"] for p in people]
levels = sorted(set(strata))
base = [np.ones(len(people))] + [np.array([s == l for s in strata], float) for l in levels[1:]]
origin = sorted(set(p["origin"] for p in people))
covs = [np.array([float(p["age"]) for p in people]), np.array([float(p["female"]) for p in people])]
covs += [np.array([p["origin"] == l for p in people], float) for l in origin[1:]]

def rss(cols):
    x = np.column_stack(cols)
    beta, _, rank, _ = np.linalg.lstsq(x, d, rcond=None)
    r = d - x @ beta
    return float(r @ r), int(rank)

r0, k0 = rss(base)
r1, k1 = rss(base + covs)
q, df = k1 - k0, len(people) - k1
f = (r0 - r1) / q / (r1 / df)
print(f"F = {f:.15g} on ({q}, {df}); p = {stats.f.sf(f, q, df):.15g}")
