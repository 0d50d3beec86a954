"""Shared fixtures for PrepRoom's browser tests.

The server is the real binary (PREPROOM_BIN, default .build/debug/preproom), started once
per session on a free loopback port with a fresh data folder, so it loads the demo data
into an empty SQLite database. Chromium is Debian's (/usr/bin/chromium), driven by
Playwright; Playwright never downloads a browser here.

Helpers for tests: create_user (fixture), sign_in, assert_accessible.
On a failing test, a screenshot and the page's HTML go to e2e/.artifacts/.
"""

from __future__ import annotations

import contextlib

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "e2e" / ".artifacts"
BIN = Path(os.environ.get("PREPROOM_BIN", ROOT / ".build" / "debug" / "preproom"))
CHROMIUM = os.environ.get("PREPROOM_CHROMIUM", "/usr/bin/chromium")
STARTUP_SECONDS = 60

# Time for one action or expectation; the server is local, so a slow answer is a fault.
expect.set_options(timeout=10_000)


# --- the server ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PREPROOM_DATA_DIR"] = str(data_dir)
    # A normal start (not the testing environment), so demo data loads into the empty
    # database; and SQLite in data_dir, never a DATABASE_URL from the caller's shell.
    env.pop("PREPROOM_ENV", None)
    env.pop("DATABASE_URL", None)
    return env


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def server_data_dir():
    d = Path(tempfile.mkdtemp(prefix="preproom-e2e-"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


@contextlib.contextmanager
def running_server(data_dir: Path, prefix: list[str] | None = None, extra_env: dict[str, str] | None = None):
    """Start the real binary on a free port (optionally under a wrapper such as faketime),
    wait for /healthz, yield (base URL, log path), and stop it with SIGTERM afterwards."""
    if not (BIN.is_file() and os.access(BIN, os.X_OK)):
        pytest.fail(f"server binary {BIN} not found: run `swift build` or set PREPROOM_BIN")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = data_dir / "server.log"
    env = _server_env(data_dir) | (extra_env or {})
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            (prefix or []) + [str(BIN), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,  # Public/ is found from the working directory
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode} while starting:\n{_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"GET /healthz did not answer 200 within {STARTUP_SECONDS} s:\n{_tail(log_path)}")
            time.sleep(0.25)
        yield base, log_path
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def set_first_posts_held(data_dir: Path, count: int) -> None:
    """How many of a new member's first posts wait for a moderator, written as an admin's
    form writes it (the setting every instance reads)."""
    import sqlite3

    with sqlite3.connect(data_dir / "preproom.sqlite", timeout=30) as db:
        db.execute("INSERT INTO settings (key, value, updated_at) VALUES ('community.first_posts_held', ?, strftime('%s', 'now')) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(count),))


@pytest.fixture(scope="session")
def server(server_data_dir: Path, request):
    """Start the server; yield its base URL (no trailing slash); stop it afterwards."""
    with running_server(server_data_dir) as (base, log_path):
        # The journeys' members post as members already past the first posts a moderator
        # reads (a fresh service holds two each); test_community_approval turns it on.
        set_first_posts_held(server_data_dir, 0)
        try:
            yield base
        finally:
            # Keep the server's log beside the screenshots when anything went wrong.
            if request.session.testsfailed:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                shutil.copy(log_path, ARTIFACTS / "server.log")


@pytest.fixture(scope="session")
def create_user(server: str, server_data_dir: Path):
    """create_user(email, name, password, role, *options): `preproom user create` against
    the running server's database (same PREPROOM_DATA_DIR); options such as
    "--centre", "Name" or "--organisation", "Fife Council" pass through."""

    def create(email: str, name: str, password: str, role: str, *options: str) -> None:
        result = subprocess.run(
            [str(BIN), "user", "create", "--email", email, "--name", name,
             "--password", password, "--role", role, *options],
            cwd=ROOT,
            env=_server_env(server_data_dir),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            pytest.fail(
                f"`preproom user create --email {email} --role {role}` exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )

    return create


# --- the browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    b = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
    )
    yield b
    b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page in its own context (no cookies shared between tests)."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", bypass_csp=True)
    context.set_default_timeout(10_000)
    p = context.new_page()
    yield p
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _save_artifacts(p, request.node.name)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _save_artifacts(p: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    try:
        p.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)
        (ARTIFACTS / f"{safe}.html").write_text(f"<!-- {p.url} -->\n" + p.content())
    except Exception as e:  # the page may be gone; the failure itself matters more
        print(f"could not save artifacts for {name}: {e}")


# --- helpers for tests ----------------------------------------------------------------

_axe = Axe()
BLOCKING_IMPACTS = ("serious", "critical")


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it stands; fail listing every serious or critical
    violation (rule, impact, help, and the elements affected)."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if not blocking:
        return
    lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
    for v in blocking:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"][:5]:
            target = ", ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:160]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    pytest.fail("\n".join(lines), pytrace=False)


PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def fits_phone(page: Page) -> None:
    """The page as shown fits a 360 px screen: nothing scrolls sideways but what scrolls in place."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{page.url} is {wide} px wide at {PHONE['width']} px"


def sign_in_afresh(page: Page, base: str, email: str, password: str) -> None:
    """Another person at the same browser: the last one's cookies gone, a desktop-sized
    window again, then signed in through the form."""
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, email, password)


def sign_in(page: Page, base: str, email: str, password: str) -> None:
    """Sign in through the form, as a person would, and check it worked."""
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    summary = page.locator(".error-summary")
    if summary.count() > 0:
        pytest.fail(f"sign in as {email} failed: {summary.first.inner_text()}")


def confirm(page: Page, button: str, accessible: bool = True) -> None:
    """Answer the "are you sure?" page that an irreversible action shows first: it must be
    that page (a form #confirm with a way back), accessible, and its button does the thing."""
    form = page.locator("form#confirm")
    expect(form).to_be_visible()
    expect(page.get_by_role("link", name="No, go back")).to_be_visible()
    if accessible:
        assert_accessible(page)
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()
