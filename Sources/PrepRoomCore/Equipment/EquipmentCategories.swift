import Foundation

/// A kind of equipment and the check it takes: what the check is called, how often it
/// falls due, the task it is (when a certificate gates it), and the readings its record
/// asks for. Staff may change the interval; the defaults are the ones the regulations
/// and guidance give (README, "Equipment checks: the default intervals").
public struct EquipmentCategoryFacts: Sendable, Equatable {
    public var key: String
    public var name: String
    public var checkType: String
    public var intervalMonths: Int
    public var task: ControlledTask?
    public var readings: [String]
    /// Where the interval comes from, shown beside it.
    public var basis: String

    public init(key: String, name: String, checkType: String, intervalMonths: Int, task: ControlledTask?, readings: [String], basis: String) {
        self.key = key; self.name = name; self.checkType = checkType; self.intervalMonths = intervalMonths
        self.task = task; self.readings = readings; self.basis = basis
    }
}

extension EquipmentRules {
    /// The categories a new database starts with.
    public static let defaultCategories: [EquipmentCategoryFacts] = [
        EquipmentCategoryFacts(
            key: "portable-electrical-class-sets", name: "Portable electrical equipment (class sets, Class I)",
            checkType: "Combined inspection and test (PAT)", intervalMonths: 12, task: .patTesting,
            readings: ["Earth continuity (Ω)", "Insulation resistance (MΩ)"],
            basis: "IET Code of Practice for In-service Inspection and Testing of Electrical Equipment: Class I equipment used by pupils, 12 months; HSE INDG236"),
        EquipmentCategoryFacts(
            key: "portable-electrical-staff", name: "Portable electrical equipment (staff use, Class II)",
            checkType: "Combined inspection and test (PAT)", intervalMonths: 48, task: .patTesting,
            readings: ["Insulation resistance (MΩ)"],
            basis: "IET Code of Practice: Class II equipment used by staff in schools, combined inspection and test up to 48 months, with formal visual inspections between"),
        EquipmentCategoryFacts(
            key: "fume-cupboard", name: "Fume cupboards and local exhaust ventilation",
            checkType: "Thorough examination and test (LEV)", intervalMonths: 14, task: nil,
            readings: ["Face velocity (m/s)"],
            basis: "COSHH 2002 regulation 9 and schedule 4: at least once every 14 months; HSE HSG258"),
        EquipmentCategoryFacts(
            key: "sealed-radioactive-source", name: "Sealed radioactive sources",
            checkType: "Leak test (wipe test)", intervalMonths: 24, task: .leakTestingSources,
            readings: ["Wipe activity (Bq)"],
            basis: "IRR17 regulation 28 and its ACOP L121: leak-tested at least every 2 years, or as the Radiation Protection Adviser directs"),
        EquipmentCategoryFacts(
            key: "pressure-system", name: "Pressure systems (autoclaves, pressure cookers, compressors)",
            checkType: "Examination under the written scheme", intervalMonths: 14, task: nil,
            readings: ["Safety valve lift pressure (bar)"],
            basis: "Pressure Systems Safety Regulations 2000 regulation 9: as the written scheme of examination says (14 months unless the scheme sets another interval)"),
        EquipmentCategoryFacts(
            key: "fixed-workshop-machinery", name: "Fixed workshop machinery",
            checkType: "Periodic inspection of guards and emergency stops", intervalMonths: 12, task: .fixedWorkshopMachinery,
            readings: [],
            basis: "PUWER 1998 regulations 6 and 11: guards and emergency stops checked before each use, and a periodic inspection at least every 12 months"),
    ]
}
