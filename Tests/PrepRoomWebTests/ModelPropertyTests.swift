import FluentKit
import Foundation
import PrepRoomStore
import Testing

/// Every model lists its fields (`properties`) instead of leaving Fluent to find them by
/// reflection on every row it reads or writes, which took a sixth of a page's CPU
/// (Benchmarks/README.md, "Pages"). A list that misses a field, or names one twice, would
/// silently stop it being saved or loaded: this checks each list against reflection.
@Suite("Models list their fields")
struct ModelPropertyTests {
    static let models: [any Model.Type] = [
        EvaluationQuestionRecord.self, EvaluationResponse.self, ExternalVerificationRound.self,
        ExternalVerificationEvidence.self, Certificate.self, CertificateReminder.self, Run.self, RunSession.self,
        CentreApproval.self, Course.self, Booking.self, Attendance.self, Objective.self, ObjectiveStatusChange.self,
        Setting.self, CPDEntry.self, SignInContext.self, BrowserSessionRecord.self, User.self, UserToken.self,
        SignInFailure.self, Organisation.self, OutboxMessage.self, EqualityDeclaration.self, AuditEntry.self,
        CentreVenue.self, CentreStatusChange.self, Centre.self, School.self, SchoolMembership.self,
        EquipmentCategory.self, EquipmentItem.self, EquipmentCheck.self, EquipmentReminderRecord.self, EquipmentFeed.self, EquipmentTaskHolder.self, EquipmentCheckDocument.self,
        CommunityCategory.self, CommunityTopic.self, CommunityPost.self, CommunityFlag.self, CommunitySuspension.self, MeetsTopic.self, MeetsVote.self,
        CommunityFollow.self, CommunityNotification.self, CommunityMember.self, CommunityFanoutJob.self,
        LibraryResource.self, ResourceVersion.self, ResourceCourse.self, CouncilSeat.self, CouncilMeeting.self, CommunityPostEdit.self, CommunityAttachment.self,
    ]

    /// What Fluent's default `properties` finds: the property wrappers, by reflection.
    static func reflected(_ model: any Fields) -> [ObjectIdentifier] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) }
    }

    @Test func everyModelListsExactlyTheFieldsReflectionFinds() {
        for type in Self.models {
            let model = type.init()
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            #expect(listed == Self.reflected(model), "\(type): `properties` must list every field once, in declaration order")
        }
    }

    @Test func everyModelInTheSourcesIsChecked() throws {
        let regex = try NSRegularExpression(pattern: #"final class (\w+): Model\b"#)
        var declared: Set<String> = []
        var lists = 0
        for file in AreaGraphTests.sources() where file.place.layer == "PrepRoomStore" {
            let text = file.text
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                declared.insert(String(text[range]))
            }
            lists += text.components(separatedBy: "public var properties: [any AnyProperty]").count - 1
        }
        #expect(declared == Set(Self.models.map { String(describing: $0) }), "add new models to `ModelPropertyTests.models`")
        #expect(lists == declared.count, "every model lists its `properties`")
    }
}
