import APIModels

/// Recordings and replays: `/kapacitor/v1/recordings` and `/kapacitor/v1/replays`.
extension KapacitorClient {
    /// POST `/kapacitor/v1/recordings/stream`.
    public func recordStream(_ options: RecordStreamOptions) async throws -> RecordingResponse {
        try decode(try await send(.POST, "/kapacitor/v1/recordings/stream", body: options, expect: [201]))
    }

    /// POST `/kapacitor/v1/recordings/batch`.
    public func recordBatch(_ options: RecordBatchOptions) async throws -> RecordingResponse {
        try decode(try await send(.POST, "/kapacitor/v1/recordings/batch", body: options, expect: [201]))
    }

    /// POST `/kapacitor/v1/recordings/query`.
    public func recordQuery(_ options: RecordQueryOptions) async throws -> RecordingResponse {
        try decode(try await send(.POST, "/kapacitor/v1/recordings/query", body: options, expect: [201]))
    }

    /// GET `/kapacitor/v1/recordings/{id}`: 202 while it runs, 200 once done.
    public func recording(_ id: String) async throws -> RecordingResponse {
        try decode(try await send(.GET, "/kapacitor/v1/recordings/\(escape(id))", expect: [200, 202]))
    }

    /// DELETE `/kapacitor/v1/recordings/{id}`.
    public func deleteRecording(_ id: String) async throws {
        _ = try await send(.DELETE, "/kapacitor/v1/recordings/\(escape(id))", expect: [204])
    }

    /// Every recording whose ID matches `pattern` (empty for all), a page of 100 at a time.
    public func listRecordings(pattern: String = "") async throws -> [RecordingResponse] {
        try await allPages("/kapacitor/v1/recordings?pattern=\(escape(pattern))") { (page: RecordingList) in page.recordings }
    }

    /// POST `/kapacitor/v1/replays` (a recording), `/replays/batch` (a batch task's queries) or
    /// `/replays/query` (a query), as `path` says.
    public func replay(_ options: ReplayOptions, path: String = "/kapacitor/v1/replays") async throws -> ReplayResponse {
        try decode(try await send(.POST, path, body: options, expect: [201]))
    }

    /// GET `/kapacitor/v1/replays/{id}`: 202 while it runs, 200 once done.
    public func replay(_ id: String) async throws -> ReplayResponse {
        try decode(try await send(.GET, "/kapacitor/v1/replays/\(escape(id))", expect: [200, 202]))
    }

    /// DELETE `/kapacitor/v1/replays/{id}`.
    public func deleteReplay(_ id: String) async throws {
        _ = try await send(.DELETE, "/kapacitor/v1/replays/\(escape(id))", expect: [204])
    }

    /// Every replay whose ID matches `pattern` (empty for all), a page of 100 at a time.
    public func listReplays(pattern: String = "") async throws -> [ReplayResponse] {
        try await allPages("/kapacitor/v1/replays?pattern=\(escape(pattern))") { (page: ReplayList) in page.replays }
    }
}
