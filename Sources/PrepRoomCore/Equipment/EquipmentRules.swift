import Foundation

/// Whether an item may be used. A failed check puts it out of use until a later check
/// passes; a disposed item stays on the register as history and is never checked again.
public enum EquipmentStatus: String, CaseIterable, Codable, Sendable {
    case inUse = "in_use"
    case outOfUse = "out_of_use"
    case disposed

    public var label: String {
        switch self {
        case .inUse: "In use"
        case .outOfUse: "Out of use"
        case .disposed: "Disposed"
        }
    }
}

/// The outcome of one check, as the forms of the trade record it.
public enum CheckResult: String, CaseIterable, Codable, Sendable {
    case pass
    case passWithAdvisory = "pass_with_advisory"
    case fail

    public var label: String {
        switch self {
        case .pass: "Pass"
        case .passWithAdvisory: "Pass with advisory"
        case .fail: "Fail"
        }
    }
}

/// Where an item stands against its interval.
public enum DueState: String, CaseIterable, Codable, Sendable {
    case overdue
    /// Due within `EquipmentRules.dueSoonDays`.
    case dueSoon = "due_soon"
    case ok
    /// Disposed: no check falls due.
    case none

    public var label: String {
        switch self {
        case .overdue: "Overdue"
        case .dueSoon: "Due soon"
        case .ok: "In date"
        case .none: "Not checked (disposed)"
        }
    }
}

public enum EquipmentRules {
    /// "Due in 30 days" on a school's dashboard, and the first reminder.
    public static let dueSoonDays = 30
    /// Overdue this long, the local authority manager is told too.
    public static let escalationDays = 30
    /// The longest interval a category may be given (ten years: a written scheme may be
    /// long, a typing slip of 1200 months is not).
    public static let intervalMonths: ClosedRange<Int> = 1...120

    /// When the next check is due: the interval after the last check; an item never
    /// checked is due on the day it joined the register (it has to be checked before use),
    /// and one that failed its last check is due again at once (the check after the repair
    /// brings it back into use), so it stays on the dashboard until then.
    public static func nextDue(lastChecked: Date?, added: Date, intervalMonths: Int, lastResult: CheckResult? = nil) -> Date {
        guard let lastChecked else { return ServiceTime.startOfDay(added) }
        if lastResult == .fail { return ServiceTime.startOfDay(lastChecked) }
        return ServiceTime.addingMonths(intervalMonths, to: ServiceTime.startOfDay(lastChecked))
    }

    /// Overdue once the due day has passed (due today is still in time), due soon within
    /// `dueSoonDays`; a disposed item is never due.
    public static func dueState(nextDue: Date, status: EquipmentStatus, now: Date) -> DueState {
        DueWindow(now: now).state(nextDue: nextDue, status: status)
    }

    /// What a check's result does to the item: a fail puts it out of use; a pass (with or
    /// without advisory) after a fail brings it back. Disposed items take no checks.
    public static func status(after result: CheckResult, was status: EquipmentStatus) -> EquipmentStatus {
        switch (result, status) {
        case (_, .disposed): .disposed
        case (.fail, _): .outOfUse
        case (.pass, _), (.passWithAdvisory, _): .inUse
        }
    }

    /// Where an item stands for its checks: when last checked, when next due, in use or not.
    public struct Standing: Sendable, Equatable {
        public var lastChecked: Date?
        public var nextDue: Date
        public var status: EquipmentStatus
        public init(lastChecked: Date?, nextDue: Date, status: EquipmentStatus) {
            self.lastChecked = lastChecked; self.nextDue = nextDue; self.status = status
        }
    }

