import APIModels
import ArgumentParser
import Client
import Models

/// `record stream|batch|query`: records live data, a batch task's queries or a query's result,
/// waits for the recording (unless `-no-wait`) and prints its ID.
struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the result of a InfluxDB query or a snapshot of the live data stream.",
        discussion: "Prints the recording ID on exit. See 'condenser help replay' for how to replay a recording.")

    @Argument(help: "What to record: stream, batch or query.") var kind: String
    @Option(name: .customLong("task", withSingleDash: true), help: "The ID of a task (stream: its dbrps; batch: its queries).")
    var task = ""
    @Option(name: .customLong("duration", withSingleDash: true), help: "How long to record the data stream.") var duration = ""
    @Option(name: .customLong("start", withSingleDash: true), help: "The start time for the set of queries.") var start = ""
    @Option(name: .customLong("stop", withSingleDash: true), help: "The stop time for the set of queries (default now).")
    var stop = ""
    @Option(name: .customLong("past", withSingleDash: true), help: "Set start time via 'now - past'.") var past = ""
    @Option(name: .customLong("query", withSingleDash: true), help: "The query to record.") var query = ""
    @Option(name: .customLong("type", withSingleDash: true), help: "The type of the recording to save (stream|batch).")
    var type = ""
    @Option(name: .customLong("cluster", withSingleDash: true), help: "Optional named InfluxDB cluster from configuration.")
    var cluster = ""
    @Flag(name: .customLong("no-wait", withSingleDash: true), help: "Do not wait for the recording to finish.") var noWait = false
    @Option(
        name: .customLong("recording-id", withSingleDash: true),
        help: "The ID to give to this recording. If not set an random ID is chosen.")
    var recordingID = ""

    func run() async throws {
        let client = Session.client
        let id = recordingID.isEmpty ? nil : recordingID
        var recording: RecordingResponse
        switch kind {
        case "stream":
            guard !task.isEmpty, !duration.isEmpty else { throw ClientError("both task and duration are required") }
            let length = try InfluxQLDuration.parse(duration)
            recording = try await client.recordStream(
                RecordStreamOptions(id: id, task: task, stop: (SystemClock().now() + length).rfc3339Nano))
        case "batch":
            guard !task.isEmpty else { throw ClientError("task is required") }
            let range = try QueryRange(start: start, stop: stop, past: past)
            recording = try await client.recordBatch(RecordBatchOptions(id: id, task: task, start: range.start, stop: range.stop))
        case "query":
            guard !query.isEmpty, !type.isEmpty else { throw ClientError("both query and type are required") }
            recording = try await client.recordQuery(
                RecordQueryOptions(id: id, query: query, type: type == "batch" ? .batch : .stream, cluster: cluster))
        default:
            throw ClientError("Unknown record type \"\(kind)\", expected 'stream', 'batch' or 'query'")
        }
        if noWait { return }
        while recording.status == "running" {
            try await Task.sleep(for: .milliseconds(500))
            recording = try await client.recording(recording.id)
        }
        print(recording.id)
        if recording.status == "failed" {
            throw ClientError(recording.error.isEmpty ? "recording failed: unknown reason" : recording.error)
        }
    }
}

/// `replay -recording ID -task ID`: replays a recording into a task, waits (unless `-no-wait`)
/// and prints the replay's ID.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a recording to a task. Prints the replay ID.",
        discussion: """
        The times of the data points will either be relative to now or the exact times in the recording if
        the '-rec-time' flag is set. In either case the relative times between the data points remains the same.
        """)

    @Option(name: .customLong("task", withSingleDash: true), help: "The task ID.") var task = ""
    @Option(name: .customLong("recording", withSingleDash: true), help: "The recording ID.") var recording = ""
    @OptionGroup var timing: ReplayTiming

    func run() async throws {
        guard !recording.isEmpty else { throw ClientError("must pass recording ID") }
        guard !task.isEmpty else { throw ClientError("must pass task ID") }
        try await timing.run(ReplayOptions(task: task, recording: recording), path: "/kapacitor/v1/replays")
    }
}

