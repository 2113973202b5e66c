import Foundation
import Models

/// When a query node runs: every `every` from the task's start, every `every` on multiples of it
/// (`align`), or on a cron schedule. Pure: the times follow from the arguments alone.
public enum BatchSchedule: Sendable, Equatable {
    /// Every `interval` nanoseconds; aligned ticks fall on multiples of it (counted, as Go's
    /// `Time.Truncate` counts, from January 1 of year 1).
    case every(Int64, align: Bool)
    /// A cron schedule read in `zone` (the daemon's local time zone, as Kapacitor's).
    case cron(CronExpression, zone: TimeZone)

    /// The first tick strictly after `now`; `anchor` is the task's start, from which unaligned
    /// ticks count. Nil when a cron schedule never fires again.
    public func next(after now: Timestamp, anchor: Timestamp) -> Timestamp? {
        switch self {
        case .every(let interval, let align):
            guard interval > 0 else { return nil }
            if align {
                // Go's zero time is 62135596800 s before the Unix epoch.
                let zero = Int128(-62_135_596_800) * 1_000_000_000
                let since = Int128(now) - zero
                let truncated = since - since % Int128(interval)
                return Timestamp(truncated + zero + Int128(interval))
            }
            guard now >= anchor else { return anchor + interval }
            return anchor + ((now - anchor) / interval + 1) * interval
        case .cron(let expression, let zone):
            return expression.next(after: now, in: zone)
        }
    }
}
