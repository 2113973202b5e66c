import Alerting
import Foundation
import GoTemplate
import Models
import NIOCore

/// The `post` handler: POSTs each event's JSON (Kapacitor's `alert.Data`, with the newline Go's
/// encoder ends it with) — or what its endpoint's `alert-template` renders of it — to a URL or a
/// `[[httppost]]` endpoint. A status outside 2xx is an error, so the handler queue retries the event.
///
/// Events go out in order on the handler's own kept-alive connection, pipelined: up to `window`
/// POSTs are sent before the first answer arrives. A URL the connection cannot serve (not http
/// or https, an invalid header) goes through `poster`; so does an event answered with a redirect
/// (`poster` follows it) or, when the response is captured, with a compressed error body
/// (`poster` decompresses it).
struct PostHandler: PipelinedAlertHandler {
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
    /// What sends the requests the connection does not.
    let poster: any HTTPPoster
    /// The pipelined connection to `url`; nil when it cannot serve the URL.
    let connection: PipelinedHTTPConnection?
    /// How many POSTs may await their answer at once.
    let window = 32
    /// The endpoint's alert template, which renders the body instead of JSON.
    let template: Template?

    init(url: String, headers: [(String, String)], captureResponse: Bool, timeout: Duration, poster: any HTTPPoster,
         skipSSLVerification: Bool, template: Template? = nil) throws {
        self.url = url
        self.template = template
        self.headers = headers
        self.captureResponse = captureResponse
        self.timeout = timeout
        self.poster = poster
        // The shared AsyncHTTPClient decompresses (and says so); the insecure poster's does not.
        connection = try HTTPTarget(url: url, headers: headers, acceptsCompression: !skipSSLVerification).map {
            try PipelinedHTTPConnection(target: $0, timeout: timeout, skipVerification: skipSSLVerification)
        }
    }

    func handle(_ event: Event) async throws {
        try await start(event).wait()
    }

    func start(_ event: Event) -> PendingDelivery {
        start([event])[0]
    }

    func start(_ events: [Event]) -> [PendingDelivery] {
        var requests: [(body: ByteBuffer, completion: PipelinedHTTPConnection.Completion)] = []
        requests.reserveCapacity(events.count)
        let deliveries = events.map { event in
            let delivery = PendingDelivery()
            guard let body = render(event, delivery) else { return delivery }
            guard connection != nil else {
                Task { await postThroughPoster(Array(body.readableBytesView), delivery) }
                return delivery
            }
            requests.append((body, { [self] result in settle(result, body: body, delivery) }))
            return delivery
        }
        connection?.send(requests)
        return deliveries
    }

    /// The body of `event`: its JSON, or what the endpoint's template renders; nil (with
    /// `delivery` failed) when the template fails.
    private func render(_ event: Event, _ delivery: PendingDelivery) -> ByteBuffer? {
        guard let template else { return ByteBuffer(string: AlertBody.json(event) + "\n") }
        do {
            return ByteBuffer(string: try template.render(AlertBody.templateValue(event)))
        } catch {
            delivery.fail(HandlerError("failed to execute alert template: \(error.message)", permanent: true))
            return nil
        }
    }

    /// Completes `delivery` with the connection's `result` for `body`.
    private func settle(_ result: Result<PipelinedHTTPConnection.Answer, any Error>, body: ByteBuffer, _ delivery: PendingDelivery) {
        switch result {
        case .success(let answer) where Self.redirects.contains(answer.status)
            || (answer.encoded && captureResponse && answer.status / 100 != 2):
            Task { await postThroughPoster(Array(body.readableBytesView), delivery) }
        case .success(let answer):
            complete(delivery, with: HTTPPostResponse(status: answer.status, body: answer.body))
        case .failure(let error):
            delivery.fail(HandlerError("failed to POST alert data: \(error)"))
        }
    }

    /// The statuses of redirects, which `poster` follows.
    private static let redirects: Set<Int> = [301, 302, 303, 307, 308]

    private func postThroughPoster(_ body: [UInt8], _ delivery: PendingDelivery) async {
        do {
            complete(delivery, with: try await poster.post(url: url, headers: headers, body: body, timeout: timeout))
        } catch {
            delivery.fail(HandlerError("failed to POST alert data: \(error)"))
        }
    }

    private func complete(_ delivery: PendingDelivery, with response: HTTPPostResponse) {
        guard response.status / 100 == 2 else {
            let reason = captureResponse
                ? response.body : "unknown error, use .captureResponse() to capture the HTTP response"
            delivery.fail(HandlerError("POST returned non 2xx status code \(response.status): \(reason)"))
            return
        }
        delivery.succeed()
    }
}

/// The `post` kind: `url` or the `endpoint` of a `[[httppost]]` section (its URL, headers, basic
/// auth and `alert-template`/`alert-template-file`), plus `headers`, `capture-response`, `timeout`
/// and `skip-ssl-verification`.
struct PostHandlerKind: HandlerKind {
    let kind = "post"
    let configSections = ["httppost"]

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(PostHandler.Options.self, from: options)
        var url = options.url ?? ""
        var headers = HeaderList()
        var template: Template?
        if let name = options.endpoint, !name.isEmpty,
           let endpoint = try HTTPPostEndpointConfig.all(in: environment).first(where: { $0.endpoint == name }) {
            template = try Self.alertTemplate(endpoint)
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
        if template == nil { headers.set("Content-Type", "application/json") }
        let skipVerification = options.skipSSLVerification == true
        return try PostHandler(
            url: url, headers: headers.pairs, captureResponse: options.captureResponse ?? false,
            timeout: options.timeout?.duration ?? .zero,
            poster: skipVerification ? InsecureHTTPPoster() : environment.poster, skipSSLVerification: skipVerification,
            template: template)
    }

    /// The endpoint's `alert-template`, else the contents of its `alert-template-file`; nil for JSON.
    static func alertTemplate(_ endpoint: HTTPPostEndpointConfig) throws -> Template? {
        var text = endpoint.alertTemplate ?? ""
        if text.isEmpty, let file = endpoint.alertTemplateFile, !file.isEmpty {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw HandlerError("endpoint \(endpoint.endpoint): cannot read alert-template-file \"\(file)\"")
            }
            text = String(decoding: contents, as: UTF8.self)
        }
        guard !text.isEmpty else { return nil }
        do {
            return try Template(parsing: text, name: "alert")
        } catch {
            throw HandlerError("endpoint \(endpoint.endpoint): failed to parse alert-template: \(error.message)")
        }
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
