import Hummingbird
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON encoding of API responses and decoding of request bodies.
enum JSONBody {
    static let contentType = "application/json; charset=utf-8"

    /// A response carrying `value` as JSON, keys sorted (Go-map order, as Kapacitor's lists have).
    /// A response whose body is JSON text already written.
    static func response(_ status: HTTPResponse.Status, text: String) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func response(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a request body, answering Kapacitor's `invalid JSON` when it does not fit.
    static func decode<T: Decodable>(_ type: T.Type, from request: inout Request, limit: Int = 16 << 20) async throws -> T {
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid JSON")
        }
    }

    /// Encodes a value as compact JSON text, for storing.
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Decodes JSON text written by `text`.
    static func value<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
