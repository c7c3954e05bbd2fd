#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for the monitoring case-flow tests (R is not installed here).

Reads cases.csv beside this file with Python's csv module (not Effekt's reader), derives each
case's days from contact to exit (placed / sent back / interrupted; open cases censored at the
latest date in the file), and computes per proposed intervention the Aalen-Johansen cumulative
incidence by the textbook product-limit recursion S(t) = S(t-) (1 - d/n), F_k(t) = F_k(t-) + S(t-) d_k/n.
It also computes the Cochran-Armitage trend statistic of the send-back share over half-years as
R's prop.trend.test does it: the weighted regression of the share on the score, chi-square =
slope^2 / its variance under p-bar (Armitage 1955). Writes reference.json.

Run: python3 Tests/Fixtures/monitoring/aalen_johansen_reference.py  (Python 3.12, standard library only)
"""
import csv, json, os, datetime as dt

here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(line for line in open(os.path.join(here, "cases.csv")) if not line.startswith("#")))
d = lambda s: dt.date.fromisoformat(s)
latest = max(max([d(r["contact_date"])] + ([d(r["placement_date"])] if r["placement_date"] else [])
                  + [d(e.split("@")[1]) for e in r["status_history"].split(";")]) for r in rows)

def exit_of(r):
    last_status, last_date = r["status_history"].split(";")[-1].split("@")
    days = (d(last_date) - d(r["contact_date"])).days
    if last_status == "closed": return days, 1
    if last_status == "interrupted": return days, 2 if r["arranged"] == "sent_back" else 3
    return (latest - d(r["contact_date"])).days, 0

groups = {}
for r in rows:
    groups.setdefault(r["proposed"], []).append(exit_of(r))

out = {"latest": latest.isoformat(), "groups": {}}
for g, obs in groups.items():
    times = sorted({t for t, k in obs if k > 0})
    S, F, curve = 1.0, [0.0, 0.0, 0.0], []
    for t in times:
        n = sum(1 for u, k in obs if u >= t)
        dk = [sum(1 for u, k in obs if u == t and k == c) for c in (1, 2, 3)]
        F = [F[i] + S * dk[i] / n for i in range(3)]
        S = S * (1 - sum(dk) / n)
        curve.append({"time": t, "at_risk": n, "placed": F[0], "sent_back": F[1], "interrupted": F[2]})
    out["groups"][g] = curve

# Send-back trend over half-years of contact, decided cases only.
per = {}
for r in rows:
    if not r["arranged"]: continue
    c = d(r["contact_date"]); score = c.year * 2 + (0 if c.month <= 6 else 1)
    x, n = per.get(score, (0, 0)); per[score] = (x + (r["arranged"] == "sent_back"), n + 1)
keys = sorted(per); x = [per[k][0] for k in keys]; n = [per[k][1] for k in keys]
# Scores relative to the first half-year (the statistic is shift invariant; raw indices near
# 4,000 lose about 12 digits to cancellation in the centred sums).
s = [k - keys[0] for k in keys]
p = sum(x) / sum(n)
# Weighted least squares of x_i/n_i on s_i with weights n_i (as prop.trend.test's lm call).
W = sum(n); sw = sum(ni * si for ni, si in zip(n, s)) / W
sxx = sum(ni * (si - sw) ** 2 for ni, si in zip(n, s))
slope = sum(ni * (xi / ni) * (si - sw) for ni, xi, si in zip(n, x, s)) / sxx
chisq = slope ** 2 * sxx / (p * (1 - p))
out["trend"] = {"scores": keys, "events": x, "totals": n, "slope": slope, "chisq": chisq}
json.dump(out, open(os.path.join(here, "reference.json"), "w"), indent=1, sort_keys=True)
print(json.dumps(out["trend"]))
