import Alerting
import Foundation
import Models

/// The `teams` handler: posts a MessageCard titled with the level and alert ID to a Microsoft
/// Teams channel's incoming webhook, as Kapacitor's Teams service does.
struct TeamsHandler: AlertHandler {
    /// The `[teams]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var channelURL: String?

        enum CodingKeys: String, CodingKey {
            case enabled, channelURL = "channel-url"
        }
    }

    /// The options (`.teams()` properties or topic-handler options).
    struct Options: Decodable {
        var channelURL: String?

        enum CodingKeys: String, CodingKey {
            case channelURL = "channel-url"
        }
    }

    /// How many bytes of the summary Kapacitor keeps before its `...`.
    static let summaryCutoff = 70

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [200, 204]) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand Teams response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let level = event.state.level.description
        let message = event.state.message
        let title: String
        let summary: String
        if event.state.id.isEmpty && event.topic.isEmpty {
            title = level
            summary = title + ": " + message
        } else {
            title = level + ": [" + (event.state.id.isEmpty ? event.topic : event.state.id) + "]"
            summary = title + " - " + message
        }
        let color = switch event.state.level {
        case .warning: "FFA533"
        case .critical: "CC4A31"
        default: "34CC25"
        }
        let cut = String(decoding: summary.utf8.prefix(Self.summaryCutoff), as: UTF8.self) + "..."
        let card = ServiceJSON.object([
            ("@type", .string("MessageCard")), ("@context", .string("http://schema.org/extensions")),
            ("title", .string(title)), ("text", .string(message)), ("summary", .string(cut)),
            ("themeColor", .string(color)),
        ])
        return ServiceRequest(url: options.channelURL.nonEmpty ?? config.channelURL ?? "", json: card, marshaled: true)
    }
}

/// The `teams` kind.
struct TeamsHandlerKind: HandlerKind {
    let kind = "teams"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        TeamsHandler(
            config: try environment.serviceSection("teams", as: TeamsHandler.Config.self),
            options: try JSONDecoder().decode(TeamsHandler.Options.self, from: options),
            poster: environment.poster)
    }
}
