import Models
@testable import Pipeline
import Testing

@Suite struct LambdaFunctionTests {
    @Test(arguments: [
        // conversions
        ("bool('true')", "bool true"), ("bool('F')", "bool false"), ("bool(1)", "bool true"), ("bool(0.0)", "bool false"),
        ("bool(2)", "error: error calling \"bool\": cannot convert 2 to boolean"),
        ("bool(2.5)", "error: error calling \"bool\": cannot convert 2.5 to boolean"),
        ("bool('yes')", "error: error calling \"bool\": strconv.ParseBool: parsing \"yes\": invalid syntax"),
        ("int(2.9)", "int 2"), ("int(-2.9)", "int -2"), ("int(TRUE)", "int 1"), ("int('-42')", "int -42"), ("int(\"u\")", "int 7"),
        ("int('4.2')", "error: error calling \"int\": strconv.ParseInt: parsing \"4.2\": invalid syntax"),
        ("int('99999999999999999999')", "error: error calling \"int\": strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
        ("int(1s)", "error: Cannot call function \"int\" with args (1s: duration), available signatures are [(boolean), (string), (int), (float)]."),
        ("float(3)", "float 3.0"), ("float(FALSE)", "float 0.0"), ("float('2.5e3')", "float 2500.0"),
        ("float('x')", "error: error calling \"float\": strconv.ParseFloat: parsing \"x\": invalid syntax"),
        ("string(12)", "string 12"), ("string(1.5)", "string 1.5"), ("string(1000000000000000000000.0)", "string 1000000000000000000000"),
        ("string(0.000001)", "string 0.000001"), ("string(TRUE)", "string true"), ("string(90m)", "string 90m"),
        ("string(1500ms)", "string 1500ms"), ("string(14d)", "string 2w"),
        ("duration(5m)", "duration 300000000000"), ("duration(3, 1s)", "duration 3000000000"),
        ("duration(1.5, 1m)", "duration 90000000000"), ("duration('1h30m', 1s)", "duration 5400000000000"),
        ("duration('-2d', 1s)", "duration -172800000000000"),
        ("duration('x', 1s)", "error: error calling \"duration\": invalid duration string \"x\""),
        ("duration(3)", "error: Cannot call function \"duration\" with args (3: int), available signatures are [(duration), (int,duration), (float,duration), (string,duration)]."),
        // math takes floats only
        ("abs(-2.5)", "float 2.5"), ("abs(-2)", "error: Cannot call function \"abs\" with args (-2: int), available signatures are [(float)]."),
        ("sqrt(16.0)", "float 4.0"), ("pow(2.0, 10.0)", "float 1024.0"), ("max(1.0, 2.0)", "float 2.0"),
        ("min(1.0, 2.0)", "float 1.0"), ("mod(7.5, 2.0)", "float 1.5"), ("floor(-1.5)", "float -2.0"), ("ceil(1.2)", "float 2.0"),
        ("trunc(-1.7)", "float -1.0"), ("log10(1000.0)", "float 3.0"), ("log2(8.0)", "float 3.0"), ("exp2(3.0)", "float 8.0"),
        ("pow10(3)", "float 1000.0"), ("pow10(-400)", "float 0.0"), ("pow10(400)", "float inf"), ("hypot(3.0, 4.0)", "float 5.0"),
        ("cbrt(27.0)", "float 3.0"), ("logb(8.0)", "float 3.0"), ("gamma(5.0)", "float 24.0"), ("jn(0, 0.0)", "float 1.0"),
        ("atan2(0.0, 1.0)", "float 0.0"), ("sin(0.0)", "float 0.0"), ("cos(0.0)", "float 1.0"), ("erf(0.0)", "float 0.0"),
        ("max(1.0, 0.0 / 0.0) == max(1.0, 0.0 / 0.0)", "bool false"),
        ("abs(\"missing\")", "error: Cannot call function \"abs\" argument \"missing\" is missing, values in scope are []"),
        ("hypot(\"missing\", \"f\") + \"f\"", "error: Cannot call function \"hypot\" argument \"missing\" is missing, values in scope are [\"f\"]"),
        ("hypot(\"missing\", \"gone\")", "error: Cannot call function \"hypot\" arguments \"missing\", \"gone\" are missing, values in scope are []"),
        ("abs(1.0 + 1)", "error: Failed to handle 1 argument: mismatched type to binary operator. got float + int. see bool(), int(), float(), string(), duration()"),
        // strings work on bytes
        ("strContains('seafood', 'foo')", "bool true"), ("strContainsAny('failure', 'ui')", "bool true"),
        ("strContainsAny('x', '')", "bool false"), ("strCount('cheese', 'e')", "int 3"), ("strCount('five', '')", "int 5"),
        ("strHasPrefix('golang', 'go')", "bool true"), ("strHasSuffix('golang', 'ng')", "bool true"),
        ("strIndex('chicken', 'ken')", "int 4"), ("strIndex('chicken', 'dmr')", "int -1"), ("strIndex('héllo', 'l')", "int 3"),
        ("strIndexAny('golang', 'ny')", "int 4"), ("strLastIndex('go gopher', 'go')", "int 3"), ("strLastIndex('go', '')", "int 2"),
        ("strLastIndexAny('go gopher', 'go')", "int 4"), ("strLength('héllo')", "int 6"),
        ("strReplace('oink oink oink', 'k', 'ky', 2)", "string oinky oinky oink"),
        ("strReplace('oink oink oink', 'oink', 'moo', -1)", "string moo moo moo"), ("strReplace('ab', '', '-', -1)", "string -a-b-"),
        ("strSubstring('abcdef', 1, 3)", "string bc"),
        ("strSubstring('abc', 0, 3)", "error: error calling \"strSubstring\": stop index too large for string in strSubstring: 3"),
        ("strSubstring('abc', -1, 2)", "error: error calling \"strSubstring\": found negative index for strSubstring: -1"),
        ("strSubstring('abc', 2, 1)", "error: error calling \"strSubstring\": runtime error: slice bounds out of range [2:1]"),
        ("strToLower('ÀBC')", "string àbc"), ("strToUpper('straße')", "string STRAßE"),
        ("strTrim('xxhixx', 'x')", "string hi"), ("strTrimLeft('xxhixx', 'x')", "string hixx"), ("strTrimRight('xxhixx', 'x')", "string xxhi"),
        ("strTrimPrefix('prefix-body', 'prefix-')", "string body"), ("strTrimSuffix('body.go', '.go')", "string body"),
        ("strTrimSpace(' \t hi \n')", "string hi"), ("strTrimPrefix('abc', 'x')", "string abc"),
        ("regexReplace(/a(x*)b/, '-ab-axxb-', '${1}W')", "string -W-xxW-"), ("regexReplace(/a(x*)b/, '-ab-axxb-', '$1W')", "string ---"),
        ("regexReplace(/a*/, 'baaac', '-')", "string -b-c-"), ("regexReplace(/(?P<first>\\w+) (\\w+)/, 'hello world', '$2 ${first} $$')", "string world hello $"),
        ("strLength(\"i\")", "error: Cannot call function \"strLength\" with args (\"i\": int), available signatures are [(string)]."),
        // time, in UTC
        ("unixNano(\"time\")", "int 1614834367000000000"), ("minute(\"time\")", "int 6"), ("hour(\"time\")", "int 5"),
        ("weekday(\"time\")", "int 4"), ("day(\"time\")", "int 4"), ("month(\"time\")", "int 3"), ("year(\"time\")", "int 2021"),
        ("unixNano(now())", "int 0"), ("hour(\"i\")", "error: Cannot call function \"hour\" with args (\"i\": int), available signatures are [(time)]."),
        // the rest
        ("humanBytes(82854982)", "string 83 MB"), ("humanBytes(1500.0)", "string 1.5 kB"), ("humanBytes(9)", "string 9 B"),
        ("humanBytes(1000)", "string 1.0 kB"),
        ("if(\"i\" > 1, 'big', 'small')", "string big"), ("if(FALSE, 1, 2)", "int 2"),
        ("if(TRUE, 1, 2.0)", "error: Cannot call function \"if\" with args (true: boolean,1: int,2: float), available signatures are [(boolean,float,float), (boolean,int,int), (boolean,string,string), (boolean,boolean,boolean), (boolean,regex,regex), (boolean,time,time), (boolean,duration,duration)]."),
        ("\"s\" =~ if(TRUE, /b/, /x/)", "bool true"),
        ("isPresent(\"f\")", "bool true"), ("isPresent(\"host\")", "bool true"), ("isPresent(\"missing\")", "bool false"),
        ("isPresent(1s)", "error: Cannot call function \"isPresent\" with args (1s: duration), available signatures are [(missing), (boolean), (string), (int), (float)]."),
        ("rand(1)", "int 0"), ("rand() >= 0", "bool true"), ("rand(10) < 10", "bool true"), ("count()", "int 1"),
    ])
    func evaluates(_ expression: String, _ expected: String) {
        #expect(lambdaResult(expression) == expected, "\(expression)")
    }

    /// sigma as Kapacitor computes it: Welford's running mean and sample variance, |x - mean| / stddev.
    @Test func sigmaStepByStep() throws {
        let lambda = try compileLambda("sigma(\"v\")")
        var results: [Double] = []
        for v in [1.0, 2.0, 3.0, 10.0, 10.0] {
            guard case .float(let result) = try lambda.evaluate(fields: Fields([Field("v", .float(v))]), tags: Tags(), time: 0) else {
                Issue.record("not a float")
                return
            }
            results.append((result * 1e6).rounded() / 1e6)
        }
        #expect(results == [0, 0.707107, 1.0, 1.469694, 1.081454])
        lambda.reset()
        #expect(try lambda.evaluate(fields: Fields([Field("v", .float(5))]), tags: Tags(), time: 0) == .float(0))
    }

    @Test func spreadAndCountRunPerCallSite() throws {
        let lambda = try compileLambda("spread(\"v\") + float(count()) * 1000.0 + float(count()) * 100000.0")
        var results: [LambdaValue] = []
        for v in [5.0, 3.0, 9.0] {
            results.append(try lambda.evaluate(fields: Fields([Field("v", .float(v))]), tags: Tags(), time: 0))
        }
        #expect(results == [.float(101_000), .float(202_002), .float(303_006)])
        lambda.reset()
        #expect(try lambda.evaluate(fields: Fields([Field("v", .float(1))]), tags: Tags(), time: 0) == .float(101_000))
    }

    @Test func shortCircuitedStatefulCallsDoNotCount() throws {
        let lambda = try compileLambda("\"go\" AND count() > 0")
        for go in [false, true, false, true] {
            _ = try lambda.evaluateBool(fields: Fields([Field("go", .bool(go))]), tags: Tags(), time: 0)
        }
        #expect(try lambda.evaluate(fields: Fields([Field("go", .bool(true))]), tags: Tags(), time: 0) == .bool(true))
        let counter = try compileLambda("count()")
        #expect(try counter.evaluate(fields: Fields(), tags: Tags(), time: 0) == .int(1))
    }

    @Test func nowReadsTheInjectedClock() throws {
        let lambda = try compileLambda("unixNano(now())", clock: ManualClock(42))
        #expect(try lambda.evaluate(fields: Fields(), tags: Tags(), time: 0) == .int(42))
    }
}

@Suite struct LambdaFunctionListTests {
    /// Kapacitor 1.8 registers 79 stateless functions and 4 stateful ones.
    @Test func everyKapacitorFunctionExists() {
        #expect(Set(LambdaFunction.names).count == 83)
        for name in LambdaFunction.names {
            #expect(LambdaFunction.builtIn(name, clock: ManualClock(), seed: nil) != nil, "\(name)")
        }
    }
}
