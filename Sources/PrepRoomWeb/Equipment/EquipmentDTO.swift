import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct EquipmentCategoryDTO: Content {
    var key: String; var name: String; var checkType: String; var intervalMonths: Int; var task: ControlledTask?
    var authorisingCourses: [String]; var readings: [String]; var basis: String

    init(_ category: EquipmentCategory) {
        key = category.key; name = category.name; checkType = category.checkType; intervalMonths = category.intervalMonths
        task = category.task; authorisingCourses = category.task?.authorisingCourses ?? []; readings = category.readings; basis = category.basis
    }
}

struct RegisterLineDTO: Content {
    var id: UUID; var assetTag: String?; var description: String; var location: String; var category: String; var checkType: String
    var status: EquipmentStatus; var lastCheckedOn: String?; var nextDueOn: String; var due: DueState

    init(_ line: RegisterLine, window: DueWindow) {
        id = line.id; assetTag = line.assetTag; description = line.description; location = line.location; category = line.categoryKey
        checkType = line.checkType; status = line.status; lastCheckedOn = line.lastCheckedOn.map(ServiceTime.isoDay)
        nextDueOn = ServiceTime.isoDay(line.nextDueOn); due = window.state(nextDue: line.nextDueOn, status: line.status)
    }
}

struct EquipmentDashboardDTO: Content {
    struct Person: Content { var name: String; var certificateNumber: String?; var until: String? }
    struct Named: Content { var userId: UUID; var name: String; var authorised: Bool; var until: String? }
    struct Task: Content { var task: ControlledTask; var needed: Bool; var named: [Named]; var authorised: [Person]; var lapsed: [Person] }
    var schoolId: UUID; var school: String; var seedCode: String
    var items: [RegisterLineDTO]; var overdue: Int; var dueSoon: Int; var tasks: [Task]

    init(_ dashboard: EquipmentDesk.Dashboard) {
        schoolId = dashboard.school.linkID; school = dashboard.school.name; seedCode = dashboard.school.seedCode
        items = dashboard.register.map { RegisterLineDTO($0, window: dashboard.window) }
        overdue = dashboard.overdue.count; dueSoon = dashboard.dueSoon.count
        tasks = dashboard.tasks.map { cover in
            Task(task: cover.task, needed: cover.needed,
                 named: cover.named.map { person in
                     if case .authorised(_, let until) = person.outcome {
                         return Named(userId: person.userID, name: person.name, authorised: true, until: until.map(ServiceTime.isoDay))
                     }
                     return Named(userId: person.userID, name: person.name, authorised: false)
                 },
                 authorised: cover.authorised.map { Person(name: $0.name, certificateNumber: $0.number, until: $0.until.map(ServiceTime.isoDay)) },
                 lapsed: cover.lapsed.map { person in
                     if case .expired(let day) = person.refusal { return Person(name: person.name, until: ServiceTime.isoDay(day)) }
                     return Person(name: person.name)
                 })
        }
    }
}

extension EquipmentDashboardDTO {
    /// The same JSON as `Content` writes (keys sorted, nil left out), written by hand: a
    /// register of 200 lines through `JSONEncoder` cost a quarter of the request.
    var json: JSONText {
        var json = JSONText(capacity: 400 * items.count + 4096)
        json.object { json in
            json.field("dueSoon", dueSoon)
            json.key("items")
            json.array(items) { json, line in
                json.object { json in
                    json.field("assetTag", line.assetTag); json.field("category", line.category); json.field("checkType", line.checkType)
                    json.field("description", line.description); json.field("due", line.due); json.field("id", line.id)
                    json.field("lastCheckedOn", line.lastCheckedOn); json.field("location", line.location)
                    json.field("nextDueOn", line.nextDueOn); json.field("status", line.status)
                }
            }
            json.field("overdue", overdue); json.field("school", school); json.field("schoolId", schoolId); json.field("seedCode", seedCode)
            json.key("tasks")
            json.array(tasks) { json, task in
                json.object { json in
                    json.key("authorised"); json.array(task.authorised, Self.write)
                    json.key("lapsed"); json.array(task.lapsed, Self.write)
                    json.key("named")
                    json.array(task.named) { json, person in
                        json.object { json in
                            json.field("authorised", person.authorised); json.field("name", person.name)
                            json.field("until", person.until); json.field("userId", person.userId)
                        }
                    }
                    json.field("needed", task.needed); json.field("task", task.task)
                }
            }
        }
        return json
    }

