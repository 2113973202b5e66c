import Alerting
import Foundation
import GoTemplate
import Models

/// The `pagerduty2` handler: sends the event to PagerDuty's Events API v2 as a trigger (or a
/// resolve for OK) deduplicated by alert ID, as Kapacitor's PagerDuty2 service does.
struct PagerDuty2Handler: AlertHandler {
    /// The `[pagerduty2]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var routingKey: String?

        enum CodingKeys: String, CodingKey {
            case enabled, url, routingKey = "routing-key"
        }
    }

    /// The options (`.pagerDuty2()` properties or topic-handler options).
    struct Options: Decodable {
        /// A link shown with the incident; `href` and `text` are templates of the event.
        struct Link: Decodable {
            var href: String
            var text: String?
        }

        var routingKey: String?
        var links: [Link]?

        enum CodingKeys: String, CodingKey {
            case routingKey = "routing-key", links
        }
    }

    /// A link's parsed templates; without a text template the text is the rendered href.
    struct LinkTemplate {
        var href: Template
        var text: Template?
    }

    let config: Config
    let routingKey: String
    let links: [LinkTemplate]
    let clientURL: String
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [200, 202]) { response in
            PagerDuty2Handler.failure(response)
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        let data = event.serviceTemplateValue
        let renderedLinks: [ServiceJSON] = try links.map { link in
            let href = try link.href.render(data)
            let text = try link.text.map { try $0.render(data) } ?? href
            return .object([("href", .string(href)), ("text", .string(text))])
        }
        guard config.enabled == true else { throw HandlerError.notEnabled }
        var action = "trigger"
        let severity: String
        switch event.state.level {
        case .warning: severity = "warning"
        case .critical: severity = "critical"
        case .info: severity = "info"
        case .ok:
            action = "resolve"
            severity = "info"
        }
        let payload = ServiceJSON.object([
            ("summary", .string(event.state.message)),
            ("source", .string(event.data.tags["host"] ?? "unknown")),
            ("severity", .string(severity)),
            ("timestamp", .string(event.state.time.rfc3339FixedNano)),
            ("class", .string(event.data.taskName)),
            ("component", .string("")),
            ("group", .string("")),
            ("custom_details", .object([("result", .result(event.data.result))])),
        ])
        let body = ServiceJSON.object([
            ("routing_key", .string(routingKey.isEmpty ? config.routingKey ?? "" : routingKey)),
            ("event_action", .string(action)),
            ("dedup_key", .string(event.state.id)),
            ("payload", payload),
            ("images", .null),
            ("links", renderedLinks.isEmpty ? .null : .array(renderedLinks)),
            ("client", .string("kapacitor")),
            ("client_url", .string(clientURL)),
        ])
        return ServiceRequest(
            url: config.url ?? "https://events.pagerduty.com/v2/enqueue", json: body,
            extraHeaders: [("Accept", "application/vnd.pagerduty+json;version=2")])
    }

    /// Kapacitor's error for a refused event: the response's status, message and errors.
    static func failure(_ response: HTTPPostResponse) -> String {
        var status = ""
        var message = "failed to understand PagerDuty2 response. code: \(response.status) content: \(response.body)"
        var errors: [String] = []
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] {
            status = object["status"] as? String ?? status
            message = object["message"] as? String ?? message
            errors = object["errors"] as? [String] ?? errors
        }
        return "Status: \(status), Message: \(message) Errors: [\(errors.joined(separator: " "))]"
    }
}

/// The `pagerduty2` kind; link templates that do not parse fail the handler's creation.
struct PagerDuty2HandlerKind: HandlerKind {
    let kind = "pagerduty2"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(PagerDuty2Handler.Options.self, from: options)
        let links = try (options.links ?? []).map { link in
            PagerDuty2Handler.LinkTemplate(
                href: try Template(parsing: link.href, name: "href"),
                text: try link.text.nonEmpty.map { try Template(parsing: $0, name: "text") })
        }
        return PagerDuty2Handler(
            config: try environment.serviceSection("pagerduty2", as: PagerDuty2Handler.Config.self),
            routingKey: options.routingKey ?? "", links: links, clientURL: environment.kapacitorURL,
            poster: environment.poster)
    }
}
