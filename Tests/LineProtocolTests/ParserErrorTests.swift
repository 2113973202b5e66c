import LineProtocol
import Models
import Testing

@Suite struct ParserErrorTests {
    @Test(arguments: [
        (",tag=a v=1", "missing measurement"),
        ("cpu", "missing fields"),
        ("cpu,a=b", "missing fields"),
        ("cpu ", "missing fields"),
        ("cpu,", "missing tag key"),
        ("cpu,=a v=1", "missing tag key"),
        ("cpu, v=1", "missing tag key"),
        ("cpu,host v=1", "missing tag value"),
        ("cpu,host= v=1", "missing tag value"),
        ("cpu,host=a=b v=1", "invalid tag format"),
        ("cpu,a=1,a=2 v=1", "duplicate tags"),
        ("cpu,b=1,a=2,b=3 v=1", "duplicate tags"),
        ("cpu =1", "missing field key"),
        ("cpu a=1,=2", "missing field key"),
        ("cpu v=", "missing field value"),
        ("cpu v=,w=1", "missing field value"),
        ("cpu v= 1", "missing field value"),
        ("cpu v=\"open", "unbalanced quotes"),
        ("cpu 123i", "invalid field format"),
        ("cpu a=1i,b", "invalid field format"),
        ("cpu v=1.1.1", "invalid number"),
        ("cpu v=1a", "invalid number"),
        ("cpu v=1.0i", "invalid number"),
        ("cpu v=1ii", "invalid number"),
        ("cpu v=-", "invalid number"),
        ("cpu v=.", "invalid number"),
        ("cpu v=NaN", "invalid number"),
        ("cpu v=-Inf", "invalid number"),
        ("cpu v=-1u", "invalid number"),
        ("cpu v=1.5u", "invalid number"),
        ("cpu v=1e", "invalid float"),
        ("cpu v=1e999", "invalid float"),
        ("cpu v=+1", "invalid boolean"),
        ("cpu v=Inf", "invalid boolean"),
        ("cpu v=yes", "invalid boolean"),
        ("cpu v=tru", "invalid boolean"),
        ("cpu v=9223372036854775808i",
         "unable to parse integer 9223372036854775808: strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
        ("cpu v=18446744073709551616u",
         "unable to parse unsigned 18446744073709551616: strconv.ParseUint: parsing \"18446744073709551616\": value out of range"),
        ("cpu v=1 12x", "bad timestamp"),
        ("cpu v=1 abc", "bad timestamp"),
        ("cpu v=1 123 456", "point is invalid"),
        ("cpu v=1 -", "strconv.ParseInt: parsing \"-\": invalid syntax"),
        ("cpu v=1 99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
    ])
    func reasons(line: String, reason: String) {
        let result = LineProtocolParser().parse(line)
        #expect(result.points.isEmpty)
        #expect(result.errors.map(\.reason.text) == [reason])
        #expect(result.errors.first?.description == "unable to parse '\(line)': \(reason)")
    }

    @Test func timeOutsideRangeAfterPrecision() {
        let result = LineProtocolParser(precision: .hours).parse("cpu v=1 9223372036854")
        #expect(result.errors.map(\.reason.text) == ["time outside range -9223372036854775806 - 9223372036854775806"])
    }

    @Test func badLinesAreReportedAndGoodLinesKept() {
        let body = """
        cpu,host=a v=1 1
        cpu,host=b v= 2
        cpu,host=c v=3 3
        bad
        cpu,host=d v=4 4
        """
        let result = LineProtocolParser().parse(body)
        #expect(result.points.map { $0.tags["host"] } == ["a", "c", "d"])
        #expect(result.errors.map(\.lineNumber) == [2, 4])
        #expect(result.errors.map(\.line) == ["cpu,host=b v= 2", "bad"])
    }

    @Test func errorInsideMultiLineStringSkipsTheWholeLine() {
        let body = "cpu v=\"a\nb\",w=x\ncpu v=2 5\n"
        let result = LineProtocolParser().parse(body)
        #expect(result.points.count == 1)
        #expect(result.points.first?.time == 5)
        #expect(result.errors.first?.line == "cpu v=\"a\nb\",w=x")
        #expect(result.errors.first?.reason == .invalidBoolean)
    }
}

@Suite struct ParserBodyTests {
    @Test func blankLinesCommentsAndWhitespace() {
        let body = "\n\n# a comment\n   cpu v=1 1\n\t\ncpu v=2 2\r\ncpu v=3 3\n\n"
        let result = LineProtocolParser().parse(body)
        #expect(result.errors.isEmpty)
        #expect(result.points.map(\.time) == [1, 2, 3])
    }

    @Test func emptyBody() {
        let result = LineProtocolParser().parse("")
        #expect(result.points.isEmpty && result.errors.isEmpty)
    }

    @Test func stampsDatabaseAndRetentionPolicy() {
        let result = LineProtocolParser(database: "telegraf", retentionPolicy: "autogen").parse("cpu v=1 1")
        #expect(result.points.first?.database == "telegraf")
        #expect(result.points.first?.retentionPolicy == "autogen")
    }

    @Test func parsesFromBytes() {
        var points: [Point] = []
        let errors = LineProtocolParser().parse(Array("cpu v=1 1\n".utf8), into: &points)
        #expect(errors.isEmpty)
        #expect(points.count == 1)
    }
}

@Suite struct RoundTripTests {
    @Test(arguments: [
        "cpu,host=a,region=us-west usage_idle=99.5,usage_user=0.25 1700000000000000000",
        "c\\,p\\ u,t\\ a\\=g=v\\,a\\ l\\=ue f\\,i\\ e\\=ld=\"q\\\"u\\\\o\" 1",
        "m i=-5i,u=7u,b=true,f=1e+16,s=\"\" -5",
        "m f=1.5e-07,g=123456.789 0",
    ])
    func parseSerializeParse(line: String) throws {
        let first = LineProtocolParser().parse(line)
        #expect(first.errors.isEmpty)
        let text = LineProtocolSerializer.serialize(first.points)
        let second = LineProtocolParser().parse(text)
        #expect(second.errors.isEmpty)
        #expect(second.points == first.points)
    }

    @Test func serializesWithPrecision() {
        let point = Point(measurement: "m", fields: Fields([Field("v", .int(1))]), time: 3_000_000_000)
        #expect(LineProtocolSerializer.serialize([point], precision: .seconds) == "m v=1i 3\n")
    }
}
