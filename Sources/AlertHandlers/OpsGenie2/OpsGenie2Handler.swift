import Alerting
import Foundation
import Models

/// The `opsgenie2` handler: creates an OpsGenie alert aliased by the base64 of the alert ID, and
/// on OK adds a note to it or closes it, through OpsGenie's v2 API as Kapacitor's OpsGenie2
/// service does.
struct OpsGenie2Handler: AlertHandler {
    /// The `[opsgenie2]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var apiKey: String?
        var teams: [String]?
        var recipients: [String]?
        var url: String?
        var recoveryAction: String?
        /// Whether the description is the event's details rather than its result's JSON.
        var details: Bool?

        enum CodingKeys: String, CodingKey {
            case enabled, apiKey = "api-key", teams, recipients, url, recoveryAction = "recovery_action", details
        }
    }

    /// The options (`.opsGenie2()` properties or topic-handler options).
    struct Options: Decodable {
        var teams: [String]?
        var recipients: [String]?
        var recoveryAction: String?

        enum CodingKeys: String, CodingKey {
            case teams = "teams-list", recipients = "recipients-list", recoveryAction = "recovery_action"
        }
    }

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [202]) { response in
            let message = ServiceResponse.message(
                response, key: "message",
                fallback: "failed to understand OpsGenie response. code: \(response.status) content: \(response.body)")
            return "opsgenie error: " + message
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let alias = Data(event.state.id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let base = config.url ?? "https://api.opsgenie.com/v2/alerts"
        var url = base
        var fields: [(String, ServiceJSON)] = []
        switch event.state.level {
        case .ok:
            let valid = ["close", "notes"]
            let action = [options.recoveryAction ?? "", config.recoveryAction ?? ""].first { valid.contains($0) } ?? "notes"
            url = ServiceURL.joiningPath(base, alias, action)
            if var components = URLComponents(string: url) {
                components.percentEncodedQuery = "identifierType=alias"
                url = components.string ?? url
            }
            fields.append(("note", .string(event.state.message)))
        case .info, .warning, .critical:
            let priority = switch event.state.level {
            case .critical: "P1"
            case .warning: "P3"
            default: "P5"
            }
            let description = config.details == true && !event.state.details.isEmpty
                ? event.state.details : ServiceJSON.result(event.data.result).text
            var details = ["Monitoring Tool": "Kapacitor", "Level": event.state.level.description]
            if let row = event.data.result.first {
                for tag in row.tags { details[tag.key] = tag.value }
                details["Kapacitor Task Name"] = row.name
            }
            fields += [
                ("entity", .string(event.state.id)), ("alias", .string(alias)), ("message", .string(event.state.message)),
                ("note", .string("")), ("priority", .string(priority)), ("description", .string(description)),
                ("details", .stringMap(details)),
            ]
            let teams = (options.teams ?? []).isEmpty ? config.teams ?? [] : options.teams ?? []
            let recipients = (options.recipients ?? []).isEmpty ? config.recipients ?? [] : options.recipients ?? []
            let responders: [ServiceJSON] =
                teams.map { .stringMap(["name": $0, "type": "team"]) }
                + recipients.map { .stringMap(["username": $0, "type": "user"]) }
            if !responders.isEmpty { fields.append(("responders", .array(responders))) }
        }
        return ServiceRequest(
            url: url, json: .sortedObject(fields), extraHeaders: [("Authorization", "GenieKey " + (config.apiKey ?? ""))])
    }
}

/// The `opsgenie2` kind.
struct OpsGenie2HandlerKind: HandlerKind {
    let kind = "opsgenie2"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        OpsGenie2Handler(
            config: try environment.serviceSection("opsgenie2", as: OpsGenie2Handler.Config.self),
            options: try JSONDecoder().decode(OpsGenie2Handler.Options.self, from: options),
            poster: environment.poster)
    }
}
