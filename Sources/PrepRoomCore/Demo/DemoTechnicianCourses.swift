extension DemoData {
    /// The whole catalogue: technician courses first, then the rest.
    public static let courses: [CourseFacts] = technicianCourses + otherCourses

    /// The 12 SCQF credit-rated and levelled technician courses the annual report says
    /// Accredited Centres may deliver (the texts name them across the 2019 letter, the
    /// 2022 report and the 2024 newsletters), and the planned bandsaw course.
    ///
    /// The texts say these are assessed and "SCQF credited and levelled" but give no
    /// level, credits or certificate lifetime: those are assumed throughout.
    static let technicianCourses: [CourseFacts] = [
        CourseFacts(
            code: "chemical-handling",
            title: "Chemical Handling",
            summary: "A two-day course developed for school technicians, many of whom now work across science and D&T without a specialist senior colleague, on handling chemicals safely in the preparation room. It supports the health and safety compliance technicians carry for their employer.",
            covers: [ // assumed
                "Hazard classification, labelling and safety data sheets",
                "Risk-assessing work in preparation areas",
                "Safe storage and segregation of chemicals",
                "Preparing solutions and dilutions",
                "Spills, waste disposal and emergency procedures",
            ],
            subject: .chemistry, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "electrical-safety-and-pat",
            title: "Electrical Safety and PAT",
            summary: "A two-day course on electrical safety and portable appliance testing, so that technicians can check equipment as the electrical regulations require. It supports one of the mandatory health and safety tasks technicians carry out for their school.",
            covers: [
                "Electrical safety in science and technology departments",
                "Checking equipment in accordance with the electrical regulations",
                "Visual inspection of portable electrical equipment", // assumed
                "Portable appliance testing and keeping records", // assumed
            ],
            subject: .physics, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: 60, // assumed
            competence: "Portable appliance testing", // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "safe-use-of-fixed-workshop-machinery",
            title: "Safe Use of Fixed Workshop Machinery",
            summary: "One of the courses that support mandatory health and safety requirements in the technology workshop. It is very popular and continually oversubscribed, despite also being offered by a number of SSERC Accredited Centres.",
            covers: [ // assumed
                "Legal duties for work equipment and workshop risk assessment",
                "Guards, isolation and emergency stops",
                "Safe operation of common fixed workshop machines",
                "Pre-use checks and safe systems of work",
                "Practical assessment of safe use",
            ],
            subject: .technology, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: 36, // assumed
            competence: "Safe use of fixed workshop machinery",
            centreDeliverable: true
        ),
        CourseFacts(
            code: "safe-use-of-fixed-workshop-machinery-refresher",
            title: "Safe Use of Fixed Workshop Machinery Refresher",
            summary: "A one-day refresher for those already certificated in Safe Use of Fixed Workshop Machinery: one of SSERC's shorter refresher courses, designed to meet the specific requirements of certain local authorities.",
            covers: [ // assumed
                "Changes in legislation and guidance since the full course",
                "Guards, isolation and emergency stops revisited",
                "Practical reassessment of safe use",
            ],
            subject: .technology, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 1, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 1, // assumed
            validityMonths: 36, // assumed
            refresherOf: "safe-use-of-fixed-workshop-machinery",
            competence: "Safe use of fixed workshop machinery",
            centreDeliverable: true
        ),
        CourseFacts(
            code: "maintenance-of-fixed-workshop-machinery",
            title: "Maintenance of Fixed Workshop Machinery",
            summary: "A two-day course for technicians who look after the fixed machinery of a school technology workshop, complementing Safe Use of Fixed Workshop Machinery.",
            covers: [ // assumed
                "Planned maintenance schedules and records",
                "Isolation and lock-off before maintenance",
                "Setting, adjusting and lubricating fixed machines",
                "Checking guards, interlocks and emergency stops",
                "Knowing when to call in a specialist engineer",
            ],
            subject: .technology, audiences: [.technician], format: .faceToFace,
            durationDays: 2, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: nil, // assumed
            competence: "Maintenance of fixed workshop machinery", // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "introductory-physics",
            title: "Introductory Physics",
            summary: "An introduction to physics practical work for technicians, written for the growing number of whole-school technicians who no longer specialise in one science. Delegates praise the resources, the venue and the very knowledgeable staff.",
            covers: [
                "Preparing common physics practicals", // assumed
                "Electricity: meters, power supplies and circuits", // assumed
                "Light, sound and waves demonstrations", // assumed
                "The Introductory Physics and Physics Videos for Technicians playlists on SSERC TV",
            ],
            subject: .physics, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2, // assumed
            assessed: true, certificated: true,
            scqfLevel: 5, // assumed
            scqfCredits: 2, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "intermediate-physics",
            title: "Intermediate Physics",
            summary: "A two-day course that takes technicians on from Introductory Physics, developed for technicians who support physics without a physics background or a senior colleague to learn from.",
            covers: [ // assumed
                "Preparing practicals for National 5 and Higher Physics",
                "Signal generators, oscilloscopes and data loggers",
                "Optical radiation and lasers in school",
                "Fault-finding and simple repairs of physics equipment",
            ],
            subject: .physics, audiences: [.technician], format: .faceToFace,
            durationDays: 2, assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "introductory-chemistry-for-technicians",
            title: "Introductory Chemistry for Technicians",
            summary: "A self-study course on SSERC Online Learning, the platform SSERC developed and piloted during lockdown, introducing the chemistry that technicians prepare for.",
            covers: [ // assumed
                "Chemical names, formulae and concentrations",
                "Making up solutions",
                "Common chemistry practicals and their preparation",
                "Hazards and the SSERC risk assessments",
            ],
            subject: .chemistry, audiences: [.technician], format: .selfStudy,
            durationDays: 2, // assumed: notional study time
            assessed: true, certificated: true,
            scqfLevel: 5, // assumed
            scqfCredits: 1, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "working-with-radioactive-sources",
            title: "Working with Radioactive Sources",
            summary: "Training for the staff who hold and use a school's sources of ionising radiation, with guidance from SSERC's Radiation Protection Adviser. It covers leak-testing sources and running experiments safely under the right conditions.",
            covers: [
                "Testing sources of ionising radiation for leakage",
                "Experiments using radioactive sources, done with precision and safety",
                "Storage, records and accounting for sealed sources", // assumed
                "Radiological health and safety legislation and the Radiation Protection Adviser",
            ],
            subject: .physics, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 1, // assumed
            assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 1, // assumed
            validityMonths: 60, // assumed
            competence: "Working with radioactive sources", // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "microbiology-level-3",
            title: "Microbiology for Technicians (Level 3)", // assumed: the texts name the level, not the title
            summary: "Preparing materials for the microbiology sections of the biology curriculum requires a member of staff trained to \"Level 3\"; this course trains participants to that level. It is assessed and SCQF credited and levelled.",
            covers: [
                "Preparing microbiological cultures",
                "Aseptic technique", // assumed
                "Sterilisation and safe disposal of cultures", // assumed
                "Dealing with a microbiological spill",
                "Vital staining of yeast",
            ],
            subject: .biology, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2, // assumed
            assessed: true, certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: nil, // assumed
            competence: "Level 3",
            centreDeliverable: true
        ),
        CourseFacts(
            code: "glass-work",
            title: "Glass Work",
            summary: "One of SSERC's new technician courses, running from after the 2024 summer holidays, on the glass work technicians do in preparing science practicals.",
            covers: [ // assumed
                "Cutting and fire-polishing glass tubing",
                "Bending and drawing glass tubing",
                "Safe handling and disposal of broken glassware",
            ],
            subject: .chemistry, // assumed
            audiences: [.technician], format: .faceToFace,
            durationDays: 1, // assumed
            assessed: true, certificated: true,
            scqfLevel: 5, // assumed
            scqfCredits: 1, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "soldering",
            title: "Soldering",
            summary: "One of SSERC's new technician courses, running from after the 2024 summer holidays, on soldering for the repair and construction of school equipment.",
            covers: [ // assumed
                "Safe soldering: fume extraction, burns and lead-free solder",
                "Joining wires and components",
                "Building and testing simple circuit boards",
            ],
            subject: .technology, // assumed
            audiences: [.technician], format: .faceToFace,
            durationDays: 1, // assumed
            assessed: true, certificated: true,
            scqfLevel: 5, // assumed
            scqfCredits: 1, // assumed
            validityMonths: nil, // assumed
            centreDeliverable: true
        ),
        CourseFacts(
            code: "safe-operation-training-for-bandsaw-pillar-drill-and-bandfacer",
            title: "Safe Operation Training for Bandsaw, Pillar drill and Bandfacer",
            summary: "A planned two-day course, provisionally titled, to complement the oversubscribed Safe Use of Fixed Workshop Machinery. It is anticipated to be SCQF credit and levelled.",
            covers: [
                "Health and safety awareness",
                "Bandsaw",
                "Pillar drill",
                "Bandfacer",
                "Extraction",
            ],
            subject: .technology, audiences: [.technician, .teacher], format: .faceToFace,
            durationDays: 2,
            assessed: true, // assumed
            certificated: true,
            scqfLevel: 6, // assumed
            scqfCredits: 2, // assumed
            validityMonths: 36, // assumed
            competence: "Safe operation of bandsaw, pillar drill and bandfacer", // assumed
            centreDeliverable: false // assumed: new, so delivered at SSERC first
        ),
    ]
}
