import Pipeline
import Testing
import TICKscript

@Suite struct LambdaOperatorTests {
    @Test(arguments: [
        // arithmetic: no int/float promotion
        ("1 + 2", "int 3"), ("7 - 10", "int -3"), ("6 * 7", "int 42"), ("7 / 2", "int 3"), ("-7 / 2", "int -3"),
        ("7 % 3", "int 1"), ("-7 % 3", "int -1"), ("1.5 + 2.25", "float 3.75"), ("1.0 / 0.0", "float inf"),
        ("\"i\" * 3", "int 6"), ("\"f\" * 2.0", "float 3.0"), ("\"u\" + 1", "int 8"),
        ("'ab' + 'cd'", "string abcd"), ("\"s\" + 'd'", "string abcd"),
        ("1m + 30s", "duration 90000000000"), ("1m - 2m", "duration -60000000000"), ("2 * 1s", "duration 2000000000"),
        ("1s * 2", "duration 2000000000"), ("1.5 * 1s", "duration 1500000000"), ("1s * 0.5", "duration 500000000"),
        ("1m / 2", "duration 30000000000"), ("1m / 4.0", "duration 15000000000"), ("1m / 1s", "int 60"),
        ("-\"i\"", "int -2"), ("-\"f\"", "float -1.5"), ("-1m", "duration -60000000000"), ("-TRUE", "bool false"),
        ("!\"b\"", "bool false"), ("!FALSE", "bool true"),
        // comparisons
        ("\"i\" < 2.5", "bool true"), ("\"f\" >= 1", "bool true"), ("\"i\" == 2", "bool true"), ("\"f\" != 1.5", "bool false"),
        ("2 == 2.0", "bool true"), ("'abc' < 'abd'", "bool true"), ("\"s\" >= 'abc'", "bool true"), ("'B' < 'a'", "bool true"),
        ("1s < 1m", "bool true"), ("1m == 60s", "bool true"), ("TRUE == \"b\"", "bool true"), ("TRUE != FALSE", "bool true"),
        ("\"host\" == 'a'", "bool true"), ("'a' == \"host\"", "bool true"), ("10 > \"i\"", "bool true"),
        ("\"s\" =~ /^a.c$/", "bool true"), ("\"s\" !~ /b/", "bool false"), ("\"host\" =~ /A/", "bool false"),
        ("'a/b' =~ /a\\/b/", "bool true"), ("'é' =~ /^\\pL$/", "bool true"),
        // logic and precedence
        ("TRUE AND FALSE", "bool false"), ("FALSE OR TRUE", "bool true"), ("1 + 2 * 3", "int 7"), ("(1 + 2) * 3", "int 9"),
        ("10 - 2 - 3", "int 5"), ("1 < 2 == TRUE", "bool true"), ("FALSE AND FALSE OR TRUE", "bool true"),
        ("\"i\" > 1 AND \"host\" == 'a' OR \"missing\" > 0", "bool true"),
        ("FALSE AND \"missing\" > 1", "bool false"), ("TRUE OR \"missing\" > 1", "bool true"),
        // two field or tag comparisons (evaluated as one node)
        ("\"i\" > 1 AND \"host\" == 'a'", "bool true"), ("\"i\" > 2 AND \"host\" == 'a'", "bool false"),
        ("\"host\" == 'b' OR \"f\" < 2", "bool true"), ("\"host\" != 'a' OR \"f\" > 2", "bool false"),
        ("\"i\" > 5 AND \"missing\" > 1", "bool false"), ("\"host\" == 'a' OR \"missing\" == 'x'", "bool true"),
        ("\"s\" == 'abc' AND \"i\" == 2.0", "bool true"), ("\"f\" >= 1.5 AND \"host\" == 'a' OR \"i\" < 0", "bool true"),
    ])
    func evaluates(_ expression: String, _ expected: String) {
        #expect(lambdaResult(expression) == expected, "\(expression)")
    }

