import Models

/// A duration option as Kapacitor's handler options accept it: a Go duration string (`10s`,
/// which TICKscript properties produce) or an integer number of nanoseconds (a topic-handler file).
struct OptionDuration: Decodable, Equatable {
    /// The duration in nanoseconds.
    let nanoseconds: Int64

    init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            nanoseconds = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = GoDuration.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid duration \"\(text)\"")
        }
        nanoseconds = parsed
    }

    /// As a Swift duration.
    var duration: Duration { .nanoseconds(nanoseconds) }
}
