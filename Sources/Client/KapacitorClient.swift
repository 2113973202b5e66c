import APIModels
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A typed async client of the `/kapacitor/v1` API, for Condenser or Kapacitor itself.
public struct KapacitorClient: Sendable {
    /// The server's base URL, such as `http://localhost:9092`, without credentials.
    public let baseURL: String
    /// `Basic …` of the user and password the URL named (`http://user:password@host:9092`), as
    /// the kapacitor CLI sends them.
    let authorization: String?
    let http: HTTPClient
    let timeout: TimeAmount

    /// A client of the server at `baseURL` using the shared HTTP client.
    public init(baseURL: String, http: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)) {
        var url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var authorization: String?
        if let components = URLComponents(string: url), let user = components.user {
            let credentials = user + ":" + (components.password ?? "")
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
            var bare = components
            bare.user = nil
            bare.password = nil
            url = bare.string ?? url
        }
        self.baseURL = url
        self.authorization = authorization
        self.http = http
        self.timeout = timeout
    }

    /// GET `/kapacitor/v1/ping`; returns the server's version header.
    public func ping() async throws -> String {
        let response = try await send(.GET, "/kapacitor/v1/ping", expect: [204])
        return response.headers.first(name: "X-Kapacitor-Version") ?? ""
    }

    /// POST `/kapacitor/v1/tasks`.
    public func createTask(_ options: TaskOptions) async throws -> TaskResponse {
        try decode(try await send(.POST, "/kapacitor/v1/tasks", body: options, expect: [200]))
    }

    /// PATCH `/kapacitor/v1/tasks/{id}`: only the fields `options` carries change.
    public func updateTask(_ id: String, _ options: TaskOptions) async throws -> TaskResponse {
        try decode(try await send(.PATCH, "/kapacitor/v1/tasks/\(escape(id))", body: options, expect: [200]))
    }

    /// GET `/kapacitor/v1/tasks/{id}`.
    public func task(_ id: String) async throws -> TaskResponse {
        try decode(try await send(.GET, "/kapacitor/v1/tasks/\(escape(id))", expect: [200]))
    }

    /// DELETE `/kapacitor/v1/tasks/{id}`.
    public func deleteTask(_ id: String) async throws {
        _ = try await send(.DELETE, "/kapacitor/v1/tasks/\(escape(id))", expect: [204])
    }

    /// Every task whose ID matches `pattern` (empty for all), fetched a page of 100 at a time.
    public func listTasks(pattern: String = "") async throws -> [TaskResponse] {
        try await allPages("/kapacitor/v1/tasks?pattern=\(escape(pattern))") { (page: TaskList) in page.tasks }
    }

    /// POST `/kapacitor/v1/templates`.
    public func createTemplate(_ options: TemplateOptions) async throws -> TemplateResponse {
        try decode(try await send(.POST, "/kapacitor/v1/templates", body: options, expect: [200]))
    }

    /// PATCH `/kapacitor/v1/templates/{id}`: only the fields `options` carries change; the server
    /// re-renders the tasks created from the template.
    public func updateTemplate(_ id: String, _ options: TemplateOptions) async throws -> TemplateResponse {
        try decode(try await send(.PATCH, "/kapacitor/v1/templates/\(escape(id))", body: options, expect: [200]))
    }

    /// GET `/kapacitor/v1/templates/{id}`.
    public func template(_ id: String) async throws -> TemplateResponse {
        try decode(try await send(.GET, "/kapacitor/v1/templates/\(escape(id))?script-format=formatted", expect: [200]))
    }

    /// DELETE `/kapacitor/v1/templates/{id}`.
    public func deleteTemplate(_ id: String) async throws {
        _ = try await send(.DELETE, "/kapacitor/v1/templates/\(escape(id))", expect: [204])
    }

    /// Every template whose ID matches `pattern` (empty for all), with the `fields` asked for (the
    /// server's defaults when empty), fetched a page of 100 at a time.
    public func listTemplates(pattern: String = "", fields: [String] = []) async throws -> [TemplateResponse] {
        let fieldQuery = fields.map { "&fields=\(escape($0))" }.joined()
        let path = "/kapacitor/v1/templates?script-format=formatted&pattern=\(escape(pattern))" + fieldQuery
        return try await allPages(path) { (page: TemplateList) in page.templates }
    }

    /// The items of every page of the list at `path` (which carries its query), 100 at a time.
    func allPages<Page: Decodable, Item>(_ path: String, items: (Page) -> [Item]) async throws -> [Item] {
        var all: [Item] = []
        var offset = 0
        while true {
            let page: Page = try decode(try await send(.GET, path + "&offset=\(offset)&limit=100", expect: [200]))
            let found = items(page)
            all += found
            if found.count < 100 { return all }
            offset += 100
        }
    }

    // MARK: Transport

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    struct Empty: Encodable {}

    func send(_ method: HTTPMethod, _ path: String, expect: Set<Int>) async throws -> Reply {
        try await send(method, path, body: Optional<Empty>.none, expect: expect)
    }

    func send(_ method: HTTPMethod, _ path: String, body: (some Encodable)?, expect: Set<Int>) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "User-Agent", value: "KapacitorClient")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            let data = try JSONEncoder().encode(body)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw ClientError("failed to connect to \(baseURL): \(error)")
        }
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let reply = Reply(status: Int(response.status.code), headers: response.headers, body: buffer)
        guard expect.contains(reply.status) else {
            let message = (try? JSONDecoder().decode(ErrorResponse.self, from: Data(buffer.readableBytesView)))?.error
            throw ClientError(message ?? "unexpected status \(reply.status) from \(method.rawValue) \(path)")
        }
        return reply
    }

    func decode<T: Decodable>(_ reply: Reply) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(reply.body.readableBytesView))
        } catch {
            throw ClientError("failed to decode JSON: \(error)")
        }
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    func escape(_ component: String) -> String {
        var output = ""
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return output
    }
}

/// A failed API call, with the server's `error` message when it sent one.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
