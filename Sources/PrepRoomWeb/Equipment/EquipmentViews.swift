import Foundation
import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices

enum EquipmentViews {
    static func dueBadge(_ state: DueState) -> BodyNode {
        let style = switch state {
        case .overdue: "text-bg-danger"
        case .dueSoon: "text-bg-warning"
        case .ok: "text-bg-success"
        case .none: "text-bg-secondary"
        }
        return .span(.attr("class", "badge \(style)"), .text(state.label))
    }

    static func statusBadge(_ status: EquipmentStatus) -> BodyNode {
        .span(.attr("class", "badge " + (status == .inUse ? "text-bg-light border" : status == .outOfUse ? "text-bg-danger" : "text-bg-secondary")),
              .text(status.label))
    }

    static func itemTable(_ lines: [RegisterLine], id: String, caption: String, window: DueWindow) -> BodyNode {
        .div(.class("table-responsive"), .table(.class("table table-sm align-middle caption-top"), .attr("id", id),
            .caption(.text(caption)),
            .thead(.tr(.th(.attr("scope", "col"), .text("Item")), .th(.attr("scope", "col"), .text("Tag")),
                       .th(.attr("scope", "col"), .text("Check")), .th(.attr("scope", "col"), .text("Location")),
                       .th(.attr("scope", "col"), .text("Status")), .th(.attr("scope", "col"), .text("Next due")))),
            .tbody(.forEach(lines) { line in
                .tr(.td(.a(.attr("href", SiteURL.equipment(line.id).path), .text(line.description))),
                    .td(.text(line.assetTag ?? "")),
                    .td(.text(line.checkType)),
                    .td(.text(line.location)),
                    .td(statusBadge(line.status)),
                    .td(.text(line.status == .disposed ? "" : ServiceTime.shortDay(line.nextDueOn) + " "),
                        dueBadge(window.state(nextDue: line.nextDueOn, status: line.status))))
            })))
    }

    static func csvLink(_ url: SiteURL, _ label: String) -> BodyNode {
        .p(.a(.class("btn btn-outline-secondary btn-sm"), .attr("href", url.path), .text(label)))
    }

    static func until(_ date: Date?) -> String { date.map { "until \(ServiceTime.shortDay($0))" } ?? "no expiry" }
}

struct SchoolEquipmentPage: PageView {
    let dashboard: EquipmentDesk.Dashboard
    let input: EquipmentDesk.ItemInput
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Equipment: \(dashboard.school.name)" }

    func content(_ chrome: Chrome) -> BodyNode {
        let d = dashboard
        let overdue = d.overdue, dueSoon = d.dueSoon
        return .div(
            FormParts.errorSummary(errors),
            .p(.a(.attr("href", SiteURL.me(.equipment()).path), .text("All my schools' equipment"))),
            .h1(.text("Equipment: \(d.school.name)")),
            .p(.class("text-body-secondary"), .text("Seed code \(d.school.seedCode) · \(d.register.count) items on the register")),
            .div(.class("row g-3 mb-4"), .id("equipment-summary"),
                summaryCard("\(overdue.count)", "overdue", overdue.isEmpty ? "" : "border-danger"),
                summaryCard("\(dueSoon.count)", "due in \(EquipmentRules.dueSoonDays) days", ""),
                summaryCard("\(d.register.filter { $0.status == .outOfUse }.count)", "out of use", "")),
            overdue.isEmpty ? .p(.id("overdue"), .text("Nothing is overdue.")) : .group(EquipmentViews.itemTable(overdue, id: "overdue", caption: "Overdue", window: d.window),
                EquipmentViews.csvLink(SiteURL.schoolEquipment(d.school.linkID, .csv(list: "overdue")), "Overdue as CSV")),
            dueSoon.isEmpty ? .p(.id("due-soon"), .text("Nothing else falls due in the next \(EquipmentRules.dueSoonDays) days.")) : .group(EquipmentViews.itemTable(dueSoon, id: "due-soon", caption: "Due in the next \(EquipmentRules.dueSoonDays) days", window: d.window),
                EquipmentViews.csvLink(SiteURL.schoolEquipment(d.school.linkID, .csv(list: "due-soon")), "Due soon as CSV")),
            tasks(chrome),
            .h2(.class("h4 mt-4"), .text("The register")),
            EquipmentViews.csvLink(SiteURL.schoolEquipment(d.school.linkID, .csv()), "Download the register as CSV"),
            d.register.isEmpty ? .p(.id("register"), .text("No equipment yet.")) : EquipmentViews.itemTable(d.register, id: "register", caption: "Every item, soonest due first", window: d.window),
            .if(d.access == .work, .div(.class("row g-4 mt-2"),
                .div(.class("col-lg-6"), addForm(chrome)),
                .div(.class("col-lg-6"), importForm(chrome))))
        )
    }

