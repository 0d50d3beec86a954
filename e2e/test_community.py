"""Techné: a new technician asks in Chemistry, another member answers quoting the question,
the asker marks the answer as the solution and the topic shows "Solved" to everyone; a post
carrying script stays text; the pages pass axe and fit a phone."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

PASSWORD = "pipette-burette-flask-31"


def test_a_question_is_answered_and_marked_solved(server: str, page, create_user):
    tag = uuid.uuid4().hex[:8]
    asker, helper = f"new-tech-{tag}@school.example", f"old-hand-{tag}@school.example"
    create_user(asker, "Nia New", PASSWORD, "technician")
    create_user(helper, "Olwen Oldhand", PASSWORD, "technician")
    title = f"Cloudy copper sulfate crystals {tag}"

    sign_in(page, server, asker, PASSWORD)
    page.goto(f"{server}/community")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#categories").get_by_role("link", name="Chemistry").click()
    assert_accessible(page)
    # A title too short is named, and what was written stays.
    page.get_by_label("Title").fill("Help")
    page.get_by_label("Your post").fill("Our crystals come out **cloudy**. <script>alert(1)</script>")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the topic").click()
    expect(page.locator(".error-summary")).to_contain_text("title")
    page.get_by_label("Title").fill(title)
    with page.expect_navigation():
        page.get_by_role("button", name="Post the topic").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.locator("#post-1 strong", has_text="cloudy")).to_be_visible()
    expect(page.locator("#post-1")).to_contain_text("<script>alert(1)</script>")
    topic = page.url
    assert_accessible(page)

    sign_in_afresh(page, server, helper, PASSWORD)
    page.goto(topic)
    page.get_by_label("Your reply").fill("> Our crystals come out cloudy.\n\nFilter the solution *hot*, then cool it slowly.")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the reply").click()
    expect(page.locator("#post-2 blockquote")).to_contain_text("Our crystals come out cloudy.")
    expect(page.get_by_role("button", name="Mark as the solution")).to_have_count(0)

    sign_in_afresh(page, server, asker, PASSWORD)
    page.goto(topic)
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as the solution").click()
    expect(page.locator("#solved")).to_have_text("Solved")
    expect(page.locator("#post-2")).to_contain_text("Solution")
    assert_accessible(page)

    # A visitor reads it (Chemistry is public), on a phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/community/chemistry")
    row = page.locator("#topics tr", has_text=title)
    expect(row).to_contain_text("Solved")
    fits_phone(page)
    with page.expect_navigation():
        row.get_by_role("link", name=title).click()
    expect(page.locator("#reply")).to_contain_text("Sign in to reply")
    fits_phone(page)
    assert_accessible(page)
