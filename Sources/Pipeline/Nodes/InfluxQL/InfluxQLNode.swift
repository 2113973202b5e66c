/// One of the 21 InfluxQL functions (`mean`, `percentile`, `top`, ...) applied to each batch, or
/// to each point for the stream transformations (`difference`, `cumulativeSum`, ...).
public struct InfluxQLNode: PipelineNode {
    /// The function's name, also the default result name.
    public var method: String
    /// The field the function reads.
    public var field: String
    /// The function's other arguments, in order (`percentile`'s 90.0, `top`'s count and tags).
    public var arguments: [ScriptValue]
    /// The name of the result field.
    public var name: String
    /// Whether results take the time of the selected point instead of the batch's.
    public var usePointTimes = false

    /// Makes the node of `method` for `field`.
    public init(method: String, field: String, arguments: [ScriptValue] = []) {
        self.method = method
        self.field = field
        self.arguments = arguments
        // Kapacitor names both Holt-Winters variants' results `holtWinters`.
        name = method == "holtWintersWithFit" ? "holtWinters" : method
    }

    /// The common spec of the functions; `make` reads the chaining method's arguments.
    static func spec(
        _ method: String, kind: String? = nil, provides: EdgeRule, signature: String = "string",
        doc: String, read: @escaping @Sendable (Arguments) throws(PipelineError) -> (String, [ScriptValue])
    ) -> AnyNodeSpec {
        NodeSpec<Self>(
            method, kind: kind, provides: provides, doc: doc, signature: signature,
            create: { arguments throws(PipelineError) in
                let (field, rest) = try read(arguments)
                return Self(method: method, field: field, arguments: rest)
            },
            properties: properties
        ).erased
    }

    /// The spec of a function taking only a field.
    static func aggregate(_ method: String, provides: EdgeRule = .stream, doc: String) -> AnyNodeSpec {
        spec(method, provides: provides, doc: doc) { arguments throws(PipelineError) in
            try arguments.expect(1)
            return (try arguments.string(0), [])
        }
    }

    static let properties: [Property<Self>] = [
        .string("as", \.name, doc: "The name of the result field."),
        .flag("usePointTimes", \.usePointTimes, doc: "Gives results the time of the selected point."),
    ]

    /// The properties every InfluxQL function shares; the catalogue lists each function's own
    /// spec from `specs`.
    public static let spec = NodeSpec<Self>(
        "influxql", provides: .stream, doc: "An InfluxQL function.", make: { Self(method: "influxql", field: "") },
        properties: properties
    )

    /// The specs of the 21 functions.
    static let specs: [AnyNodeSpec] = [
        aggregate("count", doc: "The number of values."),
        aggregate("distinct", provides: .batch, doc: "The distinct values."),
        aggregate("mean", doc: "The mean of the values."),
        aggregate("median", doc: "The median of the values."),
        aggregate("mode", doc: "The most frequent value."),
        aggregate("spread", doc: "The difference between the largest and smallest values."),
        aggregate("sum", doc: "The sum of the values."),
        aggregate("first", doc: "The oldest value."),
        aggregate("last", doc: "The newest value."),
        aggregate("min", doc: "The smallest value."),
        aggregate("max", doc: "The largest value."),
        spec("percentile", provides: .stream, signature: "string, float", doc: "The value at a percentile.") { arguments throws(PipelineError) in
            try arguments.expect(2)
            return (try arguments.string(0), [.float(try arguments.float(1))])
        },
        topBottom("top", doc: "The largest values, with their tags or fields."),
        topBottom("bottom", doc: "The smallest values, with their tags or fields."),
        aggregate("stddev", doc: "The standard deviation of the values."),
        spec("elapsed", provides: .input, signature: "string, duration", doc: "The time between adjacent points.") { arguments throws(PipelineError) in
            try arguments.expect(2)
            return (try arguments.string(0), [.duration(try arguments.duration(1))])
        },
        aggregate("difference", provides: .input, doc: "The difference between adjacent values."),
        spec("movingAverage", provides: .input, signature: "string, int", doc: "The average of the last N values.") { arguments throws(PipelineError) in
            try arguments.expect(2)
            return (try arguments.string(0), [.int(try arguments.int(1))])
        },
        holtWinters("holtWinters", doc: "Holt-Winters forecast of the values."),
        holtWinters("holtWintersWithFit", doc: "Holt-Winters forecast, with the fitted values."),
        aggregate("cumulativeSum", provides: .input, doc: "The running sum of the values."),
    ]

    static func topBottom(_ method: String, doc: String) -> AnyNodeSpec {
        spec(method, provides: .batch, signature: "int, string, string...", doc: doc) { arguments throws(PipelineError) in
            try arguments.expect(2...Int.max)
            let count = try arguments.int(0)
            let field = try arguments.string(1)
            return (field, [.int(count)] + (try arguments.strings(from: 2)).map(ScriptValue.string))
        }
    }

    static func holtWinters(_ method: String, doc: String) -> AnyNodeSpec {
        spec(method, kind: "holtWinters", provides: .batch, signature: "string, int, int, duration", doc: doc) { arguments throws(PipelineError) in
            try arguments.expect(4)
            return (try arguments.string(0), [.int(try arguments.int(1)), .int(try arguments.int(2)), .duration(try arguments.duration(3))])
        }
    }
}
