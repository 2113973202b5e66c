import Models
import Storage

/// What a create or update of a task asks for; nil fields are not given.
public struct TaskRequest: Sendable, Equatable {
    public var id: String?
    public var templateID: String?
    public var type: TaskType?
    public var dbrps: [DBRP]?
    public var script: String?
    public var status: TaskStatus?
    /// The template vars as a JSON object text.
    public var varsJSON: String?

    /// Creates a request.
    public init(
        id: String? = nil, templateID: String? = nil, type: TaskType? = nil, dbrps: [DBRP]? = nil,
        script: String? = nil, status: TaskStatus? = nil, varsJSON: String? = nil
    ) {
        self.id = id
        self.templateID = templateID
        self.type = type
        self.dbrps = dbrps
        self.script = script
        self.status = status
        self.varsJSON = varsJSON
    }

    /// Checks a task (or template, as `kind`) ID as Kapacitor does: letters, digits, `-`, `_` and `.` only.
    static func validate(id: String, kind: String = "task") throws(EngineError) {
        guard !id.isEmpty else { throw .invalid("\(kind) must have an ID") }
        let valid = id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard valid else {
            throw .invalid("\(kind) ID must contain only letters, numbers, '-', '.' and '_'. \"\(id)\"")
        }
    }
}

/// A task as the API shows it: its stored definition and its runtime state.
public struct TaskInfo: Sendable {
    /// The stored definition.
    public var record: TaskRecord
    /// Whether the task runs now.
    public var executing: Bool
    /// Points delivered to the running task, nil when it does not run.
    public var pointsReceived: Int64?
    /// The error that keeps the task from running, or empty.
    public var error: String = ""
    /// The running graph's statistics, nil when the task does not run.
    public var execution: ExecutionStats?
    /// The task's pipeline as Graphviz text (`digraph id { stream0 -> from1; ... }`), built from
    /// the script when asked for (lists that leave `dot` out never parse it).
    public var dot: String { dot(labels: false) }

    /// The DOT, with the running graph's statistics as attributes or as `labels`.
    public func dot(labels: Bool) -> String {
        guard let execution else { return TaskScript.dot(record.script, vars: TaskVars.stored(record.vars), name: record.id) }
        return execution.graph.dot(
            name: record.id, stats: execution.nodes, cardinalities: execution.cardinalities,
            throughput: execution.throughput, unit: record.type == .batch ? "batches" : "points", labels: labels)
    }
}

/// Why a task operation failed, in Kapacitor's words; the HTTP layer maps the case to a status.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    case notFound(String)
    case conflict(String)
    case storage(String)
    /// An operation that failed part way, such as reloading the tasks of an updated template.
    case failed(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalid(let message), .notFound(let message), .conflict(let message), .storage(let message),
             .failed(let message): message
        }
    }
}
