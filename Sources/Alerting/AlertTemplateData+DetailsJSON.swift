import Models

extension AlertTemplateData {
    /// What Kapacitor's `json .` prints of its `detailsInfo` (before html/template escapes it),
    /// written straight from the data: the struct's fields in declaration order, map keys in byte
    /// order, then the newline Kapacitor's `json` adds. Nil when Go's encoder fails (a field is
    /// NaN or infinite), which the generic rendering reports.
    func detailsJSON() -> String? {
        var out = "{\"Name\":"
        out.reserveCapacity(320 + message.utf8.count + 2 * id.utf8.count + 32 * (tags.count + fields.count))
        GoJSON.appendString(name, to: &out)
        out += ",\"TaskName\":"
        GoJSON.appendString(taskName, to: &out)
        out += ",\"Group\":"
        GoJSON.appendString(group, to: &out)
        out += ",\"Tags\":"
        if tags.isInByteOrder {
            GoJSON.appendTags(tags, to: &out)
        } else {
            GoJSON.appendTags(Tags(sorted: tags.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }), to: &out)
        }
        out += ",\"ServerInfo\":{\"Hostname\":"
        GoJSON.appendString(serverInfo.hostname, to: &out)
        out += ",\"ClusterID\":"
        GoJSON.appendString(serverInfo.clusterID, to: &out)
        out += ",\"ServerID\":"
        GoJSON.appendString(serverInfo.serverID, to: &out)
        out += "},\"ID\":"
        GoJSON.appendString(id, to: &out)
        out += ",\"Fields\":{"
        guard appendFields(to: &out) else { return nil }
        out += "},\"Level\":\""
        out += level.description
        out += "\",\"Time\":\""
        out += time.rfc3339Nano
        out += "\",\"Duration\":"
        out += String(duration)
        out += ",\"Message\":"
        GoJSON.appendString(message, to: &out)
        out += "}\n"
        return out
    }

    /// Appends the fields as a Go `map[string]interface{}`'s members; false at a non-finite float.
    private func appendFields(to out: inout String) -> Bool {
        func append(_ field: Field, first: Bool) -> Bool {
            if !first { out += "," }
            GoJSON.appendString(field.key, to: &out)
            out += ":"
            switch field.value {
            case .float(let value):
                guard value.isFinite else { return false }
                GoJSON.appendFloat(value, to: &out)
            case .uint(let value) where value > UInt64(Int64.max):
                // A template sees such a value as a float64.
                GoJSON.appendFloat(Double(value), to: &out)
            case let value:
                GoJSON.appendValue(value, to: &out)
            }
            return true
        }
        let inByteOrder = fields.indices.dropFirst().allSatisfy {
            fields[$0 - 1].key.utf8.lexicographicallyPrecedes(fields[$0].key.utf8)
        }
        if inByteOrder {
            for index in fields.indices where !append(fields[index], first: index == 0) { return false }
        } else {
            let sorted = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for index in sorted.indices where !append(sorted[index], first: index == 0) { return false }
        }
        return true
    }
}

extension Tags {
    /// Whether the keys are in byte order, the order Go's encoder writes a map's keys in.
    var isInByteOrder: Bool {
        indices.dropFirst().allSatisfy { self[$0 - 1].key.utf8.lexicographicallyPrecedes(self[$0].key.utf8) }
    }
}
