"""Techné: a new technician searches, finds nothing and asks in Chemistry; another member
answers quoting the question and mentioning her; she is told (the bell), marks the answer
as the solution, and the topic shows "Solved" to everyone and is found by the search; a
post carrying script stays text; the pages pass axe and fit a phone."""

from __future__ import annotations

import sqlite3
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

    # She searches first and finds nothing, so she asks.
    sign_in(page, server, asker, PASSWORD)
    page.goto(f"{server}/community")
    assert_accessible(page)
    page.get_by_label("Search for").fill(f"cloudy crystals {tag}")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_contain_text("Nothing found")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#results").get_by_role("link", name="Ask in Techné").click()
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
    page.get_by_label("Your reply").fill("> Our crystals come out cloudy.\n\n@NiaNew filter the solution *hot*, then cool it slowly.")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the reply").click()
    expect(page.locator("#post-2 blockquote")).to_contain_text("Our crystals come out cloudy.")
    expect(page.get_by_role("button", name="Mark as the solution")).to_have_count(0)

    # The mention reaches the asker: the bell in the menu counts it (the server tells
    # followers moments after a post), and the notification leads to the reply.
    sign_in_afresh(page, server, asker, PASSWORD)
    bell = page.locator("#notifications-link")
    for _ in range(20):
        page.goto(f"{server}/community")
        if "unread" in (bell.text_content() or ""):
            break
        page.wait_for_timeout(500)
    expect(bell).to_contain_text("1 unread")
    with page.expect_navigation():
        bell.click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=f'Olwen Oldhand mentioned you in "{title}"').click()
    expect(page.locator("#post-2")).to_contain_text("@NiaNew filter the solution")
    expect(page.locator("#notifications-link")).not_to_contain_text("unread")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as the solution").click()
    expect(page.locator("#solved")).to_have_text("Solved")
    expect(page.locator("#post-2")).to_contain_text("Solution")
    assert_accessible(page)

    # Now the search finds it, the words marked.
    page.goto(f"{server}/search?q=cloudy+crystal+{tag}")
    expect(page.locator("#results li").first).to_contain_text(title)
    expect(page.locator("#results mark").first).to_be_visible()
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


def test_a_meets_topic_collects_three_votes_and_each_voter_is_emailed_the_booking_link(
        server: str, server_data_dir, page, create_user):
    tag = uuid.uuid4().hex[:8]
    voters = [f"voter{n}-{tag}@school.example" for n in range(3)]
    for n, email in enumerate(voters):
        create_user(email, f"Voter {n} {tag}", PASSWORD, "technician")
    admin = f"courses-{tag}@sserc.example"
    create_user(admin, "Cora Courses", PASSWORD, "course_admin")
    title = f"Data loggers in practical biology {tag}"

    # The first suggests it through the form (their vote is on it), from Techné's front page.
    sign_in(page, server, voters[0], PASSWORD)
    page.goto(f"{server}/community")
    with page.expect_navigation():
        page.get_by_role("link", name="Meets topics").click()
    assert_accessible(page)
    page.get_by_label("Topic").fill(title)
    page.get_by_label("Why it matters").fill("Pupils' pH and oxygen practicals, logged live.")
    page.get_by_label("Kit to show (optional)").fill("A set of <b>wireless</b> probes")
    with page.expect_navigation():
        page.get_by_role("button", name="Suggest the topic").click()
    card = page.locator("article", has_text=title)
    expect(card.locator(".votes")).to_have_text("1 vote")
    expect(card).to_contain_text("A set of <b>wireless</b> probes")

    # Two others vote; one on a phone.
    for n, email in enumerate(voters[1:], start=2):
        sign_in_afresh(page, server, email, PASSWORD)
        if n == 3:
            page.set_viewport_size(PHONE)
        page.goto(f"{server}/community/meets")
        with page.expect_navigation():
            page.locator("article", has_text=title).get_by_role("button", name="Vote for this topic").click()
        expect(page.locator("article", has_text=title).locator(".votes")).to_have_text(f"{n} votes")
    fits_phone(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)

    # A course admin schedules it as the next Technician SSERC Meet.
    sign_in_afresh(page, server, admin, PASSWORD)
    page.goto(f"{server}/community/meets")
    card = page.locator("article", has_text=title)
    card.locator("summary", has_text="Decide this topic").click()
    assert_accessible(page)
    run_choice = card.get_by_label("Schedule it as")
    chosen = run_choice.locator("option", has_text="Technician SSERC Meets").first.get_attribute("value")
    run_choice.select_option(chosen)
    with page.expect_navigation():
        card.get_by_role("button", name="Schedule it").click()
    card = page.locator("#scheduled-topics article", has_text=title)
    expect(card).to_contain_text("Scheduled")
    expect(card.get_by_role("link", name="Book a place")).to_have_attribute("href", f"/runs/{chosen}")

    with sqlite3.connect(server_data_dir / "preproom.sqlite") as db:
        rows = db.execute("SELECT recipient, body FROM outbox WHERE subject LIKE ?", (f"%{tag}%",)).fetchall()
    assert sorted(r[0] for r in rows) == sorted(voters), rows
    for _, body in rows:
        assert f"/runs/{chosen}" in body
