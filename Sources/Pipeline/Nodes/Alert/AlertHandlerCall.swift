/// An alert handler as an alert node's property creates it (`.slack().channel('#ops')`): its
/// topic-handler kind and its options under the option names of that kind, from which the
/// handler's own options type decodes.
public struct AlertHandlerCall: Sendable, Equatable {
    /// The topic-handler kind (`post`, `slack`, `pagerduty2`).
    public var kind: String
    /// The options set so far.
    public var options: [String: ScriptValue]

    /// A handler of `kind` with `options`.
    public init(kind: String, options: [String: ScriptValue] = [:]) {
        self.kind = kind
        self.options = options
    }
}

/// The declaration of one alert handler property: the method creating it and its sub-properties.
struct HandlerSpec: Sendable {
    /// The alert node's property method (`pagerDuty2`).
    let method: String
    /// The topic-handler kind it creates (`pagerduty2`).
    let kind: String
    /// The sub-properties.
    let properties: [Property<AlertHandlerCall>]
    /// Reads the creating call's arguments into options.
    let create: @Sendable (Arguments) throws(PipelineError) -> [String: ScriptValue]

    init(
        _ method: String, kind: String? = nil, properties: [Property<AlertHandlerCall>] = [],
        create: @escaping @Sendable (Arguments) throws(PipelineError) -> [String: ScriptValue] = noArguments
    ) {
        self.method = method
        self.kind = kind ?? method.lowercased()
        self.properties = properties
        self.create = create
    }

    /// The creating call of handlers that take no arguments (`.slack()`).
    @Sendable static func noArguments(_ arguments: Arguments) throws(PipelineError) -> [String: ScriptValue] {
        try arguments.expect(0)
        return [:]
    }

    /// The property named `name`, also when written with a capital first letter (`.URL()`), as
    /// Kapacitor's reflection allows.
    func property(_ name: String) -> Property<AlertHandlerCall>? {
        properties.first { $0.name == name } ?? properties.first { $0.name.lowercased() == name.lowercased() }
    }
}

/// Factories for handler options stored under their option name.
extension Property where Target == AlertHandlerCall {
    /// A string option.
    static func option(_ name: String, _ key: String? = nil, doc: String = "") -> Self {
        custom(name, "string", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(1)
            call.options[key ?? name] = .string(try arguments.string(0))
        }
    }

    /// An integer option.
    static func intOption(_ name: String, _ key: String? = nil, doc: String = "") -> Self {
        custom(name, "int", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(1)
            call.options[key ?? name] = .int(try arguments.int(0))
        }
    }

    /// A boolean option set with an argument.
    static func boolOption(_ name: String, _ key: String? = nil, doc: String = "") -> Self {
        custom(name, "bool", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(1)
            call.options[key ?? name] = .bool(try arguments.bool(0))
        }
    }

    /// A duration option.
    static func durationOption(_ name: String, _ key: String? = nil, doc: String = "") -> Self {
        custom(name, "duration", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(1)
            call.options[key ?? name] = .duration(try arguments.duration(0))
        }
    }

    /// A flag option: no argument, sets true.
    static func flagOption(_ name: String, _ key: String? = nil, doc: String = "") -> Self {
        custom(name, "", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(0)
            call.options[key ?? name] = .bool(true)
        }
    }

    /// A list of strings, replaced (or appended to when `append`) by each call.
    static func listOption(_ name: String, _ key: String? = nil, append: Bool = false, doc: String = "") -> Self {
        custom(name, "string...", doc: doc) { call, arguments throws(PipelineError) in
            var items: [ScriptValue] = []
            if append, case .list(let existing) = call.options[key ?? name] { items = existing }
            items += try arguments.strings().map(ScriptValue.string)
            call.options[key ?? name] = .list(items)
        }
    }

    /// A key/value option added to a map; `anyValue` allows numbers and booleans too.
    static func mapOption(_ name: String, _ key: String? = nil, anyValue: Bool = true, doc: String = "") -> Self {
        custom(name, anyValue ? "string, value" : "string, string", doc: doc) { call, arguments throws(PipelineError) in
            try arguments.expect(2)
            var map: [String: ScriptValue] = [:]
            if case .map(let existing) = call.options[key ?? name] { map = existing }
            map[try arguments.string(0)] = anyValue ? try arguments.fieldValue(1) : .string(try arguments.string(1))
            call.options[key ?? name] = .map(map)
        }
    }
}
