import Alerting
import Foundation
import Models

/// The `victorops` handler: posts the event to VictorOps' REST endpoint at
/// `url/api-key/routing-key` with message type CRITICAL, WARNING, INFO or RECOVERY, as
/// Kapacitor's VictorOps service does.
struct VictorOpsHandler: AlertHandler {
    /// The `[victorops]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var apiKey: String?
        var routingKey: String?
        var url: String?
        /// Whether `data` is the result as JSON rather than as a JSON string.
        var jsonData: Bool?

        enum CodingKeys: String, CodingKey {
            case enabled, apiKey = "api-key", routingKey = "routing-key", url, jsonData = "json-data"
        }
    }

    /// The options (`.victorOps()` properties or topic-handler options).
    struct Options: Decodable {
        var routingKey: String?

        enum CodingKeys: String, CodingKey {
            case routingKey = "routing-key"
        }
    }

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            if response.status == 404 { return "URL or API key not found: 404" }
            return ServiceResponse.message(
                response, key: "message",
                fallback: "failed to understand VictorOps response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let result = ServiceJSON.result(event.data.result)
        let seconds = event.state.time >= 0 ? event.state.time / 1_000_000_000 : (event.state.time + 1) / 1_000_000_000 - 1
        let body = ServiceJSON.sortedObject([
            ("message_type", .string(event.state.level == .ok ? "RECOVERY" : event.state.level.description)),
            ("entity_id", .string(event.state.id)),
            ("state_message", .string(event.state.message)),
            ("timestamp", .int(seconds)),
            ("monitoring_tool", .string("kapacitor")),
            ("data", config.jsonData == true ? result : .string(result.text)),
        ])
        let routingKey = options.routingKey.nonEmpty ?? config.routingKey ?? ""
        let base = config.url ?? "https://alert.victorops.com/integrations/generic/20131114/alert"
        return ServiceRequest(url: ServiceURL.joiningPath(base, config.apiKey ?? "", routingKey), json: body)
    }
}

/// The `victorops` kind.
struct VictorOpsHandlerKind: HandlerKind {
    let kind = "victorops"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        VictorOpsHandler(
            config: try environment.serviceSection("victorops", as: VictorOpsHandler.Config.self),
            options: try JSONDecoder().decode(VictorOpsHandler.Options.self, from: options),
            poster: environment.poster)
    }
}