    /// The item's standing once a check is recorded. A check entered late (an older paper
    /// record) is history only: it moves neither the due date nor the status unless it is
    /// the item's latest check.
    public static func standing(after result: CheckResult, on checkedOn: Date, was current: Standing,
                                added: Date, intervalMonths: Int) -> Standing {
        if let last = current.lastChecked, checkedOn < last { return current }
        return Standing(lastChecked: checkedOn,
                        nextDue: nextDue(lastChecked: checkedOn, added: added, intervalMonths: intervalMonths, lastResult: result),
                        status: status(after: result, was: current.status))
    }

    /// Why a check cannot be recorded on an item in this state, or nil: a disposed item is
    /// no longer in the school (409).
    public static func checkConflict(status: EquipmentStatus) -> String? {
        status == .disposed ? "This item has been disposed of; it takes no more checks." : nil
    }

    /// The problems with a check as typed (422): a date that is not a day or lies in the
    /// future, no result, readings that are not numbers.
    public static func checkProblems(checkedOn: Date?, typedDate: Bool, result: CheckResult?, notes: String, now: Date) -> [FieldError] {
        var errors: [FieldError] = []
        if let checkedOn {
            if checkedOn > ServiceTime.startOfDay(now) { errors.append(FieldError("checkedOn", "The check date must be today or in the past")) }
        } else {
            errors.append(FieldError("checkedOn", typedDate ? "Enter the check date as year-month-day, like 2026-11-20" : "Enter the date of the check"))
        }
        if result == nil { errors.append(FieldError("result", "Choose the result: pass, pass with advisory or fail")) }
        if let problem = TextLimit.problem(notes, field: "notes", max: TextLimit.text, label: "Notes") { errors.append(problem) }
        // A multipart form is not screened before the handler as other bodies are.
        if ControlCharacters.contains(notes) { errors.append(FieldError("notes", "The notes hold characters that cannot be typed")) }
        return errors
    }

    /// A reading as typed: a number (a comma taken as the decimal point), from 0 to a
    /// billion; "" is no reading.
    public static func reading(_ text: String) -> Double?? {
        let trimmed = text.trimmed.replacingOccurrences(of: ",", with: ".")
        if trimmed.isEmpty { return .some(nil) }
        guard let value = Double(trimmed), value.isFinite, (0...1_000_000_000).contains(value) else { return nil }
        return .some(value)
    }

    /// An item as typed on the form or in one CSV row: what is wrong with it.
    public static func itemProblems(description: String, location: String, assetTag: String, serial: String,
                                    isotope: String, activity: String) -> [FieldError] {
        var errors: [FieldError] = []
        if description.isBlank { errors.append(FieldError("description", "Enter what the item is")) }
        for (field, value, label, max) in [("description", description, "The description", TextLimit.title),
                                           ("location", location, "The location", TextLimit.name),
                                           ("assetTag", assetTag, "The asset tag", TextLimit.token),
                                           ("serialNumber", serial, "The serial number", TextLimit.token),
                                           ("isotope", isotope, "The isotope", TextLimit.token),
                                           ("activity", activity, "The activity", TextLimit.token)] {
            if let problem = TextLimit.problem(value, field: field, max: max, label: label) { errors.append(problem) }
        }
        return errors
    }
}

/// Today and the end of the "due soon" window, worked out once: the calendar's arithmetic
/// costs microseconds, and a register of 200 items asks for each item's state several times.
public struct DueWindow: Sendable, Equatable {
    public let today: Date
    public let soonUntil: Date

    public init(now: Date) {
        today = ServiceTime.startOfDay(now)
        soonUntil = ServiceTime.addingDays(EquipmentRules.dueSoonDays, to: today)
    }

    public func state(nextDue: Date, status: EquipmentStatus) -> DueState {
        if status == .disposed { return .none }
        if nextDue < today { return .overdue }
        if nextDue <= soonUntil { return .dueSoon }
        return .ok
    }
}

/// The emails about checks falling due, each once for an item's due date: 30 days before
/// (to the school's technicians and teachers), once overdue (to them again), and once
/// overdue for `EquipmentRules.escalationDays` (to the local authority's managers).
public enum EquipmentReminder: String, CaseIterable, Codable, Sendable {
    case dueSoon = "due_soon"
    case overdue
    case escalated

