import GoTemplate

/// Data shaped like Kapacitor's alert template data (`detailsInfo` with the embedded structs flattened).
enum Fixtures {
    /// 1971-01-01T00:00:10Z.
    static let time: Int64 = 31_536_010 * 1_000_000_000

    static let serverInfo = TemplateValue.object(TemplateObject(typeName: "kapacitor.serverInfo", fields: [
        "Hostname": "localhost", "ClusterID": "c1", "ServerID": "s1",
    ]))

    static let alert = TemplateValue.object(TemplateObject(typeName: "kapacitor.detailsInfo", fields: [
        "Name": "cpu",
        "TaskName": "TestStream_Alert",
        "Group": "host=serverA",
        "Tags": .map(TemplateMap(strings: ["host": "serverA", "dc": "east"])),
        "ServerInfo": serverInfo,
        "ID": "kapacitor/cpu/serverA",
        "Fields": .map(TemplateMap(["value": 91.2345, "count": 10, "ok": true, "name": "a<b"])),
        "Level": "CRITICAL",
        "Time": .time(nanoseconds: time),
        "Duration": .duration(nanoseconds: 90_000_000_000),
        "Message": "CRITICAL alert for kapacitor/cpu/serverA",
    ]))

    static func render(_ text: String, _ data: TemplateValue = alert, escaping: Template.Escaping = .text,
                       functions: Template.Functions = .json) throws -> String {
        try Template(parsing: text, name: "t", escaping: escaping, functions: functions).render(data)
    }
}
