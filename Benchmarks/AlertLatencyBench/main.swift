// Write → post handler delivery latency: an in-process condenserd and a loopback HTTP receiver;
// points are written over HTTP `/write` at a paced rate, each one fires one alert event that the
// task's `post` handler delivers to the receiver. Reports, per point, the time from its `/write`
// response to its arrival at the receiver.
//
//     swift run -c release AlertLatencyBench [--rate 10000] [--seconds 5] [--batch 1] [--writers 4] [--warmup 1]
//         [--receiver nio|hummingbird]
import AlertHandlers
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Server
import Synchronization
import TestPeers

/// Monotonic nanoseconds.
func nowNanos() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// The run's options.
struct Options: Sendable {
    var rate = 10_000
    var seconds = 5.0
    var batch = 1
    var writers = 4
    var warmup = 1.0
    /// `nio` (a bare NIO HTTP/1.1 handler that answers each read's requests with one flush) or
    /// `hummingbird` (a Hummingbird application, one flush per response).
    var receiver = "nio"

    init(_ arguments: [String]) {
        var index = 1
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--rate": rate = Int(value) ?? rate
            case "--seconds": seconds = Double(value) ?? seconds
            case "--batch": batch = Int(value) ?? batch
            case "--writers": writers = Int(value) ?? writers
            case "--warmup": warmup = Double(value) ?? warmup
            case "--receiver": receiver = value
            default: fatalError("unknown option \(arguments[index])")
            }
            index += 2
        }
    }
}

/// Per point (by sequence number): when its `/write` was sent and answered, and when its alert
/// arrived.
final class Timeline: Sendable {
    let sent: Mutex<[UInt64]>
    let written: Mutex<[UInt64]>
    let arrived: Mutex<[UInt64]>
    let arrivals = Atomic<Int>(0)
    let duplicates = Atomic<Int>(0)

    init(count: Int) {
        sent = Mutex(Array(repeating: 0, count: count))
        written = Mutex(Array(repeating: 0, count: count))
        arrived = Mutex(Array(repeating: 0, count: count))
    }

    func arrive(_ seq: Int, at time: UInt64) {
        let fresh = arrived.withLock { arrived in
            guard seq >= 0, seq < arrived.count, arrived[seq] == 0 else { return false }
            arrived[seq] = time
            return true
        }
        if fresh { arrivals.add(1, ordering: .relaxed) } else { duplicates.add(1, ordering: .relaxed) }
    }
}

/// Durations gathered from several Tasks.
final class Samples: Sendable {
    let values = Mutex<[UInt64]>([])
}

/// The digits after `"message":"` in an alert body.
func sequenceNumber(in body: ByteBuffer) -> Int? {
    let bytes = body.readableBytesView
    let key = Array(#""message":""#.utf8)
    guard let start = bytes.firstRange(of: key)?.upperBound else { return nil }
    var value = 0
    var index = start
    var digits = 0
    while index < bytes.endIndex, bytes[index] >= 48, bytes[index] <= 57 {
        value = value * 10 + Int(bytes[index] - 48)
        index += 1
        digits += 1
    }
    return digits > 0 ? value : nil
}

/// The value at quantile `q` of sorted `values`.
func quantile(_ values: [UInt64], _ q: Double) -> UInt64 {
    guard !values.isEmpty else { return 0 }
    let rank = Int((Double(values.count) * q).rounded(.up)) - 1
    return values[min(values.count - 1, max(0, rank))]
}

func report(_ name: String, _ nanos: [UInt64]) {
    let sorted = nanos.sorted()
    func ms(_ value: UInt64) -> String { String(format: "%.3f", Double(value) / 1e6) }
    print("\(name) (ms, n=\(sorted.count)): p50 \(ms(quantile(sorted, 0.5))) p90 \(ms(quantile(sorted, 0.9))) p99 \(ms(quantile(sorted, 0.99))) p99.9 \(ms(quantile(sorted, 0.999))) max \(ms(sorted.last ?? 0))")
}

let options = Options(CommandLine.arguments)
let total = Int(Double(options.rate) * options.seconds) / options.batch * options.batch
let timeline = Timeline(count: total)
let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }

let receiverPort = FreePort.next()
let router = Router()
router.post("alert") { request, _ -> HTTPResponse.Status in
    let body = try await request.body.collect(upTo: 1 << 20)
    let time = nowNanos()
    if let seq = sequenceNumber(in: body) { timeline.arrive(seq, at: time) }
    return .ok
}
let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: receiverPort)), logger: logger)

/// The bare NIO receiver: records each request's arrival when its body has been read, and answers
/// the requests of one read together, with one flush.
final class NIOReceiver: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    private var body = ByteBuffer()
    private var unanswered = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let time = nowNanos()
            if let seq = sequenceNumber(in: body) { timeline.arrive(seq, at: time) }
            unanswered += 1
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        for _ in 0..<unanswered {
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "0"])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        }
        unanswered = 0
        context.flush()
    }
}

let directory = NSTemporaryDirectory() + "condenser-latency-" + UUID().uuidString
defer { try? FileManager.default.removeItem(atPath: directory) }
let config = try Config.load(path: "bench.conf", contents: "data_dir = \"\(directory)\"\nhostname = \"bench\"\n")
let daemon = try Daemon(config: config, logger: logger)
let daemonPort = FreePort.next()
let base = "http://127.0.0.1:\(daemonPort)"
let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)

