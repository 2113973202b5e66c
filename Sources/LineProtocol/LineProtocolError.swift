/// Why one line of a line-protocol body was rejected, in InfluxDB 1.x's words.
public struct LineProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reasons InfluxDB's parser gives.
    public enum Reason: Error, Sendable, Equatable {
        case missingMeasurement
        case missingTagKey
        case missingTagValue
        case invalidTagFormat
        case duplicateTags
        case missingFields
        case missingFieldKey
        case missingFieldValue
        case invalidFieldFormat
        case unbalancedQuotes
        case invalidBoolean
        case invalidNumber
        case invalidFloat
        case pointIsInvalid
        case timestampOutOfRange(String)
        case timestampSyntax(String)
        case integerOutOfRange(String)
        case unsignedOutOfRange(String)
        case badTimestamp
        case timeOutsideRange
        case invalidUTF8

        /// The text InfluxDB prints for the reason.
        public var text: String {
            switch self {
            case .missingMeasurement: "missing measurement"
            case .missingTagKey: "missing tag key"
            case .missingTagValue: "missing tag value"
            case .invalidTagFormat: "invalid tag format"
            case .duplicateTags: "duplicate tags"
            case .missingFields: "missing fields"
            case .missingFieldKey: "missing field key"
            case .missingFieldValue: "missing field value"
            case .invalidFieldFormat: "invalid field format"
            case .unbalancedQuotes: "unbalanced quotes"
            case .invalidBoolean: "invalid boolean"
            case .invalidNumber: "invalid number"
            case .invalidFloat: "invalid float"
            case .pointIsInvalid: "point is invalid"
            case .timestampOutOfRange(let value): "strconv.ParseInt: parsing \"\(value)\": value out of range"
            case .timestampSyntax(let value): "strconv.ParseInt: parsing \"\(value)\": invalid syntax"
            case .integerOutOfRange(let value):
                "unable to parse integer \(value): strconv.ParseInt: parsing \"\(value)\": value out of range"
            case .unsignedOutOfRange(let value):
                "unable to parse unsigned \(value): strconv.ParseUint: parsing \"\(value)\": value out of range"
            case .badTimestamp: "bad timestamp"
            case .timeOutsideRange: "time outside range -9223372036854775806 - 9223372036854775806"
            case .invalidUTF8: "invalid UTF-8"
            }
        }
    }

    /// The 1-based number of the line in the body.
    public var lineNumber: Int
    /// The rejected line as written.
    public var line: String
    /// What is wrong with it.
    public var reason: Reason

    /// Creates an error.
    public init(lineNumber: Int, line: String, reason: Reason) {
        self.lineNumber = lineNumber
        self.line = line
        self.reason = reason
    }

    /// `unable to parse '<line>': <reason>`, as InfluxDB reports it.
    public var description: String { "unable to parse '\(line)': \(reason.text)" }
}
