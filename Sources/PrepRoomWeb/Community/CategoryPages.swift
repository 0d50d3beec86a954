import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// Moderators manage Techné's categories: add one, rename one, or change who reads it.
struct CategoryPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("staff", "community", "categories", use: list)
        routes.post("staff", "community", "categories", use: add)
        routes.post("staff", "community", "categories", ":key", use: update)
    }

    func list(req: Request) async throws -> Response {
        try await page(req, draft: CategoryListPage.Draft(), errors: [], status: .ok)
    }

    private func page(_ req: Request, draft: CategoryListPage.Draft, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        try req.require({ CommunityRules.mayModerate($0) }, "Only moderators manage categories.")
        return CategoryListPage(categories: try await CommunityDesk(db: req.db).categories(), draft: draft, errors: errors)
            .response(for: req, status: status)
    }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        let draft = CategoryListPage.Draft(key: form["key"], name: form["name"], description: form["description"], membersOnly: form.flag("membersOnly"))
        do {
            let category = try await CommunityDesk(db: req.db).addCategory(key: draft.key, name: draft.name, description: draft.description,
                                                                          membersOnly: draft.membersOnly, by: user)
            req.flash("\(category.name) is added.")
            return req.redirect(to: SiteURL.staff(.communityCategories).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(req, draft: draft, errors: error.formErrors(defaultField: "key"), status: error.status == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.staff(.communityCategories).path) {
            let category = try await CommunityDesk(db: req.db).updateCategory(req.parameters.get("key"), name: form["name"], description: form["description"],
                                                                             membersOnly: form.flag("membersOnly"), by: user)
            return "\(category.name) is saved."
        }
    }
}

/// Every category with its form, and the form to add one.
struct CategoryListPage: PageView {
    struct Draft { var key: String?; var name: String?; var description: String?; var membersOnly = false }

    let categories: [CategorySummary]
    let draft: Draft
    let errors: [FieldError]
    var title: String { (errors.isEmpty ? "" : "Error: ") + "Categories: Techné" }

    func content(_ chrome: Chrome) -> BodyNode {
        .div(.class("row"), .div(.class("col-lg-9"),
            FormParts.errorSummary(errors),
            .h1(.text("Techné's categories")),
            .ul(.id("category-list"), .class("list-unstyled"), .forEach(categories) { summary in
                .li(.class("card mb-3"), .div(.class("card-body"), form(chrome, summary)))
            }),
            H.form(action: SiteURL.staff(.communityCategories).path, csrf: chrome.csrf, id: "new-category", [
                .h2(.class("h4 mt-4"), .text("Add a category")),
                FormParts.text("key", label: "Key (its address: /community/key)", value: draft.key, hint: "Lower-case letters, digits and hyphens.", errors: errors),
                FormParts.text("name", label: "Name", value: draft.name, errors: errors),
                FormParts.text("description", label: "What belongs in it", value: draft.description, errors: errors),
                FormParts.checkbox("membersOnly", label: "Members only (visitors are asked to sign in)", checked: draft.membersOnly),
                H.button("Add the category"),
            ])
        ))
    }

    /// One category's form; each field's id carries its key, so every label finds its own.
    private func form(_ chrome: Chrome, _ summary: CategorySummary) -> BodyNode {
        let category = summary.category
        let key = category.key
        return H.form(action: SiteURL.staff(.communityCategory(key: key)).path, csrf: chrome.csrf, [
            .h2(.class("h5"), .a(.attr("href", SiteURL.communityCategory(key: key).path), .text(category.name)),
                .span(.class("text-body-secondary small ms-2"), .text("/community/\(key) · \(Wording.count(summary.topics, "topic"))"))),
            FormParts.text("name", id: "name-\(key)", label: "Name", value: category.name, errors: []),
            FormParts.text("description", id: "description-\(key)", label: "What belongs in it", value: category.description, errors: []),
            .div(.class("form-check mb-2"),
                H.input([H.attr("type", "checkbox"), H.attr("class", "form-check-input"), H.attr("id", "members-\(key)"), H.attr("name", "membersOnly"),
                         H.attr("value", "true")] + (category.membersOnly ? [H.attr("checked", nil)] : [])),
                .element(named: "label", nodes: [.attr("for", "members-\(key)"), .class("form-check-label"), .text("Members only")])),
            H.button("Save", style: "btn-outline-primary btn-sm"),
        ])
    }
}
