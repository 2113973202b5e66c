/// The methods of `time.Time` and `time.Duration` a template can call, e.g. `{{ .Time.Unix }}`,
/// `{{ .Time.Format "15:04" }}`, `{{ .Duration.Seconds }}`.
enum GoMethods {
    private static let timeMethods: Set<String> = [
        "Unix", "UnixMilli", "UnixMicro", "UnixNano", "String", "Format", "UTC", "Local", "Year", "Month",
        "Day", "Hour", "Minute", "Second", "Nanosecond", "Weekday", "YearDay",
    ]
    private static let durationMethods: Set<String> = [
        "String", "Nanoseconds", "Microseconds", "Milliseconds", "Seconds", "Minutes", "Hours",
    ]

    static func has(_ name: String, on receiver: TemplateValue) -> Bool {
        switch receiver {
        case .time: timeMethods.contains(name)
        case .duration: durationMethods.contains(name)
        default: false
        }
    }

    static func call(_ name: String, on receiver: TemplateValue,
                     args: [TemplateValue]) throws(Evaluator.CallError) -> TemplateValue {
        let want = name == "Format" ? 1 : 0
        guard args.count == want else {
            throw Evaluator.CallError(message: "wrong number of args for \(name): want \(want) got \(args.count)")
        }
        switch receiver {
        case .time(let ns): return try time(name, ns, args)
        case .duration(let ns): return duration(name, ns)
        default: return .null
        }
    }

    private static func time(_ name: String, _ ns: Int64,
                             _ args: [TemplateValue]) throws(Evaluator.CallError) -> TemplateValue {
        let (seconds, _) = ns.floorDivided(by: 1_000_000_000)
        let t = GoTime(nanoseconds: ns)
        switch name {
        case "Unix": return .int(seconds)
        case "UnixMilli": return .int(ns.floorDivided(by: 1_000_000).quotient)
        case "UnixMicro": return .int(ns.floorDivided(by: 1000).quotient)
        case "UnixNano": return .int(ns)
        case "String": return .string(GoTime.string(ns))
        case "Format":
            guard case .string(let layout) = args[0] else {
                throw Evaluator.CallError(message: "wrong type for value; expected string; got \(args[0].goTypeName)")
            }
            return .string(GoTime.format(ns, layout: layout))
        case "Year": return .int(t.year)
        case "Month": return .string(GoTime.monthNames[t.month - 1])
        case "Day": return .int(Int64(t.day))
        case "Hour": return .int(Int64(t.hour))
        case "Minute": return .int(Int64(t.minute))
        case "Second": return .int(Int64(t.second))
        case "Nanosecond": return .int(Int64(t.nanosecond))
        case "Weekday": return .string(GoTime.dayNames[t.weekday])
        case "YearDay": return .int(Int64(t.yearDay))
        default: return .time(nanoseconds: ns)
        }
    }

    private static func duration(_ name: String, _ ns: Int64) -> TemplateValue {
        switch name {
        case "String": .string(GoTime.durationString(ns))
        case "Microseconds": .int(ns / 1000)
        case "Milliseconds": .int(ns / 1_000_000)
        case "Seconds": .float(Double(ns / 1_000_000_000) + Double(ns % 1_000_000_000) / 1e9)
        case "Minutes": .float(Double(ns / 60_000_000_000) + Double(ns % 60_000_000_000) / 6e10)
        case "Hours": .float(Double(ns / 3_600_000_000_000) + Double(ns % 3_600_000_000_000) / 3.6e12)
        default: .int(ns)
        }
    }
}
