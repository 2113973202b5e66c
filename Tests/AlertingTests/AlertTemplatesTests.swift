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
