"""Journeys through the course catalogue: a visitor finding a course and its runs, and a
course admin scheduling a run (with a mistake first).

Selectors are roles, labels and visible text, so the tests survive markup changes.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from conftest import assert_accessible, sign_in
from dates import future_day, local

COURSE = "Chemical Handling"
COURSE_SLUG = "chemical-handling"


def _places_left(page: Page) -> list[str]:
    """The text of every body row's "Places left" cell in table#upcoming-runs."""
    return page.locator("table#upcoming-runs").evaluate(
        """table => {
            const clean = s => (s || '').replace(/\\s+/g, ' ').trim();
            const headRow = table.tHead ? table.tHead.rows[0] : table.rows[0];
            const col = Array.from(headRow.cells).findIndex(c => clean(c.textContent) === 'Places left');
            if (col < 0) return null;
            const bodies = table.tBodies.length ? Array.from(table.tBodies) : [table];
            return bodies.flatMap(b => Array.from(b.rows))
                .filter(r => r !== headRow)
                .map(r => clean(r.cells[col] && r.cells[col].textContent));
        }"""
    )


def test_visitor_finds_a_course_and_its_upcoming_runs(server: str, page: Page):
    page.goto(f"{server}/")
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Courses", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/courses/?(\?.*)?$"))
    assert_accessible(page)

    main = page.get_by_role("main")
    main.get_by_label("Search courses").fill(COURSE)
    with page.expect_navigation():
        main.get_by_role("button", name="Search", exact=True).click()
    results = main.get_by_role("link", name=COURSE, exact=True)
    expect(results.first).to_be_visible()
    assert_accessible(page)

    results.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)

    runs_heading = page.get_by_role("heading", level=2, name="Upcoming runs", exact=True)
    expect(runs_heading).to_be_visible()
    table = page.locator("table#upcoming-runs")
    expect(table).to_be_visible()
    assert runs_heading.evaluate(
        "(h, t) => Boolean(h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)",
        table.element_handle(),
    ), "table#upcoming-runs should come after the 'Upcoming runs' heading"
    expect(table.get_by_role("columnheader", name="Places left", exact=True)).to_be_visible()

    cells = _places_left(page)
    assert cells is not None, "table#upcoming-runs has no 'Places left' column header"
    assert any(re.search(r"\d+", c or "") for c in cells), (
        f"no upcoming run shows a number of places left: {cells!r}"
    )
    assert_accessible(page)


def test_course_admin_schedules_a_run_after_fixing_a_mistake(server: str, page: Page, create_user):
    email = f"course-admin-{uuid.uuid4().hex[:8]}@example.org"
    password = "flask-burette-pipette-42"
    create_user(email, "Morgan Admin", password, "course_admin")
    sign_in(page, server, email, password)

    page.goto(f"{server}/courses/{COURSE_SLUG}/runs/new")
    assert_accessible(page)

    capacity = page.get_by_label("Capacity", exact=True)
    venue = page.get_by_label("Venue", exact=True)
    capacity.fill("0")
    venue.fill("SSERC, Dunfermline")
    run_day = future_day(weeks=14, weekday=2)
    page.get_by_label("Session 1 starts", exact=True).fill(local(run_day, "09:30"))
    page.get_by_label("Session 1 ends", exact=True).fill(local(run_day, "15:30"))
    with page.expect_navigation():
        page.get_by_role("button", name="Save run", exact=True).click()

    # GOV.UK error pattern: a summary at the top, linking to the field, the input kept.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_have_count(1)
    expect(summary).to_have_class(re.compile(r"\berror-summary\b"))
    expect(summary.get_by_role("heading", name="There is a problem", exact=True)).to_be_visible()
    expect(summary.locator('a[href="#capacity"]')).to_have_count(1)
    expect(page.get_by_label("Capacity", exact=True)).to_have_attribute("id", "capacity")
    expect(page.get_by_label("Venue", exact=True)).to_have_value("SSERC, Dunfermline")
    assert_accessible(page)

    page.get_by_label("Capacity", exact=True).fill("16")
    with page.expect_navigation():
        page.get_by_role("button", name="Save run", exact=True).click()
    expect(page).to_have_url(re.compile(r"/runs/(?!new\b)[A-Za-z0-9_-]+/?(\?.*)?$"))
    expect(page.locator("body")).to_contain_text(COURSE)
    assert_accessible(page)

    run_url = page.url
    page.goto(f"{server}/calendar?month={run_day:%Y-%m}")
    # Each day of the calendar is a section marked with its date (and a <time datetime>).
    day = page.locator(f'section[data-date="{run_day.isoformat()}"]')
    expect(day.locator(f'time[datetime="{run_day.isoformat()}"]')).to_be_visible()
    link = day.get_by_role("link", name=COURSE, exact=True)
    expect(link.first).to_be_visible()
    hrefs = [link.nth(i).get_attribute("href") for i in range(link.count())]
    assert any(run_url.endswith(h) for h in hrefs), f"the new run {run_url} is not among {hrefs} on {run_day}"
    assert_accessible(page)
