import Alerting
import Foundation
import GoTemplate
import Models

/// The `alerta` handler: posts the event to an Alerta server's `/alert` endpoint with its
/// resource, event, group, value, service and correlate templates rendered, as Kapacitor's
/// Alerta service does.
struct AlertaHandler: AlertHandler {
    /// The `[alerta]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var token: String?
        var tokenPrefix: String?
        var environment: String?
        var origin: String?

        enum CodingKeys: String, CodingKey {
            case enabled, url, token, tokenPrefix = "token-prefix", environment, origin
        }
    }

    /// The options (`.alerta()` properties or topic-handler options); absent keys take
    /// Kapacitor's defaults (`{{ .Name }}`, `{{ .ID }}`, `{{ .Group }}`, 24h).
    struct Options: Decodable {
        var token: String?
        var tokenPrefix: String?
        var resource: String?
        var event: String?
        var environment: String?
        var group: String?
        var value: String?
        var origin: String?
        var service: [String]?
        var correlate: [String]?
        var attributes: [String: OptionScalar]?
        var timeout: OptionDuration?

        enum CodingKeys: String, CodingKey {
            case token, tokenPrefix = "token-prefix", resource, event, environment, group, value, origin
            case service, correlate, attributes, timeout
        }
    }

    /// The parsed templates of the options.
    struct Templates {
        var resource: Template
        var event: Template
        var environment: Template
        var group: Template
        var value: Template
        var service: [Template]
        var correlate: [Template]
        /// Attributes in key order: a template for string values, else the value's JSON.
        var attributes: [(String, Template?, String)]
    }

    let config: Config
    let options: Options
    let templates: Templates
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [201]) { response in
            ServiceResponse.message(
                response, key: "message",
                fallback: "failed to understand Alerta response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`: a Go map, keys sorted; the tags as `k=v` in key
    /// order (Go's map order is random).
    func request(_ event: Event) throws -> ServiceRequest {
        let data = event.serviceTemplateValue
        let eventData = TemplateValue.object(TemplateObject(
            typeName: "alerta.eventData", names: ["ID", "Name", "TaskName", "Group", "Tags"],
            values: [
                .string(event.state.id), .string(event.data.name), .string(event.data.taskName),
                .string(event.data.group), event.data.tags.templateValue,
            ]))
        let resource = try templates.resource.render(data)
        let eventText = try templates.event.render(eventData)
        let environment = try templates.environment.render(data)
        let group = try templates.group.render(data)
        let value = try templates.value.render(data)
        let service = templates.service.isEmpty ? [event.data.name] : try templates.service.map { try $0.render(data) }
        let correlate = templates.correlate.isEmpty
            ? [event.data.name] : try templates.correlate.map { try $0.render(data) }
        let attributes: [(String, ServiceJSON)] = try templates.attributes.map { key, template, json in
            (key, try template.map { .string(try $0.render(data)) } ?? .raw(json))
        }
        guard !resource.isEmpty && !eventText.isEmpty else {
            throw HandlerError("Resource and Event are required to send an alert")
        }
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let severity = switch event.state.level {
        case .ok: "ok"
        case .info: "informational"
        case .warning: "warning"
        case .critical: "critical"
        }
        var fields: [(String, ServiceJSON)] = [
            ("resource", .string(resource)), ("event", .string(eventText)),
            ("environment", .string(environment.isEmpty ? config.environment ?? "" : environment)),
            ("severity", .string(severity)), ("group", .string(group)), ("value", .string(value)),
            ("text", .string(event.state.message)), ("origin", .string(options.origin.nonEmpty ?? config.origin ?? "")),
            ("rawData", .result(event.data.result)), ("service", .array(service.map(ServiceJSON.string))),
            ("correlate", .array(correlate.map(ServiceJSON.string))),
            ("timeout", .int((options.timeout?.nanoseconds ?? 86_400_000_000_000) / 1_000_000_000)),
            ("tags", .array(event.data.tags.map { .string($0.key + "=" + $0.value) })),
        ]
        if !attributes.isEmpty { fields.append(("attributes", .sortedObject(attributes))) }
        let token = options.token.nonEmpty ?? config.token ?? ""
        let prefix = options.tokenPrefix.nonEmpty ?? config.tokenPrefix.nonEmpty ?? "Bearer"
        return ServiceRequest(
            url: ServiceURL.joiningPath(config.url ?? "", "alert"), json: .sortedObject(fields),
            extraHeaders: [("Authorization", prefix + " " + token)])
    }
}

/// The `alerta` kind; templates that do not parse fail the handler's creation.
struct AlertaHandlerKind: HandlerKind {
    let kind = "alerta"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(AlertaHandler.Options.self, from: options)
        let attributes = try (options.attributes ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            if case .string(let text) = value {
                return (key, Optional(try Template(parsing: text, name: key)), "")
            }
            return (key, nil as Template?, value.jsonText)
        }
        let templates = AlertaHandler.Templates(
            resource: try Template(parsing: options.resource ?? "{{ .Name }}", name: "resource"),
            event: try Template(parsing: options.event ?? "{{ .ID }}", name: "event"),
            environment: try Template(parsing: options.environment ?? "", name: "environment"),
            group: try Template(parsing: options.group ?? "{{ .Group }}", name: "group"),
            value: try Template(parsing: options.value ?? "", name: "value"),
            service: try (options.service ?? []).map { try Template(parsing: $0, name: "service") },
            correlate: try (options.correlate ?? []).map { try Template(parsing: $0, name: "correlate") },
            attributes: attributes)
        return AlertaHandler(
            config: try environment.serviceSection("alerta", as: AlertaHandler.Config.self), options: options,
            templates: templates, poster: environment.poster)
    }
}
