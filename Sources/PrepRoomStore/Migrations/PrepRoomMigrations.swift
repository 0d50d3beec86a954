import Fluent
import SQLKit

/// Every migration, in the order it runs. Append only: a released migration never changes.
public enum PrepRoomMigrations {
    public static let all: [any Migration] = [
        CreateOrganisations(),
        CreateAccounts(),
        CreateCatalogue(),
        CreateObjectives(),
        CreateAuditEntries(),
        SessionRecord.migration,
        CreateBookings(),
        AddPlacementOutcome(),
        CreateCentreQuality(),
        CreateObjectiveHistory(),
        CreateEqualityDeclarations(),
        CreateEvaluation(),
        AddReportIndexes(),
        CreateRunTotals(),
        CreateSignInSecurity(),
        AddRunRevision(),
        AddListingIndexes(),
        CreateScheduleRevisions(),
        CreatePasswordResets(),
        CreateEmailChanges(),
        AddOpenRunsIndex(),
        AddEmailOptOuts(),
        AddAccountActivity(),
        AddOutboxStopLinks(),
        CreateSchools(),
        AddAuditPersonIndexes(),
        CreateEquipment(),
        CreateEquipmentReminders(),
        CreateReportRevisions(),
        CreateCommunity(),
        AddCommunityModeration(),
        AddCommunitySuspensions(),
        CreateMeetsTopics(),
        CreateCommunityNotifications(),
        CreateSearch(),
    ]
}
