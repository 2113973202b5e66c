import Dispatch
import Models
import Synchronization

/// A stream recording in progress: subscribed to the router like a task, it writes the points it
/// receives to the recording file off the write path, until a point after the stop time arrives
/// (Kapacitor's rule) or it is stopped.
final class StreamRecorder: PointSink, Sendable {
    private struct State {
        var writer: RecordingArchive.StreamWriter?
        var done = false
        var error: EngineError?
    }

    private let stopTime: Timestamp
    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "condenser.stream-recording")

    /// Starts the recording file at `path`; points after `stop` end the recording.
    init(path: String, stop: Timestamp) throws(EngineError) {
        stopTime = stop
        state = Mutex(State(writer: try RecordingArchive.StreamWriter(path: path)))
    }

    /// Whether the recording has ended.
    var isDone: Bool { state.withLock { $0.done } }

    func accept(_ points: [Point]) {
        let late = points.firstIndex(where: { $0.time > stopTime })
        let kept = late.map { Array(points[..<$0]) } ?? points
        let ends = late != nil
        queue.async { [self] in
            state.withLock { state in
                guard !state.done, let writer = state.writer else { return }
                do throws(EngineError) {
                    if !kept.isEmpty { try writer.write(kept) }
                } catch {
                    state.error = error
                    state.done = true
                }
                if ends { state.done = true }
            }
        }
    }

    /// Ends the recording at the next check.
    func stop() {
        queue.async { [self] in state.withLock { $0.done = true } }
    }

    /// Closes the file once the points already accepted are written; returns the recording's error.
    func finish() -> EngineError? {
        queue.sync {
            state.withLock { (state) -> EngineError? in
                state.done = true
                guard let writer = state.writer else { return state.error }
                state.writer = nil
                if state.error == nil {
                    do throws(EngineError) { try writer.finish() } catch { state.error = error }
                }
                return state.error
            }
        }
    }
}
