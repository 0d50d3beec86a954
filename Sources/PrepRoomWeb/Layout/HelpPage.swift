import Plot
import PrepRoomCore
import PrepRoomServices

/// Help with what people come to do, in the order they meet it, each answer linking to the
/// page that does it. It says only what the service does; a question it does not answer
/// goes to the contact page.
struct HelpPage: PageView {
    let contact: ServiceContact
    var title: String { "Help" }

    private struct Topic {
        let id: String
        let question: String
        let answers: [BodyNode]
    }

    private var topics: [Topic] {
        [
            Topic(id: "find", question: "Finding a course", answers: [
                .p(.text("Search from the home page or "), link("Courses", .courses()),
                   .text(": each course says who it is for, its SCQF level and credits where it has them, and its next runs. "),
                   link("The calendar", .calendar()), .text(" lists every run by month, and can be added to your own calendar from the link at the foot of each page.")),
            ]),
            Topic(id: "account", question: "Getting an account", answers: [
                .p(link("Register", .register), .text(" with your school or college email address. The service checks each registration, usually within two working days, and emails you when you can sign in.")),
                .p(.text("Forgotten your password? "), link("Reset it yourself", .forgotPassword), .text(": we email you a link that works once, for a short time.")),
                .p(.text("Your name, email address and password are on "), link("Your account", .me(.account)),
                   .text("; where you are signed in, and the API tokens you hold, are on "), link("Security", .me(.security)), .text(".")),
            ]),
            Topic(id: "book", question: "Booking a place, and the waiting list", answers: [
                .p(.text("Open a run and choose \u{201C}Book a place\u{201D}; you are emailed a confirmation with a calendar file. When a run is full you can join its waiting list: if a place comes up it goes to the first in line at once, and you are emailed.")),
                .p(.text("A refresher can be booked by someone who holds, or has held, a certificate of the course it refreshes.")),
                .p(link("My bookings", .me(.bookings)), .text(" shows what is coming up, your waiting lists, what you have completed and what was cancelled. You can cancel a place there until the run's cut-off; after that, contact the run's provider.")),
            ]),
            Topic(id: "certificates", question: "Certificates", answers: [
                .p(.text("A certificated course ends with a certificate when the run is closed: you need to have attended every day, and to have passed where the course is assessed. You are emailed its number.")),
                .p(link("My certificates", .me(.certificates)), .text(" lists yours, current and expired. Each can be printed, or downloaded as an A4 PDF, with a QR code of its public page.")),
                .p(.text("Anyone (an employer, say) can "), link("verify a certificate", .verify), .text(" by its number. We email you 90 and 30 days before one expires, with the refresher and its next runs.")),
            ]),
            Topic(id: "questionnaires", question: "Questionnaires about a course", answers: [
                .p(.text("Each course asks three short sets of questions: before it, straight after it, and some months later about what changed in your work. "),
                   link("My page", .me(.home)), .text(" and "), link("My evaluations", .me(.evaluations)), .text(" show the ones waiting for you.")),
            ]),
            Topic(id: "cpd", question: "Your CPD record", answers: [
                .p(link("My CPD", .me(.cpd)), .text(" holds every certificate by itself and the informal learning you add (a webinar, a visit to another school, shadowing a colleague, a conference, reading and reflection). It downloads as a spreadsheet (CSV) and prints, for professional registration or a review.")),
            ]),
            Topic(id: "centres", question: "Accredited Centres", answers: [
                .p(.text("Colleges, local authorities and others deliver the service's courses locally as Accredited Centres, under its quality control. "),
                   link("The centres", .centres), .text(" lists them; an organisation can "), link("apply to become one", .applyForCentre), .text(".")),
            ]),
            Topic(id: "privacy", question: "What we hold about you", answers: [
                .p(.text("The "), link("privacy notice", .privacy), .text(" says what is held, why and who sees it; answering the equality questions is optional, and you can erase your answers.")),
                .p(link("Your data", .me(.privacy)), .text(" downloads everything held about you in one file, and is where you can erase your account. Your certificates still verify afterwards, with your name withheld.")),
            ]),
        ]
    }

    private func link(_ text: String, _ url: SiteURL) -> BodyNode {
        .a(.attr("href", url.path), .text(text))
    }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-8"),
            .h1(.text("Help")),
            .p(.class("lead"), .text("How to find and book courses, keep your certificates and CPD record, and where to go when something is not right.")),
            .element(named: "nav", nodes: [.attribute(named: "aria-label", value: "Help topics"),
                .ul(.forEach(topics) { topic in .li(.a(.attr("href", "#" + topic.id), .text(topic.question))) })]),
            .forEach(topics) { topic in
                .section(.attr("id", topic.id), .class("mt-4"),
                    .h2(.class("h4"), .text(topic.question)),
                    .group(topic.answers))
            },
            .section(.attr("id", "contact"), .class("mt-4 border-top pt-3"),
                .h2(.class("h4"), .text("Still stuck?")),
                .p(.text("Email \(contact.email) or phone \(contact.phone), or see "), link("how to contact \(contact.organisation)", .contact),
                   .text(" for what to include so that we can help quickly.")))
        ))
    }
}
