import Models

/// A task as GET `/kapacitor/v1/tasks/{id}` returns it.
public struct TaskResponse: Sendable, Codable, Equatable {
    public var link: Link
    public var id: String
    public var templateID: String?
    public var type: TaskType
    public var dbrps: [DBRP]
    public var script: String
    public var vars: [String: JSONValue]
    public var dot: String
    public var status: TaskStatus
    public var executing: Bool
    public var error: String
    public var stats: JSONValue
    /// RFC 3339 with nanoseconds.
    public var created: String
    /// RFC 3339 with nanoseconds.
    public var modified: String
    /// RFC 3339 with nanoseconds; `0001-01-01T00:00:00Z` when never enabled.
    public var lastEnabled: String

    enum CodingKeys: String, CodingKey {
        case link, id, templateID = "template-id", type, dbrps, script, vars, dot, status, executing, error, stats
        case created, modified, lastEnabled = "last-enabled"
    }

    /// Creates a task body.
    public init(
        link: Link, id: String, templateID: String?, type: TaskType, dbrps: [DBRP], script: String,
        vars: [String: JSONValue], dot: String, status: TaskStatus, executing: Bool, error: String,
        stats: JSONValue, created: String, modified: String, lastEnabled: String
    ) {
        self.link = link
        self.id = id
        self.templateID = templateID
        self.type = type
        self.dbrps = dbrps
        self.script = script
        self.vars = vars
        self.dot = dot
        self.status = status
        self.executing = executing
        self.error = error
        self.stats = stats
        self.created = created
        self.modified = modified
        self.lastEnabled = lastEnabled
    }
}

/// The body of POST `/kapacitor/v1/tasks` and PATCH `/kapacitor/v1/tasks/{id}`; every field is optional.
public struct TaskOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var templateID: String?
    public var type: TaskType?
    public var dbrps: [DBRP]?
    public var script: String?
    public var status: TaskStatus?
    public var vars: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case id, templateID = "template-id", type, dbrps, script, status, vars
    }

    /// Creates options.
    public init(
        id: String? = nil, templateID: String? = nil, type: TaskType? = nil, dbrps: [DBRP]? = nil,
        script: String? = nil, status: TaskStatus? = nil, vars: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.templateID = templateID
        self.type = type
        self.dbrps = dbrps
        self.script = script
        self.status = status
        self.vars = vars
    }
}

/// The body of GET `/kapacitor/v1/tasks`.
public struct TaskList: Sendable, Codable {
    /// The tasks of the page.
    public var tasks: [TaskResponse]

    /// Creates a list.
    public init(tasks: [TaskResponse]) { self.tasks = tasks }
}
