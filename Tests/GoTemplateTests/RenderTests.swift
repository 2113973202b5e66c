import GoTemplate
import Testing

@Suite struct RenderTests {
    @Test(arguments: [("lat", "lat" as String?), ("", ""), ("a{{ .ID }}", nil), ("{{ \"x\" }}", nil)])
    func constantText(text: String, constant: String?) throws {
        #expect(try Template(parsing: text).constantText == constant)
    }

    @Test(arguments: [
        ("{{ .ID }} is {{ .Level }}", "kapacitor/cpu/serverA is CRITICAL"),
        ("{{ .Name }}:{{ .Group }}", "cpu:host=serverA"),
        ("{{ index .Tags \"host\" }}", "serverA"),
        ("[{{ index .Tags \"missing\" }}]", "[]"),
        ("{{ index .Fields \"missing\" }}", "<no value>"),
        ("{{ .Tags.host }}", "serverA"),
        ("{{ .Tags.missing }}", "<no value>"),
        ("{{ .Fields.missing.deeper }}", "<no value>"),
        ("{{ .ServerInfo.Hostname }}", "localhost"),
        ("{{ index .Fields \"value\" | printf \"%0.2f\" }}", "91.23"),
        ("{{ printf \"%.3f\" (index .Fields \"value\") }}", "91.234"),
        ("{{ if eq .Level \"OK\" }}alive{{ else }}dead{{ end }}", "dead"),
        ("{{ if eq .Level \"OK\" }}a{{ else if eq .Level \"CRITICAL\" }}c{{ else }}o{{ end }}", "c"),
        ("{{ if ne .Level \"OK\" }}x{{ end }}", "x"),
        ("{{ eq .Level \"OK\" \"WARNING\" \"CRITICAL\" }}", "true"),
        ("{{ range $k, $v := .Tags }}{{ $k }}={{ $v }} {{ end }}", "dc=east host=serverA "),
        ("{{ range .Tags }}{{ . }},{{ end }}", "east,serverA,"),
        ("{{ range $v := .Tags }}{{ $v }};{{ end }}", "east;serverA;"),
        ("{{ range $i, $e := .Tags }}{{ if eq $i \"host\" }}{{ break }}{{ end }}{{ $e }}{{ end }}", "east"),
        ("{{ range .Tags }}{{ if eq . \"east\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "serverA"),
        ("{{ range .Fields.none }}x{{ else }}none{{ end }}", "none"),
        ("{{ range 3 }}{{ . }}{{ end }}", "012"),
        ("{{ with .Fields }}{{ .count }}{{ end }}", "10"),
        ("{{ with .Fields.none }}x{{ else }}y{{ end }}", "y"),
        ("{{ with $x := .Level }}{{ $x }}{{ end }}", "CRITICAL"),
        ("{{ $x := .Level }}{{ $x = \"OK\" }}{{ $x }}", "OK"),
        ("{{ $ := . }}{{ $.Name }}", "cpu"),
        ("{{ range .Tags }}{{ $.Name }}{{ end }}", "cpucpu"),
        ("a  {{- .Name -}}  b", "acpub"),
        ("a\n  {{- .Name }}\n", "acpu\n"),
        ("{{/* a comment */}}x{{- /* trimmed */ -}}  y", "xy"),
        ("{{ .Time.Unix }}", "31536010"),
        ("{{ .Time }}", "1971-01-01 00:00:10 +0000 UTC"),
        ("{{ .Time.Format \"2006-01-02T15:04:05Z07:00\" }}", "1971-01-01T00:00:10Z"),
        ("{{ .Duration }}", "1m30s"),
        ("{{ .Duration.Seconds }}", "90"),
        ("{{ and .Name .Level }}", "CRITICAL"),
        ("{{ or .Fields.none \"\" 0 \"x\" }}", "x"),
        ("{{ not .Name }}", "false"),
        ("{{ len .Tags }} {{ len .Name }}", "2 3"),
        ("{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge \"b\" \"a\" }}", "true true false true"),
        ("{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"),
        ("{{ println 1 \"a\" }}", "1 a\n"),
        ("{{ html \"<a href='x'>&\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;"),
        ("{{ js \"it's <b>\" }}", "it\\'s \\u003Cb\\u003E"),
        ("{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9"),
        ("{{ (index .Fields \"count\") }}", "10"),
        ("{{ .Fields }}", "map[count:10 name:a<b ok:true value:91.2345]"),
        ("{{ .ServerInfo }}", "{localhost c1 s1}"),
        ("{{ \"quoted\" }} {{ `raw` }} {{ 'a' }} {{ 0x10 }} {{ 1e3 }} {{ true }}", "quoted raw 97 16 1000 true"),
        ("{{ define \"T\" }}[{{ . }}]{{ end }}{{ template \"T\" .Name }}", "[cpu]"),
        ("{{ block \"B\" .Level }}<{{ . }}>{{ end }}", "<CRITICAL>"),
        ("{{ print nil }}", "<nil>"),
    ])
    func renders(template: String, expected: String) throws {
        #expect(try Fixtures.render(template) == expected)
    }

    @Test func emptyTemplateRendersNothing() throws {
        #expect(try Fixtures.render("") == "")
    }

    @Test func renderIsRepeatable() throws {
        let template = try Template(parsing: "{{ .ID }} is {{ .Level }}", name: "message")
        for _ in 0..<3 { #expect(try template.render(Fixtures.alert) == "kapacitor/cpu/serverA is CRITICAL") }
    }
}
