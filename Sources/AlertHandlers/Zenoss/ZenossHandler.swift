import Alerting
import Foundation
import GoTemplate
import Models

/// The `zenoss` handler: sends the event to Zenoss's JSON API router (`EventsRouter.add_event`)
/// with rendered summary, device, component, event class, message and custom fields, as
/// Kapacitor's Zenoss service does.
struct ZenossHandler: AlertHandler {
    /// The `[zenoss]` section; absent keys take Kapacitor's defaults.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var username: String?
        var password: String?
        var action: String?
        var method: String?
        var type: String?
        var tid: Int64?
        var collector: String?
        var severityMap: SeverityMap?

        enum CodingKeys: String, CodingKey {
            case enabled, url, username, password, action, method, type, tid, collector, severityMap = "severity-map"
        }
    }

    /// The `severity-map` table: the Zenoss severity (a name or a number) of each level.
    struct SeverityMap: Decodable {
        var ok: OptionScalar?
        var info: OptionScalar?
        var warning: OptionScalar?
        var critical: OptionScalar?

        enum CodingKeys: String, CodingKey {
            case ok = "OK", info = "Info", warning = "Warning", critical = "Critical"
        }
    }

    /// The options (`.zenoss()` properties or topic-handler options, keys as Kapacitor's
    /// mapstructure matches them).
    struct Options: Decodable {
        var action: String?
        var method: String?
        var type: String?
        var tid: Int64?
        var summary: String?
        var device: String?
        var component: String?
        var eventClassKey: String?
        var eventClass: String?
        var collector: String?
        var message: String?
        var customField: [String: OptionScalar]?
    }

    /// The parsed templates; nil where the option is not given.
    struct Templates {
        var summary, device, component, eventClassKey, eventClass, collector, message: Template?
        /// Custom fields in key order: a template for string values, else the value.
        var custom: [(String, Template?, OptionScalar)]
    }

    let config: Config
    let options: Options
    let templates: Templates
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand Zenoss response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`. The data element went through a map, so its keys
    /// are sorted; a template that fails to execute renders empty, as Kapacitor ignores the error.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let info = TemplateValue.object(TemplateObject(
            typeName: "struct", names: [
                "Name", "TaskName", "ID", "Message", "Details", "Time", "Duration", "Level", "Recoverable", "Tags",
            ], values: [
                .string(event.data.name), .string(event.data.taskName), .string(event.state.id),
                .string(event.state.message), .string(event.state.details), .time(nanoseconds: event.state.time),
                .duration(nanoseconds: event.state.duration), .string(event.state.level.description),
                .bool(event.data.recoverable), event.data.tags.templateValue,
            ]))
        func render(_ template: Template?) -> String { (try? template?.render(info)) ?? "" }
        let summary = render(templates.summary)
        let collector = render(templates.collector)
        let message = Self.cut(render(templates.message), 4096)
        var data: [(String, ServiceJSON)] = [
            ("summary", .string(Self.cut(summary.isEmpty ? event.state.message : summary, 256))),
            ("device", .string(render(templates.device))), ("component", .string(render(templates.component))),
            ("severity", severity(event.state.level)), ("evclasskey", .string(render(templates.eventClassKey))),
            ("evclass", .string(render(templates.eventClass))),
        ]
        let configuredCollector = collector.isEmpty ? config.collector ?? "Kapacitor" : collector
        if !configuredCollector.isEmpty { data.append(("collector", .string(configuredCollector))) }
        if !message.isEmpty { data.append(("message", .string(message))) }
        for (key, template, value) in templates.custom {
            let field = template.map { ServiceJSON.string(render($0)) } ?? .raw(value.jsonText)
            data.removeAll { $0.0 == key }
            if case .string(let text) = field, text.hasPrefix("{") || text.hasPrefix("["),
               let parsed = try? JSONDecoder().decode(GoAnyJSON.self, from: Data(text.utf8)) {
                data.append((key, parsed.json))
            } else {
                data.append((key, field))
            }
        }
        let body = ServiceJSON.object([
            ("action", .string(options.action.nonEmpty ?? config.action ?? "EventsRouter")),
            ("method", .string(options.method.nonEmpty ?? config.method ?? "add_event")),
            ("data", .array([.sortedObject(data)])),
            ("type", .string(options.type.nonEmpty ?? config.type ?? "rpc")),
            ("tid", .int(options.tid.flatMap { $0 == 0 ? nil : $0 } ?? config.tid ?? 1)),
        ])
        var headers: [(String, String)] = []
        if let username = config.username.nonEmpty, let password = config.password.nonEmpty {
            headers.append(("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()))
        }
        return ServiceRequest(
            url: config.url ?? "https://tenant.zenoss.io:8080/zport/dmd/evconsole_router", json: body,
            extraHeaders: headers, marshaled: true)
    }

    /// The configured Zenoss severity of `level`, defaults Clear, Info, Warning and Critical; a
    /// number went through a Go map, so it prints as a float64.
    func severity(_ level: AlertLevel) -> ServiceJSON {
        let map = config.severityMap
        let (value, fallback) = switch level {
        case .ok: (map?.ok, "Clear")
        case .info: (map?.info, "Info")
        case .warning: (map?.warning, "Warning")
        case .critical: (map?.critical, "Critical")
        }
        switch value {
        case .string(let text): return .string(text)
        case .int(let number): return .float(Double(number))
        case .float(let number): return .float(number)
        case .bool(let flag): return .bool(flag)
        case nil: return .string(fallback)
        }
    }

    /// The first `limit` bytes of `text`, as Go slices a string.
    static func cut(_ text: String, _ limit: Int) -> String {
        String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    }
}

/// Any JSON value as Go's `json.Unmarshal` into `interface{}` keeps it: numbers as float64,
/// objects as maps (re-encoded with sorted keys).
private struct GoAnyJSON: Decodable {
    /// The value as Go re-encodes it.
    let json: ServiceJSON

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            json = .null
        } else if let flag = try? container.decode(Bool.self) {
            json = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            json = .float(number)
        } else if let text = try? container.decode(String.self) {
            json = .string(text)
        } else if let list = try? container.decode([GoAnyJSON].self) {
            json = .array(list.map(\.json))
        } else {
            let object = try container.decode([String: GoAnyJSON].self)
            json = .sortedObject(object.map { ($0.key, $0.value.json) })
        }
    }
}

/// The `zenoss` kind; templates that do not parse fail the handler's creation.
struct ZenossHandlerKind: HandlerKind {
    let kind = "zenoss"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(ZenossHandler.Options.self, from: options)
        func parse(_ text: String?, _ name: String) throws -> Template? {
            try text.nonEmpty.map { try Template(parsing: $0, name: name) }
        }
        let custom = try (options.customField ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            if case .string(let text) = value {
                return (key, Optional(try Template(parsing: text, name: "customData." + key)), value)
            }
            return (key, nil as Template?, value)
        }
        let templates = ZenossHandler.Templates(
            summary: try parse(options.summary, "summary"), device: try parse(options.device, "device"),
            component: try parse(options.component, "component"),
            eventClassKey: try parse(options.eventClassKey, "evclasskey"),
            eventClass: try parse(options.eventClass, "evclass"), collector: try parse(options.collector, "collector"),
            message: try parse(options.message, "message"), custom: custom)
        return ZenossHandler(
            config: try environment.serviceSection("zenoss", as: ZenossHandler.Config.self), options: options,
            templates: templates, poster: environment.poster)
    }
}
