import Foundation
import Testing
@testable import TICKscript

let templateScript = """
// Which measurement to consume
var measurement string

// Optional where filter
var where_filter = lambda: TRUE

// Optional list of group by dimensions
var groups = [*]

// Which field to process
var field string

// Warning criteria, has access to 'mean' field
var warn lambda

// Critical criteria, has access to 'mean' field
var crit lambda

// How much data to window
var window = 5m

// The slack channel for alerts
var slack_channel = '#alerts'

// A threshold
// over two lines

var threshold = 90.5
var count = 10
var negative = -3m
var derived = window + 1m
var doubled = count * 2
var on = !FALSE
var pattern = /^cpu\\/[0-9]+$/
var hosts = ['a', 'b', *]
var resolved = lambda: "value" > count

stream
    |from()
        .measurement(measurement)
        .where(where_filter)
        .groupBy(groups)
    |window()
        .period(window)
        .every(window)
    |mean(field)
    |alert()
        .warn(warn)
        .crit(crit)
        .slack()
        .channel(slack_channel)
"""

@Suite struct VarsTests {
    @Test(arguments: [
        ("measurement", Var(type: .string, description: "Which measurement to consume")),
        ("where_filter", Var(.lambda("TRUE"), description: "Optional where filter")),
        ("groups", Var(.list([Var(.star)]), description: "Optional list of group by dimensions")),
        ("warn", Var(type: .lambda, description: "Warning criteria, has access to 'mean' field")),
        ("window", Var(.duration(300_000_000_000), description: "How much data to window")),
        ("slack_channel", Var(.string("#alerts"), description: "The slack channel for alerts")),
        ("threshold", Var(.float(90.5), description: "A threshold\nover two lines")),
        ("count", Var(.int(10))),
        ("negative", Var(.duration(-180_000_000_000))),
        ("derived", Var(.duration(360_000_000_000))),
        ("doubled", Var(.int(20))),
        ("on", Var(.bool(true))),
        ("pattern", Var(.regex("^cpu/[0-9]+$"))),
        ("hosts", Var(.list([Var(.string("a")), Var(.string("b")), Var(.star)]))),
        ("resolved", Var(.lambda("\"value\" > 10"))),
    ])
    func declaredVars(name: String, expected: Var) throws {
        let vars = try Parser.parse(templateScript).declaredVars()
        #expect(vars[name] == expected)
        #expect(vars.count == 17)
    }

    @Test func blankLineBetweenCommentGroupsIsKept() throws {
        let vars = try Parser.parse("// a\n\n// b\nvar x = 1\n").declaredVars()
        #expect(vars["x"]?.description == "a\n\n\nb")
    }

    @Test func pipelineVarsAreNotTemplateVars() throws {
        let vars = try Parser.parse("var data = stream|from()\nvar x = data\ndata|log()").declaredVars()
        #expect(vars.isEmpty)
    }

    @Test(arguments: [
        ("var x = 10\nstream|from()", ["x": Var(.int(20))], "var x = 20"),
        ("var x int\nstream|from()", ["x": Var(.int(-5))], "var x = -5"),
        ("var x float\nstream|from()", ["x": Var(.float(2.5))], "var x = 2.5"),
        ("var x duration\nstream|from()", ["x": Var(.duration(90_000_000_000))], "var x = 90s"),
        ("var x = 1m\nstream|from()", ["x": Var(.duration(1_500))], "var x = 1500ns"),
        ("var x string\nstream|from()", ["x": Var(.string("it's"))], "var x = 'it\\'s'"),
        ("var x regex\nstream|from()", ["x": Var(.regex("a/b"))], "var x = /a\\/b/"),
        ("var x bool\nstream|from()", ["x": Var(.bool(true))], "var x = TRUE"),
        ("var x lambda\nstream|from()", ["x": Var(.lambda("\"v\" > 1 AND \"w\" < 2"))], "var x = lambda: \"v\" > 1 AND \"w\" < 2"),
        ("var x list\nstream|from()", ["x": Var(.list([Var(.string("host")), Var(.star)]))], "var x = ['host', *]"),
        ("var x star\nstream|from()", ["x": Var(.star)], "var x = *"),
        ("var x = 1\nstream|from()", ["other": Var(.string("ignored"))], "var x = 1"),
    ])
    func applying(script: String, vars: [String: Var], firstStatement: String) throws {
        let program = try Parser.parse(script).applying(vars)
        let formatted = Formatter.format(program)
        #expect(formatted.hasPrefix(firstStatement + "\n"))
        #expect(try program.declaredVars()["x"]?.value == (vars["x"]?.value ?? .int(1)))
    }

    @Test func applyingKeepsDescriptionsAndDerivedVarsFollow() throws {
        let program = try Parser.parse("// the window\nvar w = 1m\nvar twice = w + w\nstream|from()").applying(
            ["w": Var(.duration(600_000_000_000))])
        let vars = try program.declaredVars()
        #expect(vars["w"] == Var(.duration(600_000_000_000), description: "the window"))
        #expect(vars["twice"]?.value == .duration(1_200_000_000_000))
    }

