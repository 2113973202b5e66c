import GoTemplate
import Testing

/// Templates as they appear in Kapacitor's documentation and integration tests.
@Suite struct KapacitorTemplateTests {
    static let data: TemplateValue = {
        guard case .object(let info) = Fixtures.alert else { return .null }
        let withEmitted = TemplateObject(typeName: info.typeName, names: info.names, values: info.names.map { name in
            name == "Fields" ? .map(TemplateMap(["value": 91.2345, "emitted": 12.3456])) : info[name] ?? .null
        })
        return .object(withEmitted)
    }()

    @Test(arguments: [
        ("{{ .Name }}:{{ .Group }}", "cpu:host=serverA"),
        ("kapacitor.{{ .Name }}.{{ index .Tags \"host\" }}", "kapacitor.cpu.serverA"),
        ("{{ .Name }}_{{ .TaskName }}", "cpu_TestStream_Alert"),
        ("{{ .ID }} is {{ .Level }} value:{{ index .Fields \"value\" }}", "kapacitor/cpu/serverA is CRITICAL value:91.2345"),
        ("kapacitor/{{ .Name }}/{{ index .Tags \"host\" }} is {{ .Level }} @{{.Time}}",
         "kapacitor/cpu/serverA is CRITICAL @1971-01-01 00:00:10 +0000 UTC"),
        ("{{ .ID }} is {{ if eq .Level \"OK\" }}alive{{ else }}dead{{ end }}: "
            + "{{ index .Fields \"emitted\" | printf \"%0.3f\" }} points/10s.",
         "kapacitor/cpu/serverA is dead: 12.346 points/10s."),
        ("{{ .ID }} is {{ .Level }} for {{ .Duration }}", "kapacitor/cpu/serverA is CRITICAL for 1m30s"),
    ])
    func idAndMessageTemplates(template: String, expected: String) throws {
        #expect(try Template(parsing: template, name: "message").render(Self.data) == expected)
    }

    @Test func detailsTemplates() throws {
        let here = try Template(parsing: "{{ \"here\" }}/{{ .Name }}", name: "details", escaping: .html,
                                functions: .json)
        #expect(try here.render(Self.data) == "here/cpu")
        let message = try Template(parsing: "{{ .Message }}", name: "details", escaping: .html, functions: .json)
        #expect(try message.render(Self.data) == "CRITICAL alert for kapacitor/cpu/serverA")
    }

    @Test func messageTemplatesDoNotKnowJSON() {
        #expect(throws: TemplateError.self) { try Template(parsing: "{{ json . }}", name: "message") }
    }
}
