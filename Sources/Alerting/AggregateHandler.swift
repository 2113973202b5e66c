import Foundation
import GoTemplate
import Models
import Synchronization

/// The `aggregate` handler: gathers events and, every `interval`, collects one event into `topic`
/// that sums them up (Kapacitor's `aggregate` kind): the highest level, latest time and longest
/// duration, the rendered `message`, the events' messages as details and their data as its data.
public final class AggregateHandler: AlertHandler {
    struct Options: Decodable {
        var id: String?
        var interval: DurationOption?
        var topic: String?
        var message: String?
    }

    /// Kapacitor's default message.
    static let defaultMessage = "Received {{ .Count }} events in the last {{.Interval}}."

    let id: String
    let topic: String
    let interval: Int64
    let message: Template
    let collect: @Sendable (Event) -> Void
    private let pending = Mutex<[Event]>([])

    init(id: String, topic: String, interval: Int64, message: Template, collect: @escaping @Sendable (Event) -> Void) {
        self.id = id
        self.topic = topic
        self.interval = interval
        self.message = message
        self.collect = collect
    }

    /// Starts the ticker that flushes every interval, as long as the handler lives.
    func start(sleeper: any RetrySleeper) {
        let interval = interval
        Task { [weak self] in
            while true {
                await sleeper.sleep(nanoseconds: interval)
                guard let self else { return }
                self.flush()
            }
        }
    }

    public func handle(_ event: Event) async throws {
        pending.withLock { $0.append(event) }
    }

    /// Collects the summary of the events gathered since the last flush, if any.
    public func flush() {
        let events = pending.withLock { events in
            defer { events.removeAll() }
            return events
        }
        guard !events.isEmpty else { return }
        let text = (try? message.render(Self.messageData(count: events.count, interval: interval))) ?? ""
        var state = EventState(id: id, message: text)
        var result: [Row] = []
        for event in events {
            state.level = max(state.level, event.state.level)
            state.time = max(state.time, event.state.time)
            state.duration = max(state.duration, event.state.duration)
            result += event.data.result
        }
        state.details = events.map(\.state.message).joined(separator: "\n")
        collect(Event(topic: topic, state: state, data: EventData(name: "", taskName: "", result: result)))
    }

    static func messageData(count: Int, interval: Int64) -> TemplateValue {
        .object(TemplateObject(typeName: "aggregateMessageData", fields: [
            "Count": .int(Int64(count)), "Interval": .duration(nanoseconds: interval),
        ]))
    }
}

/// The `aggregate` kind; `collect` takes the summary events (the server's topics) and `sleeper`
/// times the intervals.
public struct AggregateHandlerKind: HandlerKind {
    public let kind = "aggregate"
    let collect: @Sendable (Event) -> Void
    let sleeper: any RetrySleeper

    /// Creates the kind.
    public init(sleeper: any RetrySleeper = SystemSleeper(), collect: @escaping @Sendable (Event) -> Void) {
        self.collect = collect
        self.sleeper = sleeper
    }

    public func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let handler = try makeAggregate(options: options)
        handler.start(sleeper: sleeper)
        return handler
    }

    /// The handler `options` describe, not yet ticking.
    public func makeAggregate(options: Data) throws -> AggregateHandler {
        let options = try StrictOptions.decode(
            AggregateHandler.Options.self, from: options, keys: ["id", "interval", "topic", "message"],
            typeName: "*alert.AggregateHandlerConfig")
        let interval = options.interval?.nanoseconds ?? 0
        guard interval > 0 else { throw OptionsError("aggregate interval must be positive") }
        let template: Template
        do {
            template = try Template(parsing: options.message ?? AggregateHandler.defaultMessage, name: "message")
        } catch {
            throw OptionsError("\(error)")
        }
        do {
            _ = try template.render(AggregateHandler.messageData(count: 0, interval: 0))
        } catch {
            throw OptionsError("failed to evaluate message template with aggregate message data: \(error)")
        }
        return AggregateHandler(
            id: options.id ?? "", topic: options.topic ?? "", interval: interval, message: template, collect: collect)
    }
}
