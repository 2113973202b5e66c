import Models
import Pipeline
import TICKscript

/// The point most lambda tests evaluate against: 2021-03-04T05:06:07Z, a Thursday.
enum LambdaFixture {
    static let time: Timestamp = 1_614_834_367_000_000_000
    static let fields = Fields([
        Field("f", .float(1.5)), Field("i", .int(2)), Field("s", .string("abc")), Field("b", .bool(true)),
        Field("u", .uint(7)), Field("big", .uint(UInt64.max)), Field("dup", .int(1)),
    ])
    static let tags = Tags(["host": "a", "dup": "x"])
}

/// Compiles `var x = lambda: <text>`.
func compileLambda(_ text: String, variables: [String: Node] = [:], clock: any WallClock = ManualClock(0)) throws -> Lambda {
    let program = try Parser.parse("var x = lambda: " + text)
    guard case .declaration(_, let value)? = program.statements.first?.kind else { throw LambdaError("no declaration") }
    return try Lambda(value, variables: variables, clock: clock)
}

/// The result of evaluating `text` on the fixture point, rendered as `type value` or `error: message`.
func lambdaResult(_ text: String, fields: Fields = LambdaFixture.fields, tags: Tags = LambdaFixture.tags) -> String {
    do {
        let lambda = try compileLambda(text)
        return render(try lambda.evaluate(fields: fields, tags: tags, time: LambdaFixture.time))
    } catch let error as LambdaError {
        return "error: \(error.message)"
    } catch {
        return "parse error: \(error)"
    }
}

/// The result of `text` as a predicate on the fixture point.
func predicateResult(_ text: String, fields: Fields = LambdaFixture.fields, tags: Tags = LambdaFixture.tags) -> String {
    do {
        let lambda = try compileLambda(text)
        return String(try lambda.evaluateBool(fields: fields, tags: tags, time: LambdaFixture.time))
    } catch let error as LambdaError {
        return "error: \(error.message)"
    } catch {
        return "parse error: \(error)"
    }
}

func render(_ value: LambdaValue) -> String {
    switch value {
    case .float(let v): "float \(v)"
    case .int(let v): "int \(v)"
    case .string(let v): "string \(v)"
    case .bool(let v): "bool \(v)"
    case .regex(let v): "regex \(v.literal)"
    case .time(let v): "time \(v)"
    case .duration(let v): "duration \(v)"
    case .missing: "missing"
    }
}
