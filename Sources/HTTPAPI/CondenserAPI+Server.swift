import Hummingbird
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
}

/// The log levels Kapacitor's `/loglevel` accepts.
public enum LogLevelName: String, Sendable {
    case debug = "DEBUG"
    case info = "INFO"
    case error = "ERROR"
}
