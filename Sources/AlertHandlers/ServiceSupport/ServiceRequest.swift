import Alerting
import Foundation
import Models

/// One HTTP request of a service handler: where it goes, its headers and body, and which
/// statuses count as delivered.
struct ServiceRequest {
    var url: String
    var headers: [(String, String)]
    var body: [UInt8]

    /// A JSON request with Go's `Content-Type: application/json` header and `extraHeaders`; the
    /// body ends in a newline as `json.Encoder` writes, unless `marshaled` (`json.Marshal`).
    init(url: String, json: ServiceJSON, extraHeaders: [(String, String)] = [], marshaled: Bool = false) {
        self.url = url
        headers = [("Content-Type", "application/json")] + extraHeaders
        body = marshaled ? Array(json.text.utf8) : json.encoderBytes
    }

    /// Sends the request; a status outside `accepted` becomes the error `failure` words from the
    /// response.
    func send(
        with poster: any HTTPPoster, accepted: Set<Int> = [200], timeout: Duration = .seconds(30),
        failure: (HTTPPostResponse) -> String
    ) async throws {
        let response = try await poster.post(url: url, headers: headers, body: body, timeout: timeout)
        guard accepted.contains(response.status) else {
            // A 4xx other than a timeout or rate limit rejects the request itself: sending it again cannot help.
            let permanent = (400..<500).contains(response.status) && response.status != 408 && response.status != 429
            throw HandlerError(failure(response), permanent: permanent)
        }
    }
}

/// Reading Kapacitor-style error responses.
enum ServiceResponse {
    /// The string `key` of the JSON object in `response`'s body, else `fallback`.
    static func message(_ response: HTTPPostResponse, key: String, fallback: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
              let message = object[key] as? String else { return fallback }
        return message
    }
}

extension HandlerEnvironment {
    /// The section `name` decoded as `T`, or `T`'s defaults (decoded from `{}`) when absent; a
    /// repeated section's first element.
    func serviceSection<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = sections[name] ?? Data("{}".utf8)
        if let list = try? JSONDecoder().decode([T].self, from: data) {
            return try list.first ?? JSONDecoder().decode(T.self, from: Data("{}".utf8))
        }
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Every element of repeated section `name` (a single object as one element).
    func serviceSections<T: Decodable>(_ name: String, as type: T.Type) throws -> [T] {
        guard let data = sections[name] else { return [] }
        if let list = try? JSONDecoder().decode([T].self, from: data) { return list }
        return [try JSONDecoder().decode(T.self, from: data)]
    }

    /// Kapacitor's `client_url`: the API's base URL on the HTTP listener's address
    /// (`http://[::]:9092/kapacitor/v1` for the default `bind-address` `:9092`).
    var kapacitorURL: String {
        struct HTTPSection: Decodable {
            var bindAddress: String?
            var httpsEnabled: Bool?
            enum CodingKeys: String, CodingKey {
                case bindAddress = "bind-address", httpsEnabled = "https-enabled"
            }
        }
        let section = try? serviceSection("http", as: HTTPSection.self)
        var address = section?.bindAddress ?? ":9092"
        if address.hasPrefix(":") { address = "[::]" + address }
        return (section?.httpsEnabled == true ? "https://" : "http://") + address + "/kapacitor/v1"
    }
}

extension HandlerError {
    /// Kapacitor's error for a handler whose service is disabled.
    static let notEnabled = HandlerError("service is not enabled", permanent: true)
}

extension Optional<String> {
    /// The string unless nil or empty: Go's "empty means use the configured value".
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