/// Sends `body` to the daemon; the status code.
func call(_ method: HTTPMethod, _ path: String, _ body: String) async throws -> UInt {
    try await exchange(method, path, body).status
}

/// Sends `body` to the daemon; the status code and the response body.
func exchange(_ method: HTTPMethod, _ path: String, _ body: String) async throws -> (status: UInt, body: String) {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await client.execute(request, timeout: .seconds(10))
    let text = try await response.body.collect(upTo: 1 << 20)
    return (response.status.code, String(buffer: text))
}

/// Waits until `probe` holds, up to `seconds`.
func waitFor(seconds: Double, _ probe: @Sendable () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await probe() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}

try await withThrowingTaskGroup(of: Void.self) { group in
    if options.receiver == "nio" {
        _ = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    try channel.pipeline.syncOperations.addHandler(NIOReceiver())
                }
            }
            .bind(host: "127.0.0.1", port: receiverPort).get()
    } else {
        group.addTask { try await receiver.runService() }
    }
    group.addTask { try await daemon.application(port: daemonPort).runService() }
    guard try await waitFor(seconds: 10, { (try? await call(.GET, "/kapacitor/v1/ping", "")) == 204 }) else {
        fatalError("the daemon did not start")
    }
    let script = #"stream|from().measurement('lat')|alert().id('lat').message('{{ index .Fields "seq" }}').crit(lambda: TRUE).post('http://127.0.0.1:\#(receiverPort)/alert')"#
    let task = #"{"id":"lat","type":"stream","dbrps":[{"db":"bench","rp":"autogen"}],"status":"enabled","script":"\#(script.replacingOccurrences(of: "\"", with: "\\\""))"}"#
    let created = try await exchange(.POST, "/kapacitor/v1/tasks", task)
    guard created.status == 200 else { fatalError("task not created: \(created.status) \(created.body) \(task)") }

    let requests = total / options.batch
    let interval = 1.0 / Double(options.rate) * Double(options.batch)
    let start = ContinuousClock.now + .milliseconds(100)
    let writeTimes = Samples()
    try await withThrowingTaskGroup(of: Void.self) { writers in
        for writer in 0..<options.writers {
            writers.addTask { [options, start, interval, requests, writeTimes] in
                var own: [UInt64] = []
                var number = writer
                while number < requests {
                    let due = start + .nanoseconds(Int64(Double(number) * interval * 1e9))
                    if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
                    var lines = ""
                    for seq in number * options.batch..<(number + 1) * options.batch {
                        lines += "lat,host=a seq=\(seq)i \(1_000_000_000 + seq)\n"
                    }
                    let sent = nowNanos()
                    let status = try await call(.POST, "/write?db=bench&rp=autogen&precision=ns", lines)
                    let answered = nowNanos()
                    guard status == 204 else { fatalError("write failed: \(status)") }
                    timeline.sent.withLock { times in
                        for seq in number * options.batch..<(number + 1) * options.batch { times[seq] = sent }
                    }
                    timeline.written.withLock { written in
                        for seq in number * options.batch..<(number + 1) * options.batch { written[seq] = answered }
                    }
                    own.append(answered - sent)
                    number += options.writers
                }
                writeTimes.values.withLock { $0 += own }
            }
        }
        try await writers.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    _ = try await waitFor(seconds: 10) { timeline.arrivals.load(ordering: .relaxed) >= total }

    let sent = timeline.sent.withLock { $0 }
    let written = timeline.written.withLock { $0 }
    let arrived = timeline.arrived.withLock { $0 }
    let skip = Int(Double(options.rate) * options.warmup)
    var latencies: [UInt64] = []
    var sinceSent: [UInt64] = []
    var early = 0
    var missing = 0
    for seq in skip..<total {
        guard arrived[seq] != 0 else { missing += 1; continue }
        if arrived[seq] < written[seq] { early += 1 }
        latencies.append(arrived[seq] > written[seq] ? arrived[seq] - written[seq] : 0)
        sinceSent.append(arrived[seq] - sent[seq])
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("points \(total) in \(requests) writes of \(options.batch) by \(options.writers) writers, target \(options.rate)/s, achieved \(Int(Double(total) / seconds))/s; "
        + "arrived \(timeline.arrivals.load(ordering: .relaxed)), duplicates \(timeline.duplicates.load(ordering: .relaxed)); stats skip the first \(skip)")
    print("missing \(missing), arrived before their write's response \(early) (counted as 0)")
    let firstWrite = written.filter { $0 != 0 }.min() ?? 0
    let lastArrival = arrived.max() ?? 0
    if lastArrival > firstWrite {
        let span = Double(lastArrival - firstWrite) / 1e9
        let delivered = arrived.count { $0 != 0 }
        print("delivered \(Int(Double(delivered) / span)) POSTs/s (\(delivered) from the first write's answer to the last arrival, \(String(format: "%.2f", span)) s)")
    }
    report("write response", writeTimes.values.withLock { $0 })
    report("write sent → receiver", sinceSent)
    report("write response → receiver", latencies)
    group.cancelAll()
}
await daemon.stop()
try await client.shutdown()
