import Models

extension LambdaFunction {
    static let timeNames = ["unixNano", "minute", "hour", "weekday", "day", "month", "year", "now"]

    /// Time functions. Kapacitor reads them in the server's local time zone; Condenser uses UTC.
    static func time(_ name: String, clock: any WallClock) -> LambdaFunction? {
        let part: (@Sendable (Timestamp) -> Int64)? = switch name {
        case "unixNano": { $0 }
        case "minute": { floorMod($0, 3_600_000_000_000) / 60_000_000_000 }
        case "hour": { floorMod($0, 86_400_000_000_000) / 3_600_000_000_000 }
        case "weekday": { floorMod(days($0) + 4, 7) }
        case "day": { civil(days($0)).day }
        case "month": { civil(days($0)).month }
        case "year": { civil(days($0)).year }
        default: nil
        }
        if let part {
            return LambdaFunction(name: name, signatures: [Signature([.time], .int)]) { args throws(LambdaError) in
                .int(part(args.first.timePayload))
            }
        }
        guard name == "now" else { return nil }
        return LambdaFunction(name: name, signatures: [Signature([], .time)]) { _ throws(LambdaError) in
            .time(clock.now())
        }
    }

    private static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    private static func days(_ time: Timestamp) -> Int64 {
        (time - floorMod(time, 86_400_000_000_000)) / 86_400_000_000_000
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01).
    private static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
