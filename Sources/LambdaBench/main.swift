// Measures compiled lambda evaluation on one core: `"usage_idle" < 10 AND "host" == 'a'` against a
// telegraf-like cpu point, plus an arithmetic expression and a stateful function.
// usage: LambdaBench [SECONDS] [EVALUATIONS [alternate]]
// With EVALUATIONS, only the first expression runs, exactly that many times (for instruction counts);
// `alternate` makes it alternate between two points with the same keys in different buffers, as
// points fresh from the parser are.
import Models
import Pipeline
import TICKscript
#if canImport(Glibc)
import Glibc
#endif

/// The expression of `var x = lambda: <text>`.
func lambda(_ text: String) -> Lambda {
    do {
        let program = try Parser.parse("var x = lambda: " + text)
        guard case .declaration(_, let value)? = program.statements.first?.kind else { throw LambdaError("no declaration") }
        return try Lambda(value)
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 2 : 2
let fixedCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) : nil
let fields = Fields([
    Field("usage_idle", .float(5.5)), Field("usage_user", .float(60.1)), Field("usage_system", .float(34.4)),
])
let tags = Tags(["cpu": "cpu-total", "host": "a"])
/// The same fields in another buffer.
let otherFields = Fields([
    Field("usage_idle", .float(6.5)), Field("usage_user", .float(59.1)), Field("usage_system", .float(34.4)),
])
let clock = ContinuousClock()

/// Runs `body` in batches until the time is up; returns evaluations per second.
func measure(_ name: String, _ body: () throws -> Bool) -> Double {
    var evaluations = 0, trues = 0
    let start = clock.now
    let deadline = start + .seconds(seconds)
    do {
        while clock.now < deadline {
            for _ in 0..<100_000 where try body() { trues += 1 }
            evaluations += 100_000
        }
    } catch {
        print("error: \(error)")
        exit(1)
    }
    let elapsed = (clock.now - start) / .seconds(1)
    let rate = Double(evaluations) / elapsed
    print("\(name): \(Int(rate)) evaluations/s (\(trues == evaluations ? "all true" : "\(trues) true"))")
    return rate
}

let predicate = lambda("\"usage_idle\" < 10 AND \"host\" == 'a'")
if let fixedCount {
    let alternate = CommandLine.arguments.count > 3 && CommandLine.arguments[3] == "alternate"
    var trues = 0
    do {
        for index in 0..<fixedCount {
            let point = alternate && index & 1 == 1 ? otherFields : fields
            if try predicate.evaluateBool(fields: point, tags: tags, time: 0) { trues += 1 }
        }
    } catch {
        print("error: \(error)")
        exit(1)
    }
    print("\(fixedCount) evaluations, \(trues) true")
    exit(0)
}
_ = measure("where \"usage_idle\" < 10 AND \"host\" == 'a'") {
    try predicate.evaluateBool(fields: fields, tags: tags, time: 0)
}
let arithmetic = lambda("100.0 - \"usage_idle\" > 90.0 OR \"usage_user\" * 2.0 > 200.0")
_ = measure("100.0 - \"usage_idle\" > 90.0 OR \"usage_user\" * 2.0 > 200.0") {
    try arithmetic.evaluateBool(fields: fields, tags: tags, time: 0)
}
let sigma = lambda("sigma(\"usage_idle\") < 3.0")
_ = measure("sigma(\"usage_idle\") < 3.0") {
    try sigma.evaluateBool(fields: fields, tags: tags, time: 0)
}
