import Fluent
import Foundation
import PrepRoomCore

/// A kind of equipment and its check (`EquipmentCategoryFacts`); staff may change the
/// interval. The readings are stored one label a line.
public final class EquipmentCategory: Model, @unchecked Sendable {
    public static let schema = "equipment_categories"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "name") public var name: String
    @Field(key: "check_type") public var checkType: String
    @Field(key: "interval_months") public var intervalMonths: Int
    @OptionalEnum(key: "task") public var task: ControlledTask?
    @Field(key: "readings") public var readingList: String
    @Field(key: "basis") public var basis: String
    @Field(key: "position") public var position: Int

    public var properties: [any AnyProperty] { [$id, $key, $name, $checkType, $intervalMonths, $task, $readingList, $basis, $position] }

    public init() {}
    public init(_ facts: EquipmentCategoryFacts, position: Int) {
        key = facts.key; name = facts.name; checkType = facts.checkType; intervalMonths = facts.intervalMonths
        task = facts.task; readingList = facts.readings.joined(separator: "\n"); basis = facts.basis; self.position = position
    }

    public var readings: [String] { readingList.split(separator: "\n").map(String.init) }
}

/// One item of a school's equipment register. `nextDueOn` is kept with the item (the
/// interval after its last check) so that dashboards and reminders read one indexed column.
public final class EquipmentItem: Model, @unchecked Sendable {
    public static let schema = "equipment_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "school_id") public var schoolID: UUID
    @Field(key: "category_id") public var categoryID: UUID
    @Field(key: "description") public var description: String
    @Field(key: "location") public var location: String
    @OptionalField(key: "asset_tag") public var assetTag: String?
    @OptionalField(key: "serial_number") public var serialNumber: String?
    /// A sealed source's isotope, activity and the date that activity was stated for.
    @OptionalField(key: "isotope") public var isotope: String?
    @OptionalField(key: "activity") public var activity: String?
    @OptionalField(key: "reference_date") public var referenceDate: Date?
    @Enum(key: "status") public var status: EquipmentStatus
    @Field(key: "added_at") public var addedAt: Date
    @OptionalField(key: "last_checked_on") public var lastCheckedOn: Date?
    @Field(key: "next_due_on") public var nextDueOn: Date

    public var properties: [any AnyProperty] {
        [$id, $schoolID, $categoryID, $description, $location, $assetTag, $serialNumber, $isotope, $activity, $referenceDate,
         $status, $addedAt, $lastCheckedOn, $nextDueOn]
    }

    public init() {}
}

/// A check done on an item. The person who did it is held by id and by name as it was:
/// a compliance record must still say who checked the fume cupboard after they leave.
public final class EquipmentCheck: Model, @unchecked Sendable {
    public static let schema = "equipment_checks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "checked_on") public var checkedOn: Date
    @OptionalField(key: "checked_by") public var checkedByID: UUID?
    @Field(key: "checked_by_name") public var checkedByName: String
    @Enum(key: "result") public var result: CheckResult
    /// "Label: value" a line, in the category's order.
    @Field(key: "readings") public var readings: String
    @OptionalField(key: "notes") public var notes: String?
    /// The certificate that authorised a gated check.
    @OptionalField(key: "certificate_number") public var certificateNumber: String?
    @Field(key: "recorded_at") public var recordedAt: Date

    public var properties: [any AnyProperty] {
        [$id, $itemID, $checkedOn, $checkedByID, $checkedByName, $result, $readings, $notes, $certificateNumber, $recordedAt]
    }

    public init() {}
}

/// A reminder sent about an item's due date: the unique (item, kind, due date) makes each
/// one once, however many instances run the reminders at the same moment.
public final class EquipmentReminderRecord: Model, @unchecked Sendable {
    public static let schema = "equipment_reminders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "item_id") public var itemID: UUID
    @Enum(key: "kind") public var kind: EquipmentReminder
    @Field(key: "due_on") public var dueOn: Date
    @Field(key: "sent_at") public var sentAt: Date

    public var properties: [any AnyProperty] { [$id, $itemID, $kind, $dueOn, $sentAt] }

    public init() {}
    public init(itemID: UUID, kind: EquipmentReminder, dueOn: Date, sentAt: Date) {
        self.itemID = itemID; self.kind = kind; self.dueOn = dueOn; self.sentAt = sentAt
    }
}

/// A person's secret calendar address for the checks due at their schools: only the
/// digest of the address's token is kept; a new address replaces the old one.
public final class EquipmentFeed: Model, @unchecked Sendable {
    public static let schema = "equipment_feeds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "digest") public var digest: String
    @Field(key: "created_at") public var createdAt: Date

    public var properties: [any AnyProperty] { [$id, $userID, $digest, $createdAt] }

    public init() {}
    public init(userID: UUID, digest: String, createdAt: Date) {
        self.userID = userID; self.digest = digest; self.createdAt = createdAt
    }
}

/// A person a school names for a controlled task (the radiation protection supervisor who
/// leak-tests its sources, say); naming needs a current certificate for the task.
public final class EquipmentTaskHolder: Model, @unchecked Sendable {
    public static let schema = "equipment_task_holders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "school_id") public var schoolID: UUID
    @Enum(key: "task") public var task: ControlledTask
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "named_at") public var namedAt: Date
    @OptionalField(key: "named_by") public var namedBy: UUID?

    public var properties: [any AnyProperty] { [$id, $schoolID, $task, $userID, $namedAt, $namedBy] }

    public init() {}
    public init(schoolID: UUID, task: ControlledTask, userID: UUID, namedAt: Date, namedBy: UUID?) {
        self.schoolID = schoolID; self.task = task; self.userID = userID; self.namedAt = namedAt; self.namedBy = namedBy
    }
}

/// The document kept with a check, in a table of its own so that reading an item's
/// history never reads the files.
public final class EquipmentCheckDocument: Model, @unchecked Sendable {
    public static let schema = "equipment_check_documents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "check_id") public var checkID: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "content") public var content: Data

    public var properties: [any AnyProperty] { [$id, $checkID, $filename, $contentType, $size, $content] }

    public init() {}
}
