import Alerting
import Foundation
import Models

/// The `post` handler: POSTs each event's JSON (Kapacitor's `alert.Data`, with the newline Go's
/// encoder ends it with) to a URL or a `[[httppost]]` endpoint. A status outside 2xx is an error,
/// so the handler queue retries the event.
struct PostHandler: AlertHandler {
    /// The options of Kapacitor's `httppost.HandlerConfig`.
    struct Options: Decodable {
        var url: String?
        var endpoint: String?
        var headers: [String: String]?
        var captureResponse: Bool?
        var timeout: OptionDuration?
        var skipSSLVerification: Bool?

        enum CodingKeys: String, CodingKey {
            case url, endpoint, headers, timeout
            case captureResponse = "capture-response"
            case skipSSLVerification = "skip-ssl-verification"
        }
    }

    /// The URL posted to.
    let url: String
    /// The request's headers: the endpoint's, overridden by the handler's, then the content type.
    let headers: [(String, String)]
    /// Whether a failed POST reports the response body.
    let captureResponse: Bool
    /// The request timeout (none when zero).
    let timeout: Duration
    /// What sends the request.
    let poster: any HTTPPoster

    func handle(_ event: Event) async throws {
        let body = Array((AlertBody.json(event) + "\n").utf8)
        let response: HTTPPostResponse
        do {
            response = try await poster.post(url: url, headers: headers, body: body, timeout: timeout)
        } catch {
            throw HandlerError("failed to POST alert data: \(error)")
        }
        guard response.status / 100 == 2 else {
            let reason = captureResponse
                ? response.body : "unknown error, use .captureResponse() to capture the HTTP response"
            throw HandlerError("POST returned non 2xx status code \(response.status): \(reason)")
        }
    }
}

/// The `post` kind: `url` or the `endpoint` of a `[[httppost]]` section (its URL, headers and
/// basic auth), plus `headers`, `capture-response`, `timeout` and `skip-ssl-verification`.
struct PostHandlerKind: HandlerKind {
    let kind = "post"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(PostHandler.Options.self, from: options)
        var url = options.url ?? ""
        var headers = HeaderList()
        if let name = options.endpoint, !name.isEmpty,
           let endpoint = try HTTPPostEndpointConfig.all(in: environment).first(where: { $0.endpoint == name }) {
            guard endpoint.alertTemplate ?? "" == "", endpoint.alertTemplateFile ?? "" == "" else {
                throw HandlerError("endpoint \(name): alert-template is not supported")
            }
            guard !endpoint.url.contains("{{") else { throw HandlerError("endpoint \(name): URL templates are not supported") }
            url = endpoint.url
            if let auth = endpoint.basicAuth, !auth.username.isEmpty, !auth.password.isEmpty {
                let credentials = Data("\(auth.username):\(auth.password)".utf8).base64EncodedString()
                headers.set("Authorization", "Basic " + credentials)
            }
            for (name, value) in (endpoint.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers.set(name, value) }
        } else if url.isEmpty {
            throw HandlerError("An appropriately formatted url must be specified if an endpoint is not specified")
        }
        for (name, value) in (options.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers.set(name, value) }
        headers.set("Content-Type", "application/json")
        return PostHandler(
            url: url, headers: headers.pairs, captureResponse: options.captureResponse ?? false,
            timeout: options.timeout?.duration ?? .zero,
            poster: options.skipSSLVerification == true ? InsecureHTTPPoster() : environment.poster)
    }
}

/// Request headers where setting a name replaces any earlier value of it, case-insensitively,
/// as Go's `Header.Set` does.
private struct HeaderList {
    var pairs: [(String, String)] = []

    mutating func set(_ name: String, _ value: String) {
        pairs.removeAll { $0.0.lowercased() == name.lowercased() }
        pairs.append((name, value))
    }
}
