import Foundation

/// The figures the annual report gives for delivery ("Accredited Centres completed a total
/// of 159 CPD units (785 training hours)"; "216 delegates … with a further 38 … at a
/// centre"), defined so they can be counted from attendance:
/// - a **CPD unit** is one delegate attending one session (one course day) of a delivered run;
/// - **training hours** are the scheduled hours of those attended sessions;
/// - a **delegate completed** is one booking that met `Completion` when its run closed.
/// The report's 785 hours over 159 units is about 4.9 hours a unit: a course day.
public struct DeliveryOutput: Sendable, Equatable, Codable {
    public var runs: Int
    public var delegatesCompleted: Int
    public var cpdUnits: Int
    public var trainingHours: Double

    public init(runs: Int = 0, delegatesCompleted: Int = 0, cpdUnits: Int = 0, trainingHours: Double = 0) {
        self.runs = runs; self.delegatesCompleted = delegatesCompleted; self.cpdUnits = cpdUnits; self.trainingHours = trainingHours
    }

    public static func + (a: DeliveryOutput, b: DeliveryOutput) -> DeliveryOutput {
        DeliveryOutput(runs: a.runs + b.runs, delegatesCompleted: a.delegatesCompleted + b.delegatesCompleted,
                       cpdUnits: a.cpdUnits + b.cpdUnits, trainingHours: a.trainingHours + b.trainingHours)
    }

    /// Hours to one decimal place, as the report prints them.
    public static func roundedHours(_ seconds: Double) -> Double { (seconds / 360).rounded() / 10 }
}
