extension DemoData {
    /// The Technician SSERC Meets, the secondary courses the annual report launches for
    /// 2022/23, and a few more the texts name. None of these is certificated in the texts
    /// except the SCQF 11 leadership course for early years and primary.
    static let otherCourses: [CourseFacts] = [
        CourseFacts(
            code: "technician-sserc-meets",
            title: "Technician SSERC Meets",
            summary: "Twilight online live sessions for school and college technicians, on themes technicians suggest, such as new bits of 'kit' that could be showcased. Previous Technician SSERC Meets are on the Tech_meets YouTube playlist.",
            covers: [
                "Themes and activities suggested by technicians, through STAC or to Alan Purves",
                "Showcases of new bits of 'kit'",
                "Questions for SSERC's specialist advisers", // assumed
            ],
            subject: .science, audiences: [.technician], format: .onlineLive,
            durationDays: 1 // assumed: five one-hour twilights, about a day of contact
        ),
        CourseFacts(
            code: "biology-sserc-meets",
            title: "Biology SSERC Meets",
            summary: "A series of 5 online twilight courses for biology teachers with supporting content from invited guest experts in the subject.",
            covers: [
                "Supporting content from invited guest experts",
                "Digital technologies in biology", // assumed: a 2021/22 Biology Meet theme
                "Outdoor learning", // assumed: a 2021/22 Biology Meet theme
            ],
            subject: .biology, audiences: [.teacher], format: .onlineLive,
            durationDays: 1 // assumed: five one-hour twilights
        ),
        CourseFacts(
            code: "investigations-for-advanced-higher-biology",
            title: "Investigations for Advanced Higher Biology",
            summary: "A 3-day face-to-face course supporting teachers to deliver high quality practical learning in Advanced Higher Biology.",
            covers: [ // assumed
                "Planning an Advanced Higher Biology investigation",
                "Practical techniques and equipment for investigations",
                "Supporting candidates through their project report",
            ],
            subject: .biology, audiences: [.teacher], format: .faceToFace, durationDays: 3
        ),
        CourseFacts(
            code: "bge-biology-chemistry-physics-for-non-specialists",
            title: "BGE Biology/Chemistry/Physics for Non-specialists",
            summary: "A 2-day face-to-face course for biology, chemistry and physics teachers, supporting their delivery of Broad General Education science content outwith their specialism.",
            covers: [
                "BGE biology for chemists and physicists",
                "BGE chemistry for biologists and physicists",
                "BGE physics for biologists and chemists",
                "Safe, engaging practical work outwith your specialism", // assumed
            ],
            subject: .science, audiences: [.teacher], format: .faceToFace, durationDays: 2
        ),
        CourseFacts(
            code: "techniques-for-senior-phase-biologists",
            title: "Techniques for Senior Phase Biologists",
            summary: "A 2-day face-to-face course supporting teachers to deliver high quality practical learning across the certificate levels of Biology, focussing on SCQF levels 4-6.",
            covers: [
                "Practical techniques for National 4, National 5 and Higher Biology (SCQF levels 4-6)",
                "Immobilised algae and immobilised yeast", // assumed: SSERC TV's most-viewed biology techniques
                "Microbiological techniques", // assumed
            ],
            subject: .biology, audiences: [.teacher], format: .faceToFace, durationDays: 2
        ),
        CourseFacts(
            code: "using-r-in-the-stem-classroom",
            title: "Using R in the STEM classroom",
            summary: "A 1-day face-to-face course training teachers to use R, a programming language for data analysis, with likely uptake among teachers of Advanced Higher Biology and Higher Applications of Mathematics.",
            covers: [
                "Getting started with R", // assumed
                "Analysing and graphing experimental data", // assumed
                "Uses in Advanced Higher Biology and Higher Applications of Mathematics",
            ],
            subject: .digital, // assumed
            audiences: [.teacher], format: .faceToFace, durationDays: 1
        ),
        CourseFacts(
            code: "microscale-sserc-meets",
            title: "Microscale SSERC Meets",
            summary: "A series of online twilight courses for chemistry teachers to support the delivery of engaging practical work in the classroom.",
            covers: [
                "Microscale chemistry techniques", // assumed
                "Engaging classroom practical work with small quantities",
            ],
            subject: .chemistry, audiences: [.teacher], format: .onlineLive,
            durationDays: 1 // assumed: five one-hour twilights
        ),
        CourseFacts(
            code: "higher-and-advanced-higher-physics",
            title: "Higher and Advanced Higher Physics",
            summary: "A 2-day face-to-face course supporting teachers to deliver high quality practical learning across the certificate levels of Physics.",
            covers: [ // assumed
                "Practical work for Higher Physics",
                "Practical work and the project for Advanced Higher Physics",
                "Data loggers, Tracker and mobile devices in physics practicals",
            ],
            subject: .physics, audiences: [.teacher], format: .faceToFace, durationDays: 2
        ),
        CourseFacts(
            code: "science-probationers-residential",
            title: "Science Probationers Residential",
            summary: "A 2-day residential course to support newly qualified teachers in the delivery of safe, high quality, hands-on practical STEM learning in the science classroom.",
            covers: [
                "Safe, hands-on practical work in the science classroom",
                "Health and safety advice and the SSERC Advisory Service", // assumed
                "Finding risk assessments and resources on the SSERC website", // assumed
            ],
            subject: .science, audiences: [.probationer], format: .residential, durationDays: 2
        ),
        CourseFacts(
            code: "technical-probationers-residential",
            title: "Technical Probationers Residential",
            summary: "A 2-day residential course to support newly qualified teachers in the delivery of safe, high quality, hands-on practical STEM learning in the technology workshop.",
            covers: [
                "Safe, hands-on practical work in the technology workshop",
                "Health and safety advice and the SSERC Advisory Service", // assumed
            ],
            subject: .technology, audiences: [.probationer], format: .residential, durationDays: 2
        ),
        CourseFacts(
            code: "chemistry-for-advanced-higher",
            title: "Chemistry for Advanced Higher",
            summary: "A 2-day course supporting the senior phase practical learning of Advanced Higher Chemistry. Delegates said it left them much more confident teaching practical skills and delivering the course.",
            covers: [
                "Practical skills and techniques for Advanced Higher Chemistry",
                "Prescribed practical activities and their updated risk assessments",
            ],
            subject: .chemistry, audiences: [.teacher], format: .faceToFace, durationDays: 2
        ),
        CourseFacts(
            code: "centre-lathe-turning",
            title: "Centre Lathe Turning",
            summary: "A practical course from SSERC's Technology team for teachers and technicians with a role in Technology or Design Engineering subjects.",
            covers: [ // assumed
                "Setting up and operating a centre lathe safely",
                "Facing, turning, drilling and threading",
            ],
            subject: .technology, audiences: [.teacher, .technician], format: .faceToFace,
            durationDays: 2 // assumed
        ),
        CourseFacts(
            code: "welding-skills",
            title: "Welding Skills",
            summary: "A practical course from SSERC's Technology team for teachers and technicians with a role in Technology or Design Engineering subjects.",
            covers: [ // assumed
                "Welding safety: fumes, burns, eye protection and fire",
                "MIG and arc welding practice",
            ],
            subject: .technology, audiences: [.teacher, .technician], format: .faceToFace,
            durationDays: 2 // assumed
        ),
        CourseFacts(
            code: "hot-and-cold-metal-forming",
            title: "Hot and Cold Metal Forming",
            summary: "A practical course from SSERC's Technology team for teachers and technicians with a role in Technology or Design Engineering subjects.",
            covers: [ // assumed
                "Forging and heat treatment",
                "Bending, folding and shaping sheet metal",
            ],
            subject: .technology, audiences: [.teacher, .technician], format: .faceToFace,
            durationDays: 1 // assumed
        ),
        CourseFacts(
            code: "wood-turning",
            title: "Wood Turning",
            summary: "A practical course from SSERC's Technology team for teachers and technicians, also run as a workshop at the 2024 STEM Technician Training Day.",
            covers: [ // assumed
                "Setting up and operating a wood lathe safely",
                "Spindle and faceplate turning",
            ],
            subject: .technology, audiences: [.teacher, .technician], format: .faceToFace,
            durationDays: 1 // assumed
        ),
        CourseFacts(
            code: "leadership-in-stem-for-early-years-and-primary-teachers",
            title: "Leadership in STEM for Early Years and Primary Teachers",
            summary: "A professional learning development for 2022/23, credit and levelled at SCQF 11 and part funded by ENTHUSE, for early years and primary teachers leading STEM.",
            covers: [ // assumed
                "Leading STEM across an early years setting or primary school",
                "Planning, evidencing and evaluating the impact of change",
            ],
            subject: .primary, audiences: [.primary, .teacher],
            format: .blended, // assumed
            durationDays: 5, // assumed
            assessed: true, certificated: true,
            scqfLevel: 11,
            scqfCredits: 15, // assumed
            validityMonths: nil // assumed
        ),
    ]
}