/// `replay-live batch|query`: replays a batch task's queries or a query's result into a task
/// without keeping a recording.
struct ReplayLive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-live", abstract: "Replay data to a task directly without saving a recording.")

    @Argument(help: "What to replay: batch or query.") var kind: String
    @Option(name: .customLong("task", withSingleDash: true), help: "The task ID.") var task = ""
    @Option(name: .customLong("start", withSingleDash: true), help: "The start time for the set of queries.") var start = ""
    @Option(name: .customLong("stop", withSingleDash: true), help: "The stop time for the set of queries (default now).")
    var stop = ""
    @Option(name: .customLong("past", withSingleDash: true), help: "Set start time via 'now - past'.") var past = ""
    @Option(name: .customLong("query", withSingleDash: true), help: "The query to replay.") var query = ""
    @Option(name: .customLong("cluster", withSingleDash: true), help: "Optional named InfluxDB cluster from configuration.")
    var cluster = ""
    @OptionGroup var timing: ReplayTiming

    func run() async throws {
        switch kind {
        case "batch":
            guard !task.isEmpty else { throw ClientError("task is required") }
            let range = try QueryRange(start: start, stop: stop, past: past)
            try await timing.run(ReplayOptions(task: task, start: range.start, stop: range.stop), path: "/kapacitor/v1/replays/batch")
        case "query":
            guard !query.isEmpty, !task.isEmpty else { throw ClientError("both query and task are required") }
            try await timing.run(
                ReplayOptions(task: task, query: query, cluster: cluster.isEmpty ? nil : cluster), path: "/kapacitor/v1/replays/query")
        default:
            throw ClientError("Unknown replay-live type \"\(kind)\", expected 'batch' or 'query'")
        }
    }
}

/// The flags `replay` and `replay-live` share, and their waiting for the replay.
struct ReplayTiming: ParsableArguments {
    @Flag(
        name: .customLong("real-clock", withSingleDash: true),
        help: "If set, replay the data in real time. If not set replay data as fast as possible.")
    var realClock = false
    @Flag(
        name: .customLong("rec-time", withSingleDash: true),
        help: "If set, use the times saved in the recording instead of present times.")
    var recordingTime = false
    @Flag(name: .customLong("no-wait", withSingleDash: true), help: "Do not wait for the replay to finish.") var noWait = false
    @Option(
        name: .customLong("replay-id", withSingleDash: true), help: "The ID to give to this replay. If not set a random ID is chosen.")
    var replayID = ""

    /// Starts the replay `options` describes at `path`, then waits for it and prints its ID.
    func run(_ options: ReplayOptions, path: String) async throws {
        var options = options
        options.id = replayID.isEmpty ? nil : replayID
        options.recordingTime = recordingTime
        options.clock = realClock ? "real" : "fast"
        let client = Session.client
        var replay = try await client.replay(options, path: path)
        if noWait { return }
        while replay.status == "running" {
            try await Task.sleep(for: .milliseconds(500))
            replay = try await client.replay(replay.id)
        }
        print(replay.id)
        if replay.status == "failed" {
            throw ClientError(replay.error.isEmpty ? "replay failed: unknown reason" : replay.error)
        }
    }
}

/// The `-start`, `-stop` and `-past` flags of batch recordings and replays, as RFC 3339 times.
struct QueryRange {
    let start: String
    let stop: String

    init(start: String, stop: String, past: String) throws {
        if start.isEmpty && past.isEmpty { throw ClientError("must set one of start or past flags.") }
        if !start.isEmpty && !past.isEmpty { throw ClientError("cannot set both start and past flags.") }
        var stopTime = SystemClock().now()
        if !stop.isEmpty {
            guard let time = Timestamp(rfc3339: stop) else { throw ClientError("parsing time \"\(stop)\": not an RFC 3339 time") }
            stopTime = time
        }
        if !past.isEmpty {
            self.start = (stopTime - (try InfluxQLDuration.parse(past))).rfc3339Nano
        } else {
            guard Timestamp(rfc3339: start) != nil else { throw ClientError("parsing time \"\(start)\": not an RFC 3339 time") }
            self.start = start
        }
        self.stop = stopTime.rfc3339Nano
    }
}

/// InfluxQL's durations, as the kapacitor CLI reads `-duration` and `-past`: numbers with the
/// units `u`/`µ`, `ms`, `s`, `m`, `h`, `d` and `w`, one or more in a row (`1h30m`).
enum InfluxQLDuration {
    static func parse(_ text: String) throws -> Int64 {
        let units: [(String, Int64)] = [
            ("ms", 1_000_000), ("u", 1_000), ("µ", 1_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
            ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
        ]
        var rest = Substring(text)
        var total: Int64 = 0
        guard !rest.isEmpty else { throw ClientError("invalid duration") }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int64(digits) else { throw ClientError("invalid duration") }
            rest = rest.dropFirst(digits.count)
            guard let (unit, nanoseconds) = units.first(where: { rest.hasPrefix($0.0) }) else {
                if rest.isEmpty && number == 0 { return total }
                throw ClientError("invalid duration")
            }
            rest = rest.dropFirst(unit.count)
            total += number * nanoseconds
        }
        return total
    }
}
