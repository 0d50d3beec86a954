"""A technician who has forgotten their password asks for a link, follows it from the email,
is refused a weak password without losing the page, sets a good one and signs in with it.
The link works once.

The email is read from the outbox table of the server's own SQLite database, where every
email waits for the SMTP relay (none is configured in these tests).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from conftest import assert_accessible, sign_in


def _reset_path(data_dir: Path, email: str) -> str:
    with sqlite3.connect(data_dir / "preproom.sqlite") as db:
        row = db.execute(
            "SELECT body FROM outbox WHERE recipient = ? AND subject = 'Reset your PrepRoom password' "
            "ORDER BY created_at DESC LIMIT 1", (email,)).fetchone()
    assert row, f"no reset email to {email}"
    match = re.search(r"/reset-password/[A-Za-z0-9_-]+", row[0])
    assert match, row[0]
    return match.group(0)


def test_a_forgotten_password_is_reset_through_the_emailed_link(server: str, server_data_dir: Path, page: Page, create_user):
    suffix = uuid.uuid4().hex[:8]
    email = f"kim-{suffix}@fife.sch.uk"
    create_user(email, "Kim Technician", "first-long-passphrase-1", "technician")

    page.goto(f"{server}/sign-in")
    with page.expect_navigation():
        page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Email me a link").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter your email address")
    page.get_by_label("Email address").fill(email.upper())
    with page.expect_navigation():
        page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    link = f"{server}{_reset_path(server_data_dir, email)}"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    expect(page.get_by_role("main")).to_contain_text(email)
    assert_accessible(page)
    page.get_by_label("New password").fill("password")
    with page.expect_navigation():
        page.get_by_role("button", name="Set new password").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password").fill("second-long-passphrase-2")
    with page.expect_navigation():
        page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("status")).to_contain_text("Your new password is set")

    sign_in(page, server, email, "second-long-passphrase-2")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto(link)
    expect(page.locator(".error-summary")).to_contain_text("expired or has already been used")
    expect(page.get_by_role("button", name="Email me a link")).to_be_visible()
    assert_accessible(page)
