"""Equality monitoring: optional answers a member saves and removes; staff see totals only."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import assert_accessible, confirm, sign_in

PASSWORD = "pipette-burette-flask-31"


def test_member_answers_and_removes_equality_questions(server: str, browser, create_user):
    email = f"eq-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(email, "Eve Technician", PASSWORD, "technician")
    page = browser.new_page()
    sign_in(page, server, email, PASSWORD)
    page.goto(f"{server}/me/bookings")
    with page.expect_navigation():
        page.get_by_role("link", name="Equality monitoring questions").click()
    assert_accessible(page)
    page.get_by_label("What is your age?").select_option("25 to 34")
    page.get_by_label("What is your ethnic group?").select_option("Prefer not to say")
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_role("status").first).to_contain_text("Your answers are saved")
    expect(page.get_by_label("What is your age?")).to_have_value("25 to 34")
    with page.expect_navigation():
        page.get_by_role("button", name="Remove my answers").click()
    confirm(page, "Remove my answers")
    expect(page.get_by_role("status").first).to_contain_text("removed")
    expect(page.get_by_label("What is your age?")).to_have_value("")

    manager_email = f"mgr-{uuid.uuid4().hex[:8]}@sserc.example"
    create_user(manager_email, "Mo Manager", PASSWORD, "manager")
    staff = browser.new_page()
    sign_in(staff, server, manager_email, PASSWORD)
    staff.goto(f"{server}/staff/reports/equality")
    expect(staff.locator("#all-suppressed")).to_contain_text("Too few people answered")
    assert_accessible(staff)
    staff.goto(f"{server}/staff/reports/annual")
    assert_accessible(staff)
    with staff.expect_download() as download:
        staff.get_by_role("link", name="By local authority (CSV)").click()
    assert open(download.value.path(), encoding="utf-8").read().startswith('"Local authority","Delegates"')
