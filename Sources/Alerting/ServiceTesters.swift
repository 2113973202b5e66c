import Foundation
import Synchronization

/// A named test of a service (`slack`, `mqtt`, `influxdb`): its default options, shown by
/// `GET /kapacitor/v1/service-tests`, and what it does with options — send a test message,
/// ping a server. Kapacitor's `servicetest.Tester`.
public struct ServiceTester: Sendable {
    /// The service's name, the last element of its test's path.
    public var name: String
    /// The default options as a JSON object; posted options are merged over them.
    public var options: @Sendable () -> Data
    /// Runs the test with the merged options; a thrown error is the failure's message.
    public var run: @Sendable (Data) async throws -> Void

    /// Creates a test.
    public init(name: String, options: @escaping @Sendable () -> Data, run: @escaping @Sendable (Data) async throws -> Void) {
        self.name = name
        self.options = options
        self.run = run
    }
}

/// The service tests a server offers, by name: the built-in handlers' and any a server adds
/// (such as `influxdb`).
public final class ServiceTesters: Sendable {
    private let tests = Mutex<[String: ServiceTester]>([:])

    /// A registry holding `tests` (the first of a repeated name wins).
    public init(_ tests: [ServiceTester] = []) {
        for test in tests { try? register(test) }
    }

    /// Adds `test`; a name already taken is Kapacitor's `tester with name "x" already exists`.
    public func register(_ test: ServiceTester) throws(OptionsError) {
        let added = tests.withLock { tests in
            guard tests[test.name] == nil else { return false }
            tests[test.name] = test
            return true
        }
        guard added else { throw OptionsError("tester with name \"\(test.name)\" already exists") }
    }

    /// Adds a test named `name` with default `options` (a JSON object) that `run`s.
    public func register(
        name: String, options: Data, run: @escaping @Sendable (Data) async throws -> Void
    ) throws(OptionsError) {
        try register(ServiceTester(name: name, options: { options }, run: run))
    }

    /// Every test, sorted by name.
    public var all: [ServiceTester] { tests.withLock { Array($0.values) }.sorted { $0.name < $1.name } }

    /// The test named `name`.
    public func test(named name: String) -> ServiceTester? { tests.withLock { $0[name] } }

    /// Runs `test` with `posted` (a JSON object; anything else counts as `{}`) merged over its
    /// default options, as Kapacitor decodes the posted body into the defaults: members replace
    /// the defaults' members, objects merge member by member.
    /// Returns nil on success, else the failure's message.
    public static func run(_ test: ServiceTester, posted: Data) async -> String? {
        let defaults = (try? JSONSerialization.jsonObject(with: test.options())) as? [String: Any] ?? [:]
        let object = (try? JSONSerialization.jsonObject(with: posted)) as? [String: Any] ?? [:]
        let options = (try? JSONSerialization.data(withJSONObject: merge(object, over: defaults))) ?? test.options()
        do {
            try await test.run(options)
            return nil
        } catch {
            return "\(error)"
        }
    }

    private static func merge(_ posted: [String: Any], over defaults: [String: Any]) -> [String: Any] {
        var merged = defaults
        for (key, value) in posted {
            if let object = value as? [String: Any], let existing = merged[key] as? [String: Any] {
                merged[key] = merge(object, over: existing)
            } else {
                merged[key] = value
            }
        }
        return merged
    }
}
