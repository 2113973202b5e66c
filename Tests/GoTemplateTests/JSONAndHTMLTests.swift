import GoTemplate
import Testing

@Suite struct JSONAndHTMLTests {
    static let details = """
        {"Name":"cpu","TaskName":"TestStream_Alert","Group":"host=serverA","Tags":{"dc":"east","host":"serverA"},\
        "ServerInfo":{"Hostname":"localhost","ClusterID":"c1","ServerID":"s1"},"ID":"kapacitor/cpu/serverA",\
        "Fields":{"count":10,"name":"a\\u003cb","ok":true,"value":91.2345},"Level":"CRITICAL",\
        "Time":"1971-01-01T00:00:10Z","Duration":90000000000,"Message":"CRITICAL alert for kapacitor/cpu/serverA"}
        """

    @Test func jsonOfAlertDataAsKapacitorWritesIt() throws {
        #expect(try Fixtures.render("{{ json . }}") == Self.details + "\n")
        #expect(try Fixtures.render("{{ jsonCompact . }}") == Self.details)
    }

    @Test(arguments: [
        (1e6 as TemplateValue, "1000000"), (1e21, "1e+21"), (1e-7, "1e-7"), (0.000001, "0.000001"), (100.0, "100"),
        (-0.0, "-0"), (0.1, "0.1"), (123456789.125, "123456789.125"), (-5, "-5"), (.null, "null"),
        ("\u{2028}<&>\t\u{1}\"\\é", "\"\\u2028\\u003c\\u0026\\u003e\\t\\u0001\\\"\\\\é\""),
        ("é\u{8}\u{c}\u{2029}\u{2027}", "\"é\\b\\f\\u2029\u{2027}\""),
        (.list([1, "a", .null]), "[1,\"a\",null]"), (.map(TemplateMap([:])), "{}"),
        (.time(nanoseconds: 1_500_000_000), "\"1970-01-01T00:00:01.5Z\""), (.float(.nan), ""),
    ] as [(TemplateValue, String)])
    func jsonValues(value: TemplateValue, expected: String) throws {
        #expect(try Fixtures.render("{{ jsonCompact . }}", value) == expected)
    }

    @Test func detailsDefaultIsHTMLEscapedJSON() throws {
        let escaped = Self.details.replacing("\"", with: "&#34;")
        #expect(try Fixtures.render("{{ json . }}", escaping: .html) == escaped + "\n")
    }

    @Test(arguments: [
        ("<b>{{ .Level }}</b>", "<b>CRITICAL</b>"),
        ("{{ .Fields.name }}", "a&lt;b"),
        ("[{{ .Tags.missing }}][{{ index .Fields \"none\" }}]", "[][]"),
        ("{{ \"a+b 'c' & \\\"d\\\"\" }}", "a&#43;b &#39;c&#39; &amp; &#34;d&#34;"),
        ("{{ \"<x>\" | html }}", "&lt;x&gt;"),
        ("{{ \"a b\" | urlquery }}", "a&#43;b"),
        ("{{ $x := \"<\" }}{{ $x }}", "&lt;"),
        ("{{ \"é+<\" }}", "é&#43;&lt;"),
        ("{{ index .Fields \"value\" | printf \"%0.2f\" }}", "91.23"),
        ("<h1>{{ .ID }}</h1>\n<b>{{ .Message }}</b>\nValue: {{ index .Fields \"value\" }}",
         "<h1>kapacitor/cpu/serverA</h1>\n<b>CRITICAL alert for kapacitor/cpu/serverA</b>\nValue: 91.2345"),
    ])
    func htmlEscaping(template: String, expected: String) throws {
        #expect(try Fixtures.render(template, escaping: .html) == expected)
    }

    @Test(arguments: [
        ("{{ json . }}", true), ("{{json .}}", true), ("{{- json . -}}", true), ("{{ . | json }}", false),
        ("{{ json $ }}", false), ("{{ jsonCompact . }}", false), ("x{{ json . }}", false), ("{{ json .Tags }}", false),
        ("{{ $x := json . }}", false), ("{{ json . }}{{ json . }}", false),
    ])
    func jsonOfDotIsRecognised(template: String, expected: Bool) throws {
        #expect(try Template(parsing: template, escaping: .html, functions: .json).isJSONOfDot == expected)
    }

    @Test func htmlEscapedIsWhatAnHTMLTemplatePrintsOfAString() throws {
        let text = "{\"a\":\"x+y <b> & 'c' \u{0}\"}"
        #expect(Template.htmlEscaped(text) == (try Template(parsing: "{{ . }}", escaping: .html).render(.string(text))))
        #expect(Template.htmlEscaped(text) == "{&#34;a&#34;:&#34;x&#43;y &lt;b&gt; &amp; &#39;c&#39; \u{FFFD}&#34;}")
    }
}
