import Alerting
import Foundation
import GoTemplate
import Models

/// The `servicenow` handler: posts the event as one record to ServiceNow's event management
/// web service (`em/jsonv2`), as Kapacitor's ServiceNow service does.
struct ServiceNowHandler: AlertHandler {
    /// The `[servicenow]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var source: String?
        var username: String?
        var password: String?
    }

    /// The options (`.serviceNow()` properties or topic-handler options, keys as Kapacitor's
    /// mapstructure matches them). Kapacitor ignores the handler's `username` and `password`:
    /// basic auth always comes from the section.
    struct Options: Decodable {
        var url: String?
        var source: String?
        var node: String?
        var type: String?
        var resource: String?
        var metricName: String?
        var messageKey: String?
        var additionalInfo: [String: OptionScalar]?

        enum CodingKeys: String, CodingKey {
            case url, source, node, type, resource, metricName, messageKey
            case additionalInfo = "additional_info"
        }
    }

    /// An additional-info entry: a template for string values, else the value as `%v` prints it.
    enum Info {
        case template(Template)
        case text(String)
    }

    /// How many bytes Kapacitor keeps of most record fields.
    static let usualCutoff = 100

    let config: Config
    let options: Options
    /// The node, type, resource, metric name and message key templates, nil where not given.
    let node: Template?, type: Template?, resource: Template?, metricName: Template?, messageKey: Template?
    let additionalInfo: [(String, Info)]
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand ServiceNow response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`; templates render with its `dataInfo` (ID, Name,
    /// TaskName, Fields, Tags), a template that fails to execute renders empty.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let data = TemplateValue.object(TemplateObject(
            typeName: "servicenow.dataInfo", names: ["ID", "Name", "TaskName", "Fields", "Tags"],
            values: [
                .string(event.state.id), .string(event.data.name), .string(event.data.taskName),
                event.data.fields.templateValue, event.data.tags.templateValue,
            ]))
        func render(_ template: Template?) -> String { (try? template?.render(data)) ?? "" }
        var info = ""
        if !additionalInfo.isEmpty {
            info = ServiceJSON.stringMap(Dictionary(additionalInfo.map { key, value in
                switch value {
                case .template(let template): (key, render(template))
                case .text(let text): (key, text)
                }
            }, uniquingKeysWith: { first, _ in first })).text
        }
        let severity = switch event.state.level {
        case .ok, .info: "5"
        case .warning: "4"
        case .critical: "1"
        }
        let messageKey = render(messageKey)
        var record: [(String, ServiceJSON)] = [("source", .string(Self.cut(options.source.nonEmpty ?? config.source ?? "", Self.usualCutoff)))]
        let optional: [(String, String)] = [
            ("node", Self.cut(render(node), Self.usualCutoff)), ("type", Self.cut(render(type), Self.usualCutoff)),
            ("resource", Self.cut(render(resource), Self.usualCutoff)),
            ("metric_name", Self.cut(render(metricName), Self.usualCutoff)),
            ("message_key", Self.cut(messageKey.isEmpty ? event.state.id : messageKey, 1024)),
            ("severity", severity), ("description", Self.cut(event.state.message, 4000)),
            ("additional_info", info),
        ]
        record += optional.filter { !$0.1.isEmpty }.map { ($0.0, .string($0.1)) }
        var headers: [(String, String)] = []
        if let username = config.username.nonEmpty, let password = config.password.nonEmpty {
            headers.append(("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()))
        }
        return ServiceRequest(
            url: options.url.nonEmpty ?? config.url ?? "https://instance.service-now.com/api/global/em/jsonv2",
            json: .object([("records", .array([.object(record)]))]), extraHeaders: headers, marshaled: true)
    }

    /// The first `limit` bytes of `text`, as Go slices a string (a split character becomes U+FFFD).
    static func cut(_ text: String, _ limit: Int) -> String {
        String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    }
}

/// The `servicenow` kind; templates that do not parse fail the handler's creation.
struct ServiceNowHandlerKind: HandlerKind {
    let kind = "servicenow"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(ServiceNowHandler.Options.self, from: options)
        func parse(_ text: String?, _ name: String) throws -> Template? {
            try text.nonEmpty.map { try Template(parsing: $0, name: name) }
        }
        let info: [(String, ServiceNowHandler.Info)] = try (options.additionalInfo ?? [:]).map { key, value in
            if case .string(let text) = value {
                return (key, .template(try Template(parsing: text, name: "additional_info." + key)))
            }
            return (key, .text(value.formatted))
        }
        return ServiceNowHandler(
            config: try environment.serviceSection("servicenow", as: ServiceNowHandler.Config.self),
            options: options, node: try parse(options.node, "node"), type: try parse(options.type, "type"),
            resource: try parse(options.resource, "resource"), metricName: try parse(options.metricName, "metricName"),
            messageKey: try parse(options.messageKey, "messageKey"), additionalInfo: info, poster: environment.poster)
    }
}
