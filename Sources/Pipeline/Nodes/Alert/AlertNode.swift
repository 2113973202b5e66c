import TICKscript

/// Evaluates alert levels for each point or batch, and sends the resulting events to a topic
/// and to the handlers set with its handler properties.
public struct AlertNode: PipelineNode {
    public var category = ""
    public var topic = ""
    public var id = "{{ .Name }}:{{ .Group }}"
    public var message = "{{ .ID }} is {{ .Level }}"
    public var details = "{{ json . }}"
    public var info: Node?
    public var warn: Node?
    public var crit: Node?
    public var infoReset: Node?
    public var warnReset: Node?
    public var critReset: Node?
    public var flapping = false
    public var flapLow = 0.0
    public var flapHigh = 0.0
    public var history: Int64 = 21
    public var levelTag = ""
    public var levelField = ""
    public var messageField = ""
    public var durationField = ""
    public var idTag = ""
    public var idField = ""
    public var all = false
    public var noRecoveries = false
    public var stateChangesOnly = false
    public var stateChangesOnlyMaxInterval: Duration = .zero
    /// `.inhibit(category, tags...)` calls.
    public var inhibitors: [(category: String, equalTags: [String])] = []
    /// The handlers, in the order the script adds them.
    public var handlers: [AlertHandlerCall] = []

    public static let spec = NodeSpec<Self>(
        "alert", doc: "Raises and recovers alerts.", make: { Self() },
        properties: [
            .string("category", \.category, doc: "The category inhibitors match."),
            .string("topic", \.topic, doc: "The topic events are published to."),
            .string("id", \.id, doc: "The alert ID template."),
            .string("message", \.message, doc: "The message template."),
            .string("details", \.details, doc: "The details template (HTML-escaped)."),
            .lambda("info", \.info, doc: "The condition of the INFO level."),
            .lambda("warn", \.warn, doc: "The condition of the WARNING level."),
            .lambda("crit", \.crit, doc: "The condition of the CRITICAL level."),
            .lambda("infoReset", \.infoReset, doc: "When an INFO alert recovers."),
            .lambda("warnReset", \.warnReset, doc: "When a WARNING alert recovers."),
            .lambda("critReset", \.critReset, doc: "When a CRITICAL alert recovers."),
            .custom("flapping", "float, float", doc: "Suppresses events while the alert flaps between the thresholds.") {
                node, arguments throws(PipelineError) in
                try arguments.expect(2)
                node.flapping = true
                node.flapLow = try arguments.float(0)
                node.flapHigh = try arguments.float(1)
            },
            .int("history", \.history, doc: "The number of states flapping detection looks at."),
            .string("levelTag", \.levelTag, doc: "Adds the level as this tag."),
            .string("levelField", \.levelField, doc: "Adds the level as this field."),
            .string("messageField", \.messageField, doc: "Adds the message as this field."),
            .string("durationField", \.durationField, doc: "Adds the alert's duration as this field."),
            .string("idTag", \.idTag, doc: "Adds the alert ID as this tag."),
            .string("idField", \.idField, doc: "Adds the alert ID as this field."),
            .flag("all", \.all, doc: "A batch alerts only when every point matches."),
            .flag("noRecoveries", \.noRecoveries, doc: "Sends no OK events."),
            .custom("stateChangesOnly", "[duration]", doc: "Sends only level changes, or also every max interval.") {
                node, arguments throws(PipelineError) in
                try arguments.expect(0...1)
                node.stateChangesOnly = true
                if arguments.count == 1 { node.stateChangesOnlyMaxInterval = try arguments.duration(0) }
            },
            .custom("inhibit", "string, string...", doc: "Inhibited while an alert of the category with the same tags is raised.") {
                node, arguments throws(PipelineError) in
                try arguments.expect(1...Int.max)
                node.inhibitors.append((try arguments.string(0), try arguments.strings(from: 1)))
            },
        ] + HandlerCatalog.all.map(handlerProperty)
    )

    /// The alert property creating a handler: appends it and addresses its sub-properties next.
    static func handlerProperty(_ handler: HandlerSpec) -> Property<Self> {
        Property(handler.method, "", doc: "Sends events to \(handler.kind).") { node, arguments throws(PipelineError) in
            node.handlers.append(AlertHandlerCall(kind: handler.kind, options: try handler.create(arguments)))
            return node.handlers.count - 1
        }
    }

    public mutating func setSubProperty(_ index: Int, _ name: String, _ arguments: Arguments) throws(PipelineError) -> Bool {
        guard let spec = HandlerCatalog.all.first(where: { $0.kind == handlers[index].kind }),
              let property = spec.property(name) else { return false }
        _ = try property.apply(&handlers[index], arguments)
        return true
    }

    public func subPropertyNames(_ index: Int) -> [String] {
        HandlerCatalog.all.first { $0.kind == handlers[index].kind }?.properties.map(\.name) ?? []
    }

    public func validate() throws(PipelineError) {
        for handler in handlers {
            if handler.kind == "snmptrap", handler.options["trap-oid"] == .string("") {
                throw PipelineError("invalid SNMP trap \"\": you must supply a trap Oid")
            }
            if handler.kind == "post", case .map(let headers) = handler.options["headers"],
               headers.keys.contains(where: { $0.uppercased() == "AUTHENTICATE" }) {
                throw PipelineError("invalid post: cannot set 'authenticate' header")
            }
        }
    }
}
