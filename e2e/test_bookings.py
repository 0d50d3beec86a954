"""The booking journey: the last place, the waiting list, a cancellation that promotes the
next person, the course happening (attendance and results), and a certificate that anyone
can verify."""

from __future__ import annotations

import re
import subprocess
import uuid
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect

from conftest import assert_accessible, confirm, sign_in
from dates import future_day, local

PASSWORD = "pipette-burette-flask-31"


def _person(browser, server: str, create_user, name: str, role: str = "technician") -> Page:
    email = f"{name.lower().split()[0]}-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(email, name, PASSWORD, role)
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, server, email, PASSWORD)
    return page


def _schedule_one_place_run(admin: Page, server: str) -> str:
    admin.goto(f"{server}/courses/chemical-handling/runs/new")
    admin.get_by_label("Capacity", exact=True).fill("1")
    admin.get_by_label("Venue", exact=True).fill("SSERC, Dunfermline")
    first, second = future_day(weeks=23, weekday=0), future_day(weeks=23, weekday=1)
    admin.get_by_label("Session 1 starts", exact=True).fill(local(first, "09:30"))
    admin.get_by_label("Session 1 ends", exact=True).fill(local(first, "15:30"))
    admin.get_by_label("Session 2 starts", exact=True).fill(local(second, "09:30"))
    admin.get_by_label("Session 2 ends", exact=True).fill(local(second, "15:30"))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save run").click()
    expect(admin).to_have_url(re.compile(r"/runs/[0-9A-F-]{36}$"))
    return admin.url


def test_last_place_waiting_list_promotion_delivery_and_certificate(server: str, browser, create_user):
    admin = _person(browser, server, create_user, "Morgan Admin", "course_admin")
    run_url = _schedule_one_place_run(admin, server)

    first = _person(browser, server, create_user, "Ana Technician")
    first.goto(run_url)
    assert_accessible(first)
    with first.expect_navigation():
        first.get_by_role("button", name="Book a place").click()
    expect(first.locator("#booking")).to_contain_text("Your place is confirmed.")
    assert_accessible(first)

    second = _person(browser, server, create_user, "Ben Technician")
    second.goto(run_url)
    expect(second.locator("#booking")).to_contain_text("This run is full")
    with second.expect_navigation():
        second.get_by_role("button", name="Join the waiting list").click()
    expect(second.locator("#booking")).to_contain_text("You are number 1 on the waiting list.")

    first.goto(f"{server}/me/bookings")
    assert_accessible(first)
    with first.expect_navigation():
        first.locator("#my-bookings").get_by_role("button", name="Cancel").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Cancel this place?")
    confirm(first, "Cancel the place")
    expect(first.get_by_role("status").first).to_contain_text("The place has gone to the first person on the waiting list.")

    second.goto(run_url)
    expect(second.locator("#booking")).to_contain_text("Your place is confirmed.")

    # The course takes place: move it into the past, as if the days had come.
    admin.goto(f"{run_url}/edit")
    two_days_ago = datetime.now() - timedelta(days=2)
    for number, day in ((1, two_days_ago), (2, two_days_ago + timedelta(days=1))):
        admin.get_by_label(f"Session {number} starts", exact=True).fill(day.strftime("%Y-%m-%dT09:30"))
        admin.get_by_label(f"Session {number} ends", exact=True).fill(day.strftime("%Y-%m-%dT15:30"))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save run").click()

    admin.goto(f"{run_url}/delegates")
    assert_accessible(admin)
    admin.get_by_label("Ben Technician attended day 1").check()
    admin.get_by_label("Ben Technician attended day 2").check()
    admin.get_by_label("Result for Ben Technician").select_option("passed")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save attendance and results").click()
    expect(admin.get_by_role("status").first).to_contain_text("Attendance and results saved.")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Close run and issue certificates").click()
    confirm(admin, "Close run and issue certificates")
    expect(admin.get_by_role("status").first).to_contain_text("1 completed, 1 certificate issued")

    second.goto(f"{server}/me/certificates")
    assert_accessible(second)
    second.locator("#certificates-current").get_by_role("link", name="Chemical Handling").click()
    number = second.get_by_role("heading", level=1).inner_text().replace("Certificate ", "").strip()
    assert re.fullmatch(r"PR-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", number), number

    # The holder prints it with the QR code of its public page, and downloads the PDF.
    second.get_by_role("link", name="Printable certificate (A4)").click()
    expect(second.get_by_role("img", name="QR code of the address where this certificate can be checked")).to_be_visible()
    expect(second.locator("main")).to_contain_text(f"/certificates/{number}")
    assert_accessible(second)
    with second.expect_download() as download_info:
        second.get_by_role("link", name="Download PDF (A4)").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{number}.pdf", download.suggested_filename
    pdf_text = subprocess.run(["pdftotext", download.path(), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ben Technician" in pdf_text and number in pdf_text and "Chemical Handling" in pdf_text, pdf_text

    visitor = browser.new_page()
    try:
        visitor.goto(f"{server}/verify")
        assert_accessible(visitor)
        visitor.get_by_label("Certificate number").fill(number.lower())
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Verify").click()
        expect(visitor.get_by_role("status").first).to_have_text("Valid")
        expect(visitor.locator("main")).to_contain_text("Ben Technician")
        expect(visitor.locator("main")).to_contain_text("SCQF level 6")
        assert_accessible(visitor)
    finally:
        visitor.close()
