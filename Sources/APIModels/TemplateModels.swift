import Models

/// A template as GET `/kapacitor/v1/templates/{id}` returns it.
public struct TemplateResponse: Sendable, Codable, Equatable {
    public var link: Link
    public var id: String
    public var type: TaskType
    public var script: String
    /// The vars the script declares: `{type, value, description}`, a null value for `var x type`.
    public var vars: [String: JSONValue]
    public var dot: String
    public var error: String
    /// RFC 3339 with nanoseconds.
    public var created: String
    /// RFC 3339 with nanoseconds.
    public var modified: String

    /// Creates a template body.
    public init(
        link: Link, id: String, type: TaskType, script: String, vars: [String: JSONValue], dot: String, error: String,
        created: String, modified: String
    ) {
        self.link = link
        self.id = id
        self.type = type
        self.script = script
        self.vars = vars
        self.dot = dot
        self.error = error
        self.created = created
        self.modified = modified
    }

    /// Decodes a template; a list narrowed by `fields` may leave any member out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        link = try container.decodeIfPresent(Link.self, forKey: .link) ?? Link(href: "")
        id = try container.decode(String.self, forKey: .id)
        type = try container.decodeIfPresent(TaskType.self, forKey: .type) ?? .invalid
        script = try container.decodeIfPresent(String.self, forKey: .script) ?? ""
        vars = try container.decodeIfPresent([String: JSONValue].self, forKey: .vars) ?? [:]
        dot = try container.decodeIfPresent(String.self, forKey: .dot) ?? ""
        error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
        created = try container.decodeIfPresent(String.self, forKey: .created) ?? ""
        modified = try container.decodeIfPresent(String.self, forKey: .modified) ?? ""
    }
}

/// The body of POST `/kapacitor/v1/templates` and PATCH `/kapacitor/v1/templates/{id}`; every field
/// is optional.
public struct TemplateOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var type: TaskType?
    public var script: String?

    /// Creates options.
    public init(id: String? = nil, type: TaskType? = nil, script: String? = nil) {
        self.id = id
        self.type = type
        self.script = script
    }
}

/// The body of GET `/kapacitor/v1/templates`.
public struct TemplateList: Sendable, Codable {
    /// The templates of the page.
    public var templates: [TemplateResponse]

    /// Creates a list.
    public init(templates: [TemplateResponse]) { self.templates = templates }
}
