import Foundation
import PrepRoomCore
import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, written by hand beside the routes. A test
/// compares it with the registered routes, so a route missing here fails the build.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var auth: Bool = false
        var body: String? = nil
        var success: (status: Int, schema: String?) = (200, nil)
        var errors: [Int] = []
        var parameters: [[String: Any]] = []
    }

    private static func query(_ name: String, _ description: String, type: String = "string") -> [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": ["type": type]]
    }
    private static var listParameters: [[String: Any]] { [query("limit", "Page size (1–100, default 20)", type: "integer"),
                                         query("offset", "Items to skip", type: "integer")] }

    static var operations: [Operation] { [
        Operation(method: "post", path: "/tokens", summary: "Exchange email and password for a bearer token", tag: "Accounts",
                  body: "TokenRequest", success: (201, "TokenResponse"), errors: [400, 401, 403, 422, 429]),
        Operation(method: "get", path: "/tokens", summary: "Your live API tokens", tag: "Accounts", auth: true,
                  success: (200, "TokenList"), errors: [401, 429]),
        Operation(method: "delete", path: "/tokens", summary: "Sign out everywhere: revoke every token and end every browser session", tag: "Accounts", auth: true,
                  success: (204, nil), errors: [401, 429]),
        Operation(method: "delete", path: "/tokens/{tokenID}", summary: "Revoke one of your tokens", tag: "Accounts", auth: true,
                  success: (204, nil), errors: [401, 404, 429]),
        Operation(method: "post", path: "/registrations", summary: "Register; the account waits for staff approval. The answer is the same when the email already has an account (its owner is emailed)", tag: "Accounts",
                  body: "NewUser", success: (202, "Received"), errors: [400, 422, 429]),
        Operation(method: "get", path: "/me", summary: "The signed-in person", tag: "Accounts", auth: true, success: (200, "User"), errors: [401]),
        Operation(method: "post", path: "/me/password", summary: "Change your password; every token and every other session ends", tag: "Accounts", auth: true,
                  body: "PasswordChange", success: (204, nil), errors: [400, 401, 422, 429]),
        Operation(method: "get", path: "/users", summary: "Accounts, optionally by status (admin)", tag: "Accounts", auth: true,
                  success: (200, "UserList"), errors: [401, 403], parameters: [query("status", "pending, approved or rejected")] + listParameters),
        Operation(method: "post", path: "/users", summary: "Create an approved account (admin)", tag: "Accounts", auth: true,
                  body: "NewUser", success: (201, "User"), errors: [400, 401, 403, 409, 422]),
        Operation(method: "post", path: "/users/approve", summary: "Approve several pending registrations (admin)", tag: "Accounts", auth: true,
                  body: "Decision", success: (200, "ApprovedCount"), errors: [400, 401, 403, 422]),
        Operation(method: "post", path: "/users/{userID}/approve", summary: "Approve one registration (admin)", tag: "Accounts", auth: true,
                  success: (200, "User"), errors: [401, 403, 404, 409]),
        Operation(method: "post", path: "/users/{userID}/reject", summary: "Reject one registration (admin)", tag: "Accounts", auth: true,
                  success: (200, "User"), errors: [401, 403, 404, 409]),
        Operation(method: "post", path: "/users/{userID}/disable", summary: "Disable an account with a reason; its sessions and tokens end (admin)", tag: "Accounts", auth: true,
                  body: "Disabling", success: (200, "User"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/users/{userID}/enable", summary: "Enable a disabled account (admin)", tag: "Accounts", auth: true,
                  success: (200, "User"), errors: [401, 403, 404, 409]),
        Operation(method: "put", path: "/users/{userID}/roles", summary: "Assign roles, centre and organisation (admin)", tag: "Accounts", auth: true,
                  body: "RoleAssignment", success: (200, "User"), errors: [400, 401, 403, 404, 422]),
        Operation(method: "get", path: "/courses", summary: "The catalogue, filtered and searched", tag: "Catalogue",
                  success: (200, "CourseList"), errors: [422],
                  parameters: [query("q", "Words to find in titles and summaries"), query("subject", "Subject"), query("audience", "Audience"),
                               query("format", "Format"), query("level", "SCQF level", type: "integer"),
                               query("certificated", "true for certificated courses only")] + listParameters),
        Operation(method: "post", path: "/courses", summary: "Add a course (course admin)", tag: "Catalogue", auth: true,
                  body: "Course", success: (201, "Course"), errors: [400, 401, 403, 409, 422]),
        Operation(method: "get", path: "/courses/{code}", summary: "One course with its upcoming runs", tag: "Catalogue",
                  success: (200, "CourseDetail"), errors: [404]),
        Operation(method: "put", path: "/courses/{code}", summary: "Change a course (course admin); the code stays", tag: "Catalogue", auth: true,
                  body: "Course", success: (200, "Course"), errors: [400, 401, 403, 404, 422]),
        Operation(method: "get", path: "/runs", summary: "Runs, by course and dates", tag: "Runs", success: (200, "RunList"), errors: [404, 422],
                  parameters: [query("course", "Course code"), query("from", "Runs ending at or after this ISO 8601 time"),
                               query("to", "Runs starting before this ISO 8601 time")] + listParameters),
        Operation(method: "post", path: "/runs", summary: "Schedule a run (course admin, or a centre coordinator for their centre)", tag: "Runs", auth: true,
                  body: "RunInput", success: (201, "Run"), errors: [400, 401, 403, 422]),
        Operation(method: "get", path: "/runs/{runID}", summary: "One run", tag: "Runs", success: (200, "Run"), errors: [404]),
        Operation(method: "put", path: "/runs/{runID}", summary: "Change a run", tag: "Runs", auth: true,
                  body: "RunInput", success: (200, "Run"), errors: [400, 401, 403, 404, 422]),
        Operation(method: "post", path: "/runs/{runID}/bookings", summary: "Book a place; a full run puts you on its waiting list", tag: "Bookings", auth: true,
                  success: (201, "Booking"), errors: [401, 404, 409]),
        Operation(method: "get", path: "/runs/{runID}/bookings", summary: "A run's bookings (its provider)", tag: "Bookings", auth: true,
                  success: (200, "BookingList"), errors: [401, 403, 404]),
        Operation(method: "delete", path: "/bookings/{bookingID}", summary: "Cancel a booking or leave the waiting list; the first in line takes a freed place", tag: "Bookings", auth: true,
                  body: "Cancellation", success: (200, "Booking"), errors: [401, 403, 404, 409]),
        Operation(method: "post", path: "/bookings/{bookingID}/move", summary: "Move a booking to another run of the course, with a reason (course admin)", tag: "Bookings", auth: true,
                  body: "Move", success: (200, "Booking"), errors: [401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/me/bookings", summary: "The signed-in member's bookings", tag: "Bookings", auth: true,
                  success: (200, "BookingList"), errors: [401]),
        Operation(method: "post", path: "/runs/{runID}/attendance", summary: "Record attendance at one session (the run's provider)", tag: "Delivery", auth: true,
                  body: "AttendanceInput", success: (200, nil), errors: [401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/runs/{runID}/results", summary: "Record a delegate's result (the run's provider)", tag: "Delivery", auth: true,
                  body: "ResultInput", success: (200, nil), errors: [401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/runs/{runID}/close", summary: "Close a run and certificate those who completed", tag: "Delivery", auth: true,
                  success: (200, "Closed"), errors: [401, 403, 404, 409]),
        Operation(method: "get", path: "/certificates/{number}", summary: "Verify a certificate", tag: "Certificates",
                  success: (200, "Certificate"), errors: [404]),
        Operation(method: "post", path: "/certificates/{number}/revoke", summary: "Revoke a certificate with a reason (course admin)", tag: "Certificates", auth: true,
                  body: "Revocation", success: (200, "Certificate"), errors: [401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/me/certificates", summary: "The signed-in member's certificates", tag: "Certificates", auth: true,
                  success: (200, "CertificateList"), errors: [401]),
        Operation(method: "get", path: "/me/cpd", summary: "The signed-in member's CPD record, certificates included, with totals", tag: "CPD", auth: true,
                  success: (200, "CPDRecord"), errors: [401]),
        Operation(method: "post", path: "/me/cpd", summary: "Add an informal CPD entry", tag: "CPD", auth: true,
                  body: "CPDEntryInput", success: (201, "CPDItem"), errors: [400, 401, 422]),
        Operation(method: "delete", path: "/me/cpd/{entryID}", summary: "Remove one of your CPD entries", tag: "CPD", auth: true,
                  success: (204, nil), errors: [401, 403, 404]),
        Operation(method: "get", path: "/centres", summary: "Accredited Centres and applicants", tag: "Centres",
                  success: (200, "CentreList"), errors: [422], parameters: [query("status", "applicant, approved, suspended, withdrawn or rejected")]),
        Operation(method: "post", path: "/centres", summary: "Apply to become an Accredited Centre (signed in; you become its coordinator on approval)", tag: "Centres", auth: true,
                  body: "CentreApplication", success: (201, "CentreDetail"), errors: [400, 401, 422]),
        Operation(method: "get", path: "/centres/{centreID}", summary: "One centre: venues, course approvals, status history", tag: "Centres",
                  success: (200, "CentreDetail"), errors: [404]),
        Operation(method: "post", path: "/centres/{centreID}/status", summary: "Approve, reject, suspend, reinstate or withdraw a centre, with a reason (course admin)", tag: "Centres", auth: true,
                  body: "StatusChange", success: (200, "CentreDetail"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/centres/{centreID}/approvals", summary: "The courses a centre is or was approved for", tag: "Centres",
                  success: (200, "ApprovalList"), errors: [404]),
        Operation(method: "post", path: "/centres/{centreID}/approvals", summary: "Approve a centre for a course from a date (course admin); 422 if centres may not deliver it", tag: "Centres", auth: true,
                  body: "Grant", success: (201, "Approval"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "delete", path: "/centres/{centreID}/approvals/{code}", summary: "Withdraw a centre's approval for a course, with a reason (course admin)", tag: "Centres", auth: true,
                  body: "Note", success: (200, nil), errors: [401, 403, 404, 422]),
        Operation(method: "post", path: "/centres/{centreID}/venues", summary: "Add a venue (course admin, or the centre's coordinator)", tag: "Centres", auth: true,
                  body: "Venue", success: (200, "CentreDetail"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/runs/{runID}/enrolments", summary: "Enrol a named member in a place (the run's provider); 409 when full", tag: "Delivery", auth: true,
                  body: "Enrolment", success: (201, "Booking"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/runs/{runID}/verification", summary: "A centre run's verification rounds and evidence (its centre, verifiers)", tag: "Verification", auth: true,
                  success: (200, "Verification"), errors: [401, 403, 404]),
        Operation(method: "post", path: "/runs/{runID}/verification", summary: "Record the outcome of a selected run (verifier, not of their own centre)", tag: "Verification", auth: true,
                  body: "VerificationOutcome", success: (200, "VerificationDecision"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/runs/{runID}/verification/evidence", summary: "Add a note as evidence (the centre or a verifier); documents go through the page", tag: "Verification", auth: true,
                  body: "Note", success: (201, nil), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "post", path: "/runs/{runID}/verification/actions-completed", summary: "Say a Not Accepted run's actions are done; it goes back to the verifiers", tag: "Verification", auth: true,
                  body: "Note", success: (200, "Verification"), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/verification-policy", summary: "The sampling policy (verifiers, course admins)", tag: "Verification", auth: true,
                  success: (200, "VerificationPolicy"), errors: [401, 403]),
        Operation(method: "put", path: "/verification-policy", summary: "Change the large-cohort threshold and random sample rate", tag: "Verification", auth: true,
                  body: "VerificationPolicy", success: (200, "VerificationPolicy"), errors: [400, 401, 403, 422]),
        Operation(method: "get", path: "/reports/centres", summary: "Runs, completions, CPD units, training hours and verification outcomes per provider (managers, course admins, verifiers)", tag: "Reports", auth: true,
                  success: (200, "CentreReport"), errors: [401, 403, 422],
                  parameters: [query("from", "First day, like 2024-08-01 (default: the academic year's)"), query("to", "Last day, included")]),
        Operation(method: "get", path: "/reports/annual", summary: "The annual report's figures: training days against target, delegates by local authority and provider, completions by course, certificates, demand (managers, course admins, verifiers)", tag: "Reports", auth: true,
                  success: (200, "AnnualReport"), errors: [401, 403, 422],
                  parameters: [query("from", "First day, like 2024-08-01 (default: the academic year's)"), query("to", "Last day, included")]),
        Operation(method: "put", path: "/reports/training-day-target", summary: "Set the training-day target (manager)", tag: "Reports", auth: true,
                  body: "TrainingDayTarget", success: (200, "TrainingDayTarget"), errors: [400, 401, 403, 422]),
        Operation(method: "get", path: "/me/equality", summary: "Your own optional equality answers", tag: "Equality", auth: true,
                  success: (200, "EqualityAnswers"), errors: [401]),
        Operation(method: "put", path: "/me/equality", summary: "Answer or change the optional equality questions (GSS harmonised categories)", tag: "Equality", auth: true,
                  body: "EqualityAnswers", success: (200, "EqualityAnswers"), errors: [400, 401, 422]),
        Operation(method: "delete", path: "/me/equality", summary: "Erase your equality answers", tag: "Equality", auth: true,
                  success: (204, nil), errors: [401]),
        Operation(method: "get", path: "/reports/equality", summary: "Equality aggregates of the period's delegates over whole months, cells under 5 suppressed and the rest rounded to 5 (managers, course admins, verifiers)", tag: "Reports", auth: true,
                  success: (200, "EqualityReport"), errors: [401, 403, 422],
                  parameters: [query("from", "First day, like 2024-08-01"), query("to", "Last day, included")]),
        Operation(method: "get", path: "/me/evaluations", summary: "Your questionnaires: open, and answered", tag: "Evaluation", auth: true,
                  success: (200, "EvaluationDueList"), errors: [401]),
        Operation(method: "get", path: "/evaluation/questions", summary: "A step's questionnaire", tag: "Evaluation",
                  success: (200, "EvaluationQuestionList"), errors: [422], parameters: [query("step", "pre, post or impact")]),
        Operation(method: "post", path: "/evaluation/questions", summary: "Add a question to a step (course admin)", tag: "Evaluation", auth: true,
                  body: "EvaluationQuestionInput", success: (201, nil), errors: [400, 401, 403, 422]),
        Operation(method: "delete", path: "/evaluation/questions/{questionID}", summary: "Take a question out of its questionnaire; past answers stay (course admin)", tag: "Evaluation", auth: true,
                  success: (204, nil), errors: [401, 403, 404]),
        Operation(method: "post", path: "/bookings/{bookingID}/evaluation/{step}", summary: "Answer one step for your booking; once only (409 again)", tag: "Evaluation", auth: true,
                  body: "EvaluationSubmission", success: (201, nil), errors: [400, 401, 403, 404, 409, 422]),
        Operation(method: "get", path: "/reports/evaluation", summary: "Response rates, rating distributions, choices, comments and non-respondents per step (staff)", tag: "Reports", auth: true,
                  success: (200, "EvaluationResults"), errors: [401, 403, 422],
                  parameters: [query("from", "First day"), query("to", "Last day, included"), query("run", "One run's id"), query("course", "Course code"), query("centre", "Centre id")]),
        Operation(method: "get", path: "/organisations", summary: "Local authorities and member bodies", tag: "Centres", success: (200, "OrganisationList")),
        Operation(method: "get", path: "/objectives", summary: "Strategic objectives and their statuses", tag: "Strategy", success: (200, "ObjectiveList")),
        Operation(method: "get", path: "/objectives/{code}", summary: "One objective with its dated history of statuses and notes", tag: "Strategy",
                  success: (200, "ObjectiveDetail"), errors: [404]),
        Operation(method: "post", path: "/objectives/{code}/status", summary: "Change an objective's status, with a note (admin or manager)", tag: "Strategy", auth: true,
                  body: "ObjectiveStatusInput", success: (200, "ObjectiveDetail"), errors: [400, 401, 403, 404, 422]),
        Operation(method: "post", path: "/objectives/{code}/visibility", summary: "Make an objective public or staff-only (admin or manager)", tag: "Strategy", auth: true,
                  body: "ObjectiveVisibility", success: (200, "ObjectiveDetail"), errors: [400, 401, 403, 404]),
        Operation(method: "get", path: "/openapi.json", summary: "This document", tag: "Meta", success: (200, nil)),
    ] }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    private static func string(_ format: String? = nil, nullable: Bool = false, values: [String]? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": nullable ? ["string", "null"] : "string"]
        if let format { schema["format"] = format }
        if let values { schema["enum"] = values }
        return schema
    }
    private static func integer(nullable: Bool = false) -> [String: Any] { ["type": nullable ? ["integer", "null"] : "integer"] }
    /// Every string property states its length limit (`TextLimit`, the one the server
    /// enforces), and so does every string in an array property.
    private static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        var limited = properties
        for (name, value) in properties {
            guard var schema = value as? [String: Any] else { continue }
            if isString(schema), schema["enum"] == nil, schema["maxLength"] == nil {
                schema["maxLength"] = TextLimit.limit(forField: name)
            } else if schema["type"] as? String == "array", var items = schema["items"] as? [String: Any], isString(items),
                      items["enum"] == nil, items["maxLength"] == nil {
                items["maxLength"] = TextLimit.limit(forField: name)
                schema["items"] = items
            }
            limited[name] = schema
        }
        return ["type": "object", "properties": limited, "required": required]
    }

    private static func isString(_ schema: [String: Any]) -> Bool {
        schema["type"] as? String == "string" || (schema["type"] as? [String])?.contains("string") == true
    }
    private static func list(_ item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ref(item)], "total": integer()], required: ["items", "total"])
    }

    static var schemas: [String: Any] {
        let course: [String: Any] = object([
            "code": string(), "title": string(), "summary": string(), "covers": ["type": "array", "items": string()],
            "subject": string(values: ["biology", "chemistry", "physics", "technology", "science", "general_safety", "primary", "digital"]),
            "audiences": ["type": "array", "items": string(values: ["technician", "teacher", "probationer", "primary"])],
            "format": string(values: ["face_to_face", "online_live", "blended", "self_study", "residential"]),
            "durationDays": ["type": "number"], "assessed": ["type": "boolean"], "certificated": ["type": "boolean"],
            "scqfLevel": integer(nullable: true), "scqfCredits": integer(nullable: true), "validityMonths": integer(nullable: true),
            "refresherOf": string(nullable: true), "competence": string(nullable: true), "centreDeliverable": ["type": "boolean"],
        ], required: ["code", "title", "summary", "covers", "subject", "audiences", "format", "durationDays", "assessed", "certificated", "centreDeliverable"])
        let session = object(["start": string("date-time"), "end": string("date-time")], required: ["start", "end"])
        let run = object([
            "id": string(), "courseCode": string(), "courseTitle": string(), "capacity": integer(), "confirmed": integer(),
            "waitlisted": integer(), "placesLeft": integer(), "sessions": ["type": "array", "items": ref("Session")],
            "venue": string(nullable: true), "onlineLink": string(nullable: true), "centreId": string(nullable: true),
            "centreName": string(nullable: true), "cohort": string(nullable: true),
            "status": string(values: ["scheduled", "cancelled", "closed"]), "bookingOpensAt": string("date-time", nullable: true),
            "bookingClosesAt": string("date-time", nullable: true), "bookingOpen": ["type": "boolean"],
            "startsAt": string("date-time"), "endsAt": string("date-time"), "cancellationCutOffHours": integer(nullable: true),
        ], required: ["id", "courseCode", "capacity", "confirmed", "waitlisted", "sessions", "status"])
        let roles = ["type": "array", "items": string(values: ["technician", "teacher", "centre_coordinator", "la_manager", "course_admin",
                                                              "verifier", "adviser", "editor", "moderator", "admin", "manager"])] as [String: Any]
        return [
            "Error": object(["error": object(["code": string(), "message": string(), "field": string()], required: ["code", "message"])], required: ["error"]),
            "Course": course,
            "CourseDetail": ["allOf": [ref("Course"), object(["upcomingRuns": ["type": "array", "items": ref("Run")]], required: ["upcomingRuns"])]],
            "CourseList": list("Course"),
            "Session": session,
            "Run": run,
            "RunList": list("Run"),
            "RunInput": object(["courseCode": string(), "capacity": integer(), "venue": string(nullable: true), "onlineLink": string(nullable: true),
                                "sessions": ["type": "array", "items": ref("Session")], "bookingOpensAt": string("date-time", nullable: true),
                                "bookingClosesAt": string("date-time", nullable: true), "cohort": string(nullable: true),
                                "notes": string(nullable: true), "centreId": string(nullable: true),
                                "cancellationCutOffHours": integer(nullable: true)],
                               required: ["courseCode", "capacity", "sessions"]),
            "TokenRequest": object(["email": string("email"), "password": string(), "label": string()], required: ["email", "password"]),
            "Token": object(["id": string(), "label": string(nullable: true), "createdAt": string("date-time", nullable: true),
                             "expiresAt": string("date-time"), "current": ["type": "boolean"]], required: ["id", "expiresAt", "current"]),
            "TokenList": list("Token"),
            "PasswordChange": object(["currentPassword": string(), "newPassword": string()], required: ["currentPassword", "newPassword"]),
            "Disabling": object(["reason": string()], required: ["reason"]),
            "Received": object(["message": string()], required: ["message"]),
            "TokenResponse": object(["token": string(), "user": ref("User")], required: ["token", "user"]),
            "User": object(["id": string(), "email": string(), "name": string(), "roles": roles,
                            "status": string(values: ["pending", "approved", "rejected", "disabled"]),
                            "organisationId": string(nullable: true), "centreId": string(nullable: true)],
                           required: ["id", "email", "name", "roles", "status"]),
            "UserList": list("User"),
            "NewUser": object(["email": string(), "name": string(), "password": string(), "roles": roles,
                               "organisationId": string(nullable: true), "centreId": string(nullable: true)],
                              required: ["email", "name", "password"]),
            "Decision": object(["ids": ["type": "array", "items": string()]], required: ["ids"]),
            "ApprovedCount": object(["approved": integer()], required: ["approved"]),
            "RoleAssignment": object(["roles": roles, "centreId": string(nullable: true), "organisationId": string(nullable: true)], required: ["roles"]),
            "Centre": object(["id": string(), "name": string(), "kind": string(values: ["college", "council", "other"]),
                              "status": string(values: ["applicant", "approved", "suspended", "withdrawn", "rejected"]),
                              "localAuthority": string(), "venue": string()], required: ["id", "name", "kind", "status", "localAuthority"]),
            "CentreList": list("Centre"),
            "CentreApplication": object(["name": string(), "kind": string(values: ["college", "council", "other"]), "localAuthorityId": string(),
                                         "contactName": string(), "contactEmail": string(), "venues": ["type": "array", "items": string()],
                                         "statement": string()], required: ["name", "kind", "localAuthorityId", "contactName", "contactEmail", "venues", "statement"]),
            "Approval": object(["courseCode": string(), "courseTitle": string(), "from": string("date-time"),
                                "withdrawnAt": string("date-time", nullable: true), "withdrawnReason": string(nullable: true)], required: ["courseCode", "from"]),
            "ApprovalList": list("Approval"),
            "CentreDetail": object(["id": string(), "name": string(), "kind": string(), "status": string(values: ["applicant", "approved", "suspended", "withdrawn", "rejected"]),
                                    "localAuthority": string(), "venues": ["type": "array", "items": string()],
                                    "approvals": ["type": "array", "items": ref("Approval")],
                                    "history": ["type": "array", "items": object(["from": string(nullable: true), "to": string(), "reason": string(nullable: true),
                                                                                  "at": string("date-time")], required: ["to", "at"])]],
                                   required: ["id", "name", "kind", "status", "venues", "approvals", "history"]),
            "StatusChange": object(["status": string(values: ["approved", "rejected", "suspended", "withdrawn"]), "reason": string()], required: ["status"]),
            "Grant": object(["courseCode": string(), "from": string("date")], required: ["courseCode"]),
            "Note": object(["note": string(), "reason": string()], required: []),
            "Venue": object(["venue": string()], required: ["venue"]),
            "Enrolment": object(["email": string()], required: ["email"]),
            "VerificationOutcome": object(["outcome": string(values: ["accepted", "accepted_with_recommendations", "not_accepted"]), "notes": string(),
                                           "recommendations": string(), "actions": string()], required: ["outcome"]),
            "VerificationDecision": object(["outcome": string(), "certificatesIssued": integer()], required: ["outcome", "certificatesIssued"]),
            "Verification": object(["runId": string(), "status": string(nullable: true, values: ["not_selected", "pending", "accepted", "accepted_with_recommendations", "not_accepted"]),
                                    "rounds": ["type": "array", "items": ["type": "object"]], "evidence": ["type": "array", "items": ["type": "object"]]],
                                   required: ["runId", "rounds", "evidence"]),
            "EqualityAnswers": object(Dictionary(uniqueKeysWithValues: ["ageBand", "sex", "trans", "sexualOrientation", "ethnicGroup", "disability"]
                .map { ($0, string(nullable: true)) as (String, Any) }), required: []),
            "EqualityReport": object(["from": string("date-time"), "to": string("date-time"), "smallestShown": integer(), "roundedTo": integer(), "everythingSuppressed": ["type": "boolean"],
                                      "questions": ["type": "array", "items": object(["question": string(), "heading": string(), "allSuppressed": ["type": "boolean"],
                                                                                     "cells": ["type": "array", "items": object(["category": string(), "count": integer(nullable: true),
                                                                                                                                "suppressed": ["type": "boolean"]], required: ["category", "suppressed"])]],
                                                                                    required: ["question", "cells", "allSuppressed"])]],
                                     required: ["questions", "everythingSuppressed"]),
            "EvaluationDueList": list("EvaluationDue"),
            "EvaluationDue": object(["bookingId": string(), "courseTitle": string(), "step": string(values: ["pre", "post", "impact"]),
                                     "open": ["type": "boolean"], "answered": ["type": "boolean"]], required: ["bookingId", "step", "open", "answered"]),
            "EvaluationQuestionList": list("EvaluationQuestion"),
            "EvaluationQuestion": object(["id": string(), "kind": string(values: ["rating", "choice", "text"]), "prompt": string(),
                                          "options": ["type": "array", "items": string()], "required": ["type": "boolean"]], required: ["id", "kind", "prompt"]),
            "EvaluationQuestionInput": object(["step": string(values: ["pre", "post", "impact"]), "kind": string(values: ["rating", "choice", "text"]),
                                               "prompt": string(), "options": ["type": "array", "items": string()], "required": ["type": "boolean"]],
                                              required: ["step", "kind", "prompt"]),
            "EvaluationSubmission": object(["answers": ["type": "object", "additionalProperties": string()]], required: ["answers"]),
            "EvaluationResults": object(["from": string("date-time"), "to": string("date-time"), "steps": ["type": "array", "items": ["type": "object"]]],
                                        required: ["steps"]),
            "TrainingDayTarget": object(["target": integer()], required: ["target"]),
            "AnnualReport": object(["from": string("date-time"), "to": string("date-time"),
                                    "trainingDays": object(["delivered": integer(), "target": integer()], required: ["delivered", "target"]),
                                    "certificatesIssued": integer(), "completions": integer(),
                                    "delegatesByAuthority": ["type": "array", "items": object(["label": string(), "value": integer()], required: ["label", "value"])],
                                    "delegatesByCentre": ["type": "array", "items": object(["label": string(), "value": integer()], required: ["label", "value"])],
                                    "completionsByCourse": ["type": "array", "items": object(["label": string(), "value": integer()], required: ["label", "value"])],
                                    "demand": ["type": "array", "items": object(["courseCode": string(), "courseTitle": string(), "waiting": integer(),
                                                                                "placesPerRun": integer(), "runsToClear": integer()], required: ["courseCode", "waiting", "runsToClear"])]],
                                   required: ["from", "to", "trainingDays", "delegatesByAuthority", "delegatesByCentre", "completionsByCourse", "demand"]),
            "VerificationPolicy": object(["largeCohortThreshold": integer(), "sampleRate": ["type": "number"]], required: ["largeCohortThreshold", "sampleRate"]),
            "CentreReport": object(["from": string("date-time"), "to": string("date-time"), "lines": ["type": "array", "items": object([
                "centreId": string(nullable: true), "provider": string(), "runs": integer(), "delegatesCompleted": integer(), "cpdUnits": integer(),
                "trainingHours": ["type": "number"], "accepted": integer(), "acceptedWithRecommendations": integer(), "notAccepted": integer()],
                required: ["provider", "runs", "delegatesCompleted", "cpdUnits", "trainingHours"])]], required: ["from", "to", "lines"]),
            "Organisation": object(["id": string(), "name": string(), "kind": string(values: ["local_authority", "member_body"])], required: ["id", "name", "kind"]),
            "OrganisationList": list("Organisation"),
            "Objective": object(["code": string(), "workstream": string(), "title": string(),
                                 "horizon": string(values: ["medium_term", "long_term"]), "lead": string(),
                                 "status": string(values: ["not_started", "started", "on_track", "at_risk", "stopped", "completed"])],
                                required: ["code", "title", "horizon", "lead", "status"]),
            "ObjectiveList": list("Objective"),
            "ObjectiveDetail": ["allOf": [ref("Objective"), object(["isPublic": ["type": "boolean"], "history": ["type": "array", "items": object([
                "from": string(nullable: true), "to": string(), "note": string(), "by": string(), "at": string("date-time")], required: ["to", "note", "at"])]],
                required: ["isPublic", "history"])]],
            "ObjectiveStatusInput": object(["status": string(values: ["not_started", "started", "on_track", "at_risk", "stopped", "completed"]), "note": string()],
                                           required: ["status", "note"]),
            "ObjectiveVisibility": object(["isPublic": ["type": "boolean"]], required: ["isPublic"]),
            "Booking": object(["id": string(), "runId": string(), "userId": string(),
                               "status": string(values: ["confirmed", "waitlisted", "cancelled"]),
                               "waitlistPosition": integer(nullable: true), "bookedAt": string("date-time"),
                               "outcome": string(values: ["passed", "not_passed", "not_assessed"]),
                               "courseCode": string(), "courseTitle": string(), "startsAt": string("date-time"),
                               "userName": string(), "email": string(), "attended": ["type": "array", "items": integer()]],
                              required: ["id", "runId", "userId", "status", "waitlistPosition"]),
            "BookingList": list("Booking"),
            "Cancellation": object(["reason": string(nullable: true)], required: []),
            "Move": object(["runId": string(), "reason": string()], required: ["runId", "reason"]),
            "AttendanceInput": object(["bookingId": string(), "session": integer(), "present": ["type": "boolean"]], required: ["bookingId", "session", "present"]),
            "ResultInput": object(["bookingId": string(), "outcome": string(values: ["passed", "not_passed", "not_assessed"])], required: ["bookingId", "outcome"]),
            "Closed": object(["completed": integer(), "certificatesIssued": integer(),
                              "verification": object(["selected": ["type": "boolean"], "reasons": ["type": "array", "items": string()]], required: ["selected", "reasons"])],
                             required: ["completed", "certificatesIssued", "verification"]),
            "Certificate": object(["number": string(), "valid": ["type": "boolean"], "standing": string(values: ["current", "expiring_soon", "expired", "revoked"]),
                                   "holderName": string(), "courseCode": string(), "courseTitle": string(),
                                   "scqfLevel": integer(nullable: true), "scqfCredits": integer(nullable: true),
                                   "issuedAt": string("date-time"), "expiresAt": string("date-time", nullable: true),
                                   "revokedAt": string("date-time", nullable: true), "revokedReason": string(nullable: true),
                                   "centreName": string(nullable: true)],
                                  required: ["number", "valid", "holderName", "courseCode", "courseTitle", "issuedAt", "expiresAt"]),
            "CertificateList": list("Certificate"),
            "Revocation": object(["reason": string()], required: ["reason"]),
            "CPDItem": object(["id": string(nullable: true), "kind": string(values: ["course_or_workshop", "qualification_study", "online_learning", "observation", "shadowing", "visit", "exhibition_or_conference", "reflection_or_reading"]),
                               "title": string(), "date": string("date-time"), "hours": ["type": "number"], "scqfCredits": integer(),
                               "reflection": string(nullable: true), "evidenceUrl": string(nullable: true), "certificateNumber": string(nullable: true)],
                              required: ["kind", "title", "date", "hours", "scqfCredits"]),
            "CPDEntryInput": object(["kind": string(), "title": string(), "date": string(), "hours": ["type": "number"],
                                     "reflection": string(nullable: true), "evidenceUrl": string(nullable: true)],
                                    required: ["kind", "title", "date", "hours"]),
            "CPDRecord": object(["items": ["type": "array", "items": ref("CPDItem")], "total": integer(), "hours": ["type": "number"],
                                 "scqfCredits": integer(),
                                 "byYear": ["type": "array", "items": object(["key": string(), "hours": ["type": "number"], "scqfCredits": integer(), "entries": integer()], required: ["key"])],
                                 "byKind": ["type": "array", "items": object(["key": string(), "hours": ["type": "number"], "scqfCredits": integer(), "entries": integer()], required: ["key"])]],
                                required: ["items", "total", "hours", "scqfCredits", "byYear", "byKind"]),
        ]
    }

    static var document: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = ["summary": operation.summary, "tags": [operation.tag],
                                        "operationId": operation.method + operation.path.replacingOccurrences(of: "/", with: "_")
                                            .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                                            .replacingOccurrences(of: ".", with: "_")]
            var parameters = operation.parameters
            for name in pathParameters(operation.path) {
                parameters.append(["name": name, "in": "path", "required": true, "schema": ["type": "string"]])
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if operation.auth { entry["security"] = [["bearer": [String]()], ["session": [String]()]] }
            if let body = operation.body {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
            }
            var responses: [String: Any] = [:]
            var success: [String: Any] = ["description": "Success"]
            if let schema = operation.success.schema { success["content"] = ["application/json": ["schema": ref(schema)]] }
            responses[String(operation.success.status)] = success
            for status in operation.errors {
                responses[String(status)] = ["description": HTTPResponseStatus(statusCode: status).reasonPhrase,
                                             "content": ["application/json": ["schema": ref("Error")]]]
            }
            entry["responses"] = responses
            paths[operation.path, default: [:]][operation.method] = entry
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "PrepRoom API", "version": "1.0.0",
                     "description": "Courses, runs, accounts, centres and strategy for the national support service for school STEM technicians."],
            "servers": [["url": "/api/v1"]],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                    "session": ["type": "apiKey", "in": "cookie", "name": "preproom-session"]],
            ],
        ]
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// The document never changes while the process runs, so it is serialised once.
    private static let serialised: Data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data("{}".utf8)

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: serialised))
    }
}
