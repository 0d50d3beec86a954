"""Several instances behind HAProxy on one PostgreSQL (scripts/cluster).

Runs only against a cluster: scripts/test starts one (three instances) for this file and
sets PREPROOM_CLUSTER_URL (the balancer), PREPROOM_CLUSTER_DATABASE_URL and
PREPROOM_CLUSTER_DIR. A person keeps their session whichever instance answers; an
instance killed under load loses no committed booking and the balancer routes around it;
a PostgreSQL restart is survived without restarting the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect

from conftest import BIN, ROOT, sign_in

CLUSTER = os.environ.get("PREPROOM_CLUSTER_URL", "")
DATABASE_URL = os.environ.get("PREPROOM_CLUSTER_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not CLUSTER, reason="no cluster here: scripts/test starts one with scripts/cluster")

# Each run its own admin, so a cluster kept from an earlier run takes it too.
ADMIN_EMAIL, PASSWORD = f"cluster-admin-{uuid.uuid4().hex[:6]}@sserc.example", "fume-cupboard-airflow-9"


def preproom(*args: str) -> str:
    env = dict(os.environ, DATABASE_URL=DATABASE_URL, PREPROOM_BCRYPT_COST="4")
    result = subprocess.run([str(BIN), *args], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"preproom {' '.join(args)}: {result.stdout}\n{result.stderr}"
    return result.stdout


def cluster(*args: str) -> None:
    subprocess.run([str(ROOT / "scripts" / "cluster"), *args], check=True, cwd=ROOT, timeout=180,
                   stdin=subprocess.DEVNULL)


def _body(raw: bytes):
    """JSON when it is JSON (the API), else the text (/healthz says "ok")."""
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return raw.decode(errors="replace")


def call(method: str, path: str, body=None, token: str | None = None, timeout: float = 30):
    """(status, body, the instance that answered); status 0 when the connection failed."""
    request = urllib.request.Request(CLUSTER + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _body(response.read()), response.headers.get("X-Served-By")
    except urllib.error.HTTPError as error:
        return error.code, _body(error.read()), error.headers.get("X-Served-By")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, None, None


@pytest.fixture(scope="module")
def admin_token() -> str:
    preproom("user", "create", "--email", ADMIN_EMAIL, "--name", "Cluster Admin", "--password", PASSWORD,
             "--role", "admin,course_admin")
    status, body, _ = call("POST", "/api/v1/tokens", {"email": ADMIN_EMAIL, "password": PASSWORD})
    assert status == 201, body
    return body["token"]


def new_run(token: str, capacity: int) -> str:
    start = (datetime.now(timezone.utc) + timedelta(days=60)).replace(hour=9, minute=30, second=0, microsecond=0)
    status, run, _ = call("POST", "/api/v1/runs", {
        "courseCode": "chemical-handling", "capacity": capacity, "venue": "SSERC, Dunfermline",
        "sessions": [{"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                      "end": (start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ")}]}, token)
    assert status == 201, run
    return run["id"]


def members(token: str, count: int) -> list[str]:
    tag = uuid.uuid4().hex[:6]

    def one(i: int) -> str:
        email = f"tech{i}-{tag}@school.sch.uk"
        status, body, _ = call("POST", "/api/v1/users", {"email": email, "name": f"Technician {i}",
                                                         "password": PASSWORD, "roles": ["technician"]}, token)
        assert status == 201, body
        status, body, _ = call("POST", "/api/v1/tokens", {"email": email, "password": PASSWORD})
        assert status == 201, body
        return body["token"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(count)))


def wait_until(check, seconds: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail(f"not within {seconds} s: {what}")


def test_cluster_keeps_a_session_whichever_instance_answers(page: Page):
    email = f"moira-{uuid.uuid4().hex[:6]}@fife.sch.uk"
    preproom("user", "create", "--email", email, "--name", "Moira Technician", "--password", PASSWORD, "--role", "technician")
    served: list[str] = []
    page.on("response", lambda r: served.append(r.headers.get("x-served-by", "?"))
            if r.request.resource_type == "document" else None)
    sign_in(page, CLUSTER, email, PASSWORD)
    for path in ["/me", "/me/bookings", "/me/certificates", "/me/cpd", "/me/account", "/me/privacy"] * 2:
        page.goto(CLUSTER + path)
        assert "/sign-in" not in page.url, f"{path} asked to sign in again after {served[-1]} answered"
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert len(set(served)) >= 2, f"every page came from one instance: {served}"

    # Signing out on one instance ends the session on all of them.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    for _ in range(6):
        page.goto(CLUSTER + "/me")
        assert "/sign-in" in page.url, "an instance still took the ended session"


def test_cluster_an_instance_killed_mid_load_loses_no_booking(admin_token: str):
    capacity, people = 16, 60
    run_id = new_run(admin_token, capacity)
    tokens = members(admin_token, people)
    outcome: dict[int, int] = {}
    done = threading.Event()
    finished = [0]
    lock = threading.Lock()

    def book(i: int):
        status, _, _ = call("POST", f"/api/v1/runs/{run_id}/bookings", token=tokens[i])
        with lock:
            outcome[i] = status
            finished[0] += 1
            if finished[0] == people // 4:
                done.set()

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(book, i) for i in range(people)]
        done.wait(60)
        cluster("kill", "1")
        for f in futures:
            f.result()

    # Whoever got no answer tries again, as a person would: the place they may already
    # hold is "already booked" (409), never a second booking.
    failed = [i for i, s in outcome.items() if s != 201]
    for i in failed:
        status, body, _ = call("POST", f"/api/v1/runs/{run_id}/bookings", token=tokens[i])
        assert status in (201, 409), (status, body)
        outcome[i] = status

    status, listing, _ = call("GET", f"/api/v1/runs/{run_id}/bookings?limit=100", token=admin_token)
    assert status == 200, listing
    items = listing["items"]
    assert len(items) == people, f"{people} people booked or waited; {len(items)} bookings held ({len(failed)} failed first)"
    confirmed = [b for b in items if b["status"] == "confirmed"]
    positions = sorted(b["waitlistPosition"] for b in items if b["status"] == "waitlisted")
    assert len(confirmed) == capacity
    assert positions == list(range(1, people - capacity + 1))
    status, run, _ = call("GET", f"/api/v1/runs/{run_id}")
    assert run["confirmed"] == capacity

    # The balancer has taken the dead instance out: every request now succeeds.
    time.sleep(2.5)
    answers = [call("GET", "/api/v1/courses") for _ in range(30)]
    assert all(s == 200 for s, _, _ in answers), [s for s, _, _ in answers]
    assert "instance1" not in {who for _, _, who in answers}
    cluster("revive", "1")
    wait_until(lambda: "instance1" in {call("GET", "/healthz")[2] for _ in range(6)}, 15, "instance1 back behind the balancer")


def test_cluster_survives_a_postgresql_restart_without_restarting_the_app(admin_token: str):
    cluster_dir = os.environ.get("PREPROOM_CLUSTER_DIR", "/tmp/preproom-cluster")
    pid_files = sorted(p for p in os.listdir(cluster_dir) if p.startswith("instance") and p.endswith(".pid"))
    pids_before = [open(os.path.join(cluster_dir, p)).read().strip() for p in pid_files]
    failures, stop = [0], threading.Event()
    last_failure = [0.0]

    def load():
        while not stop.is_set():
            status, _, _ = call("GET", "/api/v1/courses", timeout=10)
            if status != 200:
                failures[0] += 1
                last_failure[0] = time.monotonic()

    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(1)
    restarted = time.monotonic()
    cluster("restart-db")
    restart_took = time.monotonic() - restarted
    recovered = restart_took + wait_until(lambda: all(call("GET", "/api/v1/courses")[0] == 200 for _ in range(6)), 60,
                           "the catalogue answering again after PostgreSQL restarted")
    time.sleep(1)
    stop.set()
    for t in threads:
        t.join()
    assert pids_before == [open(os.path.join(cluster_dir, p)).read().strip() for p in pid_files]
    for pid in pids_before:
        assert os.path.exists(f"/proc/{pid}"), f"instance pid {pid} died"
    # Writes work again too.
    run_id = new_run(admin_token, 2)
    status, body, _ = call("POST", f"/api/v1/runs/{run_id}/bookings", token=members(admin_token, 1)[0])
    assert status == 201, body
    assert recovered < 30, f"{recovered:.1f} s to recover"
    print(f"PostgreSQL restart ({restart_took:.1f} s): {failures[0]} failed requests, answering again {recovered:.1f} s after it began")
