"""Techné: a new technician asks in Chemistry, another member answers quoting the question,
the asker marks the answer as the solution and the topic shows "Solved" to everyone; a post
carrying script stays text; the pages pass axe and fit a phone."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

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


def test_a_flagged_reply_is_hidden_by_a_moderator_and_disappears_for_members(server: str, page, create_user):
    tag = uuid.uuid4().hex[:8]
    asker, spammer, moderator = (f"{who}-{tag}@school.example" for who in ("asker", "spammer", "moderator"))
    create_user(asker, "Ama Asker", PASSWORD, "technician")
    create_user(spammer, "Sid Spammer", PASSWORD, "technician")
    create_user(moderator, "Mo Moderator", PASSWORD, "moderator")
    title = f"Storing concentrated acids {tag}"

    sign_in(page, server, asker, PASSWORD)
    page.goto(f"{server}/community/chemistry")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("Where do yours live?")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the topic").click()
    topic = page.url

    sign_in_afresh(page, server, spammer, PASSWORD)
    page.goto(topic)
    page.get_by_label("Your reply").fill(f"Buy miracle cleaner {tag} now")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the reply").click()

    sign_in_afresh(page, server, asker, PASSWORD)
    page.goto(topic)
    page.locator("#post-2 summary", has_text="Flag this post").click()
    page.locator("#post-2").get_by_label("Why should a moderator look at it?").fill("Advertising")
    with page.expect_navigation():
        page.locator("#post-2").get_by_role("button", name="Flag the post").click()
    expect(page.get_by_role("status").first).to_contain_text("a moderator will look at the post")
    assert_accessible(page)

    sign_in_afresh(page, server, moderator, PASSWORD)
    page.goto(f"{server}/staff/community/flags")
    expect(page.locator("#flags")).to_contain_text("Advertising")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    fits_phone(page)
    page.set_viewport_size(DESKTOP)
    with page.expect_navigation():
        page.locator("#flags").get_by_role("link", name=title).click()
    page.locator("#post-2 summary", has_text="Hide this post").click()
    page.locator("#post-2").get_by_label("Why it is hidden (its author is told)").fill("Advertising is not allowed.")
    with page.expect_navigation():
        page.locator("#post-2").get_by_role("button", name="Hide the post").click()
    expect(page.locator("#post-2")).to_contain_text("Hidden from members: Advertising is not allowed.")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    fits_phone(page)
    page.set_viewport_size(DESKTOP)

    sign_in_afresh(page, server, asker, PASSWORD)
    page.goto(topic)
    expect(page.locator("#post-1")).to_contain_text("Where do yours live?")
    expect(page.get_by_text(f"Buy miracle cleaner {tag}")).to_have_count(0)
