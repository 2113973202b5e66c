import Models
import Pipeline
import Testing

/// Kapacitor's rule that a referenced name may not be both a field and a tag, checked before any
/// evaluation, and the cache of key layouts that passed it.
@Suite struct LambdaDuplicateNameTests {
    static let duplicate = "error: cannot have field and tags with same name \"dup\""

    @Test(arguments: [
        "\"dup\" > 0", "\"dup\" == 'x'", "\"dup\" =~ /x/", "\"dup\" + 1 > 0", "\"dup\"",
        // fillScope fails before evaluating, whichever branch would decide and whatever else would fail
        "TRUE OR \"dup\" > 0", "\"i\" > 100 AND \"dup\" > 0", "\"missing\" > 1 AND \"dup\" > 0",
        "\"s\" + 1 > 0 OR \"dup\" == 'x'",
    ])
    func failsBeforeEvaluating(_ expression: String) {
        #expect(predicateResult(expression) == Self.duplicate, "\(expression)")
        #expect(lambdaResult(expression) == Self.duplicate, "\(expression)")
    }

    @Test func timeIsNeverADuplicate() {
        let fields = Fields([Field("time", .int(1))])
        let tags = Tags(["time": "x"])
        #expect(lambdaResult("hour(\"time\")", fields: fields, tags: tags) == "int 5")
    }

    /// One lambda over points whose field and tag keys change from one to the next.
    @Test func checksEachChangeOfKeys() throws {
        let lambda = try compileLambda("\"x\" > 0 AND \"host\" == 'a'")
        func result(_ fields: [Field], _ tags: Tags) -> String {
            do { return String(try lambda.evaluateBool(fields: Fields(fields), tags: tags, time: 0)) } catch {
                return "error: \(error.message)"
            }
        }
        let hostA = Tags(["host": "a", "cpu": "0"])
        #expect(result([Field("x", .int(1))], hostA) == "true")
        #expect(result([Field("x", .int(1))], hostA) == "true")
        // the same tag set; the tag name becomes a field too
        #expect(result([Field("x", .int(1)), Field("host", .string("a"))], hostA) == "error: cannot have field and tags with same name \"host\"")
        #expect(result([Field("x", .int(1))], hostA) == "true")
        // the tag name is a field on the next point and a tag again after it
        #expect(result([Field("x", .int(1)), Field("host", .string("b"))], Tags(["cpu": "0"])) == "false")
        #expect(result([Field("x", .int(1)), Field("host", .string("a"))], Tags(["cpu": "0"])) == "true")
        #expect(result([Field("x", .int(2))], Tags(["host": "b"])) == "false")
        // the field name becomes a tag too
        #expect(result([Field("x", .int(1))], Tags(["host": "a", "x": "1"])) == "error: cannot have field and tags with same name \"x\"")
        // same keys in another order, then other keys of the same count
        #expect(result([Field("y", .int(0)), Field("x", .int(1))], hostA) == "true")
        #expect(result([Field("host", .string("a")), Field("x", .int(1))], hostA) == "error: cannot have field and tags with same name \"host\"")
        #expect(result([Field("x", .int(1)), Field("y", .int(0))], hostA) == "true")
    }

    /// A point changed in place after an evaluation is checked again: the values the check remembers
    /// share no storage the caller can still change.
    @Test func checksPointsChangedInPlace() throws {
        let lambda = try compileLambda("\"x\" > 0 AND \"host\" == 'a'")
        var fields = Fields([Field("x", .int(1))])
        fields.reserveCapacity(4)
        var tags = Tags(["host": "a"])
        #expect(try lambda.evaluateBool(fields: fields, tags: tags, time: 0))
        fields["host"] = .string("a")
        #expect(throws: LambdaError.self) { try lambda.evaluateBool(fields: fields, tags: tags, time: 0) }
        fields["host"] = nil
        #expect(try lambda.evaluateBool(fields: fields, tags: tags, time: 0))
        tags["x"] = "1"
        #expect(throws: LambdaError.self) { try lambda.evaluateBool(fields: fields, tags: tags, time: 0) }
        tags["x"] = nil
        #expect(try lambda.evaluateBool(fields: fields, tags: tags, time: 0))
    }

    /// Only referenced names count: a point may hold an unreferenced name as both.
    @Test func unreferencedDuplicatesPass() {
        #expect(predicateResult("\"i\" > 1 AND \"host\" == 'a'") == "true")
        #expect(lambdaResult("\"f\" * 2.0") == "float 3.0")
    }
}
