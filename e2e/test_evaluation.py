"""The three-step evaluation: a delegate answers the pre-course questionnaire after booking
and the post-course one after completing; the staff's results and chart change."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect

from conftest import assert_accessible, confirm, sign_in
from dates import future_day, local

PASSWORD = "pipette-burette-flask-31"


def _person(browser, server: str, create_user, name: str, role: str = "technician") -> Page:
    email = f"{name.lower().split()[0]}-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(email, name, PASSWORD, role)
    page = browser.new_context(locale="en-GB", timezone_id="Europe/London").new_page()
    sign_in(page, server, email, PASSWORD)
    return page


def _answer_all(page: Page) -> None:
    """Rates 5, picks the first option, and writes in every text box."""
    for group in page.locator("#questionnaire fieldset").all():
        radios = group.locator("input[type=radio]")
        radios.nth(radios.count() - 1 if radios.count() == 5 else 0).check()
    for box in page.locator("#questionnaire textarea").all():
        box.fill("Safer handling of acids in the prep room")


def test_delegate_answers_pre_and_post_and_the_results_change(server: str, browser, create_user):
    admin = _person(browser, server, create_user, "Morgan Admin", "course_admin")
    # Staff add a question to the post-course questionnaire; a choice needs two options.
    admin.goto(f"{server}/staff/evaluation")
    assert_accessible(admin)
    admin.locator("#add-question").get_by_label("Step").select_option("post")
    admin.locator("#add-question").get_by_label("Kind").select_option("choice")
    admin.get_by_label("Question", exact=True).fill("Was the venue suitable?")
    admin.get_by_label("Options").fill("Yes")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Add question").click()
    expect(admin.locator(".error-summary")).to_contain_text("Give at least two options")
    # What was typed and chosen is still there; only the options need mending.
    expect(admin.get_by_label("Question", exact=True)).to_have_value("Was the venue suitable?")
    admin.get_by_label("Options").fill("Yes\nNo")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Add question").click()
    expect(admin.locator("#step-post")).to_contain_text("Was the venue suitable?")
    admin.goto(f"{server}/courses/chemical-handling/runs/new")
    admin.get_by_label("Capacity", exact=True).fill("4")
    admin.get_by_label("Venue", exact=True).fill("SSERC, Dunfermline")
    run_day = future_day(weeks=24, weekday=0)
    admin.get_by_label("Session 1 starts", exact=True).fill(local(run_day, "09:30"))
    admin.get_by_label("Session 1 ends", exact=True).fill(local(run_day, "15:30"))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save run").click()
    run_url = admin.url

    delegate = _person(browser, server, create_user, "Devi Delegate")
    delegate.goto(run_url)
    with delegate.expect_navigation():
        delegate.get_by_role("button", name="Book a place").click()
    delegate.goto(f"{server}/me/bookings")
    with delegate.expect_navigation():
        delegate.get_by_role("link", name="Course evaluations").click()
    with delegate.expect_navigation():
        delegate.get_by_role("link", name=re.compile("Chemical Handling: before the course")).click()
    assert_accessible(delegate)
    # Sending nothing names what is missing.
    with delegate.expect_navigation():
        delegate.get_by_role("button", name="Send answers").click()
    expect(delegate.locator(".error-summary")).to_contain_text("Answer:")
    _answer_all(delegate)
    with delegate.expect_navigation():
        delegate.get_by_role("button", name="Send answers").click()
    expect(delegate.get_by_role("status").first).to_contain_text("your answers are saved")

    # The course takes place and the delegate completes it.
    admin.goto(f"{run_url}/edit")
    two_days_ago = datetime.now() - timedelta(days=2)
    admin.get_by_label("Session 1 starts", exact=True).fill(two_days_ago.strftime("%Y-%m-%dT09:30"))
    admin.get_by_label("Session 1 ends", exact=True).fill(two_days_ago.strftime("%Y-%m-%dT15:30"))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save run").click()
    admin.goto(f"{run_url}/delegates")
    admin.get_by_label("Devi Delegate attended day 1").check()
    admin.get_by_label("Result for Devi Delegate").select_option("passed")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Save attendance and results").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Close run and issue certificates").click()
    confirm(admin, "Close run and issue certificates", accessible=False)

    manager = _person(browser, server, create_user, "Mo Manager", "manager")
    run_id = run_url.rsplit("/", 1)[1]
    # This run only: other journeys on the same server deliver Chemical Handling too.
    manager.goto(f"{server}/staff/reports/evaluation?run={run_id}")
    expect(manager.locator("#results-pre .response-rate")).to_have_text("1 of 1 answered (100%).")
    expect(manager.locator("#results-post .response-rate")).to_have_text("0 of 1 answered (0%).")
    assert_accessible(manager)

    delegate.goto(f"{server}/me/evaluations")
    with delegate.expect_navigation():
        delegate.get_by_role("link", name=re.compile("Chemical Handling: after the course")).click()
    _answer_all(delegate)
    with delegate.expect_navigation():
        delegate.get_by_role("button", name="Send answers").click()
    expect(delegate.locator("#answered-evaluations")).to_contain_text("after the course")

    manager.reload()
    expect(manager.locator("#results-post .response-rate")).to_have_text("1 of 1 answered (100%).")
    expect(manager.locator("#results-post svg").first).to_contain_text("Rating 5")
    expect(manager.locator("#results-post svg text", has_text=re.compile(r"^1$")).first).to_be_visible()