    private func summaryCard(_ figure: String, _ label: String, _ border: String) -> BodyNode {
        .div(.class("col-sm-4"), .div(.attr("class", "card card-body \(border)"), .p(.class("display-6 mb-0"), .text(figure)), .p(.class("mb-0"), .text(label))))
    }

    private func tasks(_ chrome: Chrome) -> BodyNode {
        .section(.id("authorised"), .class("mt-4"),
            .h2(.class("h4"), .text("Who is authorised")),
            .p(.text("A controlled task needs a current certificate of the course that authorises it. The school names who does each.")),
            .div(.class("table-responsive"), .table(.class("table table-sm"),
                .thead(.tr(.th(.attr("scope", "col"), .text("Task")), .th(.attr("scope", "col"), .text("Named")),
                           .th(.attr("scope", "col"), .text("Authorised")), .th(.attr("scope", "col"), .text("Lapsed")))),
                .tbody(.forEach(dashboard.tasks) { cover in
                    .tr(.th(.attr("scope", "row"), .text(cover.task.label),
                            .if(cover.needed && cover.authorised.isEmpty, .div(.class("small text-danger"), .text("Needed for equipment here, and nobody is authorised")))),
                        .td(.ul(.class("list-unstyled mb-0"), .forEach(cover.named) { person in
                            .li(.text(person.name), named(person.outcome),
                                .if(dashboard.access == .work, H.form(action: SiteURL.schoolEquipment(dashboard.school.linkID, .unname).path, csrf: chrome.csrf, [
                                    H.hidden("task", cover.task.rawValue), H.hidden("userId", person.userID.uuidString),
                                    H.element("button", [H.attr("type", "submit"), H.attr("class", "btn btn-link btn-sm p-0"),
                                                         H.attr("aria-label", "Remove \(person.name) from \(cover.task.label.lowercased())")], [.text("Remove")]),
                                ])))
                        })),
                        .td(cover.authorised.isEmpty ? .text("Nobody") : .ul(.class("list-unstyled mb-0"), .forEach(cover.authorised) { person in
                            .li(.text("\(person.name), \(EquipmentViews.until(person.until))"))
                        })),
                        .td(.ul(.class("list-unstyled mb-0"), .forEach(cover.lapsed) { person in
                            .li(.text(person.name + (person.refusal.code == "certificate_revoked" ? " (revoked)" : {
                                if case .expired(let day) = person.refusal { return " (expired \(ServiceTime.shortDay(day)))" }
                                return ""
                            }())))
                        })))
                }))),
            EquipmentViews.csvLink(SiteURL.schoolEquipment(dashboard.school.linkID, .csv(list: "authorised")), "Authorisations as CSV"),
            .if(dashboard.access == .work && !dashboard.people.isEmpty,
                H.form(action: SiteURL.schoolEquipment(dashboard.school.linkID, .name).path, csrf: chrome.csrf, id: "name-for-task", [
                    .div(.class("row g-2 align-items-end"),
                        .div(.class("col-md-5"), FormParts.select("task", label: "Task", options: ControlledTask.allCases.map { ($0.rawValue, $0.label) }, selected: nil, errors: [])),
                        .div(.class("col-md-4"), FormParts.select("userId", label: "Person", options: dashboard.people.map { ($0.id.uuidString, $0.name) }, selected: nil, errors: [])),
                        .div(.class("col-md-3 mb-3"), H.button("Name for the task", style: "btn-outline-primary"))),
                ])))
    }

    private func named(_ outcome: Authorisation.Outcome) -> BodyNode {
        switch outcome {
        case .authorised(_, let until): .span(.class("small text-body-secondary"), .text(" (\(EquipmentViews.until(until)))"))
        case .refused: .span(.class("small text-danger"), .text(" (no longer authorised)"))
        }
    }

