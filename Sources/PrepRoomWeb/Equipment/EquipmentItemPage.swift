import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

/// One item: its facts, where it stands, who may check it, the check form and its history.
struct EquipmentItemPage: PageView {
    let record: EquipmentDesk.ItemRecord
    let gate: EquipmentChecks.Gate?
    let input: EquipmentChecks.Input
    let errors: [FieldError]
    var now = Date()
    var title: String { (errors.isEmpty ? "" : "Error: ") + record.item.description + " · " + record.school.name }

    func content(_ chrome: Chrome) -> BodyNode {
        let item = record.item, category = record.category
        return .div(
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.schoolEquipment(record.school.linkID).path), .text("Equipment of \(record.school.name)"))),
            .h1(.text(item.description)),
            .p(.id("item-standing"), EquipmentViews.statusBadge(item.status), .text(" "),
               EquipmentViews.dueBadge(EquipmentRules.dueState(nextDue: item.nextDueOn, status: item.status, now: now))),
            H.element("dl", [H.attr("class", "mb-4"), H.attr("id", "item-facts")], [
                FormParts.summaryRow("Kind", .text(category.name)),
                FormParts.summaryRow("Check", .text("\(category.checkType), every \(category.intervalMonths) months")),
                FormParts.summaryRow("Next due", .text(item.status == .disposed ? "Not checked: disposed" : ServiceTime.day(item.nextDueOn))),
                FormParts.summaryRow("Last checked", .text(item.lastCheckedOn.map(ServiceTime.day) ?? "Not yet")),
                FormParts.summaryRow("Location", .text(item.location.isEmpty ? "Not given" : item.location)),
                .unwrap(item.assetTag) { FormParts.summaryRow("Asset tag", .text($0)) },
                .unwrap(item.serialNumber) { FormParts.summaryRow("Serial number", .text($0)) },
                .unwrap(item.isotope) { FormParts.summaryRow("Isotope", .text($0)) },
                .unwrap(item.activity) { FormParts.summaryRow("Activity", .text($0)) },
                .unwrap(item.referenceDate) { FormParts.summaryRow("Reference date", .text(ServiceTime.day($0))) },
            ]),
            .div(.class("row g-4"),
                .div(.class("col-lg-6"), checkSection(chrome)),
                .div(.class("col-lg-6"), history)),
            .if(record.access == .work && item.status != .disposed, statusForm(chrome))
        )
    }


    private func checkSection(_ chrome: Chrome) -> BodyNode {
        guard record.access == .work, record.item.status != .disposed else { return .empty }
        if let gate, let refusal = gate.refusal {
            return .section(.id("gate-refused"), .class("alert alert-warning"),
                .h2(.class("h5"), .text("You may not record this check")),
                .p(.text(Authorisation.message(refusal, task: gate.task))),
                .unwrap(gate.course) { course in
                    .div(
                        gate.nextRuns.isEmpty
                            ? .p(.text("\(course.title) has no run scheduled yet. "), .a(.attr("href", SiteURL.course(code: course.code).path), .text("See the course")))
                            : .group(.p(.text("Next runs of \(course.title):")),
                                     .ul(.id("refresher-runs"), .forEach(gate.nextRuns) { run in
                                         .li(.a(.attr("href", SiteURL.run(run.linkID).path), .text(ServiceTime.day(run.startsAt) + (run.venue.map { ", \($0)" } ?? ""))), .text(" · book a place"))
                                     })))
                })
        }
        return .section(
            .h2(.class("h4"), .text("Record a check")),
            authorisedNote,
            H.element("form", [H.attr("action", SiteURL.equipment(record.item.linkID, .checks).path), H.attr("method", "post"),
                               H.attr("enctype", "multipart/form-data"), H.attr("id", "record-check"), H.attr("novalidate", nil)], [
                H.hidden("_csrf", chrome.csrf ?? ""),
                FormParts.text("checkedOn", label: "Date of the check", value: input.checkedOn, type: "date", errors: errors),
                FormParts.select("result", label: "Result", options: CheckResult.allCases.map { ($0.rawValue, $0.label) }, selected: input.result,
                                 hint: "A fail puts the item out of use until a check passes.", errors: errors),
                .forEach(Array(record.category.readings.enumerated())) { index, label in
                    FormParts.text("reading\(index)", label: label, value: index < input.readings.count ? input.readings[index] : "",
                                   hint: "Optional", errors: errors, extra: [H.attr("inputmode", "decimal")])
                },
                FormParts.textArea("notes", label: "Notes", value: input.notes, hint: "Optional: what was found, what was done", rows: 3, errors: errors),
                FormParts.text("document", label: "Report or test sheet", value: nil,
                               hint: "Optional: a PDF, PNG or JPEG of at most \(CheckDocument.maxBytes / (1024 * 1024)) MB", type: "file", errors: errors,
                               extra: [H.attr("accept", ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg")]),
                H.button("Record the check"),
            ]))
    }

    private var authorisedNote: BodyNode {
        guard case .authorised(let number, let until)? = gate?.outcome else { return .empty }
        return .p(.class("small"), .id("gate-authorised"), .text("You are authorised by certificate \(number), \(EquipmentViews.until(until))."))
    }

    private var history: BodyNode {
        .section(
            .h2(.class("h4"), .text("History")),
            record.checks.isEmpty ? .p(.id("checks"), .text("No check recorded yet.")) :
                .ul(.class("list-group"), .id("checks"), .forEach(record.checks) { check in
                    .li(.class("list-group-item"),
                        .div(.class("d-flex justify-content-between"),
                            .strong(.text(check.result.label)),
                            .span(.class("text-body-secondary"), .text(ServiceTime.shortDay(check.checkedOn)))),
                        .div(.class("small"), .text("By \(check.checkedByName)" + (check.certificateNumber.map { ", authorised by certificate \($0)" } ?? ""))),
                        .if(!check.readings.isEmpty, .div(.class("small"), .text(check.readings.replacingOccurrences(of: "\n", with: " · ")))),
                        .unwrap(check.notes) { .p(.class("mb-0 mt-1"), .text($0)) },
                        .if(record.documented.contains(check.linkID),
                            .p(.class("mb-0 mt-1 small"), .a(.attr("href", SiteURL.equipment(record.item.linkID, .document(check: check.linkID)).path), .text("The report or test sheet")))))
                }))
    }

    private func statusForm(_ chrome: Chrome) -> BodyNode {
        .section(.class("mt-4"),
            .h2(.class("h5"), .text("Take out of use or dispose")),
            H.form(action: SiteURL.equipment(record.item.linkID, .status).path, csrf: chrome.csrf, id: "item-status", [
                FormParts.select("status", label: "New status", options: [EquipmentStatus.outOfUse, .disposed].filter { $0 != record.item.status }.map { ($0.rawValue, $0.label) },
                                 selected: nil, hint: "An item comes back into use when a check passes.", errors: []),
                FormParts.text("reason", label: "Why", value: nil, errors: []),
                H.button("Change the status", style: "btn-outline-danger"),
            ]))
    }
}

struct EquipmentOverviewPage: PageView {
    let overview: EquipmentOverview.View
    var title: String { overview.heading }

    func content(_ chrome: Chrome) -> BodyNode {
        let o = overview
        return .div(
            .h1(.text(o.heading)),
            .if(!o.authorities.isEmpty, H.form(action: SiteURL.me(.equipment()).path, method: "get", csrf: nil, id: "choose-authority", [
                FormParts.select("organisation", label: "Local authority", options: [("", "Choose…")] + o.authorities.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: o.chosen?.uuidString, errors: []),
                H.button("Show", style: "btn-outline-primary"),
            ])),
            o.schools.isEmpty ? .p(.id("schools"), .text(o.authorities.isEmpty ? "You have not named your school yet: choose it on your account page." : "")) :
                .div(.class("table-responsive"), .table(.class("table table-sm align-middle"), .id("schools"),
                    .thead(.tr(.th(.attr("scope", "col"), .text("School")), .th(.attr("scope", "col"), .text("Items")),
                               .th(.attr("scope", "col"), .text("Overdue")), .th(.attr("scope", "col"), .text("Due in \(EquipmentRules.dueSoonDays) days")))),
                    .tbody(.forEach(o.schools) { school in
                        .tr(.td(.a(.attr("href", SiteURL.schoolEquipment(school.id).path), .text(school.name))),
                            .td(.text(String(school.items))),
                            .td(school.overdue > 0 ? .span(.class("badge text-bg-danger"), .text(String(school.overdue))) : .text("0")),
                            .td(.text(String(school.dueSoon))))
                    }))),
            .if(!o.schools.isEmpty, EquipmentViews.csvLink(.me(.equipmentCSV(organisation: o.chosen, list: "schools")), "Schools as CSV")),
            .if(o.schools.isEmpty && o.authorities.isEmpty, .p(.a(.attr("href", SiteURL.me(.account).path), .text("Choose your schools")))),
            .if(RoleRules.namesSchools(chrome.user?.roles ?? []) && !o.schools.isEmpty, .section(.id("calendar"), .class("mt-4"),
                .h2(.class("h4"), .text("Due checks in your calendar")),
                .p(.text("Subscribe your calendar app to a secret address that lists every check due at your schools. Making a new address stops the old one.")),
                H.form(action: SiteURL.me(.equipmentCalendar).path, csrf: chrome.csrf, id: "calendar-address", [H.button("Make my calendar address", style: "btn-outline-primary")]))),
            .unwrap(o.uncovered) { rows in
                .section(.id("uncovered"), .class("mt-4"),
                    .h2(.class("h4"), .text("Equipment nobody is authorised to check")),
                    rows.isEmpty ? .p(.text("Every school has someone authorised for the tasks its equipment needs.")) :
                        .group(.ul(.forEach(rows) { row in .li(.a(.attr("href", SiteURL.schoolEquipment(row.schoolID).path), .text(row.school)), .text(": \(row.task.label)")) }),
                               EquipmentViews.csvLink(.me(.equipmentCSV(organisation: o.chosen, list: "uncovered")), "This list as CSV")))
            },
            .unwrap(o.lapsing) { rows in
                .section(.id("lapsing"), .class("mt-4"),
                    .h2(.class("h4"), .text("Authorisations lapsing in the next \(CertificateRules.expiringWindowDays) days")),
                    rows.isEmpty ? .p(.text("None.")) :
                        .div(.class("table-responsive"), .table(.class("table table-sm"),
                            .thead(.tr(.th(.attr("scope", "col"), .text("Person")), .th(.attr("scope", "col"), .text("School")),
                                       .th(.attr("scope", "col"), .text("Certificate")), .th(.attr("scope", "col"), .text("Expires")),
                                       .th(.attr("scope", "col"), .text("Refresher booked")))),
                            .tbody(.forEach(rows) { row in
                                .tr(.td(.text(row.name)), .td(.text(row.school)), .td(.text(row.courseTitle)),
                                    .td(.text(ServiceTime.shortDay(row.expiresAt))), .td(.text(row.booked ? "Yes" : "No")))
                            })),
                            EquipmentViews.csvLink(.me(.equipmentCSV(organisation: o.chosen, list: "lapsing")), "This list as CSV")))
            }
        )
    }
}

struct EquipmentCategoriesPage: PageView {
    let categories: [EquipmentCategory]
    var title: String { "Equipment checks and intervals" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text(title)),
            .p(.text("Each kind of equipment takes its check at this interval. A changed interval applies from each item's next check.")),
            H.form(action: SiteURL.staff(.equipmentCategories).path, csrf: chrome.csrf, id: "intervals", [
                .ul(.class("list-group mb-3"), .id("categories"), .forEach(categories) { category in
                    .li(.class("list-group-item"),
                        .h2(.class("h5"), .text(category.name)),
                        .p(.class("mb-1"), .text("\(category.checkType)" + (category.task.map { " · needs authorisation for \($0.label.lowercased())" } ?? ""))),
                        .p(.class("small text-body-secondary"), .text(category.basis)),
                        FormParts.text("interval-\(category.key)", label: "Interval in months", value: String(category.intervalMonths), type: "number", errors: [],
                                       extra: [H.attr("min", "1"), H.attr("max", "120")]))
                }),
                H.button("Save the intervals"),
            ]))
    }
}

struct EquipmentCalendarAddressPage: PageView {
    let address: String
    var title: String { "Your calendar address" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text(title)),
            .p(.text("Add this address to your calendar app as a subscription (\u{201C}from URL\u{201D}). It is shown only now: keep it to yourself, as anyone with it sees your schools' due checks. Any address made before no longer works.")),
            FormParts.text("address", label: "Calendar address", value: address, errors: [], extra: [H.attr("readonly", nil)]),
            .p(.a(.attr("href", SiteURL.me(.equipment()).path), .text("Back to the equipment")))
        )
    }
}
