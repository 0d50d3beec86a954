import PrepRoomServices
import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HealthRoutes())

    try app.register(collection: CataloguePages())
    try app.register(collection: CalendarFeeds())
    try app.register(collection: AccountPages())
    try app.register(collection: AccountSecurityPages())
    try app.register(collection: PasswordResetPages())
    try app.register(collection: AccountDetailsPages())
    try app.register(collection: EmailStopPages())
    try app.register(collection: AboutPages())
    try app.register(collection: StaffHome())
    try app.register(collection: MemberHome())
    try app.register(collection: EmailPreviews())
    try app.register(collection: BookingPages())
    try app.register(collection: CertificatePages())
    try app.register(collection: CPDPages())
    try app.register(collection: AuditPages())
    try app.register(collection: CentresRoutes(api: false))
    try app.register(collection: CentrePages())
    try app.register(collection: ExternalVerificationPages())
    try app.register(collection: ReportPages())
    try app.register(collection: AnnualReportRoutes())
    try app.register(collection: EqualityRoutes())
    try app.register(collection: EvaluationRoutes())
    try app.register(collection: StrategyRoutes(api: false))
    try app.register(collection: PrivacyPages())

    let api = app.grouped("api", "v1")
    api.get("openapi.json") { _ in OpenAPIDocument.response() }
    try api.register(collection: AccountsAPI())
    try api.register(collection: PrivacyAPI())
    try api.register(collection: CourseAPI())
    try api.register(collection: RunAPI())
    try api.register(collection: BookingAPI())
    try api.register(collection: CPDAPI())
    try api.register(collection: CentresRoutes(api: true))
    try api.register(collection: CentreAPI())
    try api.register(collection: SchoolsAPI())
    try api.register(collection: ExternalVerificationAPI())
    try api.register(collection: CertificateAPI())
    try api.register(collection: ReportAPI())
    try api.register(collection: StrategyRoutes(api: true))

    app.allowedMethods = AllowedMethods(app.routes.all)
}
