"""The link at the end of an optional email, followed from a phone: it only asks, its
button stops that kind of email, and a wrong link says so. Here the email is the admins'
daily digest of registrations, queued by `preproom reminders send` and read from the
outbox table of the server's own SQLite database."""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from conftest import BIN, PHONE, ROOT, _server_env, assert_accessible, fits_phone

PASSWORD = "bunsen-valve-gauze-31"



def test_the_stop_link_in_the_digest_asks_then_stops_only_the_digest(server: str, server_data_dir: Path, page: Page, create_user):
    admin = f"digest-{uuid.uuid4().hex[:8]}@sserc.example"
    create_user(admin, "Dana Admin", PASSWORD, "admin")
    # Someone new registers, so the digest has something to say.
    page.goto(f"{server}/register")
    page.get_by_label("Full name").fill("Robin Newcomer")
    page.get_by_label("Email address").fill(f"robin-{uuid.uuid4().hex[:8]}@school.sch.uk")
    page.get_by_label("Password").fill("pipette-burette-flask-7")
    page.get_by_label("Local authority or member body").select_option(label="Fife Council")
    page.get_by_label("Your school (optional)").select_option(label="Dunfermline Academy")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration received")

    sent = subprocess.run([str(BIN), "reminders", "send"], cwd=ROOT, env=_server_env(server_data_dir),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    with sqlite3.connect(server_data_dir / "preproom.sqlite") as db:
        row = db.execute("SELECT stop_link, body FROM outbox WHERE recipient = ? AND stop_link IS NOT NULL", (admin,)).fetchone()
    assert row, f"no digest with a stop link to {admin}: {sent.stdout}"
    assert row[0] in row[1], "the link is in the text too"
    path = urlsplit(row[0]).path

    page.set_viewport_size(PHONE)
    page.goto(f"{server}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stop these emails to {admin}?")
    assert_accessible(page)
    fits_phone(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("These emails are stopped")
    assert_accessible(page)
    fits_phone(page)

    wrong = page.goto(f"{server}{path.rsplit('/', 1)[0]}/not-the-signature")
    assert wrong is not None and wrong.status == 404
    expect(page.locator("main")).to_contain_text("This link is not right, or its account no longer exists.")
    fits_phone(page)
