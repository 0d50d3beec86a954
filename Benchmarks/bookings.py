#!/usr/bin/env python3
"""1,000 concurrent booking attempts by distinct people on one 16-place run.

Sets up through the public API (an admin token, a run, 1,000 approved members with
tokens), then opens one connection per member and sends every booking at once, spread
over the given server instances. Reports the time to settle (first request sent to last
response read), booking operations per second, and checks on the API that exactly
`capacity` are confirmed and the rest hold waiting-list positions 1..n with no gaps.

    bookings.py --admin-email E --admin-password P --server http://127.0.0.1:PORT [--server ...]

Standard library only; prints one JSON line of results.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit


def call(base: str, method: str, path: str, body=None, token: str | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


async def book(base: str, run_id: str, token: str) -> tuple[int, str | None]:
    """One booking over its own connection, HTTP/1.1 by hand (no third-party client)."""
    parts = urlsplit(base)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    request = (f"POST /api/v1/runs/{run_id}/bookings HTTP/1.1\r\nHost: {parts.netloc}\r\n"
               f"Authorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    writer.write(request.encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    try:
        return status, json.loads(payload).get("status")
    except ValueError:
        return status, None


async def storm(servers: list[str], run_id: str, tokens: list[str]):
    barrier = asyncio.Event()

    async def one(index: int, token: str):
        await barrier.wait()
        return await book(servers[index % len(servers)], run_id, token)

    tasks = [asyncio.create_task(one(i, t)) for i, t in enumerate(tokens)]
    await asyncio.sleep(0.2)
    import os
    if os.environ.get("PREPROOM_BENCH_MARK"):  # lets a profiler start with the storm
        open(os.environ["PREPROOM_BENCH_MARK"], "w").close()
    started = time.perf_counter()
    barrier.set()
    results = await asyncio.gather(*tasks)
    return time.perf_counter() - started, results


def cpu_snapshot() -> dict[str, float]:
    """CPU seconds so far: this client, the app servers (PREPROOM_BENCH_SERVER_PIDS),
    PostgreSQL's processes, and the whole machine (busy, all cores)."""
    import os
    tick = os.sysconf("SC_CLK_TCK")

    def proc(pid: int) -> float:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            return 0.0

    servers = [int(p) for p in os.environ.get("PREPROOM_BENCH_SERVER_PIDS", "").split() if p]
    postgres = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if open(f"/proc/{entry}/comm").read().strip() == "postgres":
                    postgres += proc(int(entry))
            except OSError:
                pass
    total = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    busy = (sum(total) - total[3] - total[4]) / tick
    return {"client": proc(os.getpid()), "server": sum(proc(p) for p in servers), "postgres": postgres, "machine": busy}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", action="append", required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=16)
    args = parser.parse_args()
    base = args.server[0]

    status, body = call(base, "POST", "/api/v1/tokens", {"email": args.admin_email, "password": args.admin_password})
    assert status == 201, (status, body)
    admin = body["token"]
    # Two months from today, so the benchmark runs in any year.
    start = (datetime.now(timezone.utc) + timedelta(days=60)).replace(hour=9, minute=30, second=0, microsecond=0)
    end = start + timedelta(hours=6)
    status, run = call(base, "POST", "/api/v1/runs", {
        "courseCode": "chemical-handling", "capacity": args.capacity, "venue": "SSERC, Dunfermline",
        "sessions": [{"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": end.strftime("%Y-%m-%dT%H:%M:%SZ")}]}, admin)
    assert status == 201, (status, run)

    def member(i: int) -> str:
        email, password = f"bench{i}-{run['id'][:8]}@school.sch.uk", "pipette-burette-flask"
        s, b = call(base, "POST", "/api/v1/users", {"email": email, "name": f"Bench {i}", "password": password, "roles": ["technician"]}, admin)
        assert s == 201, (s, b)
        s, b = call(base, "POST", "/api/v1/tokens", {"email": email, "password": password})
        assert s == 201, (s, b)
        return b["token"]

    setup = time.perf_counter()
    with ThreadPoolExecutor(max_workers=16) as pool:
        tokens = list(pool.map(member, range(args.people)))
    setup = time.perf_counter() - setup

    before = cpu_snapshot()
    seconds, results = asyncio.run(storm(args.server, run["id"], tokens))
    after = cpu_snapshot()
    cores = {key: round((after[key] - before[key]) / seconds, 2) for key in before}
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1

    status, listing = call(base, "GET", f"/api/v1/runs/{run['id']}/bookings", token=admin)
    assert status == 200, (status, listing)
    items = listing["items"]
    confirmed = sum(1 for b in items if b["status"] == "confirmed")
    positions = sorted(b["waitlistPosition"] for b in items if b["status"] == "waitlisted")
    status, stored = call(base, "GET", f"/api/v1/runs/{run['id']}")
    print(json.dumps({
        "servers": len(args.server), "people": args.people, "capacity": args.capacity,
        "settle_seconds": round(seconds, 3), "operations_per_second": round(args.people / seconds, 1),
        "statuses": statuses, "confirmed": confirmed, "run_confirmed_counter": stored["confirmed"],
        "waitlisted": len(positions), "positions_are_1_to_n": positions == list(range(1, len(positions) + 1)),
        "overbooked": confirmed > args.capacity, "exact": confirmed == args.capacity and stored["confirmed"] == args.capacity,
        "setup_seconds": round(setup, 1), "cores_used": cores,
    }))
    return 0 if confirmed == args.capacity and statuses.get(201, 0) == args.people else 1


if __name__ == "__main__":
    sys.exit(main())