    @Test(arguments: [
        ("\"i\" + 1.5", "error: mismatched type to binary operator. got int + float. see bool(), int(), float(), string(), duration()"),
        ("\"f\" % 2.0", "error: invalid math operator % for type float"),
        ("\"s\" - 'a'", "error: invalid math operator - for type string"),
        ("\"missing\" + 1", "error: invalid math operator + for type missing"),
        ("1 + \"missing\"", "error: mismatched type to binary operator. got int + missing. see bool(), int(), float(), string(), duration()"),
        ("\"missing\" > 1", "error: left reference value \"missing\" is missing value"),
        ("1 < \"missing\"", "error: right reference value \"missing\" is missing value"),
        ("\"b\" > TRUE", "error: invalid comparison operator > for type boolean"),
        ("\"s\" > 1", "error: mismatched type to binary operator. got string > int. see bool(), int(), float(), string(), duration()"),
        ("\"time\" > 1", "error: invalid comparison operator > for type time"),
        ("\"i\" =~ /x/", "error: invalid comparison operator =~ for type int"),
        ("\"f\" AND TRUE", "error: invalid logical operator AND for type float"),
        ("\"b\" AND \"missing\"", "error: right reference value \"missing\" is missing value"),
        ("\"i\" / 0", "error: runtime error: integer divide by zero"),
        ("\"i\" % 0", "error: runtime error: integer divide by zero"),
        ("\"dup\" > 0", "error: cannot have field and tags with same name \"dup\""),
        ("\"i\" > 1 AND \"missing\" > 1", "error: left reference value \"missing\" is missing value"),
        ("\"host\" == 'b' OR \"s\" > 1", "error: mismatched type to binary operator. got string > int. see bool(), int(), float(), string(), duration()"),
        ("\"big\" > 0", "error: field \"big\" holds unsigned value 18446744073709551615, too large for an int"),
        ("-\"missing\" > 1", "error: expected leftEvaluator to be *EvalReferenceNode got *stateful.EvalUnaryNode"),
        ("!\"f\"", "error: TypeGuard: expression returned unexpected type float, expected boolean"),
        ("!\"missing\"", "error: reference \"missing\" is missing value"),
        ("\"missing\"", "error: missing value: \"missing\""),
        ("-\"missing\"", "error: reference \"missing\" is missing value"),
        ("\"time\"", "error: expression returned unexpected type time"),
        ("/x/", "error: expression returned unexpected type regex"),
    ])
    func failsOnPoint(_ expression: String, _ expected: String) {
        #expect(lambdaResult(expression) == expected, "\(expression)")
    }

    @Test(arguments: [
        ("1 + 2.0", "mismatched type to binary operator. got int + float. see bool(), int(), float(), string(), duration()", 2),
        ("'a' - 'b'", "invalid math operator - for type string", 4),
        ("TRUE < FALSE", "invalid comparison operator < for type boolean", 5),
        ("1 < 'a'", "mismatched type to binary operator. got int < string. see bool(), int(), float(), string(), duration()", 2),
        ("\"x\" > 1 AND (1 + 2.5 > 0)", "Failed to handle right node: Failed to handle left node: mismatched type to binary operator. got int + float. see bool(), int(), float(), string(), duration()", 15),
        ("(\"x\" > 1) + 1", "invalid math operator + for type boolean", 10),
        ("foo(1)", "undefined function: \"foo\"", 0),
        ("abs(1.0, 2.0)", "Cannot call function \"abs\" with args (1, 2), available signatures are [(float)].", 0),
        ("y > 1", "Failed to handle left node: name \"y\" is undefined. Names in scope: ", 0),
    ])
    func failsToCompile(_ expression: String, _ message: String, _ offset: Int) {
        do {
            _ = try compileLambda(expression)
            Issue.record("\(expression) compiled")
        } catch let error as LambdaError {
            #expect(error.message == message)
            #expect(error.offset.map { $0 - 16 } == offset, "\(expression)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test(arguments: [
        ("\"b\"", "true"), ("\"i\" > 1", "true"), ("\"f\"", "error: TypeGuard: expression returned unexpected type float, expected boolean"),
        ("\"missing\"", "error: reference \"missing\" is missing value"), ("\"i\" + 1", "error: expression returned unexpected type int64"),
        ("\"s\" + 'x'", "error: expression returned unexpected type <nil>"), ("abs(\"f\")", "error: TypeGuard: expression returned unexpected type float, expected boolean"),
        ("isPresent(\"missing\")", "false"),
    ])
    func predicates(_ expression: String, _ expected: String) {
        #expect(predicateResult(expression) == expected, "\(expression)")
    }

    @Test func referencesInOrderOfFirstUse() throws {
        let lambda = try compileLambda("\"b\" > 1 AND sigma(\"a\") > \"b\" OR hour(\"time\") == 1")
        #expect(lambda.references == ["b", "a", "time"])
    }

    @Test func identifiersTakeVariableValues() throws {
        let limit = Node(.number(NumberLiteral(integer: 10)), at: 0)
        let lambda = try compileLambda("\"i\" < limit", variables: ["limit": limit])
        #expect(try lambda.evaluateBool(fields: LambdaFixture.fields, tags: LambdaFixture.tags, time: 0))
    }
}