    /// The due dates this reminder is for, now: from (inclusive, nil for any) to
    /// (inclusive). A late first run sends what applies then, no more: an item found
    /// overdue gets no "due soon".
    public func dueDates(now: Date) -> (from: Date?, through: Date) {
        let today = ServiceTime.startOfDay(now)
        let yesterday = ServiceTime.addingDays(-1, to: today)
        switch self {
        case .dueSoon: return (today, ServiceTime.addingDays(EquipmentRules.dueSoonDays, to: today))
        case .overdue: return (nil, yesterday)
        case .escalated: return (nil, ServiceTime.addingDays(-EquipmentRules.escalationDays, to: today))
        }
    }
}

/// The wording of the equipment reminders: one email per person per school, listing the
/// items, so a technician with twenty PAT tests due gets one message, not twenty.
public enum EquipmentNotices {
    public struct Line: Sendable, Equatable {
        public var description: String
        public var assetTag: String?
        public var checkType: String
        public var dueOn: Date
        public init(description: String, assetTag: String?, checkType: String, dueOn: Date) {
            self.description = description; self.assetTag = assetTag; self.checkType = checkType; self.dueOn = dueOn
        }
    }

    public static func reminder(_ kind: EquipmentReminder, to email: String, name: String, school: String, lines: [Line], url: String) -> EmailMessage {
        let count = lines.count == 1 ? "1 check" : "\(lines.count) checks"
        let subject: String
        let opening: String
        switch kind {
        case .dueSoon:
            subject = "\(count) due within \(EquipmentRules.dueSoonDays) days at \(school)"
            opening = "These equipment checks at \(school) fall due within \(EquipmentRules.dueSoonDays) days:"
        case .overdue:
            subject = "Overdue: \(count) at \(school)"
            opening = "These equipment checks at \(school) are overdue. Until each is done, the item should not be used:"
        case .escalated:
            subject = "Overdue for over \(EquipmentRules.escalationDays) days: \(count) at \(school)"
            opening = "As a manager of the local authority, you are told of equipment checks at \(school) overdue for more than \(EquipmentRules.escalationDays) days:"
        }
        let list = lines.sorted { ($0.dueOn, $0.description) < ($1.dueOn, $1.description) }.map { line in
            "- \(line.description)\(line.assetTag.map { " (\($0))" } ?? ""): \(line.checkType), due \(ServiceTime.day(line.dueOn))"
        }
        return EmailMessage(to: email, subject: subject,
                            body: "Dear \(name),\n\n\(opening)\n\n" + list.joined(separator: "\n") + "\n\nThe school's register: \(url)" + EmailMessage.signOff)
    }
}

/// A document kept with a check (the contractor's LEV report, a scanned PAT sheet, a photo
/// of the wipe-test result): PDF, PNG or JPEG, recognised by its first bytes as well as its
/// name, so a renamed program or web page is not stored and served back.
public enum CheckDocument {
    public static let maxBytes = 5 * 1024 * 1024

    public enum Kind: String, Sendable {
        case pdf = "application/pdf"
        case png = "image/png"
        case jpeg = "image/jpeg"
    }

    /// The kind, or nil when the document is refused (`problem` says why).
    public static func kind(filename: String, prefix: [UInt8], size: Int) -> Kind? {
        guard size <= maxBytes else { return nil }
        let name = filename.lowercased()
        if name.hasSuffix(".pdf"), prefix.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if name.hasSuffix(".png"), prefix.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if name.hasSuffix(".jpg") || name.hasSuffix(".jpeg"), prefix.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    public static func problem(size: Int) -> FieldError {
        size > maxBytes ? FieldError("document", "The document can be at most \(maxBytes / (1024 * 1024)) MB")
            : FieldError("document", "The document must be a PDF, PNG or JPEG file")
    }
}
