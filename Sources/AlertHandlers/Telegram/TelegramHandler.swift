import Alerting
import Foundation
import Models

/// The `telegram` handler: sends the event's message to a chat through the bot API's
/// `sendMessage`, as Kapacitor's Telegram service does.
struct TelegramHandler: AlertHandler {
    /// The `[telegram]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var token: String?
        var chatID: String?
        var parseMode: String?
        var disableWebPagePreview: Bool?
        var disableNotification: Bool?

        enum CodingKeys: String, CodingKey {
            case enabled, url, token, chatID = "chat-id", parseMode = "parse-mode"
            case disableWebPagePreview = "disable-web-page-preview", disableNotification = "disable-notification"
        }
    }

    /// The options (`.telegram()` properties or topic-handler options).
    struct Options: Decodable {
        var chatID: String?
        var parseMode: String?
        var disableWebPagePreview: Bool?
        var disableNotification: Bool?

        enum CodingKeys: String, CodingKey {
            case chatID = "chat-id", parseMode = "parse-mode"
            case disableWebPagePreview = "disable-web-page-preview", disableNotification = "disable-notification"
        }
    }

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
                return "failed to understand Telegram response. code: \(response.status) content: \(response.body)"
            }
            let code = object["error_code"] as? Int ?? 0
            return "sendMessage error (\(code)) description: \(object["description"] as? String ?? "")"
        }
    }

    /// The request Kapacitor sends for `event`; a parse mode other than Markdown or HTML is refused.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let parseMode = options.parseMode.nonEmpty ?? config.parseMode ?? ""
        guard ["", "markdown", "html"].contains(parseMode.lowercased()) else {
            throw HandlerError("parseMode \(parseMode) is not valid, please use 'Markdown' or 'HTML'")
        }
        var fields: [(String, ServiceJSON)] = [
            ("chat_id", .string(options.chatID.nonEmpty ?? config.chatID ?? "")),
            ("text", .string(event.state.message)),
        ]
        if !parseMode.isEmpty { fields.append(("parse_mode", .string(parseMode))) }
        if options.disableWebPagePreview == true || config.disableWebPagePreview == true {
            fields.append(("disable_web_page_preview", .bool(true)))
        }
        if options.disableNotification == true || config.disableNotification == true {
            fields.append(("disable_notification", .bool(true)))
        }
        let base = (config.url ?? "https://api.telegram.org/bot") + (config.token ?? "")
        return ServiceRequest(url: ServiceURL.joiningPath(base, "sendMessage"), json: .sortedObject(fields))
    }
}

/// The `telegram` kind.
struct TelegramHandlerKind: HandlerKind {
    let kind = "telegram"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        TelegramHandler(
            config: try environment.serviceSection("telegram", as: TelegramHandler.Config.self),
            options: try JSONDecoder().decode(TelegramHandler.Options.self, from: options),
            poster: environment.poster)
    }
}
