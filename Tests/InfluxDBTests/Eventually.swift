/// Waits until `condition` holds, checking every 20 ms for at most `timeout`: how the tests wait
/// for I/O that happens off the task (a write reaching influxd), never for time-based logic.
func eventually(timeout: Duration = .seconds(15), _ condition: () throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}

/// `eventually` for conditions that await (a query to influxd).
func eventuallyAsync(timeout: Duration = .seconds(15), _ condition: () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
