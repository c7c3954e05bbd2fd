#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent computation of the flex-job trial's placement costs and Fieller intervals.

Written from the rules in docs/DATA-FORMATS.md ([tariff]) without Effekt's code, with Python's
standard library only (R is not installed here). Run from the package root:

    python3 Tests/Fixtures/costs/independent_costs.py > Tests/Fixtures/costs/expected.json

Fieller's set for R = dC/dE: (dC - R dE)^2 <= z^2 (vC - 2 R c + R^2 vE), solved as a quadratic
(Fieller 1954; Willan & O'Brien 1996). z = NormalDist().inv_cdf(0.975).
"""
import csv, datetime, json, math, tomllib
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)


def fieller(dc, de, vc, ve, c):
    a = de * de - Z * Z * ve
    b = -2 * (dc * de - Z * Z * c)
    k = dc * dc - Z * Z * vc
    disc = b * b - 4 * a * k
    if a > 0:
        r = sorted([(-b - math.sqrt(disc)) / (2 * a), (-b + math.sqrt(disc)) / (2 * a)])
        return {"kind": "bounded", "low": r[0], "high": r[1]}
    if disc > 0 and a < 0:
        r = sorted([(-b - math.sqrt(disc)) / (2 * a), (-b + math.sqrt(disc)) / (2 * a)])
        return {"kind": "two_rays", "low": r[0], "high": r[1]}
    return {"kind": "whole_line"}


def incremental(provider, control):
    """provider, control: lists of (cost, placed 0/1)."""
    def moments(rows):
        n = len(rows)
        mc = sum(r[0] for r in rows) / n
        me = sum(r[1] for r in rows) / n
        vc = sum((r[0] - mc) ** 2 for r in rows) / (n - 1) / n
        ve = sum((r[1] - me) ** 2 for r in rows) / (n - 1) / n
        cv = sum((r[0] - mc) * (r[1] - me) for r in rows) / (n - 1) / n
        return mc, me, vc, ve, cv
    t, k = moments(provider), moments(control)
    dc, de = t[0] - k[0], t[1] - k[1]
    out = {"cost_difference": dc, "effect": de, "cost_variance": t[2] + k[2], "effect_variance": t[3] + k[3],
           "covariance": t[4] + k[4]}
    out["interval"] = fieller(dc, de, out["cost_variance"], out["effect_variance"], out["covariance"])
    return out


def add_months(d, m):
    y, mo = divmod(d.year * 12 + d.month - 1 + m, 12)
    day = d.day
    while True:
        try:
            return datetime.date(y, mo + 1, day)
        except ValueError:
            day -= 1


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def flexjob(folder="Data/flexjob"):
    trial = tomllib.load(open(f"{folder}/trial.toml", "rb"))
    tariff = trial["tariff"]
    follow_up = trial["follow_up_weeks"]
    arm = {r["id"]: r["arm"] for r in rows(f"{folder}/allocation.csv")}
    enrolled = {r["id"]: datetime.date.fromisoformat(r["enrolled_on"]) for r in rows(f"{folder}/roster.csv")}
    municipality = {r["id"]: r["municipality"] for r in rows(f"{folder}/roster.csv")}
    events = {}
    for r in rows(f"{folder}/events.csv"):
        events.setdefault(r["id"], []).append(r)
    for v in events.values():
        v.sort(key=lambda r: r["date"])  # stable: ties keep file order
    waiting = {}
    for r in rows(f"{folder}/weekly.csv"):
        if r["status"] == "flexjob_waiting_benefit":
            waiting[r["id"]] = waiting.get(r["id"], 0) + 1
    keys = ["referral", "first_internship_or_work_trial", "flex_job_2_months", "flex_job_4_months"]
    amount = {"referral": tariff["fixed_fee_per_referral"], "first_internship_or_work_trial": tariff["bonus_first_internship_or_work_trial"],
              "flex_job_2_months": tariff["bonus_flex_job_2_months"], "flex_job_4_months": tariff["bonus_flex_job_4_months"]}
    per = {}
    for pid, a in arm.items():
        ev = events.get(pid, [])
        placed = 1 if any(e["event"] == "flex_job_start" for e in ev) else 0
        if a == tariff["provider_arm"]:
            monday = enrolled[pid] - datetime.timedelta(days=enrolled[pid].weekday())
            end_fu = monday + datetime.timedelta(days=7 * follow_up)
            reached = set()
            if any(e["event"] == "referral" for e in ev): reached.add("referral")
            if any(e["event"] in ("internship_start", "work_trial_start") for e in ev): reached.add("first_internship_or_work_trial")
            for i, e in enumerate(ev):
                if e["event"] == "flex_job_start" and e["created_by"] == "provider":
                    start = datetime.date.fromisoformat(e["date"])
                    ends = [datetime.date.fromisoformat(x["date"]) for x in ev[i + 1:] if x["event"] == "flex_job_end"]
                    last = min(ends[0] if ends else end_fu, end_fu)
                    if add_months(start, 2) <= last: reached.add("flex_job_2_months")
                    if add_months(start, 4) <= last: reached.add("flex_job_4_months")
            cost = sum(amount[m] for m in reached)
        else:
            reached = set()
            cost = tariff["control_cost_per_citizen_month"] * waiting.get(pid, 0) * 12 / 52
        per[pid] = (a, cost, placed, reached)
    def group(m):
        ids = [p for p in per if m is None or municipality[p] == m]
        out = {"scope": m}  # not "municipality": that is the control arm's name
        for name in (tariff["provider_arm"], trial["control_arm"]):
            r = [per[p] for p in ids if per[p][0] == name]
            out[name] = {"citizens": len(r), "placed": sum(x[2] for x in r), "total_cost": sum(x[1] for x in r),
                         "payouts": {k: sum(1 for x in r if k in x[3]) for k in keys} if name == tariff["provider_arm"] else {}}
        out["incremental"] = incremental([(per[p][1], per[p][2]) for p in ids if per[p][0] == tariff["provider_arm"]],
                                         [(per[p][1], per[p][2]) for p in ids if per[p][0] == trial["control_arm"]])
        return out
    return [group(None)] + [group(m) for m in sorted(set(municipality.values()))]


def synthetic():
    """A small two-arm data set where the provider places clearly more (bounded interval), and
    one where the effect's interval includes zero (unbounded)."""
    bounded = incremental([(40000, 1)] * 12 + [(10000, 0)] * 8, [(15000, 1)] * 3 + [(18000, 0)] * 17)
    unbounded = incremental([(40000, 1)] * 5 + [(10000, 0)] * 15, [(15000, 1)] * 4 + [(18000, 0)] * 16)
    return {"bounded": bounded, "unbounded": unbounded}


if __name__ == "__main__":
    print(json.dumps({"z": Z, "flexjob": flexjob(), "synthetic": synthetic()}, indent=1, sort_keys=True))
