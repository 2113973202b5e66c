import Models

/// The body of POST `/kapacitor/v1/recordings/stream`: record task `task`'s stream until `stop`.
public struct RecordStreamOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var task: String
    /// RFC 3339.
    public var stop: String

    /// Creates options.
    public init(id: String? = nil, task: String, stop: String) {
        self.id = id
        self.task = task
        self.stop = stop
    }
}

/// The body of POST `/kapacitor/v1/recordings/batch`: record batch task `task`'s queries between
/// `start` and `stop` (now when absent).
public struct RecordBatchOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var task: String
    public var start: String?
    public var stop: String?
    public var cluster: String?

    /// Creates options.
    public init(id: String? = nil, task: String, start: String?, stop: String? = nil, cluster: String? = nil) {
        self.id = id
        self.task = task
        self.start = start
        self.stop = stop
        self.cluster = cluster
    }
}

/// The body of POST `/kapacitor/v1/recordings/query`: record a query's result as `type` data.
public struct RecordQueryOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var query: String
    public var type: TaskType
    public var cluster: String?

    /// Creates options.
    public init(id: String? = nil, query: String, type: TaskType, cluster: String? = nil) {
        self.id = id
        self.query = query
        self.type = type
        self.cluster = cluster
    }
}

/// The body of POST `/kapacitor/v1/replays`, `/replays/batch` and `/replays/query`: which task,
/// and what to replay into it — a recording, a batch task's queries between `start` and `stop`, or
/// a query.
public struct ReplayOptions: Sendable, Codable, Equatable {
    public var id: String?
    public var task: String
    public var recording: String?
    public var start: String?
    public var stop: String?
    public var query: String?
    public var cluster: String?
    public var recordingTime: Bool?
    /// `fast` (the default) or `real`.
    public var clock: String?

    enum CodingKeys: String, CodingKey {
        case id, task, recording, start, stop, query, cluster, recordingTime = "recording-time", clock
    }

    /// Creates options.
    public init(
        id: String? = nil, task: String, recording: String? = nil, start: String? = nil, stop: String? = nil,
        query: String? = nil, cluster: String? = nil, recordingTime: Bool? = nil, clock: String? = nil
    ) {
        self.id = id
        self.task = task
        self.recording = recording
        self.start = start
        self.stop = stop
        self.query = query
        self.cluster = cluster
        self.recordingTime = recordingTime
        self.clock = clock
    }
}

/// A recording as the API shows it.
public struct RecordingResponse: Sendable, Codable, Equatable {
    public var link: Link
    public var id: String
    public var type: TaskType
    public var size: Int64
    /// RFC 3339 with nanoseconds.
    public var date: String
    public var error: String
    /// `running`, `finished` or `failed`.
    public var status: String
    public var progress: Double

    /// Creates a response.
    public init(link: Link, id: String, type: TaskType, size: Int64, date: String, error: String, status: String, progress: Double) {
        self.link = link
        self.id = id
        self.type = type
        self.size = size
        self.date = date
        self.error = error
        self.status = status
        self.progress = progress
    }
}

/// A replay as the API shows it; `stats` holds `task-stats` and `node-stats` once finished.
public struct ReplayResponse: Sendable, Codable, Equatable {
    public var link: Link
    public var id: String
    public var task: String
    public var recording: String
    public var recordingTime: Bool
    public var clock: String
    public var date: String
    public var error: String
    public var status: String
    public var progress: Double
    public var stats: JSONValue?

    enum CodingKeys: String, CodingKey {
        case link, id, task, recording, recordingTime = "recording-time", clock, date, error, status, progress, stats
    }

    /// Creates a response.
    public init(
        link: Link, id: String, task: String, recording: String, recordingTime: Bool, clock: String, date: String,
        error: String, status: String, progress: Double, stats: JSONValue?
    ) {
        self.link = link
        self.id = id
        self.task = task
        self.recording = recording
        self.recordingTime = recordingTime
        self.clock = clock
        self.date = date
        self.error = error
        self.status = status
        self.progress = progress
        self.stats = stats
    }
}

/// The body of GET `/kapacitor/v1/recordings`.
public struct RecordingList: Sendable, Codable {
    public var recordings: [RecordingResponse]
}

/// The body of GET `/kapacitor/v1/replays`.
public struct ReplayList: Sendable, Codable {
    public var replays: [ReplayResponse]
}
