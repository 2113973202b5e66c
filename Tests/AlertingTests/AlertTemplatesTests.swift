import Alerting
import Models
import Testing

@Suite struct AlertTemplatesTests {
    var data: AlertTemplateData {
        var data = AlertTemplateData(
            name: "cpu", taskName: "task", group: "host=a", tags: Tags(["host": "a"]),
            serverInfo: ServerInfo(hostname: "localhost"))
        data.id = "cpu:host=a"
        data.fields = Fields([Field("value", .float(91.5))])
        data.level = .critical
        data.time = 10_000_000_000
        data.duration = 5_000_000_000
        data.message = "cpu:host=a is CRITICAL"
        return data
    }

    @Test func kapacitorDefaults() throws {
        let templates = try AlertTemplates(id: "{{ .Name }}:{{ .Group }}", message: "{{ .ID }} is {{ .Level }}", details: "{{ json . }}")
        #expect(try templates.render(.id, data) == "cpu:host=a")
        #expect(try templates.render(.message, data) == "cpu:host=a is CRITICAL")
        let details = try templates.render(.details, data)
        #expect(details.hasPrefix("{&#34;Name&#34;:&#34;cpu&#34;,&#34;TaskName&#34;:&#34;task&#34;"))
        #expect(details.contains("&#34;Duration&#34;:5000000000,&#34;Message&#34;:&#34;cpu:host=a is CRITICAL&#34;}"))
    }

    /// The default details are written straight from the data; `{{ . | json }}` renders the same
    /// through the template evaluator, so both must print the same text for any data.
    @Test(arguments: AlertTemplatesTests.detailsVariants)
    func defaultDetailsWrittenDirectlyEqualTheRenderedOnes(variant: AlertTemplateData) throws {
        let direct = try AlertTemplates(id: "", message: "", details: "{{ json . }}")
        let rendered = try AlertTemplates(id: "", message: "", details: "{{ . | json }}")
        #expect(try direct.render(.details, variant) == rendered.render(.details, variant))
    }

    @Test func defaultDetailsAreKapacitorsEscapedJSON() throws {
        let templates = try AlertTemplates(id: "", message: "", details: "{{ json . }}")
        #expect(try templates.render(.details, data) == """
            {&#34;Name&#34;:&#34;cpu&#34;,&#34;TaskName&#34;:&#34;task&#34;,&#34;Group&#34;:&#34;host=a&#34;,\
            &#34;Tags&#34;:{&#34;host&#34;:&#34;a&#34;},&#34;ServerInfo&#34;:{&#34;Hostname&#34;:&#34;localhost&#34;,\
            &#34;ClusterID&#34;:&#34;&#34;,&#34;ServerID&#34;:&#34;&#34;},&#34;ID&#34;:&#34;cpu:host=a&#34;,\
            &#34;Fields&#34;:{&#34;value&#34;:91.5},&#34;Level&#34;:&#34;CRITICAL&#34;,\
            &#34;Time&#34;:&#34;1970-01-01T00:00:10Z&#34;,&#34;Duration&#34;:5000000000,\
            &#34;Message&#34;:&#34;cpu:host=a is CRITICAL&#34;}

            """)
    }

    /// Data that exercises every escape, number form and key order of Go's encoder.
    static var detailsVariants: [AlertTemplateData] {
        let odd = "q\"uo\\te <a&b> 'x' +1 \n\t\u{01}\u{8}\u{c}\r\u{0} \u{2028}\u{2029} é 日本 \u{1F600}"
        var variants: [AlertTemplateData] = []
        var plain = AlertTemplateData(name: "cpu", taskName: "t", group: "", tags: Tags(), serverInfo: ServerInfo())
        variants.append(plain)
        plain.fields = Fields([
            Field("z", .float(0)), Field("a", .float(-0.0)), Field("b", .float(1e21)), Field("c", .float(1e-7)),
            Field("d", .float(123456789.125)), Field("e", .float(1e-6)), Field("f", .float(-2.5e-300)),
            Field("g", .int(Int64.min)), Field("h", .uint(UInt64.max)), Field("i", .uint(7)), Field("j", .bool(true)),
            Field("k", .string(odd)), Field("B", .bool(false)), Field("é", .int(1)), Field("e2", .float(0.1)),
        ])
        variants.append(plain)
        plain.tags = Tags(sorted: [Tag("b", "1"), Tag("a", "2"), Tag("B", "3")])
        variants.append(plain)
        var full = AlertTemplateData(
            name: odd, taskName: odd, group: "host=a,region=" + odd,
            tags: Tags(["host": "a", "Region": odd, "é": "e", "e": "é", "": "empty", "_": "<>"]),
            serverInfo: ServerInfo(hostname: odd, clusterID: "c-1", serverID: "s-2"))
        full.id = odd
        full.fields = Fields([Field("value", .float(91.5)), Field("Value", .string("&"))])
        full.level = .warning
        full.time = 1_700_000_000_123_456_789
        full.duration = -5
        full.message = odd
        variants.append(full)
        full.time = -1_000_000_001
        full.level = .ok
        full.fields = Fields([Field("n", .float(.nan))])
        variants.append(full)
        full.fields = Fields([Field("inf", .float(-.infinity)), Field("a", .int(1))])
        variants.append(full)
        return variants
    }

    @Test func templatesSeeTheirPartOnly() throws {
        let templates = try AlertTemplates(id: "{{ .ID }}", message: "{{ .Message }}", details: "{{ .Message }} {{ index .Fields \"value\" }}")
        #expect(throws: AlertingError.self) { try templates.render(.id, data) }
        #expect(throws: AlertingError.self) { try templates.render(.message, data) }
        #expect(try templates.render(.details, data) == "cpu:host=a is CRITICAL 91.5")
    }

    @Test func tagsTimeAndDuration() throws {
        let templates = try AlertTemplates(
            id: "{{ index .Tags \"host\" }}{{ index .Tags \"none\" }}", message: "{{ .Time }} {{ .Duration }}", details: "")
        #expect(try templates.render(.id, data) == "a")
        #expect(try templates.render(.message, data) == "1970-01-01 00:00:10 +0000 UTC 5s")
    }

    @Test func parseErrorIsGos() {
        #expect(throws: AlertingError.self) { try AlertTemplates(id: "{{ .Name ", message: "", details: "") }
    }
}

@Suite struct AlertLevelTests {
    @Test(arguments: [(AlertLevel.ok, "OK"), (.info, "INFO"), (.warning, "WARNING"), (.critical, "CRITICAL")])
    func names(level: AlertLevel, name: String) {
        #expect(level.description == name)
        #expect(AlertLevel(name: name.lowercased()) == level)
    }

    @Test func orderAndUnknownNames() {
        #expect(AlertLevel.ok < .info && .info < .warning && .warning < .critical)
        #expect(AlertLevel(name: "crit") == nil)
    }
}
