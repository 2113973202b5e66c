/// The 25 alert handler properties of Kapacitor 1.8's alert node and their sub-properties; each
/// stores its options under the option names of its topic-handler kind.
enum HandlerCatalog {
    static let all: [HandlerSpec] = [
        HandlerSpec("post", properties: [
            .option("endpoint"), .mapOption("header", "headers", anyValue: false),
            .flagOption("captureResponse", "capture-response"), .durationOption("timeout"),
            .flagOption("skipSSLVerification", "skip-ssl-verification"), .option("url"),
        ]) { arguments throws(PipelineError) in
            try arguments.expect(0...1)
            return arguments.count == 0 ? [:] : ["url": .string(try arguments.string(0))]
        },
        HandlerSpec("tcp", properties: [.option("address")]) { arguments throws(PipelineError) in
            try arguments.expect(1)
            return ["address": .string(try arguments.string(0))]
        },
        HandlerSpec("email", kind: "smtp", properties: [
            .listOption("to", append: true), .listOption("toTemplates", "to-field", append: true),
        ]) { arguments throws(PipelineError) in
            arguments.count == 0 ? [:] : ["to": .list(try arguments.strings().map(ScriptValue.string))]
        },
        HandlerSpec("exec") { arguments throws(PipelineError) in
            try arguments.expect(1...Int.max)
            let command = try arguments.strings().map(ScriptValue.string)
            return ["prog": command[0], "args": .list(Array(command.dropFirst()))]
        },
        HandlerSpec("log", properties: [.intOption("mode")]) { arguments throws(PipelineError) in
            try arguments.expect(1)
            return ["path": .string(try arguments.string(0))]
        },
        HandlerSpec("victorOps", properties: [.option("routingKey", "routing-key")]),
        HandlerSpec("pagerDuty", properties: [.option("serviceKey", "service-key")]),
        HandlerSpec("pagerDuty2", properties: [.option("routingKey", "routing-key"), .option("serviceKey", "routing-key"), link]),
        HandlerSpec("pushover", properties: [
            .option("userKey", "user-key"), .option("device"), .option("title"), .option("url"),
            .option("urlTitle", "url-title"), .option("sound"),
        ]),
        HandlerSpec("sensu", properties: [.option("source"), .listOption("handlers"), .mapOption("metadata")]),
        HandlerSpec("slack", properties: [
            .option("workspace"), .option("channel"), .option("username"), .option("iconEmoji", "icon-emoji"),
        ]),
        HandlerSpec("discord", properties: [
            .option("workspace"), .option("username"), .option("avatarURL", "avatar-url"), .option("embedTitle", "embed-title"),
        ]),
        HandlerSpec("bigPanda", properties: [
            .option("appKey", "app-key"), .option("host"), .option("primaryProperty", "primary-property"),
            .option("secondaryProperty", "secondary-property"), .mapOption("attribute", "attributes"),
        ]),
        HandlerSpec("telegram", properties: [
            .option("chatId", "chat-id"), .option("parseMode", "parse-mode"),
            .flagOption("disableWebPagePreview", "disable-web-page-preview"),
            .flagOption("disableNotification", "disable-notification"),
        ]),
        HandlerSpec("hipChat", properties: [.option("room"), .option("token")]),
        HandlerSpec("alerta", properties: [
            .option("token"), .option("resource"), .option("event"), .option("environment"), .option("group"),
            .option("value"), .option("origin"), .listOption("services", "service"), .listOption("correlated", "correlate"),
            .mapOption("attribute", "attributes"), .durationOption("timeout"),
        ]),
        HandlerSpec("opsGenie", properties: [.listOption("teams", "teams-list"), .listOption("recipients", "recipients-list")]),
        HandlerSpec("opsGenie2", properties: [
            .listOption("teams", "teams-list"), .listOption("recipients", "recipients-list"),
            .option("recoveryAction", "recovery_action"),
            .flagOption("details"),
        ]),
        HandlerSpec("talk"),
        HandlerSpec("mqtt", properties: [
            .option("brokerName", "broker-name"), .option("topic"), .intOption("qos"), .boolOption("retained"),
        ]) { arguments throws(PipelineError) in
            try arguments.expect(1)
            return ["topic": .string(try arguments.string(0))]
        },
        HandlerSpec("snmpTrap", properties: [snmpData]) { arguments throws(PipelineError) in
            try arguments.expect(1)
            return ["trap-oid": .string(try arguments.string(0))]
        },
        HandlerSpec("kafka", properties: [
            .option("cluster"), .option("kafkaTopic", "topic"), .option("template"),
            .flagOption("disablePartitionById"), .option("partitionHashAlgorithm", "partitionAlgorithm"),
        ]),
        HandlerSpec("teams", properties: [.option("channelURL", "channel-url")]),
        HandlerSpec("serviceNow", properties: [
            .option("url"), .option("username"), .option("password"), .option("source"), .option("node"),
            .option("type"), .option("resource"), .option("metricName"),
            .option("messageKey"), .mapOption("additionalInfo", "additional_info"),
        ]),
        HandlerSpec("zenoss", properties: [
            .option("url"), .option("username"), .option("password"), .option("action"), .option("method"),
            .option("type"), .intOption("tid"), .option("collector"), .option("summary"), .option("device"),
            .option("component"), .option("eventClassKey"), .option("eventClass"),
            .option("message"), .mapOption("customField"),
        ]),
    ]

    /// The handler created by alert property `method`.
    static func spec(_ method: String) -> HandlerSpec? { all.first { $0.method == method } }

    /// `.link(url[, text])` of pagerDuty2: appends `{href, text}` to `links`.
    static let link = Property<AlertHandlerCall>.custom("link", "string[, string]", doc: "A link shown with the incident.") {
        call, arguments throws(PipelineError) in
        try arguments.expect(1...2)
        var links: [ScriptValue] = []
        if case .list(let existing) = call.options["links"] { links = existing }
        let text = arguments.count == 2 ? try arguments.string(1) : ""
        links.append(.map(["href": .string(try arguments.string(0)), "text": .string(text)]))
        call.options["links"] = .list(links)
    }

    /// `.data(oid, type, value)` of snmpTrap: appends a variable binding to `data-list`.
    static let snmpData = Property<AlertHandlerCall>.custom("data", "string, string, string", doc: "A variable binding of the trap.") {
        call, arguments throws(PipelineError) in
        try arguments.expect(3)
        let type = try arguments.string(1)
        let oid = try arguments.string(0)
        guard ["c", "i", "n", "s", "t"].contains(type) else {
            let trap = if case .string(let trap) = call.options["trap-oid"] { trap } else { "" }
            throw arguments.error(1, "invalid SNMP trap \"\(trap)\": unsupported data type \"\(type)\" for data entry \"\(oid)\"")
        }
        var data: [ScriptValue] = []
        if case .list(let existing) = call.options["data-list"] { data = existing }
        data.append(.map(["oid": .string(oid), "type": .string(type), "value": .string(try arguments.string(2))]))
        call.options["data-list"] = .list(data)
    }
}