    private static func write(_ json: inout JSONText, _ person: Person) {
        json.object { json in
            json.field("certificateNumber", person.certificateNumber); json.field("name", person.name); json.field("until", person.until)
        }
    }
}

struct EquipmentCheckDTO: Content {
    var id: UUID; var checkedOn: String; var checkedBy: String; var result: CheckResult; var readings: [String]
    var notes: String?; var certificateNumber: String?

    init(_ check: EquipmentCheck) {
        id = check.linkID; checkedOn = ServiceTime.isoDay(check.checkedOn); checkedBy = check.checkedByName; result = check.result
        readings = check.readings.split(separator: "\n").map(String.init); notes = check.notes; certificateNumber = check.certificateNumber
    }
}

struct EquipmentItemDTO: Content {
    var id: UUID; var schoolId: UUID; var category: String; var checkType: String; var intervalMonths: Int
    var description: String; var location: String; var assetTag: String?; var serialNumber: String?
    var isotope: String?; var activity: String?; var referenceDate: String?
    var status: EquipmentStatus; var lastCheckedOn: String?; var nextDueOn: String; var due: DueState
    var checks: [EquipmentCheckDTO]

    init(_ record: EquipmentDesk.ItemRecord, now: Date) {
        let item = record.item
        id = item.linkID; schoolId = item.schoolID; category = record.category.key; checkType = record.category.checkType
        intervalMonths = record.category.intervalMonths; description = item.description; location = item.location
        assetTag = item.assetTag; serialNumber = item.serialNumber; isotope = item.isotope; activity = item.activity
        referenceDate = item.referenceDate.map(ServiceTime.isoDay); status = item.status
        lastCheckedOn = item.lastCheckedOn.map(ServiceTime.isoDay); nextDueOn = ServiceTime.isoDay(item.nextDueOn)
        due = EquipmentRules.dueState(nextDue: item.nextDueOn, status: item.status, now: now)
        checks = record.checks.map(EquipmentCheckDTO.init)
    }
}

struct RegisterImportDTO: Content {
    var added: [String]; var updated: [String]; var unchanged: Int; var written: Bool
    init(_ report: RegisterImport.Report) { added = report.added; updated = report.updated; unchanged = report.unchanged; written = report.written }
}

struct EquipmentOverviewDTO: Content {
    struct School: Content { var id: UUID; var name: String; var seedCode: String; var items: Int; var overdue: Int; var dueSoon: Int }
    struct Lapsing: Content { var name: String; var school: String; var course: String; var expiresOn: String; var refresherBooked: Bool }
    struct Uncovered: Content { var schoolId: UUID; var school: String; var task: ControlledTask }
    var schools: [School]; var lapsing: [Lapsing]?; var uncovered: [Uncovered]?

    init(_ view: EquipmentOverview.View) {
        schools = view.schools.map { School(id: $0.id, name: $0.name, seedCode: $0.seedCode, items: $0.items, overdue: $0.overdue, dueSoon: $0.dueSoon) }
        lapsing = view.lapsing?.map { Lapsing(name: $0.name, school: $0.school, course: $0.courseTitle, expiresOn: ServiceTime.isoDay($0.expiresAt), refresherBooked: $0.booked) }
        uncovered = view.uncovered?.map { Uncovered(schoolId: $0.schoolID, school: $0.school, task: $0.task) }
    }
}
