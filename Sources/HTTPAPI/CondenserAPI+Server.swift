import Hummingbird
import Logging
import Storage
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// The body of POST `/kapacitor/v1/loglevel`.
    struct LogLevelOptions: Decodable {
        var level: String
    }

    /// POST `/kapacitor/v1/loglevel`: `{"level": "debug"}` (debug, info or error, any case, as
    /// Kapacitor takes) changes the daemon's log level at once.
    func setLogLevel(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 16)
        let options: LogLevelOptions
        do {
            options = try JSONDecoder().decode(LogLevelOptions.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid json: \(error)")
        }
        guard let level = LogLevelName(rawValue: options.level.uppercased()) else {
            throw APIError(.badRequest, "invalid log level")
        }
        logLevel(level)
        return Response(status: .noContent)
    }

    /// GET `/kapacitor/v1/storage/backup`: a consistent copy of the database file (restore it by
    /// stopping the daemon and putting it in place of `condenser.db`).
    func backup() throws -> Response {
        let bytes: [UInt8]
        do {
            bytes = try taskMaster.store.backup()
        } catch {
            throw APIError(.internalServerError, error.description)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// GET `/kapacitor/v1preview/logs`: follows the log until the client goes. Each query
    /// parameter is a `key=value` every line must carry (`task=cpu`, `lvl=info`), except
    /// `lvl=<level>+`, the lowest level sent; `Accept: application/json` asks for JSON lines,
    /// else they are logfmt.
    func followLogs(_ request: Request) throws -> Response {
        var tags: [(key: String, value: String)] = []
        var minimum = Logger.Level.trace
        var seen: Set<String> = []
        for (key, value) in request.uri.queryParameters {
            guard seen.insert(String(key)).inserted else {
                throw APIError(.badRequest, "query params cannot contain duplicate params")
            }
            if key == "lvl" && value.hasSuffix("+") {
                minimum = LogSessions.minimum(named: String(value.dropLast()))
            } else {
                tags.append((String(key), String(value)))
            }
        }
        let json = request.headers[.accept] == "application/json"
        let (id, lines) = logSessions.openSession(tags: tags, minimum: minimum, json: json)
        return Response(
            status: .ok, headers: [.contentType: json ? "application/json" : "application/logfmt"],
            body: ResponseBody { [sessions = logSessions] writer in
                defer { sessions.close(id) }
                // The session ends when the client goes, even while no line matches.
                try await request.body.consumeWithInboundCloseHandler { _ in
                    for await line in lines { try await writer.write(line) }
                } onInboundClosed: {
                    sessions.close(id)
                }
                try await writer.finish(nil)
            })
    }
}

/// The log levels Kapacitor's `/loglevel` accepts.
public enum LogLevelName: String, Sendable {
    case debug = "DEBUG"
    case info = "INFO"
    case error = "ERROR"
}
