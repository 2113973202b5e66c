import Models

extension RecordingFiles {
    /// `batch` as one JSON object of a `.brpl` entry, as Kapacitor writes it: name, tmax, group,
    /// byname and tags when set, then the points with their fields, tags and time.
    static func json(_ batch: Batch) -> String {
        var output = "{"
        if !batch.name.isEmpty {
            output += "\"name\":"
            GoJSON.appendString(batch.name, to: &output)
            output += ","
        }
        output += "\"tmax\":\"" + batch.tmax.rfc3339Nano + "\""
        if !batch.group.rawValue.isEmpty {
            output += ",\"group\":"
            GoJSON.appendString(batch.group.rawValue, to: &output)
        }
        if batch.dimensions.byName { output += ",\"byname\":true" }
        if !batch.tags.isEmpty {
            output += ",\"tags\":"
            GoJSON.appendTags(batch.tags, to: &output)
        }
        if !batch.points.isEmpty {
            output += ",\"points\":["
            for (index, point) in batch.points.enumerated() {
                if index > 0 { output += "," }
                output += "{\"fields\":{"
                for (fieldIndex, field) in point.fields.sorted(by: { $0.key < $1.key }).enumerated() {
                    if fieldIndex > 0 { output += "," }
                    GoJSON.appendString(field.key, to: &output)
                    output += ":"
                    GoJSON.appendValue(field.value, to: &output)
                }
                output += "},\"tags\":"
                GoJSON.appendTags(point.tags, to: &output)
                output += ",\"time\":\"" + point.time.rfc3339Nano + "\"}"
            }
            output += "]"
        }
        return output + "}"
    }
}
