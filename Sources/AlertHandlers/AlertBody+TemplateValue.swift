import Alerting
import GoTemplate
import Models

extension AlertBody {
    /// The event as the Go value handler templates (`kafka`'s `template`) execute with: Kapacitor's
    /// `alert.Data` struct (ID, Message, Details, Time, Duration, Level, Data, PreviousLevel,
    /// Recoverable).
    static func templateValue(_ event: Event) -> TemplateValue {
        let series = event.data.result.map(rowValue)
        let result = TemplateObject(typeName: "models.Result", fields: [
            "Series": .list(series), "Messages": .list([]), "Err": .null,
        ])
        return .object(TemplateObject(typeName: "alert.Data", fields: [
            "ID": .string(event.state.id), "Message": .string(event.state.message),
            "Details": .string(event.state.details), "Time": .time(nanoseconds: event.state.time),
            "Duration": .duration(nanoseconds: event.state.duration), "Level": .string(event.state.level.description),
            "Data": .object(result), "PreviousLevel": .string(event.previousLevel.description),
            "Recoverable": .bool(event.data.recoverable),
        ]))
    }

    /// The event's data as the Go value `smtp`'s `to-field` templates execute with: Kapacitor's
    /// `alert.EventData` struct.
    static func eventDataValue(_ event: Event) -> TemplateValue {
        .object(TemplateObject(typeName: "alert.EventData", fields: [
            "Name": .string(event.data.name), "TaskName": .string(event.data.taskName),
            "Category": .string(event.data.category), "Group": .string(event.data.group),
            "Tags": event.data.tags.templateValue, "Fields": event.data.fields.templateValue,
            "Result": .object(TemplateObject(typeName: "models.Result", fields: [
                "Series": .list(event.data.result.map(rowValue)), "Messages": .list([]), "Err": .null,
            ])),
        ]))
    }

    /// A series as Go's `models.Row`.
    private static func rowValue(_ row: Row) -> TemplateValue {
        let values: [TemplateValue] = row.values.map { cells in
            .list(cells.map { cell in
                switch cell {
                case .time(let time): .time(nanoseconds: time)
                case .field(let value): value.templateValue
                case .tag(let value): .string(value)
                case .null: .null
                }
            })
        }
        return .object(TemplateObject(typeName: "models.Row", fields: [
            "Name": .string(row.name), "Tags": row.tags.templateValue,
            "Columns": .list(row.columns.map(TemplateValue.string)), "Values": .list(values), "Partial": .bool(false),
        ]))
    }
}
