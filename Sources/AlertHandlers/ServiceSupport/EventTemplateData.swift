import Alerting
import GoTemplate
import Models

extension Event {
    /// Kapacitor's `alert.TemplateData` of the event, what handler option templates (PagerDuty2
    /// links) are executed with: ID, Message, Level, Time, Duration, Details, Name, TaskName,
    /// Group, Tags, Fields.
    var serviceTemplateValue: TemplateValue {
        .object(TemplateObject(typeName: "alert.TemplateData", names: [
            "ID", "Message", "Level", "Time", "Duration", "Details", "Name", "TaskName", "Group", "Tags", "Fields",
        ], values: [
            .string(state.id), .string(state.message), .string(state.level.description),
            .time(nanoseconds: state.time), .duration(nanoseconds: state.duration), .string(state.details),
            .string(data.name), .string(data.taskName), .string(data.group), data.tags.templateValue,
            data.fields.templateValue,
        ]))
    }
}

extension Timestamp {
    /// The time in Go's layout `2006-01-02T15:04:05.000000000Z07:00` (UTC): always nine
    /// fraction digits.
    var rfc3339FixedNano: String {
        var text = rfc3339Nano
        guard text.hasSuffix("Z") else { return text }
        text.removeLast()
        if let dot = text.firstIndex(of: ".") {
            let digits = text.distance(from: dot, to: text.endIndex) - 1
            text += String(repeating: "0", count: Swift.max(0, 9 - digits))
        } else {
            text += ".000000000"
        }
        return text + "Z"
    }

    /// The time in Go's `time.RFC3339` (UTC, whole seconds).
    var rfc3339Seconds: String {
        let text = rfc3339Nano
        guard let dot = text.firstIndex(of: ".") else { return text }
        return text[..<dot] + "Z"
    }
}
