/// The level of an alert, ordered by severity, with Kapacitor's names (`OK`, `INFO`, `WARNING`,
/// `CRITICAL`) as its string and JSON forms.
public enum AlertLevel: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible, Codable {
    /// No problem: the alert recovered or never fired.
    case ok = 0
    /// Informational.
    case info = 1
    /// A warning.
    case warning = 2
    /// Critical.
    case critical = 3

    /// Kapacitor's name of the level.
    public var description: String {
        switch self {
        case .ok: "OK"
        case .info: "INFO"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        }
    }

    /// The level named `name`, in any case (`crit` is not a level name: `critical` is).
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.description == name.uppercased() }) else { return nil }
        self = level
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes Kapacitor's string form; another string fails with `unknown alert level 'x'`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let level = Self(name: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown alert level '\(name)'")
        }
        self = level
    }

    /// Encodes the level as its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
