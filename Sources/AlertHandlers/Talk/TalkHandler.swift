import Alerting
import Foundation
import Models

/// The `talk` handler: posts the alert ID as title and the message as text to a Talk
/// (jianliao) incoming webhook, as Kapacitor's Talk service does.
struct TalkHandler: AlertHandler {
    /// The `[talk]` section.
    struct Config: Decodable {
        var enabled: Bool?
        var url: String?
        var authorName: String?

        enum CodingKeys: String, CodingKey {
            case enabled, url, authorName = "author_name"
        }
    }

    let config: Config
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        try await request(event).send(with: poster) { response in
            ServiceResponse.message(
                response, key: "error",
                fallback: "failed to understand Talk response. code: \(response.status) content: \(response.body)")
        }
    }

    /// The request Kapacitor sends for `event`: a Go map, so its keys are sorted.
    func request(_ event: Event) throws -> ServiceRequest {
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let body = ServiceJSON.sortedObject([
            ("title", .string(event.state.id)), ("text", .string(event.state.message)),
            ("authorName", .string(config.authorName ?? "")),
        ])
        return ServiceRequest(url: config.url ?? "", json: body)
    }
}

/// The `talk` kind; it takes no options.
struct TalkHandlerKind: HandlerKind {
    let kind = "talk"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        TalkHandler(
            config: try environment.serviceSection("talk", as: TalkHandler.Config.self), poster: environment.poster)
    }
}
