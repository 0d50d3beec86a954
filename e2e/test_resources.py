"""Techné's resource library: an editor publishes a document for a course (a wrong file
type is refused, saying which types it takes), then a new version saying what changed; a
technician finds it on the course's page and downloads it; a visitor reads the public
library on a phone. Axe on every page."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, assert_accessible, fits_phone, sign_in, sign_in_afresh

PASSWORD = "gauze-tripod-crucible-31"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_an_editor_publishes_a_document_and_a_technician_downloads_it_from_the_course(server: str, page, create_user, tmp_path):
    tag = uuid.uuid4().hex[:8]
    editor, technician = f"editor-{tag}@sserc.example", f"tech-{tag}@school.example"
    create_user(editor, "Eddie Editor", PASSWORD, "editor")
    create_user(technician, "Tess Technician", PASSWORD, "technician")
    title = f"Chemical store checklist {tag}"
    wrong = tmp_path / "checklist.pdf"
    wrong.write_bytes(b"MZ\x90\x00 a program, not a PDF")
    right = tmp_path / "checklist.pdf.real"
    right.write_bytes(PDF)

    sign_in(page, server, editor, PASSWORD)
    page.goto(f"{server}/resources")
    with page.expect_navigation():
        page.get_by_role("link", name="Publish a resource").click()
    assert_accessible(page)

    def fill(file_path, name="checklist.pdf"):
        page.get_by_label("Title").fill(title)
        page.get_by_label("What it is and who it is for").fill("A monthly checklist for the chemical store.")
        page.get_by_label("Kind").select_option("document")
        page.get_by_label("Subject").select_option("chemistry")
        page.get_by_label("Technicians").check()
        page.get_by_label("Tags (optional)").fill("COSHH, stores")
        page.get_by_label("Courses it goes with (optional)").select_option("chemical-handling")
        page.get_by_label("The document").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": file_path.read_bytes()})
        with page.expect_navigation():
            page.get_by_role("button", name="Publish", exact=True).click()

    fill(wrong)
    expect(page.locator("body")).to_contain_text("PDF, DOCX")
    page.goto(f"{server}/resources/new")
    fill(right)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)
    resource = page.url

    page.get_by_label("What changed").fill("Adds the flammables cabinet.")
    page.get_by_label("The new document").set_input_files({"name": "checklist-v2.pdf", "mimeType": "application/pdf", "buffer": PDF + b"% v2\n"})
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the version").click()
    expect(page.locator("#versions")).to_contain_text("Version 2")
    expect(page.locator("#versions")).to_contain_text("Adds the flammables cabinet.")

    # A technician finds it with the course and downloads it.
    sign_in_afresh(page, server, technician, PASSWORD)
    page.goto(f"{server}/courses/chemical-handling")
    with page.expect_navigation():
        page.locator("#course-resources").get_by_role("link", name=title).click()
    with page.expect_download() as download:
        page.locator("#current").get_by_role("link").click()
    assert download.value.suggested_filename == "checklist-v2.pdf"
    page.goto(resource)
    expect(page.locator("body")).to_contain_text("Downloads")

    # A visitor reads the library on a phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/resources?tag=coshh")
    expect(page.locator("#resources")).to_contain_text(title)
    fits_phone(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
