import Models
import Synchronization

/// Receives the points routed to it. Implementations must return quickly: they run on the write path.
public protocol PointSink: AnyObject, Sendable {
    /// Takes points that all belong to one database/retention policy.
    func accept(_ points: [Point])
}

/// Fans points out to the sinks subscribed to their database/retention policy, and within it to
/// those that asked for their measurement (Kapacitor's fork by db/rp/measurement).
public final class PointRouter: Sendable {
    struct Subscription: Sendable {
        let id: Int
        let measurements: Set<String>?
        let sink: any PointSink
    }

    private struct Table: Sendable {
        var nextID = 0
        var byDBRP: [DBRP: [Subscription]] = [:]
    }

    private let table = Mutex(Table())

    /// Creates a router with no subscribers.
    public init() {}

    /// Subscribes `sink` to the points of `dbrps`; `measurements` narrows them, nil takes all.
    /// Returns a token for `unsubscribe`.
    public func subscribe(_ sink: any PointSink, dbrps: [DBRP], measurements: Set<String>? = nil) -> Int {
        table.withLock { table in
            let id = table.nextID
            table.nextID += 1
            for dbrp in Set(dbrps) {
                table.byDBRP[dbrp, default: []].append(Subscription(id: id, measurements: measurements, sink: sink))
            }
            return id
        }
    }

    /// Removes the subscription `token`.
    public func unsubscribe(_ token: Int) {
        table.withLock { table in
            for (dbrp, subscriptions) in table.byDBRP {
                let kept = subscriptions.filter { $0.id != token }
                table.byDBRP[dbrp] = kept.isEmpty ? nil : kept
            }
        }
    }

    /// The number of subscriptions on `dbrp`.
    public func subscriberCount(_ dbrp: DBRP) -> Int {
        table.withLock { $0.byDBRP[dbrp]?.count ?? 0 }
    }

    /// Delivers `points`, all of `dbrp`, to its subscribers. The points each set of measurements
    /// selects are picked once per call and shared by the sinks asking for that set; when every
    /// point is selected the sinks share `points` itself.
    public func route(_ points: [Point], dbrp: DBRP) {
        guard let subscriptions = table.withLock({ $0.byDBRP[dbrp] }) else { return }
        var selections: [Set<String>: [Point]] = [:]
        for subscription in subscriptions {
            guard let measurements = subscription.measurements else {
                subscription.sink.accept(points)
                continue
            }
            let wanted: [Point]
            if let selected = selections[measurements] {
                wanted = selected
            } else {
                wanted = Self.allIn(measurements, points) ? points : points.filter { measurements.contains($0.measurement) }
                selections[measurements] = wanted
            }
            if !wanted.isEmpty { subscription.sink.accept(wanted) }
        }
    }

    /// Whether every point's measurement is in `measurements`: a run of one measurement is looked
    /// up once, and each point's measurement is read without copying the point (a copy retains
    /// its tag and field storage).
    private static func allIn(_ measurements: Set<String>, _ points: [Point]) -> Bool {
        var last: String?
        for index in points.indices {
            let name = points[index].measurement
            if name == last { continue }
            guard measurements.contains(name) else { return false }
            last = name
        }
        return true
    }
}
