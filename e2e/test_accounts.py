"""A technician registers, an admin approves the registration, and the technician signs in.

Registration stays pending until staff approve it, so signing in before approval is refused
with a message that says why.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from conftest import assert_accessible, sign_in


def test_registration_is_approved_by_staff_then_the_person_signs_in(server: str, browser, page: Page, create_user):
    suffix = uuid.uuid4().hex[:8]
    email, password = f"ali-{suffix}@fife.sch.uk", "bunsen-beaker-flask-77"

    page.goto(f"{server}/register")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Ali Technician")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_label("Local authority or member body").select_option(label="Fife Council")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Password must be at least 12 characters")
    expect(page.get_by_label("Email address")).to_have_value(email)
    assert_accessible(page)

    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration received")

    page.goto(f"{server}/sign-in")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("waiting for approval")
    assert_accessible(page)

    admin_email = f"admin-{suffix}@sserc.example"
    create_user(admin_email, "Sam Admin", "retort-stand-clamp-99", "admin")
    staff = browser.new_page()
    try:
        sign_in(staff, server, admin_email, "retort-stand-clamp-99")
        staff.goto(f"{server}/staff/accounts")
        assert_accessible(staff)
        row = staff.locator("#pending-accounts tr", has_text=email)
        row.get_by_role("checkbox").check()
        with staff.expect_navigation():
            staff.get_by_role("button", name="Approve chosen").click()
        expect(staff.get_by_role("status")).to_contain_text("1 registration approved")
        expect(staff.locator("#accounts")).to_contain_text(email)
    finally:
        staff.close()

    sign_in(page, server, email, password)
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Ali Technician")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
