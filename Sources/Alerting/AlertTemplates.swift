import GoTemplate

/// An alert node's `.id()`, `.message()` and `.details()` templates, parsed once: the first two
/// as Go's `text/template`, details as `html/template` with `json` and `jsonCompact`.
public struct AlertTemplates: Sendable {
    private let id: Template
    private let message: Template
    private let details: Template

    /// Parses the three templates; fails with Go's parse error.
    public init(id: String, message: String, details: String) throws(AlertingError) {
        do {
            self.id = try Template(parsing: id, name: "id")
            self.message = try Template(parsing: message, name: "message")
            self.details = try Template(parsing: details, name: "details", escaping: .html, functions: .json)
        } catch {
            throw AlertingError(error.message)
        }
    }

    /// Renders the template of `stage` with the part of `data` Kapacitor gives it.
    public func render(_ stage: AlertTemplateData.Stage, _ data: AlertTemplateData) throws(AlertingError) -> String {
        let template = switch stage {
        case .id: id
        case .message: message
        case .details: details
        }
        if let text = template.constantText { return text }
        if stage == .details, details.isJSONOfDot, let json = data.detailsJSON() { return Template.htmlEscaped(json) }
        do {
            return try template.render(data.templateValue(stage))
        } catch {
            throw AlertingError(error.message)
        }
    }
}

/// A problem of the alerting core: a template that does not parse or render.
public struct AlertingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in Kapacitor's words.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
