import Alerting
import Foundation
import Models

/// The `pagerduty` handler: triggers (WARNING, CRITICAL) or resolves (OK) an incident keyed by
/// the alert ID through PagerDuty's generic events API v1, as Kapacitor's PagerDuty service does.
struct PagerDutyHandler: AlertHandler {
    /// The `[pagerduty]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var serviceKey: String?

        enum CodingKeys: String, CodingKey {
            case enabled, url, serviceKey = "service-key"
        }
    }

    /// The options (`.pagerDuty()` properties or topic-handler options).
    struct Options: Decodable {
        var serviceKey: String?

        enum CodingKeys: String, CodingKey {
            case serviceKey = "service-key"
        }
    }

    let config: Config
    let options: Options
    let clientURL: String
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            ServiceResponse.message(
                response, key: "message",
                fallback: "failed to understand PagerDuty response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`; INFO events are refused.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let eventType: String
        switch event.state.level {
        case .warning, .critical: eventType = "trigger"
        case .info: throw HandlerError("AlertLevel 'info' is currently ignored by the PagerDuty service")
        case .ok: eventType = "resolve"
        }
        let body = ServiceJSON.stringMap([
            "service_key": options.serviceKey.nonEmpty ?? config.serviceKey ?? "",
            "event_type": eventType,
            "description": event.state.message,
            "incident_key": event.state.id,
            "client": "kapacitor",
            "client_url": clientURL,
            "details": event.state.details,
        ])
        return ServiceRequest(
            url: config.url ?? "https://events.pagerduty.com/generic/2010-04-15/create_event.json", json: body)
    }
}

/// The `pagerduty` kind.
struct PagerDutyHandlerKind: HandlerKind {
    let kind = "pagerduty"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        PagerDutyHandler(
            config: try environment.serviceSection("pagerduty", as: PagerDutyHandler.Config.self),
            options: try JSONDecoder().decode(PagerDutyHandler.Options.self, from: options),
            clientURL: environment.kapacitorURL, poster: environment.poster)
    }
}
