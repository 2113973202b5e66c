import APIModels
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The text layouts of `list topics`, `list topic-handlers`, `show-topic` and `show-topic-handler`,
/// as the kapacitor CLI prints them.
enum TopicTable {
    /// `ID  Level  Collected`, the ID and level columns as wide as their longest value plus one and
    /// the count right-aligned in 10, in the server's order.
    static func render(_ topics: [TopicResponse]) -> String {
        let idWidth = max(2, topics.map(\.id.utf8.count).max() ?? 0) + 1
        let levelWidth = max(8, topics.map(\.level.utf8.count).max() ?? 0) + 1
        func row(_ id: String, _ level: String, _ collected: String) -> String {
            TaskTable.pad(id, idWidth) + TaskTable.pad(level, levelWidth)
                + String(repeating: " ", count: max(0, 10 - collected.utf8.count)) + collected + "\n"
        }
        return topics.reduce(row("ID", "Level", "Collected")) { $0 + row($1.id, $1.level, String($1.collected)) }
    }

    /// `Topic  ID  Kind`, each column at least 10 wide plus one, in the server's order.
    static func renderHandlers(_ rows: [(topic: String, handler: TopicHandlerResponse)]) -> String {
        let topicWidth = max(10, rows.map(\.topic.utf8.count).max() ?? 0) + 1
        let idWidth = max(10, rows.map(\.handler.id.utf8.count).max() ?? 0) + 1
        let kindWidth = max(10, rows.map(\.handler.kind.utf8.count).max() ?? 0) + 1
        func row(_ topic: String, _ id: String, _ kind: String) -> String {
            TaskTable.pad(topic, topicWidth) + TaskTable.pad(id, idWidth) + TaskTable.pad(kind, kindWidth) + "\n"
        }
        return rows.reduce(row("Topic", "ID", "Kind")) { $0 + row($1.topic, $1.handler.id, $1.handler.kind) }
    }

    /// The `show-topic` layout: the topic, its handlers' IDs and its events, oldest first.
    static func detail(_ topic: TopicResponse, events: [TopicEventResponse], handlers: [TopicHandlerResponse]) -> String {
        let eventWidth = max(5, events.map(\.id.utf8.count).max() ?? 0) + 1
        let messageWidth = max(7, events.map(\.state.message.utf8.count).max() ?? 0) + 1
        func row(_ event: String, _ level: String, _ message: String, _ date: String) -> String {
            TaskTable.pad(event, eventWidth) + TaskTable.pad(level, 9) + TaskTable.pad(message, messageWidth)
                + TaskTable.pad(date, 23) + "\n"
        }
        var output = """
        ID: \(topic.id)
        Level: \(topic.level)
        Collected: \(topic.collected)
        Handlers: [\(handlers.map(\.id).joined(separator: ", "))]
        Events:

        """
        output += row("Event", "Level", "Message", "Date")
        for event in events.sorted(by: { timeKey($0.state.time) < timeKey($1.state.time) }) {
            output += row(event.id, event.state.level, event.state.message, TaskTable.rfc822(event.state.time))
        }
        return output
    }

    /// The `show-topic-handler` layout, the options as compact JSON with sorted keys.
    static func handlerDetail(_ handler: TopicHandlerResponse, topic: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let options = String(decoding: try encoder.encode(handler.options), as: UTF8.self)
        return "ID: \(handler.id)\nTopic: \(topic)\nKind: \(handler.kind)\nMatch: \(handler.match)\nOptions: \(options)\n"
    }

    /// An RFC 3339 UTC time (as the server writes it, fraction trimmed) that sorts as text: the
    /// fraction padded to nine digits.
    static func timeKey(_ time: String) -> String {
        guard time.hasSuffix("Z"), time.utf8.count >= 20 else { return time }
        let seconds = String(time.prefix(19))
        let fraction = time.dropFirst(19).dropLast().drop { $0 == "." }
        return seconds + fraction + String(repeating: "0", count: max(0, 9 - fraction.count))
    }
}
