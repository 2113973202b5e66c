import GoTemplate
import Models

extension AlertTemplateData {
    /// The data as the Go struct Kapacitor executes the template of `stage` with: `idInfo`,
    /// `messageInfo` (embedding it) or `detailsInfo` (embedding that), fields in declaration order.
    func templateValue(_ stage: Stage) -> TemplateValue {
        var names = ["Name", "TaskName", "Group", "Tags", "ServerInfo"]
        var values: [TemplateValue] = [
            .string(name), .string(taskName), .string(group), tags.templateValue, serverInfo.templateValue,
        ]
        let typeName: String
        switch stage {
        case .id:
            typeName = "kapacitor.idInfo"
        case .message, .details:
            typeName = stage == .message ? "kapacitor.messageInfo" : "kapacitor.detailsInfo"
            names += ["ID", "Fields", "Level", "Time", "Duration"]
            values += [
                .string(id), fields.templateValue, .string(level.description), .time(nanoseconds: time),
                .duration(nanoseconds: duration),
            ]
            if stage == .details {
                names.append("Message")
                values.append(.string(message))
            }
        }
        return .object(TemplateObject(typeName: typeName, names: names, values: values))
    }
}

extension ServerInfo {
    /// Kapacitor's `serverInfo` struct.
    var templateValue: TemplateValue {
        .object(TemplateObject(typeName: "kapacitor.serverInfo", fields: [
            "Hostname": .string(hostname), "ClusterID": .string(clusterID), "ServerID": .string(serverID),
        ]))
    }
}

extension Tags {
    /// A Go `map[string]string`.
    public var templateValue: TemplateValue {
        .map(TemplateMap(strings: Dictionary(map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })))
    }
}

extension Fields {
    /// A Go `map[string]interface{}` of the field values.
    public var templateValue: TemplateValue {
        .map(TemplateMap(Dictionary(map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { $1 })))
    }
}

extension FieldValue {
    /// The value as the Go value a template sees.
    public var templateValue: TemplateValue {
        switch self {
        case .float(let value): .float(value)
        case .int(let value): .int(value)
        case .uint(let value): Int64(exactly: value).map(TemplateValue.int) ?? .float(Double(value))
        case .string(let value): .string(value)
        case .bool(let value): .bool(value)
        }
    }
}
