import Alerting
import Foundation
import GoTemplate
import Models

/// The `bigpanda` handler: posts the event to BigPanda's alerts API with the app key, the
/// event's tags and fields (per `auto-attributes`) and rendered attributes, as Kapacitor's
/// BigPanda service does.
struct BigPandaHandler: AlertHandler {
    /// The `[bigpanda]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var appKey: String?
        var token: String?
        var url: String?
        var autoAttributes: String?

        enum CodingKeys: String, CodingKey {
            case enabled, appKey = "app-key", token, url, autoAttributes = "auto-attributes"
        }
    }

    /// The options (`.bigPanda()` properties or topic-handler options).
    struct Options: Decodable {
        var appKey: String?
        var url: String?
        var host: String?
        var primaryProperty: String?
        var secondaryProperty: String?
        var attributes: [String: OptionScalar]?

        enum CodingKeys: String, CodingKey {
            case appKey = "app-key", url, host, primaryProperty = "primary-property"
            case secondaryProperty = "secondary-property", attributes
        }
    }

    /// An attribute: a template for string values, else the value's JSON text.
    enum Attribute {
        case template(Template)
        case text(String)
    }

    let config: Config
    let options: Options
    let host: Template?
    let attributes: [(String, Attribute)]
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [201]) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand BigPanda response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`: a Go map (keys sorted), compacted so without
    /// the encoder's newline, with the bearer token.
    func request(_ event: Event) throws -> ServiceRequest {
        let data = event.serviceTemplateValue
        var rendered = ["host": try host?.render(data) ?? ""]
        for (key, attribute) in attributes {
            switch attribute {
            case .template(let template): rendered[key] = try template.render(data)
            case .text(let text): rendered[key] = text
            }
        }
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let status = switch event.state.level {
        case .warning: "warning"
        case .critical: "critical"
        case .ok, .info: "ok"
        }
        var fields: [String: ServiceJSON] = [:]
        if !event.state.message.isEmpty { fields["description"] = .string(event.state.message) }
        let details = HTMLEntities.unescape(event.state.details)
        if !details.isEmpty && !details.hasPrefix("{") { fields["details"] = .string(details) }
        if !event.state.id.isEmpty { fields["check"] = .string(event.state.id) }
        fields["task"] = .string(event.data.taskName + ":" + event.data.name)
        fields["timestamp"] = .int(event.state.time / 1_000_000_000 - (event.state.time % 1_000_000_000 < 0 ? 1 : 0))
        fields["status"] = .string(status)
        if let primary = options.primaryProperty.nonEmpty { fields["primary_property"] = .string(primary) }
        if let secondary = options.secondaryProperty.nonEmpty { fields["secondary_property"] = .string(secondary) }
        fields["app_key"] = .string(options.appKey.nonEmpty ?? config.appKey ?? "")
        let auto = (config.autoAttributes ?? "tags,fields").lowercased()
        if auto.contains("tags") {
            for tag in event.data.tags { fields[tag.key] = .string(tag.value) }
        }
        if auto.contains("fields") {
            for field in event.data.fields {
                if case .string(let text) = field.value {
                    fields[field.key] = .string(text)
                } else {
                    fields[field.key] = .string(field.value.serviceJSON.text)
                }
            }
        }
        for (key, value) in rendered { fields[key] = .string(value) }
        return ServiceRequest(
            url: options.url.nonEmpty ?? config.url ?? "https://api.bigpanda.io/data/v2/alerts",
            json: .sortedObject(fields.map { ($0.key, $0.value) }),
            extraHeaders: [("Authorization", "Bearer " + (config.token ?? ""))], marshaled: true)
    }
}

/// The `bigpanda` kind; a host or attribute template that does not parse fails the creation.
struct BigPandaHandlerKind: HandlerKind {
    let kind = "bigpanda"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(BigPandaHandler.Options.self, from: options)
        let attributes: [(String, BigPandaHandler.Attribute)] = try (options.attributes ?? [:]).map { key, value in
            if case .string(let text) = value {
                return (key, .template(try Template(parsing: text, name: key)))
            }
            return (key, .text(value.jsonText))
        }
        return BigPandaHandler(
            config: try environment.serviceSection("bigpanda", as: BigPandaHandler.Config.self), options: options,
            host: try options.host.nonEmpty.map { try Template(parsing: $0, name: "host") }, attributes: attributes,
            poster: environment.poster)
    }
}
