#!/usr/bin/env python3
"""Fills a PrepRoom database (demo data loaded, migrations run) with the equipment
benchmark's data (issue 15): about 2,500 schools in the 32 local authorities, 200 items
each (500,000 items), ten years of checks (about 7,000,000), two technicians per school
with their certificates (some lapsing, some expired), and a manager per authority.
Deterministic (seeded). Glasgow gets the most schools, as it has in life.

    equipmentdata.py --sqlite data/preproom.sqlite [--schools N] [--items-per-school N] [--checks-per-item N]
    equipmentdata.py --postgres postgres://… [...]

Reuses reportdata.py's targets (SQLite executemany; PostgreSQL \\copy).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reportdata import DAY, PostgresTarget, SQLiteTarget, uid  # noqa: E402

MONTH = 30.44 * DAY


def main() -> int:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite")
    where.add_argument("--postgres")
    parser.add_argument("--schools", type=int, default=2500)
    parser.add_argument("--items-per-school", type=int, default=200)
    parser.add_argument("--checks-per-item", type=int, default=14)
    args = parser.parse_args()
    t = SQLiteTarget(args.sqlite) if args.sqlite else PostgresTarget(args.postgres)
    rnd = random.Random(20261207)
    T = t.time
    started = time.time()
    now = time.time()

    authorities = {r[1]: str(r[0]).upper() for r in t.query("SELECT id, name FROM organisations WHERE kind = 'local_authority'")}
    categories = [(str(r[0]).upper(), r[1], int(r[2]), r[3]) for r in t.query("SELECT id, key, interval_months, task FROM equipment_categories")]
    by_key = {c[1]: c for c in categories}
    courses = {r[1]: (str(r[0]).upper(), r[2], int(r[3]) if r[3] is not None else None)
               for r in t.query("SELECT id, code, title, validity_months FROM courses")}
    existing = t.query("SELECT COUNT(*) FROM schools")[0][0]

    # Schools: Glasgow a tenth of them, the rest spread over the other authorities.
    names = sorted(authorities)
    glasgow = next(n for n in names if "Glasgow" in n)
    schools = []
    for i in range(max(0, args.schools - int(existing))):
        authority = glasgow if rnd.random() < 0.10 else rnd.choice(names)
        schools.append((uid(0xE0000001, i), f"6{i:06d}", f"Bench School {i}", authorities[authority], "secondary" if i % 4 == 0 else "primary"))
    t.insert("schools", ["id", "seed_code", "name", "organisation_id", "type"], schools)
    all_schools = [(str(r[0]).upper(), str(r[1]).upper()) for r in t.query("SELECT id, organisation_id FROM schools")]

    # People: two technicians a school, their certificates; a manager per authority.
    users, members, certificates = [], [], []
    cert_no = 0
    for s, (school_id, authority) in enumerate(all_schools):
        for k in range(2):
            n = s * 2 + k
            user_id = uid(0xE0000002, n)
            users.append((user_id, f"tech{n}@bench.sch.uk", f"Bench Technician {n}", "x", "technician", "approved", authority, T(now - 3 * 365 * DAY)))
            members.append((uid(0xE0000003, n), school_id, user_id, T(now - 3 * 365 * DAY)))
            for code in ("electrical-safety-and-pat", "working-with-radioactive-sources", "safe-use-of-fixed-workshop-machinery"):
                if rnd.random() < 0.6:
                    course = courses[code]
                    # Issued up to six years ago: some current, some lapsing within 90 days, some expired.
                    issued = now - rnd.uniform(0, 6 * 365) * DAY
                    expires = issued + course[2] * MONTH if course[2] else None
                    cert_no += 1
                    certificates.append((uid(0xE0000004, cert_no), f"PR-EQPT-{cert_no >> 16:04X}-{cert_no & 0xFFFF:04X}-0000", user_id, course[0],
                                         f"Bench Technician {n}", code, course[1], 8.0, T(issued), T(expires)))
    for a, authority in enumerate(authorities.values()):
        users.append((uid(0xE0000005, a), f"manager{a}@bench.gov.uk", f"Bench Manager {a}", "x", "la_manager", "approved", authority, T(now - 3 * 365 * DAY)))
    t.insert("users", ["id", "email", "name", "password_hash", "roles", "status", "organisation_id", "created_at"], users)
    t.insert("school_members", ["id", "school_id", "user_id", "since"], members)
    t.insert("certificates", ["id", "number", "user_id", "course_id", "holder_name", "course_code", "course_title", "hours", "issued_at", "expires_at"],
             certificates)
    print(f"equipmentdata: {len(schools)} schools added ({len(all_schools)} in all), {len(users)} people, {len(certificates)} certificates",
          file=sys.stderr)

    # Items and their checks, a batch of schools at a time so memory stays flat.
    weights = [("portable-electrical-class-sets", 0.70), ("portable-electrical-staff", 0.10), ("fume-cupboard", 0.03),
               ("sealed-radioactive-source", 0.01), ("pressure-system", 0.03), ("fixed-workshop-machinery", 0.13)]
    keys = [w[0] for w in weights]
    cumulative = [sum(w[1] for w in weights[:i + 1]) for i in range(len(weights))]
    item_no = check_no = 0
    span = 10 * 365 * DAY
    batch = max(1, 200_000 // args.items_per_school)
    for start in range(0, len(all_schools), batch):
        items, checks = [], []
        for s, (school_id, _) in enumerate(all_schools[start:start + batch], start=start):
            technician = f"Bench Technician {s * 2}"
            for j in range(args.items_per_school):
                r = rnd.random()
                category = by_key[keys[next(i for i, c in enumerate(cumulative) if r <= c)]]
                interval = category[2] * MONTH
                # Most in date; about one in twenty overdue by up to four months.
                last = now - (rnd.uniform(interval, interval + 120 * DAY) if rnd.random() < 0.05 else rnd.uniform(0, interval))
                due = last + interval
                item_no += 1
                item_id = uid(0xE0000006, item_no)
                items.append((item_id, school_id, category[0], f"{category[1]} {j}", f"Room {j % 12}", f"T{j:04d}", None, None, None, None,
                              "in_use", T(now - span), T(last), T(due)))
                for c in range(args.checks_per_item):
                    day = last - c * span / args.checks_per_item
                    check_no += 1
                    checks.append((uid(0xE0000007, check_no), item_id, T(day), None, technician, "fail" if rnd.random() < 0.02 else "pass",
                                   "", None, None, T(day)))
        t.insert("equipment_items", ["id", "school_id", "category_id", "description", "location", "asset_tag", "serial_number", "isotope",
                                     "activity", "reference_date", "status", "added_at", "last_checked_on", "next_due_on"], items)
        t.insert("equipment_checks", ["id", "item_id", "checked_on", "checked_by", "checked_by_name", "result", "readings", "notes",
                                      "certificate_number", "recorded_at"], checks)
        print(f"equipmentdata: {item_no} items, {check_no} checks ({time.time() - started:.0f} s)", file=sys.stderr)
    t.finish()
    print(f"equipmentdata: done in {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
