import Alerting
import Foundation
import GoTemplate
import Models

/// The `discord` handler: posts the event's message as an embed colored by level to a Discord
/// webhook, as Kapacitor's Discord service does.
struct DiscordHandler: AlertHandler {
    /// One `[[discord]]` section.
    struct Config: WorkspaceConfig {
        var enabled: Bool?
        var isDefault = false
        var workspace = ""
        var url: String?
        /// Whether the embed carries the event's time.
        var timestamp: Bool?
        var username: String?
        var avatarURL: String?

        enum CodingKeys: String, CodingKey {
            case enabled, isDefault = "default", workspace, url, timestamp, username, avatarURL = "avatar-url"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
            isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
            workspace = try container.decodeIfPresent(String.self, forKey: .workspace) ?? ""
            url = try container.decodeIfPresent(String.self, forKey: .url)
            timestamp = try container.decodeIfPresent(Bool.self, forKey: .timestamp)
            username = try container.decodeIfPresent(String.self, forKey: .username)
            avatarURL = try container.decodeIfPresent(String.self, forKey: .avatarURL)
        }
    }

    /// The options (`.discord()` properties or topic-handler options).
    struct Options: Decodable {
        var workspace: String?
        var username: String?
        var avatarURL: String?
        /// A template of the event.
        var embedTitle: String?

        enum CodingKeys: String, CodingKey {
            case workspace, username, avatarURL = "avatar-url", embedTitle = "embed-title"
        }
    }

    let options: Options
    let embedTitle: Template
    /// The workspace configuration, or the reason there is none (Kapacitor's words).
    let config: Result<Config, HandlerError>
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster, accepted: [204]) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand Discord response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`.
    func request(_ event: Event) throws -> ServiceRequest {
        let title = try embedTitle.render(event.serviceTemplateValue)
        let config = try config.get()
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let color: Int64 = switch event.state.level {
        case .critical: 0xF95F53
        case .warning: 0xF48D38
        default: 0x7A65F2
        }
        let embed = ServiceJSON.object([
            ("color", .int(color)), ("title", .string(title)), ("description", .string(event.state.message)),
            ("timestamp", .string(config.timestamp == true ? event.state.time.rfc3339Seconds : "")),
        ])
        let body = ServiceJSON.sortedObject([
            ("username", .string(options.username.nonEmpty ?? config.username ?? "")),
            ("avatar_url", .string(options.avatarURL.nonEmpty ?? config.avatarURL ?? "")),
            ("embeds", .array([embed])),
        ])
        return ServiceRequest(url: config.url ?? "", json: body)
    }
}

/// The `discord` kind; an embed title template that does not parse fails the handler's creation.
struct DiscordHandlerKind: HandlerKind {
    let kind = "discord"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(DiscordHandler.Options.self, from: options)
        let configs = try environment.serviceSections("discord", as: DiscordHandler.Config.self)
        return DiscordHandler(
            options: options, embedTitle: try Template(parsing: options.embedTitle ?? "", name: "embedTitle"),
            config: DiscordHandler.Config.select(options.workspace ?? "", from: configs, service: "discord"),
            poster: environment.poster)
    }
}
