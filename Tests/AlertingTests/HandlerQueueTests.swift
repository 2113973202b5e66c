import Alerting
import Synchronization
import Testing

@Suite struct HandlerQueueTests {
    @Test func slowHandlerBlocksNeitherTheSenderNorAnotherHandler() async {
        let gate = Gate()
        let slow = RecordingHandler(gate: gate)
        let fast = RecordingHandler()
        let slowQueue = HandlerQueue(slow, capacity: 2)
        let fastQueue = HandlerQueue(fast, capacity: 10)
        slowQueue.enqueue(event("a"))
        fastQueue.enqueue(event("a"))
        await slow.started.wait()
        // The slow handler holds "a"; two more fill its queue, the fourth is dropped at once.
        for id in ["b", "c"] {
            #expect(slowQueue.enqueue(event(id)))
            #expect(fastQueue.enqueue(event(id)))
        }
        #expect(!slowQueue.enqueue(event("d")))
        #expect(fastQueue.enqueue(event("d")))
        await fastQueue.waitUntilIdle()
        #expect(fast.ids == ["a", "b", "c", "d"])
        #expect(slow.ids.isEmpty)
        #expect(slowQueue.counters.dropped == 1)
        gate.open()
        await slowQueue.waitUntilIdle()
        #expect(slow.ids == ["a", "b", "c"])
        #expect(slowQueue.counters.handled == 3)
        #expect(slowQueue.counters.enqueued == 3)
    }

    @Test func retriesWithDoublingBackoff() async {
        let sleeper = RecordingSleeper()
        let queue = HandlerQueue(
            FlakyHandler(failures: 3), retry: RetryPolicy(attempts: 5, initialBackoff: 1_000, maxBackoff: 3_000),
            sleeper: sleeper)
        queue.enqueue(event("a"))
        await queue.waitUntilIdle()
        #expect(sleeper.waits == [1_000, 2_000, 3_000])
        #expect(queue.counters.retries == 3)
        #expect(queue.counters.handled == 1)
        #expect(queue.counters.failed == 0)
    }

    @Test func aPermanentErrorIsNotRetried() async {
        struct Rejected: DeliveryError { var isPermanent: Bool { true } }
        final class RejectingHandler: AlertHandler {
            let tries = Mutex(0)
            func handle(_ event: Event) async throws {
                tries.withLock { $0 += 1 }
                throw Rejected()
            }
        }
        let sleeper = RecordingSleeper()
        let failures = RecordingFailures()
        let handler = RejectingHandler()
        let queue = HandlerQueue(
            handler, retry: RetryPolicy(attempts: 5, initialBackoff: 5), sleeper: sleeper,
            onFailure: { event, _ in failures.record(event.state.id) })
        queue.enqueue(event("a"))
        await queue.waitUntilIdle()
        #expect(handler.tries.withLock { $0 } == 1)
        #expect(sleeper.waits.isEmpty)
        #expect(queue.counters.failed == 1)
        #expect(queue.counters.retries == 0)
        #expect(failures.ids == ["a"])
    }

    @Test func givesUpAfterTheLastTry() async {
        let sleeper = RecordingSleeper()
        let failures = RecordingFailures()
        let queue = HandlerQueue(
            FlakyHandler(failures: 10), retry: RetryPolicy(attempts: 3, initialBackoff: 5), sleeper: sleeper,
            onFailure: { event, _ in failures.record(event.state.id) })
        queue.enqueue(event("a"))
        queue.enqueue(event("b"))
        await queue.waitUntilIdle()
        #expect(queue.counters.failed == 2)
        #expect(queue.counters.retries == 4)
        #expect(sleeper.waits == [5, 10, 5, 10])
        #expect(failures.ids == ["a", "b"])
    }

    @Test func closedQueueFinishesWhatItHoldsAndRefusesMore() async {
        let gate = Gate()
        let handler = RecordingHandler(gate: gate)
        let queue = HandlerQueue(handler)
        queue.enqueue(event("a"))
        queue.enqueue(event("b"))
        queue.close()
        #expect(!queue.enqueue(event("c")))
        gate.open()
        await queue.waitUntilIdle()
        #expect(handler.ids == ["a", "b"])
    }

    @Test(arguments: [(1, Int64(100)), (2, 200), (3, 400), (4, 800), (5, 1_000), (60, 1_000)])
    func backoff(failure: Int, delay: Int64) {
        #expect(RetryPolicy(attempts: 9, initialBackoff: 100, maxBackoff: 1_000).backoff(afterFailure: failure) == delay)
    }
}

@Suite struct PipelinedHandlerQueueTests {
    @Test func startsUpToTheWindowBeforeAnOutcomeAndSettlesInOrder() async {
        let handler = ManualPipelinedHandler(window: 3, total: 5)
        let queue = HandlerQueue(handler, retry: RetryPolicy(attempts: 2, initialBackoff: 0), sleeper: RecordingSleeper())
        for id in ["a", "b", "c", "d", "e"] { queue.enqueue(event(id)) }
        await handler.full.wait()
        #expect(handler.started == ["a", "b", "c"])
        // "b" fails, "c" succeeds before "a": the queue settles "a", retries "b", then starts "d" and "e".
        handler.complete("c")
        handler.complete("b", failing: true)
        handler.complete("a")
        await handler.allStarted.wait()
        #expect(handler.started == ["a", "b", "c", "d", "e"])
        handler.complete("d")
        handler.complete("e")
        await queue.waitUntilIdle()
        #expect(handler.retried == ["b"])
        #expect(queue.counters.handled == 5)
        #expect(queue.counters.retries == 1)
    }

    @Test func startsOnTheEnqueuingThreadAndSettlesOnTheCompletingOne() async {
        let handler = ManualPipelinedHandler(window: 2, total: 3)
        let queue = HandlerQueue(handler, retry: RetryPolicy(attempts: 1, initialBackoff: 0), sleeper: RecordingSleeper())
        for id in ["a", "b", "c"] { queue.enqueue(event(id)) }
        // No hop to the queue's Task: the window's events started before enqueue returned.
        #expect(handler.started == ["a", "b"])
        handler.complete("a")
        // Settling "a" counted it and made room: "c" started on this thread.
        #expect(queue.counters.handled == 1)
        #expect(handler.started == ["a", "b", "c"])
        handler.complete("c")
        #expect(queue.counters.handled == 1)
        handler.complete("b")
        #expect(queue.counters.handled == 3)
        await queue.waitUntilIdle()
    }
}
