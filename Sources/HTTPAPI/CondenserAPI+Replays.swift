import APIModels
import Engine
import Hummingbird
import Models
import Storage
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// The fields a recording list may be narrowed to with `fields=`.
    static let recordingFields: Set<String> = ["link", "id", "type", "size", "date", "error", "status", "progress"]
    /// The fields a replay list may be narrowed to; `stats` is not among the defaults, as in Kapacitor.
    static let replayFields: Set<String> = [
        "link", "id", "recording", "task", "recording-time", "clock", "date", "error", "status", "progress",
    ]

    func addReplayRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>, _ recordings: Recordings) {
        routes.on("/kapacitor/v1/recordings", .get) { request, _ in try self.listRecordings(request, recordings) }
        routes.on("/kapacitor/v1/recordings/stream", .post) { request, _ in
            var request = request
            let options = try await JSONBody.decode(RecordStreamOptions.self, from: &request)
            let stop = try Self.time(options.stop, name: "stop")
            return try self.created(engine { () throws(EngineError) in
                try recordings.recordStream(id: options.id, task: options.task, stop: stop)
            })
        }
        routes.on("/kapacitor/v1/recordings/batch", .post) { request, _ in
            var request = request
            let options = try await JSONBody.decode(RecordBatchOptions.self, from: &request)
            let start = try Self.time(options.start, name: "start"), stop = try Self.time(options.stop, name: "stop")
            return try self.created(engine { () throws(EngineError) in
                try recordings.recordBatch(id: options.id, task: options.task, start: start, stop: stop)
            })
        }
        routes.on("/kapacitor/v1/recordings/query", .post) { request, _ in
            var request = request
            let options = try await JSONBody.decode(RecordQueryOptions.self, from: &request)
            return try self.created(engine { () throws(EngineError) in
                try recordings.recordQuery(id: options.id, query: options.query, type: options.type, cluster: options.cluster ?? "")
            })
        }
        routes.on("/kapacitor/v1/recordings/:id", .get) { _, context in
            let id = try context.parameters.require("id")
            let record = try self.engine { () throws(EngineError) in try recordings.recording(id) }
            return JSONBody.response(record.status == .running ? .accepted : .ok, Self.recordingResponse(record))
        }
        routes.on("/kapacitor/v1/recordings/:id", .delete) { _, context in
            let id = try context.parameters.require("id")
            try self.engine { () throws(EngineError) in try recordings.deleteRecording(id) }
            return Response(status: .noContent)
        }
        routes.on("/kapacitor/v1/replays", .get) { request, _ in try self.listReplays(request, recordings) }
        routes.on("/kapacitor/v1/replays", .post) { request, _ in
            let options = try await Self.replayOptions(request)
            return try self.created(engine { () throws(EngineError) in
                try recordings.replay(
                    id: options.id, task: options.task, recording: options.recording ?? "",
                    recordingTime: options.recordingTime ?? false, clock: options.clock ?? "fast")
            })
        }
        routes.on("/kapacitor/v1/replays/batch", .post) { request, _ in
            let options = try await Self.replayOptions(request)
            let start = try Self.time(options.start, name: "start"), stop = try Self.time(options.stop, name: "stop")
            return try self.created(engine { () throws(EngineError) in
                try recordings.replayBatch(
                    id: options.id, task: options.task, start: start, stop: stop, recordingTime: options.recordingTime ?? false,
                    clock: options.clock ?? "fast")
            })
        }
        routes.on("/kapacitor/v1/replays/query", .post) { request, _ in
            let options = try await Self.replayOptions(request)
            return try self.created(engine { () throws(EngineError) in
                try recordings.replayQuery(
                    id: options.id, task: options.task, query: options.query ?? "", cluster: options.cluster ?? "",
                    recordingTime: options.recordingTime ?? false, clock: options.clock ?? "fast")
            })
        }
        routes.on("/kapacitor/v1/replays/:id", .get) { _, context in
            let id = try context.parameters.require("id")
            let record = try self.engine { () throws(EngineError) in try recordings.replay(id) }
            return JSONBody.response(record.status == .running ? .accepted : .ok, Self.replayResponse(record))
        }
        routes.on("/kapacitor/v1/replays/:id", .delete) { _, context in
            let id = try context.parameters.require("id")
            try self.engine { () throws(EngineError) in try recordings.deleteReplay(id) }
            return Response(status: .noContent)
        }
    }

    /// GET `/kapacitor/v1/recordings` with `pattern`, `fields`, `offset` and `limit`.
    func listRecordings(_ request: Request, _ recordings: Recordings) throws -> Response {
        let list = try ListQuery(request, known: Self.recordingFields, defaults: Self.recordingFields)
        let records = try engine { () throws(EngineError) in try recordings.recordings() }
        let entries = list.page(records) { $0.id }.map { record in
            Self.select(Self.recordingResponse(record), fields: list.fields)
        }
        return JSONBody.response(.ok, ["recordings": JSONValue.array(entries)])
    }

    /// GET `/kapacitor/v1/replays` with `pattern`, `fields`, `offset` and `limit`.
    func listReplays(_ request: Request, _ recordings: Recordings) throws -> Response {
        let list = try ListQuery(request, known: Self.replayFields.union(["stats"]), defaults: Self.replayFields)
        let records = try engine { () throws(EngineError) in try recordings.replays() }
        let entries = list.page(records) { $0.id }.map { record in
            Self.select(Self.replayResponse(record), fields: list.fields)
        }
        return JSONBody.response(.ok, ["replays": JSONValue.array(entries)])
    }

    /// 201 with the new recording or replay.
    func created(_ record: RecordingRecord) -> Response { JSONBody.response(.created, Self.recordingResponse(record)) }

    func created(_ record: ReplayRecord) -> Response { JSONBody.response(.created, Self.replayResponse(record)) }

    static func replayOptions(_ request: Request) async throws -> ReplayOptions {
        var request = request
        return try await JSONBody.decode(ReplayOptions.self, from: &request)
    }

    /// An RFC 3339 time of a request body; absent, empty and Go's zero time are 0.
    static func time(_ text: String?, name: String) throws -> Timestamp {
        guard let text, !text.isEmpty, !text.hasPrefix("0001-01-01T00:00:00") else { return 0 }
        guard let time = Timestamp(rfc3339: text) else { throw APIError(.badRequest, "invalid \(name) time \"\(text)\"") }
        return time
    }

    static func recordingResponse(_ record: RecordingRecord) -> RecordingResponse {
        RecordingResponse(
            link: Link(href: "/kapacitor/v1/recordings/\(record.id)"), id: record.id, type: record.type, size: record.size,
            date: record.date.rfc3339Nano, error: record.error, status: record.status.rawValue, progress: record.progress)
    }

    static func replayResponse(_ record: ReplayRecord) -> ReplayResponse {
        let stats = JSONBody.value(JSONValue.self, from: record.stats)
            ?? .object(["task-stats": .null, "node-stats": .null])
        return ReplayResponse(
            link: Link(href: "/kapacitor/v1/replays/\(record.id)"), id: record.id, task: record.task, recording: record.recording,
            recordingTime: record.recordingTime, clock: record.clock, date: record.date.rfc3339Nano, error: record.error,
            status: record.status.rawValue, progress: record.progress, stats: stats)
    }

    /// `value`'s JSON object keeping only `fields`.
    static func select(_ value: some Encodable, fields: Set<String>) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value), case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .object([:])
        }
        return .object(object.filter { fields.contains($0.key) })
    }
}
