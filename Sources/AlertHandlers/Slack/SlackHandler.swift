import Alerting
import Foundation
import Models

/// The `slack` handler: posts the event's message as an attachment colored by level to a
/// workspace's URL, as Kapacitor's Slack service does.
struct SlackHandler: AlertHandler {
    /// The options (`.slack()` properties or topic-handler options).
    struct Options: Decodable {
        var workspace: String?
        var channel: String?
        var username: String?
        var iconEmoji: String?

        enum CodingKeys: String, CodingKey {
            case workspace, channel, username, iconEmoji = "icon-emoji"
        }
    }

    let options: Options
    /// The workspace configuration, or the reason there is none (Kapacitor's words).
    let config: Result<SlackConfig, HandlerError>
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        let request = try request(event)
        try await request.send(with: poster) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand Slack response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        let config = try config.get()
        guard config.enabled else { throw HandlerError.notEnabled }
        let color = switch event.state.level {
        case .warning: "warning"
        case .critical: "danger"
        default: "good"
        }
        let message = event.state.message
        let attachment = ServiceJSON.object([
            ("fallback", .string(message)), ("color", .string(color)), ("text", .string(message)),
            ("mrkdwn_in", .array([.string("text")])),
        ])
        let body = ServiceJSON.sortedObject([
            ("channel", .string(options.channel.nonEmpty ?? config.channel)),
            ("text", .string("")),
            ("attachments", .array([attachment])),
            ("username", .string(options.username.nonEmpty ?? config.username)),
            ("icon_emoji", .string(options.iconEmoji.nonEmpty ?? config.iconEmoji)),
        ])
        let authorization = config.token.isEmpty ? [] : [("Authorization", "Bearer " + config.token)]
        return ServiceRequest(url: config.url, json: body, extraHeaders: authorization)
    }
}

/// The `slack` kind: `[[slack]]` workspaces.
struct SlackHandlerKind: HandlerKind {
    let kind = "slack"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(SlackHandler.Options.self, from: options)
        let configs = try environment.serviceSections("slack", as: SlackConfig.self)
        let config = SlackConfig.select(options.workspace ?? "", from: configs, service: "slack")
        return SlackHandler(options: options, config: config, poster: environment.poster)
    }
}
