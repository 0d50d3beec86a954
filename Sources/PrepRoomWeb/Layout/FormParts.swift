import PrepRoomServices
import Plot
import PrepRoomCore

/// GOV.UK's error pattern on Bootstrap markup: a summary at the top that links to each
/// field at fault, the message beside the field, and the person's input kept.
enum FormParts {
    static func errorSummary(_ errors: [FieldError]) -> BodyNode {
        guard !errors.isEmpty else { return .empty }
        return H.element("div", [H.attr("class", "error-summary"), H.attr("role", "alert"),
                                 H.attr("tabindex", "-1"), H.attr("autofocus", nil), H.attr("aria-labelledby", "error-summary-title"),
                                 H.attr("id", "error-summary")], [
            .h2(.id("error-summary-title"), .class("h4"), .text("There is a problem")),
            .ul(.class("list-unstyled mb-0"), .forEach(errors) { error in
                .li(.a(.attr("href", "#\(fieldID(error.field))"), .text(error.message)))
            }),
        ])
    }

    private static func message(for name: String, in errors: [FieldError]) -> String? {
        errors.first { $0.field == name }?.message
    }

    /// The label, hint and error message, then the control; wires aria-describedby.
    /// `name` is the API field name; the HTML name and id are `fieldID(name)`. A page with
    /// one such form per item (a list of topics) gives each control its own `id`, so every
    /// label finds its own field.
    static func field(_ name: String, id: String? = nil, label: String, hint: String? = nil, errors: [FieldError],
                      control: ([Attribute<HTML.BodyContext>]) -> BodyNode) -> BodyNode {
        let id = id ?? fieldID(name)
        let error = message(for: name, in: errors)
        var describedBy: [String] = []
        if hint != nil { describedBy.append("\(id)-hint") }
        if error != nil { describedBy.append("\(id)-error") }
        var attributes = [H.attr("id", id), H.attr("name", fieldID(name))]
        if !describedBy.isEmpty { attributes.append(H.attr("aria-describedby", describedBy.joined(separator: " "))) }
        if error != nil { attributes.append(H.attr("aria-invalid", "true")) }
        return .div(.class("mb-3"),
            .element(named: "label", nodes: [.attr("for", id), .class("form-label fw-semibold"), .text(label)]),
            .unwrap(hint) { .div(.attr("id", "\(id)-hint"), .class("form-text mt-0 mb-1"), .text($0)) },
            .unwrap(error) { .p(.attr("id", "\(id)-error"), .class("field-error"), .span(.class("visually-hidden"), .text("Error: ")), .text($0)) },
            control(attributes)
        )
    }

    static func text(_ name: String, id: String? = nil, label: String, value: String?, hint: String? = nil, type: String = "text",
                     errors: [FieldError], extra: [Attribute<HTML.BodyContext>] = []) -> BodyNode {
        let invalid = message(for: name, in: errors) != nil
        return field(name, id: id, label: label, hint: hint, errors: errors) { attributes in
            H.input(attributes + [H.attr("type", type), H.attr("value", value ?? ""),
                                  H.attr("maxlength", String(TextLimit.limit(forField: fieldID(name)))),
                                  H.attr("class", "form-control" + (invalid ? " is-invalid" : ""))] + extra)
        }
    }

    static func textArea(_ name: String, id: String? = nil, label: String, value: String?, hint: String? = nil, rows: Int = 4,
                         errors: [FieldError]) -> BodyNode {
        let invalid = message(for: name, in: errors) != nil
        return field(name, id: id, label: label, hint: hint, errors: errors) { attributes in
            H.element("textarea", attributes + [H.attr("rows", String(rows)),
                                                H.attr("maxlength", String(TextLimit.limit(forField: fieldID(name)))),
                                                H.attr("class", "form-control" + (invalid ? " is-invalid" : ""))],
                      [.text(value ?? "")])
        }
    }

    static func select(_ name: String, id: String? = nil, label: String, options: [(value: String, label: String)], selected: String?,
                       hint: String? = nil, errors: [FieldError]) -> BodyNode {
        let invalid = message(for: name, in: errors) != nil
        return field(name, id: id, label: label, hint: hint, errors: errors) { attributes in
            H.element("select", attributes + [H.attr("class", "form-select" + (invalid ? " is-invalid" : ""))],
                      options.map { option in
                          var optionAttributes = [H.attr("value", option.value)]
                          if option.value == selected { optionAttributes.append(H.attr("selected", nil)) }
                          return H.element("option", optionAttributes, [.text(option.label)])
                      })
        }
    }

    /// A group of related controls with a legend; the group's error sits under the legend.
    static func fieldset(id: String, legend: String, hint: String? = nil, errors: [FieldError], _ children: [BodyNode]) -> BodyNode {
        let error = message(for: id, in: errors)
        return H.element("fieldset", [H.attr("class", "mb-3"), H.attr("id", id)], [
            H.element("legend", [H.attr("class", "form-label fw-semibold fs-6")], [.text(legend)]),
            .unwrap(hint) { .p(.class("form-text"), .text($0)) },
            .unwrap(error) { .p(.class("field-error"), .attr("id", "\(id)-error"), .text($0)) },
        ] + children)
    }

    /// One row of a summary list (`<dl>`): the GOV.UK pattern for facts about a thing.
    static func summaryRow(_ label: String, _ value: BodyNode) -> BodyNode {
        .div(.class("row py-2 border-bottom"),
             H.element("dt", [H.attr("class", "col-sm-5")], [.text(label)]),
             H.element("dd", [H.attr("class", "col-sm-7 mb-0")], [value]))
    }

    /// The error of a group of checkboxes, where the error summary's link for `name` lands.
    static func fieldError(_ name: String, in errors: [FieldError]) -> BodyNode {
        .unwrap(message(for: name, in: errors)) {
            .p(.attr("id", fieldID(name)), .attr("tabindex", "-1"), .class("field-error"),
               .span(.class("visually-hidden"), .text("Error: ")), .text($0))
        }
    }

    /// One choice among a few, each a radio button with its label, in a fieldset.
    static func radios(_ name: String, legend: String, options: [(value: String, label: String)], selected: String?) -> BodyNode {
        fieldset(id: fieldID(name), legend: legend, errors: [], options.map { option in
            let id = fieldID(name + "-" + option.value)
            var attributes = [H.attr("type", "radio"), H.attr("class", "form-check-input"), H.attr("name", name), H.attr("id", id),
                              H.attr("value", option.value)]
            if option.value == selected { attributes.append(H.attr("checked", nil)) }
            return .div(.class("form-check"), H.input(attributes),
                        .element(named: "label", nodes: [.attr("for", id), .class("form-check-label"), .text(option.label)]))
        })
    }

    static func checkbox(_ name: String, label: String, checked: Bool, value: String = "true", hint: String? = nil) -> BodyNode {
        let id = fieldID(name + "-" + value)
        var attributes = [H.attr("type", "checkbox"), H.attr("class", "form-check-input"), H.attr("id", id),
                          H.attr("name", name), H.attr("value", value)]
        if checked { attributes.append(H.attr("checked", nil)) }
        return .div(.class("form-check mb-2"),
            H.input(attributes),
            .element(named: "label", nodes: [.attr("for", id), .class("form-check-label"), .text(label)]),
            .unwrap(hint) { .div(.class("form-text"), .text($0)) }
        )
    }
}
