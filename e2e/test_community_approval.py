"""A new member's first post waits for a moderator: she sees it marked, others do not; a
moderator approves it from the queue and members see it. Axe on the pages."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import assert_accessible, set_first_posts_held, sign_in, sign_in_afresh

PASSWORD = "bunsen-burner-tripod-31"


def test_a_new_members_first_post_waits_for_a_moderator(server: str, server_data_dir, page, create_user):
    tag = uuid.uuid4().hex[:8]
    newcomer, other, moderator = (f"{who}-{tag}@school.example" for who in ("newcomer", "other", "moderator"))
    create_user(newcomer, "Nell Newcomer", PASSWORD, "technician")
    create_user(other, "Olly Other", PASSWORD, "technician")
    create_user(moderator, "Moira Moderator", PASSWORD, "moderator")
    title = f"Safe storage of picric acid {tag}"
    set_first_posts_held(server_data_dir, 2)
    try:
        sign_in(page, server, newcomer, PASSWORD)
        page.goto(f"{server}/community/chemistry")
        page.get_by_label("Title").fill(title)
        page.get_by_label("Your post").fill("How do you keep it wet?")
        with page.expect_navigation():
            page.get_by_role("button", name="Post the topic").click()
        expect(page.locator(".alert-success")).to_contain_text("wait for a moderator")
        expect(page.locator("#post-1")).to_contain_text("Waiting for a moderator")
        topic = page.url
        assert_accessible(page)

        sign_in_afresh(page, server, other, PASSWORD)
        response = page.goto(topic)
        assert response is not None and response.status == 404
        page.goto(f"{server}/community/chemistry")
        expect(page.locator("main")).not_to_contain_text(title)

        sign_in_afresh(page, server, moderator, PASSWORD)
        page.goto(f"{server}/staff/community/flags")
        held = page.locator("#held li", has_text=title)
        assert_accessible(page)
        with page.expect_navigation():
            held.get_by_role("button", name="Approve").click()
        expect(page.locator("#held")).not_to_contain_text(title)

        sign_in_afresh(page, server, other, PASSWORD)
        page.goto(f"{server}/community/chemistry")
        expect(page.locator("#topics")).to_contain_text(title)
    finally:
        set_first_posts_held(server_data_dir, 0)
