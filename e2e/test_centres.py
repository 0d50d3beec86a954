"""The Accredited Centre journey: an organisation applies and is approved for one course;
its coordinator schedules that course (and is told clearly why another course is
refused), enrols a delegate and records the results of the centre's first delivery; the
delivery is selected for verification with its reason shown; a verifier accepts it; and
the delegate's certificate, naming the centre, verifies in public."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect

from conftest import assert_accessible, confirm, sign_in
from dates import future_day, local

PASSWORD = "pipette-burette-flask-31"


def _person(browser, server: str, create_user, name: str, role: str = "technician") -> tuple[Page, str]:
    email = f"{name.lower().split()[0]}-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(email, name, PASSWORD, role)
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, server, email, PASSWORD)
    return page, email


def _status(page: Page):
    return page.get_by_role("status").first


def test_centre_applies_delivers_and_is_verified(server: str, browser, create_user):
    centre_name = f"Clackmannanshire Science Hub {uuid.uuid4().hex[:4]}"
    applicant, _ = _person(browser, server, create_user, "Cara Coordinator")
    applicant.goto(f"{server}/centres")
    with applicant.expect_navigation():
        applicant.get_by_role("link", name="Apply to become a centre").click()
    assert_accessible(applicant)
    # A first try with nothing chosen names every mistake.
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Send application").click()
    expect(applicant.locator(".error-summary")).to_contain_text("Enter the organisation's name")
    applicant.get_by_label("Organisation's name").fill(centre_name)
    applicant.get_by_label("Kind of organisation").select_option("council")
    applicant.get_by_label("Local authority served").select_option(label="Clackmannanshire Council")
    applicant.get_by_label("Venues").fill("Alloa Academy science base, Alloa FK10 1EN")
    applicant.get_by_label("Why you want to deliver the courses").fill(
        "Our technician team wants to run Chemical Handling locally for the county's schools.")
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Send application").click()
    expect(_status(applicant)).to_contain_text("your application is with the service")
    expect(applicant.locator("#centre-status")).to_have_text("Applicant")
    centre_url = applicant.url

    admin, _ = _person(browser, server, create_user, "Morgan Admin", "course_admin")
    admin.goto(centre_url)
    assert_accessible(admin)
    admin.get_by_label("Change status").select_option("approved")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save status").click()
    expect(admin.locator("#centre-status")).to_have_text("Approved")
    admin.get_by_label("Approve for a course").select_option(label="Chemical Handling")
    admin.get_by_label("From", exact=True).fill((datetime.now() - timedelta(days=30)).strftime("%Y-%m-%d"))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Approve for this course").click()
    expect(admin.locator("#approvals")).to_contain_text("Chemical Handling")
    expect(admin.locator("#history")).to_contain_text("Approved")
    # Suspending without a reason is refused: a warning that says so, and nothing changes.
    admin.get_by_label("Change status").select_option("suspended")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save status").click()
    refusal = admin.get_by_role("alert").filter(has_text="Not done")
    expect(refusal).to_contain_text("reason")
    expect(refusal).to_have_class(re.compile(r"alert-warning"))
    expect(admin.locator("#centre-status")).to_have_text("Approved")
    assert_accessible(admin)

    # The applicant is now the centre's coordinator: they schedule the approved course.
    applicant.goto(centre_url)
    with applicant.expect_navigation():
        applicant.get_by_role("link", name="Schedule Chemical Handling").click()
    two_days_ago = datetime.now() - timedelta(days=2)
    applicant.get_by_label("Capacity", exact=True).fill("12")
    applicant.get_by_label("Venue", exact=True).fill("Alloa Academy science base, Alloa FK10 1EN")
    applicant.get_by_label("Session 1 starts", exact=True).fill(two_days_ago.strftime("%Y-%m-%dT09:30"))
    applicant.get_by_label("Session 1 ends", exact=True).fill(two_days_ago.strftime("%Y-%m-%dT15:30"))
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Save run").click()
    expect(applicant).to_have_url(re.compile(r"/runs/[0-9A-F-]{36}$"))
    run_url = applicant.url

    # A course the centre is not approved for is refused, and the page says why.
    applicant.goto(f"{server}/courses/electrical-safety-and-pat/runs/new")
    applicant.get_by_label("Capacity", exact=True).fill("12")
    applicant.get_by_label("Venue", exact=True).fill("Alloa Academy science base, Alloa FK10 1EN")
    refused_day = future_day(weeks=26, weekday=1)
    applicant.get_by_label("Session 1 starts", exact=True).fill(local(refused_day, "09:30"))
    applicant.get_by_label("Session 1 ends", exact=True).fill(local(refused_day, "15:30"))
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Save run").click()
    expect(applicant.locator("main")).to_contain_text("is not approved to deliver Electrical Safety")
    assert_accessible(applicant)

    # The first delivery: a delegate is enrolled, attends and passes; the results go in.
    delegate, delegate_email = _person(browser, server, create_user, "Dana Delegate")
    applicant.goto(f"{run_url}/delegates")
    applicant.get_by_label("Enrol a delegate by email").fill(delegate_email)
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Enrol", exact=True).click()
    expect(_status(applicant)).to_contain_text("Dana Delegate is enrolled")
    applicant.get_by_label("Dana Delegate attended day 1").check()
    applicant.get_by_label("Result for Dana Delegate").select_option("passed")
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Save attendance and results").click()
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Close run and issue certificates").click()
    confirm(applicant, "Close run and issue certificates")
    # The random sample may add its own reason; the first delivery is always one.
    expect(_status(applicant)).to_contain_text("selected for verification (first delivery")
    expect(_status(applicant)).to_contain_text("0 certificates issued")
    # The centre adds its register as evidence: an upload bigger than one network read, so
    # the form's token arrives after the request starts.
    applicant.goto(f"{run_url}/verification")
    applicant.get_by_label("Or a document (at most 5 MB)").set_input_files(
        files=[{"name": "register.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * 300_000}])
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Add evidence").click()
    expect(_status(applicant)).to_contain_text("Evidence added.")
    expect(applicant.locator("#evidence")).to_contain_text("register.pdf")
    # A document over the limit gets a page that says what the limit is, and is not kept.
    applicant.get_by_label("Or a document (at most 5 MB)").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"0" * 7_000_000}])
    with applicant.expect_navigation():
        applicant.get_by_role("button", name="Add evidence").click()
    expect(applicant.locator("main")).to_contain_text("A document can be at most 5 MB")
    applicant.goto(f"{run_url}/verification")
    expect(applicant.locator("#evidence")).not_to_contain_text("scan.pdf")

    verifier, _ = _person(browser, server, create_user, "Vic Verifier", "verifier")
    verifier.goto(f"{server}/staff/verifications")
    assert_accessible(verifier)
    with verifier.expect_navigation():
        verifier.locator("#queue").get_by_role("link", name="Chemical Handling").last.click()
    expect(verifier.locator(".verification-reasons").first).to_contain_text("It is the centre's first delivery of this course.")
    expect(verifier.locator("#evidence")).to_contain_text("register.pdf")
    assert_accessible(verifier)
    # Accepted with Recommendations needs the recommendations: the form says so and keeps the notes.
    verifier.get_by_label("Accepted with Recommendations", exact=True).check()
    verifier.get_by_label("Notes").fill("Register, assessment papers and COSHH sheets seen.")
    with verifier.expect_navigation():
        verifier.get_by_role("button", name="Record outcome").click()
    expect(verifier.locator(".error-summary")).to_contain_text("List the recommendations")
    expect(verifier.get_by_label("Notes")).to_have_value("Register, assessment papers and COSHH sheets seen.")
    assert_accessible(verifier)
    verifier.get_by_label("Accepted", exact=True).check()
    with verifier.expect_navigation():
        verifier.get_by_role("button", name="Record outcome").click()
    expect(_status(verifier)).to_contain_text("Outcome recorded: Accepted. 1 certificate issued.")

    delegate.goto(f"{server}/me/certificates")
    delegate.locator("#certificates-current").get_by_role("link", name="Chemical Handling").click()
    number = delegate.get_by_role("heading", level=1).inner_text().replace("Certificate ", "").strip()
    visitor = browser.new_page()
    try:
        visitor.goto(f"{server}/verify")
        visitor.get_by_label("Certificate number").fill(number)
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Verify").click()
        expect(visitor.get_by_role("status").first).to_have_text("Valid")
        expect(visitor.locator("main")).to_contain_text("Dana Delegate")
        expect(visitor.locator("main")).to_contain_text(centre_name)
    finally:
        visitor.close()

    manager, _ = _person(browser, server, create_user, "Mo Manager", "manager")
    manager.goto(f"{server}/staff/reports/centres")
    assert_accessible(manager)
    row = manager.locator("#centre-report tr", has_text=centre_name)
    expect(row).to_contain_text("1")
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Download CSV").click()
    assert centre_name in open(download.value.path(), encoding="utf-8").read()
