import AlertHandlers
import Alerting
import Foundation
import Hummingbird
import Logging
import Models
import TestPeers

/// Builds handlers and events for the tests.
enum Fixture {
    /// A handler of `kind` made from JSON `options` with JSON `sections`.
    static func handler(_ kind: String, options: String = "{}", sections: [String: String]) throws -> any AlertHandler {
        guard let handlerKind = BuiltInHandlers().kinds.kind(kind) else { throw FixtureError("no kind \(kind)") }
        let environment = HandlerEnvironment(
            sections: sections.mapValues { Data($0.utf8) }, poster: TestPoster(), logger: Logger(label: "test"))
        return try handlerKind.makeHandler(options: Data(options.utf8), environment: environment)
    }

    /// Sends `event` through a `kind` handler whose `sections` (a function of the listener's
    /// base URL) point at a live recorder answering `status`; the one request it received.
    static func deliver(
        _ kind: String, status: HTTPResponse.Status = .ok, options: String = "{}",
        sections: @Sendable (String) -> [String: String], event: Event
    ) async throws -> HTTPRecorder.Request {
        let recorder = HTTPRecorder(status: status)
        try await recorder.serving { base in
            try await handler(kind, options: options, sections: sections(base)).handle(event)
        }
        guard let request = recorder.single else { throw FixtureError("expected one request") }
        return request
    }

    /// The error a `kind` handler throws for `event`, in words; nil when it succeeds.
    static func failure(
        _ kind: String, options: String = "{}", sections: [String: String], event: Event = event(.critical)
    ) async throws -> String? {
        let handler = try handler(kind, options: options, sections: sections)
        do {
            try await handler.handle(event)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The JSON of the fixture event's result.
    static let resultJSON = #"{"series":[{"name":"cpu","tags":{"host":"h1"},"columns":["time","usage"],"values":[["2024-01-02T03:04:05.5Z",97.5]]}]}"#

    /// An event at 2024-01-02T03:04:05.5Z of task `cpu_alert` with one series of host `h1`.
    static func event(_ level: AlertLevel, message: String = "cpu is high", id: String = "cpu:host=h1") -> Event {
        let time: Timestamp = 1_704_164_645_500_000_000
        let tags = Tags(["host": "h1"])
        let row = Row(
            name: "cpu", tags: tags, columns: ["time", "usage"], values: [[.time(time), .field(.float(97.5))]])
        return Event(
            topic: "main",
            state: EventState(id: id, message: message, details: "usage 97.5", time: time, duration: 10_000_000_000, level: level),
            data: EventData(name: "cpu", taskName: "cpu_alert", group: "host=h1", tags: tags, fields: Fields([Field("usage", .float(97.5))]), result: [row]))
    }
}

/// A fixture failure.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

