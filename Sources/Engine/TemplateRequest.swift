import Models
import Storage
import TICKscript

/// What a create or update of a template asks for; nil fields are not given.
public struct TemplateRequest: Sendable, Equatable {
    public var id: String?
    /// The type asked for; Kapacitor derives the type from the script, as Condenser does.
    public var type: TaskType?
    public var script: String?

    /// Creates a request.
    public init(id: String? = nil, type: TaskType? = nil, script: String? = nil) {
        self.id = id
        self.type = type
        self.script = script
    }
}

/// A template as the API shows it: its stored definition and what its script declares.
public struct TemplateInfo: Sendable, Equatable {
    /// The stored definition.
    public var record: TemplateRecord

    /// Creates an info.
    public init(record: TemplateRecord) { self.record = record }

    /// The vars the script declares, with their default values (none for `var x type`), as the
    /// API's JSON object.
    public var varsJSON: String {
        let vars = (try? Parser.parse(record.script).declaredVars()) ?? [:]
        return TaskVars.encode(vars)
    }

    /// The template's pipeline as Graphviz text, declared vars left at their zero values.
    public var dot: String { TaskScript.dot(record.script, template: true, name: record.id) }
}
