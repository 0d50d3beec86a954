import PrepRoomServices
import Plot
import PrepRoomCore
import PrepRoomStore

/// The course form's fields as typed.
struct CourseFormInput {
    var code = "", title = "", summary = "", covers = ""
    var subject = Subject.technology.rawValue, format = CourseFormat.faceToFace.rawValue
    var audiences: Set<String> = [Audience.technician.rawValue]
    var durationDays = "1", scqfLevel = "", scqfCredits = "", validityMonths = "", refresherOf = "", competence = ""
    var assessed = false, certificated = false, centreDeliverable = false

    init() {}

    init(_ facts: CourseFacts) {
        code = facts.code; title = facts.title; summary = facts.summary; covers = facts.covers.joined(separator: "\n")
        subject = facts.subject.rawValue; format = facts.format.rawValue
        audiences = Set(facts.audiences.map(\.rawValue))
        durationDays = facts.durationDays == facts.durationDays.rounded() ? String(Int(facts.durationDays)) : String(facts.durationDays)
        scqfLevel = facts.scqfLevel.map(String.init) ?? ""; scqfCredits = facts.scqfCredits.map(String.init) ?? ""
        validityMonths = facts.validityMonths.map(String.init) ?? ""; refresherOf = facts.refresherOf ?? ""
        competence = facts.competence ?? ""
        assessed = facts.assessed; certificated = facts.certificated; centreDeliverable = facts.centreDeliverable
    }

    init(_ form: FormData) {
        code = form["code"] ?? ""; title = form["title"] ?? ""; summary = form["summary"] ?? ""; covers = form["covers"] ?? ""
        subject = form["subject"] ?? ""; format = form["format"] ?? ""
        audiences = Set(Audience.allCases.map(\.rawValue).filter { form.flag(fieldID("audiences-\($0)")) })
        durationDays = form["durationDays"] ?? ""; scqfLevel = form["scqfLevel"] ?? ""; scqfCredits = form["scqfCredits"] ?? ""
        validityMonths = form["validityMonths"] ?? ""; refresherOf = form["refresherOf"] ?? ""; competence = form["competence"] ?? ""
        assessed = form.flag("assessed"); certificated = form.flag("certificated"); centreDeliverable = form.flag("centreDeliverable")
    }

    func facts() -> (CourseFacts?, [FieldError]) {
        var errors: [FieldError] = []
        func number<T: LosslessStringConvertible>(_ text: String, _ field: String, _ message: String) -> T? {
            guard !text.isEmpty else { return nil }
            guard let value = T(text) else { errors.append(FieldError(field, message)); return nil }
            return value
        }
        let subject = Subject(rawValue: self.subject)
        if subject == nil { errors.append(FieldError("subject", "Choose a subject")) }
        let format = CourseFormat(rawValue: self.format)
        if format == nil { errors.append(FieldError("format", "Choose a format")) }
        let days: Double? = number(durationDays, "durationDays", "Length must be a number of days, like 2 or 0.5")
        if durationDays.isEmpty { errors.append(FieldError("durationDays", "Enter the length in days")) }
        let level: Int? = number(scqfLevel, "scqfLevel", "SCQF level must be a whole number")
        let credits: Int? = number(scqfCredits, "scqfCredits", "SCQF credits must be a whole number")
        let validity: Int? = number(validityMonths, "validityMonths", "Validity must be a whole number of months")
        guard let subject, let format, let days, errors.isEmpty else { return (nil, errors) }
        return (CourseFacts(code: code, title: title, summary: summary,
                            covers: covers.split(separator: "\n").map { $0.trimmed }.filter { !$0.isEmpty },
                            subject: subject, audiences: Audience.allCases.filter { audiences.contains($0.rawValue) },
                            format: format, durationDays: days, assessed: assessed, certificated: certificated,
                            scqfLevel: level, scqfCredits: credits, validityMonths: validity,
                            refresherOf: refresherOf.isEmpty ? nil : refresherOf,
                            competence: competence.isEmpty ? nil : competence, centreDeliverable: centreDeliverable), [])
    }
}

struct CourseFormPage: PageView {
    /// nil when adding a course.
    let existing: Course?
    let input: CourseFormInput
    let errors: [FieldError]
    let otherCourses: [Course]
    var title: String { (errors.isEmpty ? "" : "Error: ") + (existing.map { "Edit \($0.title)" } ?? "Add a course") }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            FormParts.errorSummary(errors),
            .h1(.text(existing == nil ? "Add a course" : "Edit course")),
            H.form(action: existing.map { SiteURL.course(code: $0.code, .edit).path } ?? SiteURL.newCourse.path, csrf: chrome.csrf, [
                existing == nil
                    ? FormParts.text("code", label: "Code", value: input.code, hint: "Its web address: lower-case words joined by hyphens, like chemical-handling. It cannot change later.", errors: errors)
                    : .p(.text("Code: "), .code(.text(input.code))),
                FormParts.text("title", label: "Title", value: input.title, errors: errors),
                FormParts.textArea("summary", label: "Summary", value: input.summary, hint: "One or two sentences on who it is for and what it does", rows: 3, errors: errors),
                FormParts.textArea("covers", label: "What it covers", value: input.covers, hint: "One topic per line", rows: 5, errors: errors),
                FormParts.select("subject", label: "Subject", options: Subject.allCases.map { ($0.rawValue, $0.label) }, selected: input.subject, errors: errors),
                FormParts.fieldset(id: "audiences", legend: "Audience", errors: errors,
                    Audience.allCases.map { FormParts.checkbox("audiences-\($0.rawValue)", label: $0.label, checked: input.audiences.contains($0.rawValue)) }),
                FormParts.select("format", label: "Format", options: CourseFormat.allCases.map { ($0.rawValue, $0.label) }, selected: input.format, errors: errors),
                FormParts.text("durationDays", label: "Length in days", value: input.durationDays, type: "text", errors: errors, extra: [H.attr("inputmode", "decimal")]),
                FormParts.checkbox("assessed", label: "Assessed", checked: input.assessed),
                FormParts.checkbox("certificated", label: "Certificated", checked: input.certificated),
                FormParts.text("scqfLevel", label: "SCQF level", value: input.scqfLevel, type: "number", errors: errors),
                FormParts.text("scqfCredits", label: "SCQF credits", value: input.scqfCredits, type: "number", errors: errors),
                FormParts.text("validityMonths", label: "Certificate valid for (months)", value: input.validityMonths, hint: "Leave blank if it does not expire", type: "number", errors: errors),
                FormParts.select("refresherOf", label: "Refresher of", options: [("", "Not a refresher")] + otherCourses.map { ($0.code, $0.title) }, selected: input.refresherOf, errors: errors),
                FormParts.text("competence", label: "Competence granted", value: input.competence, hint: "Optional, for example Level 3", errors: errors),
                FormParts.checkbox("centreDeliverable", label: "Accredited Centres may deliver it", checked: input.centreDeliverable),
                .div(.class("d-flex gap-2 mt-3"), H.button("Save course"), H.link("Cancel", existing.map { SiteURL.course(code: $0.code).path } ?? SiteURL.courses().path, classes: "btn btn-link")),
            ])
        ))
    }
}