    @Test(arguments: [
        ("var x = 3m\nstream", ["x": Var(.string("5m"))], "invalid type supplied for x, got string exp duration"),
        ("var x int\nstream", ["x": Var(.bool(true))], "invalid type supplied for x, got boolean exp int"),
        ("var x = stream|from()\nx|log()", ["x": Var(.int(1))], "invalid type supplied for x, got int exp invalid type"),
        ("var x duration\nstream", [:], "missing value for var \"x\"."),
        ("var x number\nstream", ["x": Var(.int(1))], "invalid var type \"number\""),
        ("var x lambda\nstream", ["x": Var(.lambda("\"a\" >"))],
         "invalid var x: invalid lambda expression: parser: unexpected EOF line 1 char 6 in \"\"a\" >\". expected: \"number\",\"string\",\"duration\",\"identifier\",\"TRUE\",\"FALSE\",\"==\",\"(\",\"-\",\"!\""),
    ])
    func applyingErrors(script: String, vars: [String: Var], message: String) throws {
        #expect(throws: VarError.invalid(message)) { try Parser.parse(script).applying(vars) }
    }

    @Test func templatesKeepTypeDeclarationsWithoutValues() throws {
        let program = try Parser.parse("var x duration\nstream").applying([:], requireValues: false)
        #expect(program == (try Parser.parse("var x duration\nstream")))
    }

    @Test(arguments: [
        (#"{"type":"int","value":10,"description":"d"}"#, Var(.int(10), description: "d")),
        (#"{"type":"float","value":10}"#, Var(.float(10))),
        (#"{"type":"duration","value":300000000000}"#, Var(.duration(300_000_000_000))),
        (#"{"type":"duration","value":"5m"}"#, Var(.duration(300_000_000_000))),
        (#"{"type":"duration","value":"1h30m"}"#, Var(.duration(5_400_000_000_000))),
        (#"{"type":"bool","value":false}"#, Var(.bool(false))),
        (#"{"type":"string","value":"s"}"#, Var(.string("s"))),
        (#"{"type":"regex","value":"^a"}"#, Var(.regex("^a"))),
        (#"{"type":"lambda","value":"\"v\" > 1"}"#, Var(.lambda("\"v\" > 1"))),
        (#"{"type":"list","value":[{"type":"string","value":"a"},{"type":"star"}]}"#, Var(.list([Var(.string("a")), Var(.star)]))),
        (#"{"type":"star","value":null}"#, Var(.star)),
        (#"{"type":"int","value":null}"#, Var(type: .int)),
    ])
    func decoding(json: String, expected: Var) throws {
        #expect(try JSONDecoder().decode(Var.self, from: Data(json.utf8)) == expected)
    }

    @Test(arguments: [
        (#"{"x":{"type":"int","value":"10"}}"#, VarError.malformed("invalid var x: expected int value")),
        (#"{"x":{"type":"int","value":1.5}}"#, .malformed("invalid var x: expected int value")),
        (#"{"x":{"type":"number","value":1}}"#, .malformed("unknown VarType number")),
        (#"{"x":{"type":"duration","value":"5 minutes"}}"#, .malformed("invalid duration string for var x: invalid duration")),
        (#"{"x":{"type":"list","value":"a"}}"#, .malformed("invalid var x: expected list of vars")),
        (#"{"x":{"type":"bool","value":"true"}}"#, .invalid("invalid var x: unexpected var type bool, value is a string")),
        (#"{"x":{"type":"string","value":1}}"#, .invalid("invalid var x: unsupported Var type json.Number.")),
        (#"{"x":{"type":"lambda","value":true}}"#, .invalid("invalid var x: mismatched type and value: bool lambda")),
    ])
    func decodingErrors(json: String, error: VarError) {
        #expect(throws: error) { try JSONDecoder().decode([String: Var].self, from: Data(json.utf8)) }
    }

    @Test func encodingUsesTheAPITypes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let vars: [String: Var] = [
            "d": Var(.duration(300_000_000_000)), "f": Var(.float(90)), "l": Var(.list([Var(.string("a")), Var(.star)])),
            "s": Var(type: .star), "t": Var(type: .int, description: "needed"),
        ]
        let text = String(decoding: try encoder.encode(vars), as: UTF8.self)
        #expect(text == #"{"d":{"description":"","type":"duration","value":300000000000},"f":{"description":"","type":"float","value":90},"#
            + #""l":{"description":"","type":"list","value":[{"description":"","type":"string","value":"a"},{"description":"","type":"star","value":null}]},"#
            + #""s":{"description":"","type":"star","value":null},"t":{"description":"needed","type":"int","value":null}}"#)
    }

    @Test(arguments: [
        ("10s", Int64(10_000_000_000)), ("1ms", 1_000_000), ("3u", 3_000), ("3µ", 3_000), ("2ns", 2), ("1w", 604_800_000_000_000),
        ("1d", 86_400_000_000_000), ("-1h", -3_600_000_000_000), ("1m30s", 90_000_000_000),
    ])
    func durationLiterals(text: String, nanoseconds: Int64) {
        #expect(DurationLiteral.nanoseconds(text) == nanoseconds)
    }

    @Test(arguments: ["", "1", "s", "1x", "1.5s", "10"])
    func invalidDurationLiterals(text: String) {
        #expect(DurationLiteral.nanoseconds(text) == nil)
    }
}
