import Engine
import ServiceLifecycle

/// Reads the wall clock once a second for the running tasks' timers (stats and deadman
/// intervals, barrier idle times), until the daemon shuts down.
struct TaskTicker: Service {
    let taskMaster: TaskMaster

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: .seconds(1))
                    taskMaster.tick()
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