    private func addForm(_ chrome: Chrome) -> BodyNode {
        .section(
            .h2(.class("h4"), .text("Add an item")),
            H.form(action: SiteURL.schoolEquipment(dashboard.school.linkID).path, csrf: chrome.csrf, id: "add-item", [
                FormParts.select("categoryId", label: "Kind of equipment", options: [("", "Choose…")] + dashboard.categories.map { ($0.id?.uuidString ?? "", $0.name) },
                                 selected: input.categoryID, errors: errors),
                FormParts.text("description", label: "Description", value: input.description, hint: "For example: Fume cupboard, Lab 3", errors: errors),
                FormParts.text("location", label: "Location", value: input.location, errors: errors),
                FormParts.text("assetTag", label: "Asset tag", value: input.assetTag, hint: "Optional; unique in the school", errors: errors),
                FormParts.text("serialNumber", label: "Serial number", value: input.serialNumber, hint: "Optional", errors: errors),
                H.element("details", [], [
                    H.element("summary", [H.attr("class", "mb-2")], [.text("A sealed radioactive source")]),
                    FormParts.text("isotope", label: "Isotope", value: input.isotope, hint: "For example Co-60", errors: errors),
                    FormParts.text("activity", label: "Activity", value: input.activity, hint: "For example 185 kBq", errors: errors),
                    FormParts.text("referenceDate", label: "Reference date", value: input.referenceDate, hint: "The date the activity was stated for", type: "date", errors: errors),
                ]),
                H.button("Add to the register"),
            ]))
    }

    private func importForm(_ chrome: Chrome) -> BodyNode {
        .section(
            .h2(.class("h4"), .text("Import a register")),
            .p(.text("A CSV file with the columns " + EquipmentRegisterCSV.headings.joined(separator: ", ")
                     + ". Asset tag, Category and Description are required. You will see what would change before anything is saved.")),
            H.element("form", [H.attr("action", SiteURL.schoolEquipment(dashboard.school.linkID, .importRegister).path), H.attr("method", "post"),
                               H.attr("enctype", "multipart/form-data"), H.attr("id", "import-form")], [
                H.hidden("_csrf", chrome.csrf ?? ""),
                FormParts.text("file", label: "CSV file", value: nil, type: "file", errors: errors, extra: [H.attr("accept", ".csv,text/csv")]),
                H.button("Check the file", style: "btn-outline-primary", name: "step", value: "check"),
            ]))
    }
}

struct RegisterImportPage: PageView {
    let school: School
    let report: RegisterImport.Report
    let text: String
    /// The most rows listed under a heading; the page says how many more there are.
    static let listed = 200

    private func list(_ rows: [String], id: String) -> BodyNode {
        .group(.ul(.attr("id", id), .forEach(rows.prefix(Self.listed)) { .li(.text($0)) }),
               .if(rows.count > Self.listed, .p(.text("… and \(rows.count - Self.listed) more."))))
    }
    var title: String { (report.problems.isEmpty ? "" : "Error: ") + "Import a register: \(school.name)" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(
            .h1(.text("Import a register: \(school.name)")),
            report.problems.isEmpty ? .p(.id("import-verdict"), .text("The file is good. Nothing has been saved yet.")) :
                .div(.class("alert alert-danger"), .id("import-problems"), .attr("role", "alert"),
                    .p(.strong(.text("\(report.problems.count) row\(report.problems.count == 1 ? "" : "s") cannot be imported, so nothing will be. Mend the file and check it again."))),
                    .ul(.forEach(report.problems) { .li(.text("Line \($0.line): \($0.message)")) })),
            .h2(.class("h5"), .text("\(report.added.count) to add")),
            list(report.added, id: "import-added"),
            .h2(.class("h5"), .text("\(report.updated.count) to change")),
            list(report.updated, id: "import-updated"),
            .p(.text("\(report.unchanged) unchanged.")),
            .div(.class("d-flex gap-2"),
                .if(report.problems.isEmpty && !(report.added.isEmpty && report.updated.isEmpty),
                    H.element("form", [H.attr("action", SiteURL.schoolEquipment(school.linkID, .importRegister).path), H.attr("method", "post"),
                                       H.attr("enctype", "multipart/form-data"), H.attr("id", "import-confirm")], [
                        H.hidden("_csrf", chrome.csrf ?? ""),
                        H.hidden("register", text),
                        H.button("Import these changes", name: "step", value: "import"),
                    ])),
                .a(.class("btn btn-outline-secondary"), .attr("href", SiteURL.schoolEquipment(school.linkID).path), .text("Back to the register")))
        )
    }
}
