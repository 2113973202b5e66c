import LineProtocol
import Models
import Testing

/// Parses one line that must be good and returns its point.
func parseOne(_ line: String, precision: Precision = .nanoseconds, defaultTime: Timestamp = 0) throws -> Point {
    let result = LineProtocolParser(precision: precision, defaultTime: defaultTime).parse(line)
    #expect(result.errors.isEmpty, "unexpected errors: \(result.errors)")
    return try #require(result.points.first)
}

@Suite struct ParserValueTests {
    @Test(arguments: [
        ("m v=1", FieldValue.float(1)),
        ("m v=1.5", .float(1.5)),
        ("m v=-1.5", .float(-1.5)),
        ("m v=.5", .float(0.5)),
        ("m v=5.", .float(5)),
        ("m v=-.5", .float(-0.5)),
        ("m v=1e3", .float(1000)),
        ("m v=1E+10", .float(1e10)),
        ("m v=1.5e-3", .float(0.0015)),
        ("m v=0.1", .float(0.1)),
        ("m v=123456789012345678901234567890", .float(1.2345678901234568e29)),
        ("m v=3.141592653589793238", .float(3.141592653589793)),
        ("m v=1i", .int(1)),
        ("m v=-42i", .int(-42)),
        ("m v=9223372036854775807i", .int(Int64.max)),
        ("m v=-9223372036854775808i", .int(Int64.min)),
        ("m v=007i", .int(7)),
        ("m v=1u", .uint(1)),
        ("m v=18446744073709551615u", .uint(UInt64.max)),
        ("m v=t", .bool(true)),
        ("m v=T", .bool(true)),
        ("m v=true", .bool(true)),
        ("m v=True", .bool(true)),
        ("m v=TRUE", .bool(true)),
        ("m v=f", .bool(false)),
        ("m v=F", .bool(false)),
        ("m v=false", .bool(false)),
        ("m v=False", .bool(false)),
        ("m v=FALSE", .bool(false)),
        ("m v=\"hello\"", .string("hello")),
        ("m v=\"\"", .string("")),
        ("m v=\"a \\\"quoted\\\" word\"", .string("a \"quoted\" word")),
        ("m v=\"back\\\\slash\"", .string("back\\slash")),
        ("m v=\"keep\\,this\"", .string("keep\\,this")),
        ("m v=\"with, comma and = sign\"", .string("with, comma and = sign")),
        ("m v=\"two\nlines\"", .string("two\nlines")),
        ("m v=\"ünïcødé ✓\"", .string("ünïcødé ✓")),
    ])
    func valueTypes(line: String, expected: FieldValue) throws {
        let point = try parseOne(line)
        #expect(point.fields["v"] == expected)
    }

    @Test func severalFieldsKeepOrder() throws {
        let point = try parseOne("m b=1i,a=2,c=\"x\",d=true")
        #expect(point.fields.map(\.key) == ["b", "a", "c", "d"])
    }

    @Test func repeatedFieldKeepsLastValue() throws {
        let point = try parseOne("m a=1,a=2")
        #expect(point.fields.count == 1)
        #expect(point.fields["a"] == .float(2))
    }
}

@Suite struct ParserKeyTests {
    @Test(arguments: [
        ("cpu v=1", "cpu"),
        ("c\\,pu v=1", "c,pu"),
        ("c\\ pu v=1", "c pu"),
        ("cpu=load v=1", "cpu=load"),
        ("c\\=pu v=1", "c\\=pu"),
        ("c\\pu v=1", "c\\pu"),
        ("\"cpu\" v=1", "\"cpu\""),
        ("ünï v=1", "ünï"),
    ])
    func measurementEscapes(line: String, measurement: String) throws {
        #expect(try parseOne(line).measurement == measurement)
    }

    @Test(arguments: [
        ("m,host=a v=1", "host", "a"),
        ("m,ho\\,st=a v=1", "ho,st", "a"),
        ("m,ho\\ st=a v=1", "ho st", "a"),
        ("m,ho\\=st=a v=1", "ho=st", "a"),
        ("m,host=a\\,b v=1", "host", "a,b"),
        ("m,host=a\\ b v=1", "host", "a b"),
        ("m,host=a\\=b v=1", "host", "a=b"),
        ("m,host=a\\b v=1", "host", "a\\b"),
        ("m,host==a v=1", "host", "=a"),
        ("m,host=\"a\" v=1", "host", "\"a\""),
    ])
    func tagEscapes(line: String, key: String, value: String) throws {
        let point = try parseOne(line)
        #expect(point.tags[key] == value)
    }

    @Test(arguments: [
        ("m va\\,l=1", "va,l"),
        ("m va\\ l=1", "va l"),
        ("m va\\=l=1", "va=l"),
        ("m va\\\"l=1", "va\"l"),
        ("m va\"l=1", "va\"l"),
    ])
    func fieldKeyEscapes(line: String, key: String) throws {
        let point = try parseOne(line)
        #expect(point.fields.first?.key == key)
    }

    @Test func tagsAreSorted() throws {
        let point = try parseOne("m,z=1,a=2,m=3 v=1")
        #expect(point.tags.map(\.key) == ["a", "m", "z"])
        #expect(point.tags.map(\.value) == ["2", "3", "1"])
    }
}

@Suite struct ParserTimeTests {
    @Test(arguments: [
        (Precision.nanoseconds, Int64(1_500)),
        (.microseconds, 1_500_000),
        (.milliseconds, 1_500_000_000),
        (.seconds, 1_500_000_000_000),
        (.minutes, 90_000_000_000_000),
        (.hours, 5_400_000_000_000_000),
    ])
    func precisions(precision: Precision, nanos: Int64) throws {
        #expect(try parseOne("m v=1 1500", precision: precision).time == nanos)
    }

    @Test func negativeTimestamp() throws {
        #expect(try parseOne("m v=1 -1000").time == -1000)
    }

    @Test func missingTimestampTakesDefault() throws {
        #expect(try parseOne("m v=1", defaultTime: 42).time == 42)
        #expect(try parseOne("m v=1   ", defaultTime: 42).time == 42)
    }

    @Test func precisionParameter() {
        #expect(Precision(parameter: "") == .nanoseconds)
        #expect(Precision(parameter: "ns") == .nanoseconds)
        #expect(Precision(parameter: "u") == .microseconds)
        #expect(Precision(parameter: "ms") == .milliseconds)
        #expect(Precision(parameter: "s") == .seconds)
        #expect(Precision(parameter: "m") == .minutes)
        #expect(Precision(parameter: "h") == .hours)
        #expect(Precision(parameter: "d") == nil)
    }
}
