import Models

/// The statement a batch task's `query` node sends, built as Kapacitor's `Query` builds it: the
/// node's text parsed once, its GROUP BY replaced by the node's `groupBy`, its fill set by the
/// node's `fill`, and a `time >= start AND time < stop` range appended to its WHERE.
public struct BatchQuery: Sendable, Equatable {
    /// One `groupBy` dimension of the node.
    public enum Dimension: Sendable, Equatable {
        case tag(String)
        case star
        /// `time(interval, offset)`, in nanoseconds.
        case time(interval: Int64, offset: Int64)
    }

    /// The statement as written, its GROUP BY and fill as the node set them.
    public private(set) var statement: SelectStatement
    /// The `time(...)` dimension's interval and offset, when grouped by time.
    public private(set) var timeGroup: (interval: Int64, offset: Int64)?
    /// Whether the time groups' offset follows the query's start (`alignGroup`).
    public private(set) var alignsGroup = false

    /// Parses `text`, which must be one SELECT statement; the errors are Kapacitor's.
    public init(_ text: String) throws(InfluxQLError) {
        var parser = Parser(text)
        let statements: [Statement]
        do {
            statements = try parser.parseQuery()
        } catch {
            throw InfluxQLError("failed to parse InfluxQL query: \(error.message)")
        }
        guard statements.count == 1 else {
            throw InfluxQLError("query must be a single select statement, got \(statements.count) statements")
        }
        switch statements[0] {
        case .select(let statement): self.statement = statement
        case .other(let text): throw InfluxQLError("query is not a select statement \"\(text)\"")
        }
        // Kapacitor always sets the dimensions, so a GROUP BY written in the query is dropped.
        statement.dimensions = []
    }

    /// Same statement, time group and alignment.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.statement == rhs.statement && lhs.alignsGroup == rhs.alignsGroup
            && lhs.timeGroup?.interval == rhs.timeGroup?.interval && lhs.timeGroup?.offset == rhs.timeGroup?.offset
    }

    /// Whether the query has a `time(...)` dimension.
    public var isGroupedByTime: Bool { timeGroup != nil }

    /// Replaces the GROUP BY with `dimensions`, in order.
    public mutating func setDimensions(_ dimensions: [Dimension]) throws(InfluxQLError) {
        var expressions: [Expr] = []
        timeGroup = nil
        for dimension in dimensions {
            switch dimension {
            case .tag(let name): expressions.append(.varRef(name, type: nil))
            case .star: expressions.append(.wildcard(type: nil))
            case .time(let interval, let offset):
                guard timeGroup == nil else { throw InfluxQLError("groupBy cannot have more than one time dimension") }
                timeGroup = (interval, offset)
                expressions.append(.call("time", [.duration(interval), .duration(offset)]))
            }
        }
        statement.dimensions = expressions
    }

    /// Makes the time groups start where the query's range starts.
    public mutating func alignGroup() { alignsGroup = true }

    /// Sets the fill option.
    public mutating func setFill(_ fill: FillOption) { statement.fill = fill }

    /// The statement text for the range [start, stop), exactly as Kapacitor prints it.
    public func text(start: Timestamp, stop: Timestamp) -> String {
        var statement = statement
        let range = Expr.binary(
            .and, .binary(.gte, .varRef("time", type: nil), .time(start)), .binary(.lt, .varRef("time", type: nil), .time(stop)))
        statement.condition = statement.condition.map { .binary(.and, $0, range) } ?? range
        if let timeGroup, let index = statement.dimensions.firstIndex(where: { if case .call("time", _) = $0 { true } else { false } }) {
            // Go's `%` keeps the dividend's sign.
            let offset = alignsGroup ? start % timeGroup.interval : timeGroup.offset
            statement.dimensions[index] = .call("time", [.duration(timeGroup.interval), .duration(offset)])
        }
        return statement.description
    }
}
