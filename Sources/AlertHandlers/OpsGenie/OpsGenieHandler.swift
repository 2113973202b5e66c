import Alerting
import Foundation
import Models

/// The `opsgenie` handler: creates an OpsGenie alert aliased by the alert ID, or on OK adds a
/// recovery note, through OpsGenie's v1 API as Kapacitor's OpsGenie service does.
struct OpsGenieHandler: AlertHandler {
    /// The `[opsgenie]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var apiKey: String?
        var teams: [String]?
        var recipients: [String]?
        var url: String?
        var recoveryURL: String?

        enum CodingKeys: String, CodingKey {
            case enabled, apiKey = "api-key", teams, recipients, url, recoveryURL = "recovery_url"
        }
    }

    /// The options (`.opsGenie()` properties or topic-handler options).
    struct Options: Decodable {
        var teams: [String]?
        var recipients: [String]?

        enum CodingKeys: String, CodingKey {
            case teams = "teams-list", recipients = "recipients-list"
        }
    }

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            ServiceResponse.message(
                response, key: "message",
                fallback: "failed to understand OpsGenie response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let recovery = event.state.level == .ok
        let messageType = recovery ? "RECOVERY" : event.state.level.description
        var fields: [(String, ServiceJSON)] = [
            ("apiKey", .string(config.apiKey ?? "")), ("entity", .string(event.state.id)),
            ("alias", .string(event.state.id)), ("message", .string(event.state.message)),
            ("note", .string(recovery ? event.state.message : "")), ("monitoring_tool", .string("kapacitor")),
            ("details", .stringMap(["Level": messageType, "Monitoring Tool": "Kapacitor"])),
            ("description", .string(ServiceJSON.result(event.data.result).text)),
        ]
        let teams = (options.teams ?? []).isEmpty ? config.teams ?? [] : options.teams ?? []
        if !teams.isEmpty { fields.append(("teams", .strings(teams))) }
        let recipients = (options.recipients ?? []).isEmpty ? config.recipients ?? [] : options.recipients ?? []
        if !recipients.isEmpty { fields.append(("recipients", .strings(recipients))) }
        let url = recovery
            ? (config.recoveryURL ?? "https://api.opsgenie.com/v1/json/alert/note")
            : (config.url ?? "https://api.opsgenie.com/v1/json/alert")
        return ServiceRequest(url: url + "/", json: .sortedObject(fields))
    }
}

/// The `opsgenie` kind.
struct OpsGenieHandlerKind: HandlerKind {
    let kind = "opsgenie"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        OpsGenieHandler(
            config: try environment.serviceSection("opsgenie", as: OpsGenieHandler.Config.self),
            options: try JSONDecoder().decode(OpsGenieHandler.Options.self, from: options),
            poster: environment.poster)
    }
}
