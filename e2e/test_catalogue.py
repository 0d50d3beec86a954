"""Journeys through the course catalogue: a visitor finding a course and its runs, and a
course admin scheduling a run (with a mistake first).

Selectors are roles, labels and visible text, so the tests survive markup changes.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from conftest import assert_accessible, sign_in

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


# Does a calendar link belong to 10 March 2027? The calendar's markup is free, so accept
# any of the usual ways of tying an entry to its day: a date in the link's own name or
# href; a <time datetime>, data-date or aria-label on an enclosing element that covers
# that one day only; a day cell starting with its number "10" (no other month's
# spill-over day can be 10); "10 March" in the link's cell, list item or one-day table
# row; or the nearest heading before it, for a list grouped under day headings.
_ON_10_MARCH_2027 = """link => {
    const iso = '2027-03-10';
    const words = /\\b10(th)? Mar(ch)?/i;
    const anyDay = /\\b\\d{1,2}(st|nd|rd|th)? Mar(ch)?/gi;
    const text = el => el.innerText || el.textContent || '';
    const said = el => [el.getAttribute('aria-label'), el.getAttribute('title'),
                        el.getAttribute('data-date'), el.getAttribute('datetime')]
                       .filter(Boolean).join(' ');
    const tells = s => s.includes(iso) || words.test(s);
    const dateOf = el => (el.getAttribute('datetime') || el.getAttribute('data-date') || '').slice(0, 10);
    if (tells(said(link)) || tells(text(link)) || (link.getAttribute('href') || '').includes(iso)) return true;
    // Enclosing elements, as far as they cover a single day.
    for (let el = link.parentElement; el && el !== document.body; el = el.parentElement) {
        const marked = Array.from(el.querySelectorAll('time[datetime], [data-date]'));
        if (el.matches('[datetime], [data-date]')) marked.push(el);
        const dates = new Set(marked.map(dateOf).filter(Boolean));
        if (dates.size > 1) break;
        if (dates.has(iso) || tells(said(el))) return true;
    }
    // The link's cell, list item or table row, as long as it speaks of one day only.
    const oneDay = el => {
        const marks = new Set(Array.from(el.querySelectorAll('time[datetime], [data-date]')).map(dateOf).filter(Boolean));
        const days = new Set((text(el).match(anyDay) || []).map(m => parseInt(m, 10)));
        return marks.size <= 1 && days.size <= 1;
    };
    const day = link.closest('td, th, li, article, section, [role=gridcell], [role=listitem], dd');
    if (day) {
        if (day.matches('td, th, [role=gridcell]') && /^\\s*(\\w+day\\s+)?10\\b/i.test(text(day))) return true;
        const row = day.matches('td, th') ? day.closest('tr') : null;
        for (const el of [day, row]) {
            if (el && oneDay(el) && words.test(text(el))) return true;
        }
    }
    const headings = Array.from(document.querySelectorAll('h2, h3, h4, h5, dt'));
    const before = headings.filter(h => h.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING);
    const h = before[before.length - 1];
    if (h) {
        const t = h.querySelector('time[datetime]');
        if (tells(text(h)) || (t && dateOf(t) === iso)) return true;
    }
    return false;
}"""


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
    page.get_by_label("Session 1 starts", exact=True).fill("2027-03-10T09:30")
    page.get_by_label("Session 1 ends", exact=True).fill("2027-03-10T15:30")
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

    page.goto(f"{server}/calendar?month=2027-03")
    links = page.get_by_role("link", name=COURSE)
    expect(links.first).to_be_visible()
    on_the_day = [links.nth(i).evaluate(_ON_10_MARCH_2027) for i in range(links.count())]
    assert any(on_the_day), (
        f"none of the {len(on_the_day)} '{COURSE}' link(s) on the March 2027 calendar is for 10 March 2027"
    )
    assert_accessible(page)
