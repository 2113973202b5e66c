import Alerting
import Models

/// The JSON Kapacitor sends for an alert event to the `log`, `post`, `tcp` and `exec` handlers
/// (its `alert.Data`): id, message, details, time, duration (nanoseconds), level, the data as a
/// result (`{"series":[...]}`), the previous level and whether it is recoverable.
enum AlertBody {
    /// The event's body, as Go's encoder writes it.
    static func json(_ event: Event) -> String {
        var output = "{\"id\":"
        output.reserveCapacity(256 + 2 * (event.state.id.utf8.count + event.state.message.utf8.count)
            + event.state.details.utf8.count * 3 / 2)
        GoJSON.appendString(event.state.id, to: &output)
        output += ",\"message\":"
        GoJSON.appendString(event.state.message, to: &output)
        output += ",\"details\":"
        GoJSON.appendString(event.state.details, to: &output)
        output += ",\"time\":\"" + event.state.time.rfc3339Nano + "\""
        output += ",\"duration\":" + String(event.state.duration)
        output += ",\"level\":\"" + event.state.level.description + "\""
        output += ",\"data\":"
        Row.appendResult(event.data.result, to: &output)
        output += ",\"previousLevel\":\"" + event.previousLevel.description + "\""
        output += ",\"recoverable\":" + (event.data.recoverable ? "true" : "false") + "}"
        return output
    }
}
