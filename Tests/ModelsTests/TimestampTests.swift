import Models
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_500_000_000, "1970-01-01T00:00:01.5Z"),
        (1, "1970-01-01T00:00:00.000000001Z"),
        (1_772_540_891_123_456_789, "2026-03-03T12:28:11.123456789Z"),
        (951_782_400_000_000_000, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59.999999999Z"),
        (-86_400_000_000_000, "1969-12-31T00:00:00Z"),
    ])
    func rfc3339Nano(time: Int64, text: String) {
        #expect(time.rfc3339Nano == text)
        #expect(Timestamp(rfc3339: text) == time)
    }

    @Test func parsesOffsetsAndShortFractions() {
        #expect(Timestamp(rfc3339: "1970-01-01T01:00:00+01:00") == 0)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.25Z") == 250_000_000)
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.1234567891Z") == 123_456_789)
        #expect(Timestamp(rfc3339: "1970-01-01 00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "1970-13-01T00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "yesterday") == nil)
    }
}

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("0", Int64(0)), ("0s", 0), ("10s", 10_000_000_000), ("1m0s", 60_000_000_000),
        ("1h30m", 5_400_000_000_000), ("1.5s", 1_500_000_000), ("300ms", 300_000_000),
        ("2us", 2_000), ("2µs", 2_000), ("5ns", 5), ("-1m", -60_000_000_000), ("+3s", 3_000_000_000),
    ])
    func parse(text: String, nanos: Int64) {
        #expect(GoDuration.parse(text) == nanos)
    }

    @Test(arguments: ["", "s", "10", "1x", "1d", "--1s", "1.s.5"])
    func rejects(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (10_000_000_000, "10s"), (60_000_000_000, "1m0s"), (5_400_000_000_000, "1h30m0s"),
        (1_500_000_000, "1.5s"), (300_000_000, "300ms"), (2_000, "2µs"), (5, "5ns"), (-90_000_000_000, "-1m30s"),
        (1_000_500, "1.0005ms"),
    ])
    func format(nanos: Int64, text: String) {
        #expect(GoDuration.format(nanos) == text)
    }
}

@Suite struct TagsTests {
    @Test func keepsKeysSortedAndUnique() {
        var tags = Tags([Tag("z", "1"), Tag("a", "2"), Tag("z", "3")])
        #expect(tags.map(\.key) == ["a", "z"])
        #expect(tags["z"] == "3")
        tags["m"] = "4"
        #expect(tags.map(\.key) == ["a", "m", "z"])
        tags["a"] = nil
        #expect(tags.map(\.key) == ["m", "z"])
        #expect(Tags(["b": "1", "a": "2"]).map(\.key) == ["a", "b"])
    }

    @Test func fieldsSetAndRemove() {
        var fields = Fields([Field("a", .int(1))])
        fields["b"] = .bool(true)
        fields["a"] = .float(2)
        #expect(fields.map(\.key) == ["a", "b"])
        #expect(fields["a"] == .float(2))
        fields["a"] = nil
        #expect(fields.map(\.key) == ["b"])
        #expect(FieldValue.int(3).numeric == 3)
        #expect(FieldValue.string("x").numeric == nil)
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let clock = ManualClock(100)
        #expect(clock.now() == 100)
        clock.advance(by: 50)
        #expect(clock.now() == 150)
        clock.set(7)
        #expect(clock.now() == 7)
    }
}

@Suite struct TimestampRangeTests {
    @Test func yearsOutsideTheNanosecondRangeAreRejected() {
        #expect(Timestamp(rfc3339: "0001-01-01T00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "9999-12-31T23:59:59Z") == nil)
        #expect(Timestamp(rfc3339: "2262-04-11T23:47:16Z") != nil)
    }
}
