"""The pages added for issue 12, loaded as a person would: accessible (axe), and at 360 px
wide with nothing wider than the screen."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page

from conftest import assert_accessible, sign_in

PASSWORD = "retort-stand-clamp-99"


def _fits_a_phone(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 360, f"{url} is {wide} px wide at 360 px"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_the_new_pages_are_accessible_and_fit_a_phone(server: str, page: Page, create_user):
    for path in ("/contact", "/privacy", "/accessibility", "/help", "/forgot-password"):
        page.goto(f"{server}{path}")
        assert_accessible(page)
        _fits_a_phone(page, f"{server}{path}")

    technician = f"tech-{uuid.uuid4().hex[:8]}@school.sch.uk"
    create_user(technician, "Tam Technician", PASSWORD, "technician")
    sign_in(page, server, technician, PASSWORD)
    assert page.url.endswith("/me"), page.url
    assert_accessible(page)
    _fits_a_phone(page, f"{server}/me")
    page.context.clear_cookies()

    email = f"admin-{uuid.uuid4().hex[:8]}@sserc.example"
    create_user(email, "Sam Admin", PASSWORD, "admin")
    sign_in(page, server, email, PASSWORD)
    assert page.url.endswith("/staff"), page.url
    for path in ("/staff", "/me/account", "/staff/audit", "/staff/emails"):
        page.goto(f"{server}{path}")
        assert_accessible(page)
    for path in ("/staff", "/me/account", "/staff/emails"):
        _fits_a_phone(page, f"{server}{path}")
