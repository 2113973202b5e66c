/// Go's `time.Time.Truncate` and `Round`, which work on multiples of a duration counted from
/// Go's zero time (January 1, year 1), not from the Unix epoch: they differ for durations that
/// do not divide a day, such as a week.
extension Timestamp {
    /// Nanoseconds from Go's zero time to the Unix epoch.
    static let goZeroOffset = Int128(62_135_596_800) * 1_000_000_000

    /// The time rounded down to a multiple of `duration` nanoseconds; unchanged when `duration` ≤ 0.
    public func truncated(to duration: Int64) -> Timestamp {
        guard duration > 0 else { return self }
        let since = Int128(self) + Self.goZeroOffset
        let remainder = since % Int128(duration)
        return self - Int64(remainder < 0 ? remainder + Int128(duration) : remainder)
    }

    /// The time rounded to the nearest multiple of `duration` nanoseconds, halfway values up.
    public func rounded(to duration: Int64) -> Timestamp {
        guard duration > 0 else { return self }
        let down = truncated(to: duration)
        let remainder = self - down
        return remainder + remainder < duration ? down : down + duration
    }
}
