import Models

/// Parses InfluxDB line protocol at the byte level.
///
/// Good lines become points; each bad line becomes a `LineProtocolError` and parsing goes on with
/// the next line, so one bad line never loses the good ones around it.
public struct LineProtocolParser: Sendable {
    /// The unit of timestamps in the body.
    public var precision: Precision
    /// The time given to points written without a timestamp.
    public var defaultTime: Timestamp
    /// The database stamped on every point.
    public var database: String
    /// The retention policy stamped on every point.
    public var retentionPolicy: String

    /// Creates a parser.
    public init(
        precision: Precision = .nanoseconds, defaultTime: Timestamp = 0,
        database: String = "", retentionPolicy: String = ""
    ) {
        self.precision = precision
        self.defaultTime = defaultTime
        self.database = database
        self.retentionPolicy = retentionPolicy
    }

    /// Parses `body`, appending its good points to `points`, and returns the errors of its bad lines.
    public func parse(_ body: UnsafeRawBufferPointer, into points: inout [Point]) -> [LineProtocolError] {
        guard let base = body.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        var scanner = LineScanner(
            bytes: base, end: body.count, precision: precision, defaultTime: defaultTime,
            database: database, retentionPolicy: retentionPolicy)
        var errors: [LineProtocolError] = []
        scanner.run(into: &points, errors: &errors)
        return errors
    }

    /// Parses `body`, appending its good points to `points`, and returns the errors of its bad lines.
    public func parse(_ body: some Collection<UInt8>, into points: inout [Point]) -> [LineProtocolError] {
        if let errors = body.withContiguousStorageIfAvailable({ parse(UnsafeRawBufferPointer($0), into: &points) }) {
            return errors
        }
        return Array(body).withUnsafeBytes { parse($0, into: &points) }
    }

    /// Parses a string of line protocol.
    public func parse(_ text: String) -> (points: [Point], errors: [LineProtocolError]) {
        var points: [Point] = []
        var copy = text
        let errors = copy.withUTF8 { parse(UnsafeRawBufferPointer($0), into: &points) }
        return (points, errors)
    }
}
