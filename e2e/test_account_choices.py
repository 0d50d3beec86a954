"""Your account at 360 px: a technician says where they now work and ticks their schools;
an admin then finds both changes in the audit log by the technician's address, and a
wrong date there is named in place. axe on every page."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from conftest import PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

PASSWORD = "conical-flask-bung-42"



def test_a_technician_moves_authority_ticks_schools_and_the_audit_log_finds_it(server: str, page: Page, create_user):
    email = f"moved-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(email, "Morven Technician", PASSWORD, "technician", "--organisation", "Fife Council")
    sign_in(page, server, email, PASSWORD)
    page.set_viewport_size(PHONE)

    page.goto(f"{server}/me/account")
    expect(page.get_by_role("heading", name="Where you work")).to_be_visible()
    expect(page.get_by_label("Dunfermline Academy (secondary)")).to_be_visible()
    assert_accessible(page)
    fits_phone(page)

    page.get_by_label("Local authority or member body").select_option(label="Angus Council")
    with page.expect_navigation():
        page.get_by_role("button", name="Save where you work").click()
    expect(page.get_by_text("Where you work is saved.")).to_be_visible()
    expect(page.get_by_label("Arbroath Academy (secondary)")).to_be_visible()
    expect(page.get_by_label("Dunfermline Academy (secondary)")).to_have_count(0)

    page.get_by_label("Arbroath Academy (secondary)").check()
    page.get_by_label("Arbroath Primary School (primary)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your schools").click()
    expect(page.get_by_text("Your schools are saved.")).to_be_visible()
    expect(page.get_by_label("Arbroath Academy (secondary)")).to_be_checked()
    expect(page.get_by_label("Arbroath Primary School (primary)")).to_be_checked()
    assert_accessible(page)
    fits_phone(page)

    # An admin reads both changes in the log, by the technician's address.
    admin = f"admin-{uuid.uuid4().hex[:8]}@sserc.example"
    create_user(admin, "Aileen Admin", PASSWORD, "admin")
    sign_in_afresh(page, server, admin, PASSWORD)
    page.goto(f"{server}/staff/audit")
    page.get_by_label("By or about (email)").fill(email.upper())
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    log = page.locator("#audit")
    expect(log).to_contain_text("account.schools_chosen")
    expect(log).to_contain_text("account.organisation_changed")
    expect(log).to_contain_text("to Angus Council")
    assert_accessible(page)

    page.goto(f"{server}/staff/audit?from=2026-02-30")
    expect(page.locator(".error-summary")).to_contain_text("Enter a real date")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/staff/audit?person={email}")
    fits_phone(page)
