/// A run in the demo data: a course code, where, when and how many places.
public struct DemoRun: Sendable, Equatable {
    public var plan: RunPlan
    /// The delivering centre's name, or nil for the service's own base.
    public var centre: String?
    public init(_ plan: RunPlan, centre: String? = nil) { self.plan = plan; self.centre = centre }
}
