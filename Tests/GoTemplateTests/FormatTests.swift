import GoTemplate
import Testing

@Suite struct FormatTests {
    @Test(arguments: [
        ("%v", 1.0 as TemplateValue, "1"), ("%v", 1e6, "1e+06"), ("%v", 0.1, "0.1"), ("%v", 100.0, "100"),
        ("%v", 123456.0, "123456"), ("%v", 1234567.0, "1.234567e+06"), ("%v", 0.0001, "0.0001"),
        ("%v", 0.00001, "1e-05"), ("%v", -2.5, "-2.5"), ("%v", 1e100, "1e+100"), ("%v", 91.2345, "91.2345"),
        ("%f", 3.14159, "3.141590"), ("%.2f", 3.14159, "3.14"), ("%0.2f", 91.2345, "91.23"),
        ("%8.3f", 3.14159, "   3.142"), ("%-8.1f|", 3.14159, "3.1     |"), ("%08.2f", -3.14159, "-0003.14"),
        ("%+.1f", 2.0, "+2.0"), ("%e", 1234.5678, "1.234568e+03"), ("%E", 1234.5678, "1.234568E+03"),
        ("%g", 1234.5678, "1234.5678"), ("%.3g", 1234.5678, "1.23e+03"), ("%.0f", 2.5, "2"),
        ("%d", 42, "42"), ("%5d", 42, "   42"), ("%-5d|", 42, "42   |"), ("%05d", -42, "-0042"),
        ("%+d", 5, "+5"), ("%x", 255, "ff"), ("%X", 255, "FF"), ("%#x", 255, "0xff"), ("%o", 8, "10"),
        ("%b", 5, "101"), ("%c", 65, "A"), ("%q", 65, "'A'"), ("%U", 65, "U+0041"), ("%.3d", 7, "007"),
        ("%s", "x", "x"), ("%5s", "ab", "   ab"), ("%-5s|", "ab", "ab   |"), ("%.2s", "abcdef", "ab"),
        ("%q", "a\"b\n", "\"a\\\"b\\n\""), ("%x", "hi", "6869"), ("%v", "s", "s"),
        ("%t", true, "true"), ("%v", false, "false"), ("100%%", "", "100%%!(EXTRA string=)"),
        ("%d", "x", "%!d(string=x)"), ("%s", 5, "%!s(int64=5)"), ("%t", 1, "%!t(int64=1)"), ("%f", "x", "%!f(string=x)"),
        ("%v", .null, "<nil>"), ("%d", .null, "%!d(<nil>)"),
        ("%v", .duration(nanoseconds: 90_000_000_000), "1m30s"), ("%d", .duration(nanoseconds: 1500), "1500"),
        ("%s", .time(nanoseconds: Fixtures.time), "1971-01-01 00:00:10 +0000 UTC"),
        ("%v", .list([1, "a", 2.5]), "[1 a 2.5]"), ("%d", .list([1, 2]), "[1 2]"),
        ("%v", .map(TemplateMap(["b": 1, "a": .null])), "map[a:<nil> b:1]"),
        ("%+v", Fixtures.serverInfo, "{Hostname:localhost ClusterID:c1 ServerID:s1}"),
        ("%v", .float(.infinity), "+Inf"), ("%f", .float(-.infinity), "-Inf"), ("%v", .float(.nan), "NaN"),
        ("%5.1f", .float(.infinity), " +Inf"),
    ] as [(String, TemplateValue, String)])
    func printfVerbs(format: String, value: TemplateValue, expected: String) throws {
        let data = TemplateValue.object(TemplateObject(typeName: "T", fields: ["F": .string(format), "V": value]))
        #expect(try Fixtures.render("{{ printf .F .V }}", data) == expected)
    }

    @Test(arguments: [
        ("{{ printf \"%d %d\" 1 }}", "1 %!d(MISSING)"),
        ("{{ printf \"%d\" 1 2 }}", "1%!(EXTRA int64=2)"),
        ("{{ printf \"%\" }}", "%!(NOVERB)"),
        ("{{ printf \"%s=%v\" \"a\" 1.5 }}", "a=1.5"),
        ("{{ printf \"%z\" 1 }}", "%!z(int64=1)"),
    ])
    func printfArguments(template: String, expected: String) throws {
        #expect(try Fixtures.render(template) == expected)
    }

    @Test(arguments: [
        (0, "0s"), (1, "1ns"), (1500, "1.5µs"), (1_500_000, "1.5ms"), (100_000_000, "100ms"),
        (3_723_500_000_000, "1h2m3.5s"), (-90_000_000_000, "-1m30s"), (7_200_000_000_000, "2h0m0s"),
        (1_000_000_001, "1.000000001s"),
    ] as [(Int64, String)])
    func durations(nanoseconds: Int64, expected: String) throws {
        #expect(try Fixtures.render("{{ . }}", .duration(nanoseconds: nanoseconds)) == expected)
    }

    @Test(arguments: [
        (Fixtures.time + 123_000_000, "{{ . }}", "1971-01-01 00:00:10.123 +0000 UTC"),
        (-1, "{{ . }}", "1969-12-31 23:59:59.999999999 +0000 UTC"),
        (Fixtures.time, "{{ .Format \"Mon Jan _2 15:04:05 2006\" }}", "Fri Jan  1 00:00:10 1971"),
        (Fixtures.time, "{{ .Format \"3:04PM\" }}", "12:00AM"),
        (1_700_000_000_123_456_789, "{{ .Format \"2006-01-02T15:04:05.000Z07:00\" }}", "2023-11-14T22:13:20.123Z"),
        (1_700_000_000_120_000_000, "{{ .Format \"15:04:05.999 MST -0700 January Monday 002\" }}",
         "22:13:20.12 UTC +0000 November Tuesday 318"),
        (1_700_000_000_000_000_000, "{{ .Unix }} {{ .UnixMilli }} {{ .Year }} {{ .Month }} {{ .Day }} {{ .Weekday }}",
         "1700000000 1700000000000 2023 November 14 Tuesday"),
        (951_782_400_000_000_000, "{{ .Format \"2006-01-02\" }}", "2000-02-29"),
    ] as [(Int64, String, String)])
    func times(nanoseconds: Int64, template: String, expected: String) throws {
        #expect(try Fixtures.render(template, .time(nanoseconds: nanoseconds)) == expected)
    }
}
