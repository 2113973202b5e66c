/// A topic handler as the API and handler files describe it: events of `topic` that pass `match`
/// go to a handler of `kind` made from `options`.
public struct TopicHandlerSpec: Sendable, Equatable {
    /// The topic.
    public var topic: String
    /// The handler ID, unique in its topic.
    public var id: String
    /// The handler kind (`log`, `post`, `aggregate`, `publish`).
    public var kind: String
    /// The options, as JSON object text.
    public var options: String
    /// The match expression; empty matches every event.
    public var match: String

    /// Creates a spec.
    public init(topic: String, id: String, kind: String, options: String = "{}", match: String = "") {
        self.topic = topic
        self.id = id
        self.kind = kind
        self.options = options
        self.match = match
    }

    /// Kapacitor's `HandlerSpec.Validate`, with its messages.
    func validate() throws(EngineError) {
        if !Self.isValidID(topic, allowingColon: true) {
            throw .invalid("handler topic must contain only letters, numbers, '-', '.' and '_'. \"\(id)\"")
        }
        if !Self.isValidID(id, allowingColon: false) {
            throw .invalid("handler ID must contain only letters, numbers, '-', '.' and '_'. \"\(id)\"")
        }
        if kind.isEmpty { throw .invalid("handler Kind must not be empty") }
    }

    /// Whether `text` is non-empty and only letters, digits, `-`, `.`, `_` (and `:` for topics).
    static func isValidID(_ text: String, allowingColon: Bool) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._".unicodeScalars.contains(scalar)
                || (allowingColon && scalar == ":")
        }
    }
}
