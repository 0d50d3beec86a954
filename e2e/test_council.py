"""STAC: a manager gives Fife Council's seat to one of its technicians, publishes a
meeting and attaches its signed minutes; another Fife technician sees her representative,
writes to him through the site (the email is in the outbox, with her address to answer),
and reads the minutes and the paper on a phone. Axe on every page."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

PASSWORD = "retort-stand-clamp-31"


def test_a_technician_writes_to_her_representative_and_reads_the_minutes(server: str, server_data_dir, page, create_user):
    tag = uuid.uuid4().hex[:8]
    manager, rep, tech = (f"{who}-{tag}@{'sserc.example' if who == 'manager' else 'fife.sch.uk'}" for who in ("manager", "rep", "tech"))
    create_user(manager, "Mhairi Manager", PASSWORD, "manager")
    create_user(rep, f"Rab Rep {tag}", PASSWORD, "technician", "--organisation", "Fife Council")
    create_user(tech, "Tess Tech", PASSWORD, "technician", "--organisation", "Fife Council")
    title = f"STAC meeting {tag}"

    sign_in(page, server, manager, PASSWORD)
    page.goto(f"{server}/community/council")
    assert_accessible(page)
    page.get_by_label("Seat").select_option(label="Fife Council")
    page.get_by_label("The representative's email address").fill(rep)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the seat").click()
    expect(page.locator("#council-seats tr", has_text="Fife Council")).to_contain_text(f"Rab Rep {tag}")
    with page.expect_navigation():
        page.get_by_role("link", name="Add a meeting").click()
    assert_accessible(page)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Held on").fill((date.today() - timedelta(days=14)).isoformat())
    page.get_by_label("Agenda").fill("1. Welcome\n2. The **leadership** course bid")
    page.get_by_label("Minutes (optional until written)").fill("The bid was rejected; we will try again.")
    page.get_by_label("Publish to members").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main strong", has_text="leadership")).to_be_visible()
    # The signed minutes as a paper of the meeting, through its form.
    page.get_by_text("Attach a paper").click()
    page.get_by_label("The file").set_input_files(files=[{"name": "signed-minutes.pdf", "mimeType": "application/pdf",
                                                          "buffer": b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"}])
    page.get_by_label("What it shows").fill("The minutes, signed by the chair")
    with page.expect_navigation():
        page.get_by_role("button", name="Attach the file").click()
    expect(page.locator("#papers").get_by_role("link", name="signed-minutes.pdf")).to_be_visible()
    assert_accessible(page)

    sign_in_afresh(page, server, tech, PASSWORD)
    page.goto(f"{server}/community/council")
    expect(page.locator("#your-representative")).to_contain_text(f"Rab Rep {tag}")
    expect(page.get_by_role("button", name="Save the seat")).to_have_count(0)
    page.get_by_label(f"Write to Rab Rep {tag}").fill("Could STAC ask about fume cupboard testing budgets?")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the message").click()
    expect(page.locator(".alert-success")).to_contain_text("on its way")
    with sqlite3.connect(server_data_dir / "preproom.sqlite") as db:
        row = db.execute("SELECT body FROM outbox WHERE recipient = ? AND subject LIKE 'STAC: a message from%'", (rep,)).fetchone()
    assert row and "fume cupboard testing budgets" in row[0] and tech in row[0]

    page.set_viewport_size(PHONE)
    with page.expect_navigation():
        page.locator("#meetings").get_by_role("link", name=title).click()
    expect(page.locator("main")).to_contain_text("The bid was rejected")
    expect(page.locator("#papers")).to_contain_text("The minutes, signed by the chair")
    expect(page.get_by_text("Attach a paper")).to_have_count(0)
    fits_phone(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
