import CompressNIO
import Hummingbird
import LineProtocol
import Models

extension CondenserAPI {
    /// How many parse errors a `/write` response lists before summarising the rest.
    static let maxReportedErrors = 100

    /// POST `/write`: parses line protocol, keeps every good line, reports every bad one.
    func write(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let database = query["db"].map(String.init), !database.isEmpty else {
            throw APIError(.badRequest, "database is required")
        }
        try Authenticator.checkWrite(to: database)
        var retentionPolicy = query["rp"].map(String.init) ?? ""
        if retentionPolicy.isEmpty { retentionPolicy = defaultRetentionPolicy }
        let precisionText = query["precision"].map(String.init) ?? ""
        guard let precision = Precision(parameter: precisionText) else {
            throw APIError(.badRequest, "invalid precision \"\(precisionText)\" (use n, u, ms, s, m or h)")
        }
        var body = try await request.body.collect(upTo: maxBodySize)
        if let encoding = request.headers[.contentEncoding], encoding.lowercased().contains("gzip") {
            do {
                body = try body.decompress(with: .gzip(), maxSize: maxBodySize)
            } catch {
                throw APIError(.badRequest, "unable to decode gzip body: \(error)")
            }
        }
        let now = clock.now()
        let parser = LineProtocolParser(
            precision: precision, defaultTime: now - now % precision.nanoseconds,
            database: database, retentionPolicy: retentionPolicy)
        var points: [Point] = []
        points.reserveCapacity(body.readableBytes / 64)
        let errors = body.withUnsafeReadableBytes { parser.parse($0, into: &points) }
        taskMaster.write(points, dbrp: DBRP(db: database, rp: retentionPolicy))
        guard !errors.isEmpty else { return Response(status: .noContent) }
        throw APIError(.badRequest, Self.writeErrorMessage(errors, written: points.count))
    }

    /// InfluxDB's text for rejected lines: the errors joined by newlines, prefixed with
    /// `partial write:` and followed by `dropped=N` when some lines were written.
    static func writeErrorMessage(_ errors: [LineProtocolError], written: Int) -> String {
        var lines = errors.prefix(maxReportedErrors).map(\.description)
        if errors.count > maxReportedErrors { lines.append("(\(errors.count - maxReportedErrors) more lines rejected)") }
        let joined = lines.joined(separator: "\n")
        return written > 0 ? "partial write: \(joined) dropped=\(errors.count)" : joined
    }
}
