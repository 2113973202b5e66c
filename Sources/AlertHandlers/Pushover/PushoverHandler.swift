import Alerting
import Foundation
import Models

/// The `pushover` handler: posts the event's message as a form to Pushover's messages API with a
/// priority by level (OK -2, INFO -1, WARNING 0, CRITICAL 1), as Kapacitor's Pushover service does.
struct PushoverHandler: AlertHandler {
    /// The `[pushover]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var token: String?
        var userKey: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case enabled, token, userKey = "user-key", url
        }
    }

    /// The options (`.pushover()` properties or topic-handler options).
    struct Options: Decodable {
        var device: String?
        var title: String?
        var url: String?
        var urlTitle: String?
        var sound: String?
        var userKey: String?

        enum CodingKeys: String, CodingKey {
            case device, title, url, urlTitle = "url-title", sound, userKey = "user-key"
        }
    }

    let config: Config
    let options: Options
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        let (url, body) = try form(event)
        let response = try await poster.post(
            url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8),
            timeout: .seconds(30))
        guard response.status == 200 else {
            let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            let errors = (object?["errors"] as? [String] ?? []).joined(separator: ", ")
            throw HandlerError(object?["error"] as? String
                ?? "failed to understand Pushover response. code: \(response.status) content: \(errors)")
        }
    }

    /// The URL and form Kapacitor posts for `event`.
    func form(_ event: Event) throws -> (url: String, body: String) {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let priority = switch event.state.level {
        case .ok: "-2"
        case .info: "-1"
        case .warning: "0"
        case .critical: "1"
        }
        var values = [
            "token": config.token ?? "", "user": options.userKey.nonEmpty ?? config.userKey ?? "",
            "message": event.state.message, "priority": priority,
        ]
        let optional = [
            "device": options.device, "title": options.title, "url": options.url, "url_title": options.urlTitle,
            "sound": options.sound,
        ]
        for (key, value) in optional { if let value = value.nonEmpty { values[key] = value } }
        let body = values.sorted { $0.key < $1.key }
            .map { Self.queryEscape($0.key) + "=" + Self.queryEscape($0.value) }
            .joined(separator: "&")
        return (config.url ?? "https://api.pushover.net/1/messages.json", body)
    }

    /// Go's `url.QueryEscape`: unreserved bytes kept, space as `+`, every other byte `%XX`.
    static func queryEscape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}

/// The `pushover` kind.
struct PushoverHandlerKind: HandlerKind {
    let kind = "pushover"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        PushoverHandler(
            config: try environment.serviceSection("pushover", as: PushoverHandler.Config.self),
            options: try JSONDecoder().decode(PushoverHandler.Options.self, from: options),
            poster: environment.poster)
    }
}
