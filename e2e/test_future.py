"""No time bombs: started with its clock two years ahead (Debian's faketime), a fresh
server loads the demo with an upcoming calendar, and the home page lists runs to come."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import _tail, running_server

AHEAD_DAYS = 730
FAKETIME = shutil.which("faketime")


@pytest.fixture(scope="module")
def future_server():
    if FAKETIME is None:
        pytest.fail("faketime is missing: scripts/e2e installs it (apt-get install faketime)")
    data_dir = Path(tempfile.mkdtemp(prefix="preproom-e2e-future-"))
    try:
        # Only the wall clock moves: NIO's timers keep the real monotonic clock.
        with running_server(data_dir, prefix=[FAKETIME, "-f", f"+{AHEAD_DAYS}d"],
                            extra_env={"FAKETIME_DONT_FAKE_MONOTONIC": "1"}) as started:
            yield started
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def test_two_years_ahead_the_home_page_still_lists_runs_to_come(future_server, page: Page):
    base, log_path = future_server
    faked_today = dt.date.today() + dt.timedelta(days=AHEAD_DAYS)
    assert "Loaded the demo data" in log_path.read_text(errors="replace"), _tail(log_path)
    page.goto(f"{base}/")
    rows = page.locator("#coming-up > li")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 5, f"only {rows.count()} runs coming up two years ahead"
    for i in range(rows.count()):
        text = rows.nth(i).inner_text()
        years = [int(y) for y in re.findall(r"\b(20\d\d)\b", text)]
        assert years and min(years) >= faked_today.year, f"a run listed as coming up is dated before {faked_today}: {text!r}"
    # And one of them can be opened and offers booking to a visitor.
    rows.first.get_by_role("link").last.click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9A-F-]{36}$"))
