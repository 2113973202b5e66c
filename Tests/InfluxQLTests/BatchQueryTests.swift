import InfluxQL
import Models
import Testing

/// 2020-01-01T00:00:00Z.
let newYear: Timestamp = 1_577_836_800_000_000_000
let minute: Int64 = 60_000_000_000
let second: Int64 = 1_000_000_000
/// The range every table row queries.
let range = "time >= '2020-01-01T00:00:00Z' AND time < '2020-01-01T00:01:00Z'"

/// One statement: the query node's text, groupBy and fill, and what Kapacitor sends.
struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var dimensions: [BatchQuery.Dimension] = []
    var fill: FillOption?
    var alignGroup = false
    var expected: String
    var testDescription: String { query }
}

@Suite struct BatchQueryTests {
    static let cases: [Case] = [
        // Kapacitor's query_test.go statements.
        Case(query: "SELECT usage FROM telegraf.autogen.cpu", expected: "SELECT usage FROM telegraf.autogen.cpu WHERE \(range)"),
        Case(
            query: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA'",
            expected: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA' AND \(range)"),
        Case(
            query: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA' AND dc = 'slc' OR product = 'login'",
            expected: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA' AND dc = 'slc' OR product = 'login' AND \(range)"),
        Case(
            query: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA' AND (dc = 'slc' OR product = 'login')",
            expected: "SELECT mean(usage) FROM telegraf.autogen.cpu WHERE host = 'serverA' AND (dc = 'slc' OR product = 'login') AND \(range)"),
        Case(
            query: "SELECT * from (SELECT usage FROM telegraf.autogen.cpu)",
            expected: "SELECT * FROM (SELECT usage FROM telegraf.autogen.cpu) WHERE \(range)"),
        Case(
            query: "SELECT * INTO telegraf.autogen.cpu FROM (SELECT usage FROM telegraf.autogen.cpu)",
            expected: "SELECT * INTO telegraf.autogen.cpu FROM (SELECT usage FROM telegraf.autogen.cpu) WHERE \(range)"),
        // The query node's documented example.
        Case(
            query: "\nSELECT mean(\"value\")\nFROM \"telegraf\".\"default\".cpu_usage_idle\nWHERE \"host\" = 'serverA'\n",
            dimensions: [.time(interval: 10 * second, offset: 0), .tag("cpu")],
            expected: "SELECT mean(value) FROM telegraf.\"default\".cpu_usage_idle WHERE host = 'serverA' AND \(range) GROUP BY time(10s, 0s), cpu"),
        // Quoting: keywords, spaces, dashes, leading digits, empty retention policy.
        Case(
            query: #"SELECT "usage idle" AS "idle", "value"::float, "select" FROM "my db"."rp"."cpu-load""#,
            expected: "SELECT \"usage idle\" AS idle, value::float, \"select\" FROM \"my db\".rp.\"cpu-load\" WHERE \(range)"),
        Case(query: #"SELECT v FROM "db".."1cpu""#, expected: "SELECT v FROM db..\"1cpu\" WHERE \(range)"),
        // Regexes in FROM and WHERE, with escaped slashes.
        Case(
            query: "SELECT value FROM db.rp./cpu.*/ WHERE host =~ /^server[0-9]+$/ AND path !~ /\\/api\\//",
            expected: "SELECT value FROM db.rp./cpu.*/ WHERE host =~ /^server[0-9]+$/ AND path !~ /\\/api\\// AND \(range)"),
        Case(query: "SELECT /usage_.*/ FROM /cpu|mem/", expected: "SELECT /usage_.*/ FROM /cpu|mem/ WHERE \(range)"),
        // Numbers print with three decimals, durations in their largest unit, strings re-escaped.
        Case(
            query: "SELECT value * 1.5 + 2, -value FROM cpu WHERE elapsed > 90s AND up > 60m AND v > -5 AND label = 'it\\'s'",
            expected: "SELECT value * 1.500 + 2, -1 * value FROM cpu WHERE elapsed > 90s AND up > 1h AND v > -5 AND label = 'it\\'s' AND \(range)"),
        Case(query: #"SELECT v FROM cpu WHERE "name" = 'x'"#, expected: "SELECT v FROM cpu WHERE \"name\" = 'x' AND \(range)"),
        Case(query: "SELECT v FROM cpu WHERE ok = TRUE OR ok = false", expected: "SELECT v FROM cpu WHERE ok = true OR ok = false AND \(range)"),
        // Functions: names lower-cased, nested calls, DISTINCT, typed wildcards.
        Case(
            query: "SELECT MEAN(value), percentile(value, 95), count(distinct(host)), top(value, host, 3) FROM cpu",
            expected: "SELECT mean(value), percentile(value, 95), count(distinct(host)), top(value, host, 3) FROM cpu WHERE \(range)"),
        Case(query: "SELECT DISTINCT host FROM cpu", expected: "SELECT DISTINCT host FROM cpu WHERE \(range)"),
        Case(query: "SELECT *::field, *::tag FROM cpu", expected: "SELECT *::field, *::tag FROM cpu WHERE \(range)"),
        // The node's groupBy replaces a written GROUP BY; a written fill stays unless the node sets one.
        Case(
            query: "SELECT mean(v) FROM cpu GROUP BY time(1m), host fill(previous)",
            expected: "SELECT mean(v) FROM cpu WHERE \(range) fill(previous)"),
        Case(
            query: "SELECT mean(v) FROM cpu fill(previous)", dimensions: [.time(interval: minute, offset: 0)], fill: .integer(0),
            expected: "SELECT mean(v) FROM cpu WHERE \(range) GROUP BY time(1m, 0s) fill(0)"),
        Case(
            query: "SELECT mean(v) FROM cpu", dimensions: [.star], fill: .number(1.5),
            expected: "SELECT mean(v) FROM cpu WHERE \(range) GROUP BY * fill(1.5)"),
        Case(
            query: "SELECT mean(v) FROM cpu", dimensions: [.tag("host"), .tag("region name")], fill: .noFill,
            expected: "SELECT mean(v) FROM cpu WHERE \(range) GROUP BY host, \"region name\" fill(none)"),
        Case(query: "SELECT mean(v) FROM cpu", fill: .number(1_000_000), expected: "SELECT mean(v) FROM cpu WHERE \(range) fill(1e+06)"),
        Case(query: "SELECT mean(v) FROM cpu", fill: .linear, expected: "SELECT mean(v) FROM cpu WHERE \(range) fill(linear)"),
        Case(query: "SELECT mean(v) FROM cpu", fill: .null, expected: "SELECT mean(v) FROM cpu WHERE \(range)"),
        Case(
            query: "SELECT mean(v) FROM cpu", dimensions: [.time(interval: 10 * minute, offset: 90 * second)],
            expected: "SELECT mean(v) FROM cpu WHERE \(range) GROUP BY time(10m, 90s)"),
        // alignGroup: the offset follows the start (here 00:00:00, a multiple of 1m).
        Case(
            query: "SELECT mean(v) FROM cpu", dimensions: [.time(interval: minute, offset: 5 * second)], alignGroup: true,
            expected: "SELECT mean(v) FROM cpu WHERE \(range) GROUP BY time(1m, 0s)"),
        // ORDER BY, LIMIT, OFFSET, SLIMIT, SOFFSET, TZ.
        Case(
            query: "select v from cpu order by time desc limit 10 offset 2 slimit 3 soffset 1 tz('America/Chicago')",
            expected: "SELECT v FROM cpu WHERE \(range) ORDER BY time DESC LIMIT 10 OFFSET 2 SLIMIT 3 SOFFSET 1 TZ('America/Chicago')"),
        Case(query: "SELECT v FROM cpu ORDER BY time", expected: "SELECT v FROM cpu WHERE \(range) ORDER BY time ASC"),
        // Comments and several sources.
        Case(
            query: "SELECT v -- the value\nFROM cpu, mem", expected: "SELECT v FROM cpu, mem WHERE \(range)"),
    ]

    @Test(arguments: cases) func printsAsKapacitor(_ testCase: Case) throws {
        var query = try BatchQuery(testCase.query)
        try query.setDimensions(testCase.dimensions)
        if testCase.alignGroup { query.alignGroup() }
        if let fill = testCase.fill { query.setFill(fill) }
        #expect(query.text(start: newYear, stop: newYear + minute) == testCase.expected)
    }

    @Test func alignGroupOffsetFollowsStart() throws {
        var query = try BatchQuery("SELECT mean(v) FROM cpu")
        try query.setDimensions([.time(interval: minute, offset: 0)])
        query.alignGroup()
        let start = newYear + 90 * second + 250_000_000
        #expect(query.text(start: start, stop: start + minute).hasSuffix("GROUP BY time(1m, 30250ms)"))
        #expect(query.isGroupedByTime)
    }

    @Test func fractionalTimesKeepTheirNanoseconds() throws {
        let query = try BatchQuery("SELECT v FROM cpu")
        #expect(query.text(start: newYear + 123_456_789, stop: newYear + 10 * second + 500_000_000)
            == "SELECT v FROM cpu WHERE time >= '2020-01-01T00:00:00.123456789Z' AND time < '2020-01-01T00:00:10.5Z'")
    }

    static let errors: [(String, String)] = [
        ("SELECT 1", "failed to parse InfluxQL query: found EOF, expected FROM at line 1, char 9"),
        ("SELEC value FROM cpu", "failed to parse InfluxQL query: found SELEC, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1"),
        ("SELECT a FROM b; SELECT c FROM d", "query must be a single select statement, got 2 statements"),
        ("", "query must be a single select statement, got 0 statements"),
        ("SHOW DATABASES", "query is not a select statement \"SHOW DATABASES\""),
        ("SELECT value FROM cpu WHERE host = 'a", "failed to parse InfluxQL query: found a, expected identifier, string, number, bool at line 1, char 36"),
        ("SELECT value > 1 FROM cpu", "failed to parse InfluxQL query: invalid operator > in SELECT clause at line 1, char 8; operator is intended for WHERE clause"),
        ("SELECT value FROM cpu fill(foo)", "failed to parse InfluxQL query: expected number argument in fill()"),
        ("SELECT value FROM cpu GROUP host", "failed to parse InfluxQL query: found host, expected BY at line 1, char 29"),
        ("SELECT value FROM cpu ORDER BY host", "failed to parse InfluxQL query: only ORDER BY time supported at this time"),
        ("SELECT value FROM cpu LIMIT x", "failed to parse InfluxQL query: found x, expected integer at line 1, char 29"),
        ("SELECT value FROM cpu\nWHERE", "failed to parse InfluxQL query: found EOF, expected identifier, string, number, bool at line 2, char 6"),
        ("SELECT value FROM cpu tz('Nowhere/City')", "failed to parse InfluxQL query: unable to find time zone Nowhere/City"),
        ("SELECT v FROM cpu WHERE name = 'x'", "failed to parse InfluxQL query: found NAME, expected identifier, string, number, bool at line 1, char 25"),
        ("SELECT v FROM cpu WHERE host =~ /a(?=b)/", "failed to parse InfluxQL query: error parsing regexp: invalid or unsupported Perl syntax: `(?=` at line 1, char 32"),
        ("SELECT v FROM cpu WHERE host =~ /(a)\\1/", "failed to parse InfluxQL query: error parsing regexp: invalid escape sequence: `\\1` at line 1, char 32"),
        ("SELECT value FROM cpu WHERE host =~ 'a'", "failed to parse InfluxQL query: found a, expected regex at line 1, char 37"),
    ]

    @Test(arguments: errors) func rejectsAsKapacitor(_ query: String, _ message: String) {
        #expect(throws: InfluxQLError(message)) { try BatchQuery(query) }
    }

    @Test func rejectsTwoTimeDimensions() throws {
        var query = try BatchQuery("SELECT v FROM cpu")
        #expect(throws: InfluxQLError("groupBy cannot have more than one time dimension")) {
            try query.setDimensions([.time(interval: minute, offset: 0), .time(interval: second, offset: 0)])
        }
    }

    static let durations: [(String, Int64)] = [
        ("10s", 10 * second), ("1h30m", 90 * minute), ("5ms", 5_000_000), ("7u", 7_000), ("3ns", 3), ("2w", 14 * 86_400 * second),
        ("-5m", -5 * minute), ("1d", 86_400 * second),
    ]

    @Test(arguments: durations) func durationsRoundTrip(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try InfluxQLSyntax.parseDuration(text) == nanoseconds)
    }

    @Test func formatsDurationsInTheLargestUnit() {
        #expect(InfluxQLSyntax.formatDuration(0) == "0s")
        #expect(InfluxQLSyntax.formatDuration(90 * minute) == "90m")
        #expect(InfluxQLSyntax.formatDuration(7 * 86_400 * second) == "1w")
        #expect(InfluxQLSyntax.formatDuration(1_500_000) == "1500u")
        #expect(InfluxQLSyntax.formatDuration(1_001) == "1001ns")
    }
}
