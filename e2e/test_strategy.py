"""The strategy tracker: a manager moves T9 from Started to On track with a note, and the
Figure 1 table shows it to everyone."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import assert_accessible, sign_in

PASSWORD = "pipette-burette-flask-31"


def test_manager_moves_t9_to_on_track_and_the_table_shows_it(server: str, browser, create_user):
    email = f"manager-{uuid.uuid4().hex[:8]}@sserc.example"
    create_user(email, "Mo Manager", PASSWORD, "manager")
    page = browser.new_page()
    sign_in(page, server, email, PASSWORD)
    page.goto(f"{server}/strategy")
    row = page.locator("#objectives-medium_term tr", has_text="T9")
    expect(row.locator(".status-current")).to_have_text("Started")
    with page.expect_navigation():
        row.get_by_role("link").click()
    assert_accessible(page)
    # A change without a note is refused, and says so.
    page.get_by_label("Status").select_option("on_track")
    with page.expect_navigation():
        page.get_by_role("button", name="Save update").click()
    expect(page.locator(".error-summary")).to_contain_text("Write a note")
    page.get_by_label("Note").fill("Technicians' work featured at the ASE conference and in a UK newsletter.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("status").first).to_contain_text("T9 is now On track.")
    row = page.locator("#objectives-medium_term tr", has_text="T9")
    expect(row.locator(".status-current")).to_have_text("On track")

    visitor = browser.new_page()
    try:
        visitor.goto(f"{server}/strategy/T9")
        expect(visitor.locator("#objective-status")).to_have_text("On track")
        expect(visitor.locator("#history")).to_contain_text("ASE conference")
        assert_accessible(visitor)
    finally:
        visitor.close()
