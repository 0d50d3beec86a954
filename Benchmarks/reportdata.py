#!/usr/bin/env python3
"""Fills a PrepRoom database (demo data already loaded) with ten years of activity for the
report benchmark: 100,000 people and 1,000,000 bookings by default, with the attendance,
results, certificates, centre verifications, equality answers and evaluation responses
that follow from them. Deterministic (seeded), so every run and engine gets the same data.

    reportdata.py --sqlite data/preproom.sqlite [--people N] [--bookings N]
    reportdata.py --postgres postgres://… [--people N] [--bookings N]

SQLite rows go in with executemany; PostgreSQL's through psql's \\copy from CSV files.
Standard library only (plus the psql client for PostgreSQL).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sqlite3
import tempfile
import time
from datetime import datetime, timezone

PER_RUN = 50           # bookings on each run
CAPACITY = 24          # confirmed places on each run; the next 22 wait, the last 4 cancelled
DAY = 86_400.0


def uid(kind: int, n: int) -> str:
    """A stable UUID per kind and number, upper-case as Swift writes them."""
    return f"{kind:08X}-0000-4000-8000-{n:012X}"


class SQLiteTarget:
    def __init__(self, path: str):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")

    def query(self, sql: str) -> list[tuple]:
        return self.db.execute(sql).fetchall()

    def insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        marks = ",".join("?" for _ in columns)
        self.db.executemany(f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})", rows)

    def value(self, v):
        return v

    def time(self, seconds: float | None):
        return seconds

    def finish(self) -> None:
        self.db.commit()
        self.db.execute("ANALYZE")
        self.db.close()


class PostgresTarget:
    def __init__(self, url: str):
        self.url = url
        self.dir = tempfile.mkdtemp(prefix="preproom-reportdata-")

    def query(self, sql: str) -> list[tuple]:
        out = subprocess.run(["psql", "-X", "-At", "-F", "\t", self.url, "-c", sql], check=True, capture_output=True, text=True).stdout
        return [tuple(None if f == "" else f for f in line.split("\t")) for line in out.splitlines() if line]

    def insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        path = os.path.join(self.dir, f"{table}.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            for row in rows:
                w.writerow(["\\N" if v is None else v for v in row])
        copy = f"\\copy {table} ({','.join(columns)}) FROM '{path}' WITH (FORMAT csv, NULL '\\N')"
        # The app's counters (schedule_revisions, report_revisions) have a trigger per row,
        # and a deferred trigger for each of a million rows in one COPY would update one
        # counter row a million times in one transaction; they are off for the load and
        # moved once in finish().
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url,
                        "-c", f"ALTER TABLE {table} DISABLE TRIGGER USER", "-c", copy,
                        "-c", f"ALTER TABLE {table} ENABLE TRIGGER USER"], check=True)
        os.remove(path)

    def value(self, v):
        if isinstance(v, bool):
            return "t" if v else "f"
        return v

    def time(self, seconds: float | None):
        if seconds is None:
            return None
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%S+00")

    def finish(self) -> None:
        bump = ("UPDATE schedule_revisions SET revision = revision + 1 WHERE shard = 0; "
                "UPDATE report_revisions SET revision = revision + 1 WHERE shard = 0")
        subprocess.run(["psql", "-X", "-q", self.url, "-c", bump, "-c", "ANALYZE"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite")
    where.add_argument("--postgres")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    t = SQLiteTarget(args.sqlite) if args.sqlite else PostgresTarget(args.postgres)
    rnd = random.Random(20261124)
    started = time.time()
    B = t.value  # booleans and other values in the engine's form
    T = t.time

    courses = [(str(r[0]).upper(), r[1], r[2], int(r[3]) if r[3] is not None else None, int(r[4]) if r[4] is not None else None,
                int(r[5]) if r[5] is not None else None, r[6] in (1, "t", True), float(r[7]))
               for r in t.query("SELECT id, code, title, scqf_level, scqf_credits, validity_months, certificated, duration_days FROM courses")]
    authorities = [str(r[0]).upper() for r in t.query("SELECT id FROM organisations WHERE kind = 'local_authority'")]
    centres = [str(r[0]).upper() for r in t.query("SELECT id FROM centres WHERE status = 'approved'")]
    questions = {step: [str(r[0]).upper() for r in t.query(f"SELECT id FROM evaluation_questions WHERE step = '{step}' AND kind = 'rating'")]
                 for step in ("pre", "post")}
    comment_questions = [str(r[0]).upper() for r in t.query("SELECT id FROM evaluation_questions WHERE step = 'post' AND kind = 'text'")]

    now = time.time()
    span = args.years * 365 * DAY
    first = now - span

    # People: most belong to a local authority.
    users = []
    for i in range(args.people):
        users.append((uid(0xB0000001, i), f"bench{i}@school.example", f"Bench Person {i}", "x", "technician", "approved",
                      rnd.choice(authorities) if rnd.random() < 0.9 else None, T(first)))
    t.insert("users", ["id", "email", "name", "password_hash", "roles", "status", "organisation_id", "created_at"], users)

    runs_count = args.bookings // PER_RUN
    runs, sessions, bookings, attendance, certificates, verifications = [], [], [], [], [], []
    responses, answers = [], []
    cert_no = 0
    answer_no = 0
    for r in range(runs_count):
        course = rnd.choice(courses)
        centre = rnd.choice(centres) if rnd.random() < 0.3 else None
        start = first + (r / runs_count) * (span + 120 * DAY)   # the last few months are still to come
        end = start + 6 * 3600
        past = end < now
        run_id = uid(0xB0000002, r)
        runs.append((run_id, course[0], centre, "Bench venue", CAPACITY, CAPACITY, PER_RUN - CAPACITY - 4, T(start), T(end),
                     "closed" if past else "scheduled", T(start - 60 * DAY), PER_RUN - CAPACITY - 4, 0))
        sessions.append((uid(0xB0000003, r), run_id, 0, T(start), T(end)))
        if centre and past:
            status = rnd.choices(["not_selected", "accepted", "accepted_with_recommendations", "not_accepted"], [60, 25, 12, 3])[0]
            verifications.append((uid(0xB0000004, r), run_id, centre, 1, status, "" if status == "not_selected" else "random",
                                  str(rnd.getrandbits(63)), rnd.random(), 0.1, 12, CAPACITY, T(end + DAY),
                                  None if status == "not_selected" else T(end + 10 * DAY)))
        for k in range(PER_RUN):
            i = r * PER_RUN + k
            user = (i * 7919) % args.people
            booking_id = uid(0xB0000005, i)
            status = "confirmed" if k < CAPACITY else ("waitlisted" if k < PER_RUN - 4 else "cancelled")
            completed = past and status == "confirmed" and rnd.random() < 0.9
            booked = start - 30 * DAY
            bookings.append((booking_id, run_id, uid(0xB0000001, user), status, k - CAPACITY + 1 if status == "waitlisted" else None,
                             T(booked), T(booked) if status == "confirmed" else None, "passed" if completed else None,
                             B(completed), T(end + DAY) if completed else None))
            if past and status == "confirmed":
                attendance.append((uid(0xB0000006, i), booking_id, 0, B(completed or rnd.random() < 0.5), T(end)))
            if completed and course[6]:
                cert_no += 1
                validity = course[5]
                certificates.append((uid(0xB0000007, i), f"PR-BNCH-{cert_no:04X}-{i:08X}", uid(0xB0000001, user), course[0], run_id, booking_id,
                                     centre, f"Bench Person {user}", course[1], course[2], course[3], course[4], course[7] * 6,
                                     T(end + DAY), T(end + DAY + validity * 30.4 * DAY) if validity else None))
            if status == "confirmed" and rnd.random() < 0.3:
                response = uid(0xB0000008, i)
                responses.append((response, booking_id, "pre", T(booked + DAY)))
                for q in questions["pre"]:
                    answer_no += 1
                    answers.append((uid(0xB0000009, answer_no), response, q, rnd.randint(1, 5), None))
            if completed and rnd.random() < 0.25:
                response = uid(0xB000000A, i)
                responses.append((response, booking_id, "post", T(end + 2 * DAY)))
                for q in questions["post"]:
                    answer_no += 1
                    answers.append((uid(0xB0000009, answer_no), response, q, rnd.randint(2, 5), None))
                for q in comment_questions:
                    if rnd.random() < 0.4:   # some leave a comment
                        answer_no += 1
                        answers.append((uid(0xB0000009, answer_no), response, q, None, f"Useful day; comment {answer_no}"))
        if len(bookings) >= 200_000:
            flush(t, runs, sessions, bookings, attendance, certificates, verifications, responses, answers)
    flush(t, runs, sessions, bookings, attendance, certificates, verifications, responses, answers)

    categories = {"age_band": ["16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 or over", "Prefer not to say"],
                  "sex": ["Female", "Male", "Prefer not to say"], "ethnic_group": ["White", "Mixed or multiple ethnic groups",
                  "Asian, Asian Scottish or Asian British", "African, Scottish African or British African", "Caribbean or Black",
                  "Other ethnic group", "Prefer not to say"], "disability": ["Yes", "No", "Prefer not to say"]}
    equality = [(uid(0xB000000B, i), uid(0xB0000001, i), *(rnd.choice(v) for v in categories.values()), T(now))
                for i in range(0, args.people, 3)]
    t.insert("equality_declarations", ["id", "user_id", *categories.keys(), "declared_at"], equality)
    t.finish()
    print(f"reportdata: {args.people} people, {runs_count} runs, {args.bookings} bookings, {cert_no} certificates, "
          f"{len(equality)} equality answers in {time.time() - started:.0f} s")
    return 0


def flush(t, runs, sessions, bookings, attendance, certificates, verifications, responses, answers) -> None:
    t.insert("runs", ["id", "course_id", "centre_id", "venue", "capacity", "confirmed_count", "waitlist_count", "starts_at", "ends_at",
                      "status", "created_at", "waitlist_seq", "last_placement_confirmed"], runs)
    t.insert("run_sessions", ["id", "run_id", "position", "starts_at", "ends_at"], sessions)
    t.insert("bookings", ["id", "run_id", "user_id", "status", "queue_number", "booked_at", "confirmed_at", "outcome", "completed", "completed_at"], bookings)
    t.insert("attendance", ["id", "booking_id", "session_position", "present", "recorded_at"], attendance)
    t.insert("certificates", ["id", "number", "user_id", "course_id", "run_id", "booking_id", "centre_id", "holder_name", "course_code",
                              "course_title", "scqf_level", "scqf_credits", "hours", "issued_at", "expires_at"], certificates)
    t.insert("run_verifications", ["id", "run_id", "centre_id", "round", "status", "reasons", "seed", "draw", "sample_rate",
                                   "cohort_threshold", "cohort", "requested_at", "decided_at"], verifications)
    t.insert("evaluation_responses", ["id", "booking_id", "step", "submitted_at"], responses)
    t.insert("evaluation_answers", ["id", "response_id", "question_id", "rating", "text"], answers)
    for rows in (runs, sessions, bookings, attendance, certificates, verifications, responses, answers):
        rows.clear()


if __name__ == "__main__":
    raise SystemExit(main())
