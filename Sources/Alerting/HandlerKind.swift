import Foundation
import Logging
import Models
import Synchronization

/// One kind of alert handler (`post`, `slack`, `kafka`): how to make a handler from its options —
/// the same JSON object whether they come from a TICKscript property (`.slack().channel('#x')`),
/// a topic handler file (`kind: slack`, `options:`) or the API — and from its configuration
/// section (`[slack]`, `[[kafka]]`).
public protocol HandlerKind: Sendable {
    /// The topic-handler kind (`post`, `smtp`, `pagerduty2`).
    var kind: String { get }
    /// Makes a handler. `options` is the handler's JSON options object; the environment gives the
    /// configuration sections and shared services. Invalid options are an error naming the option.
    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler
    /// The configuration sections its handlers are made from: a handler made before one of them
    /// changed (through the config API) is made again.
    var configSections: [String] { get }
}

extension HandlerKind {
    /// The section named as the kind (`[slack]` for `slack`).
    public var configSections: [String] { [kind] }
}

/// The configuration sections handlers are made from, which the config API replaces while the
/// server runs; every environment made from the same source sees the replacement.
public final class HandlerSections: Sendable {
    private let sections: Mutex<[String: Data]>

    /// A source holding `sections`.
    public init(_ sections: [String: Data] = [:]) { self.sections = Mutex(sections) }

    /// The sections now.
    public var current: [String: Data] { sections.withLock { $0 } }

    /// The names of the sections that differ in `new`.
    public func changes(to new: [String: Data]) -> Set<String> {
        let current = self.current
        return Set(current.keys).union(new.keys).filter { current[$0] != new[$0] }
    }

    /// Replaces the sections.
    public func replace(with new: [String: Data]) {
        sections.withLock { $0 = new }
    }
}

/// What handlers share with the server: configuration, HTTP, logging and time.
public struct HandlerEnvironment: Sendable {
    /// The configuration sections as JSON objects by section name (`"slack"`), repeated sections
    /// (`[[kafka]]`) as arrays of objects: those of `source` at the time they are read.
    public var sections: [String: Data] { source.current }
    /// Where the sections come from.
    public let source: HandlerSections
    /// Posts HTTP requests.
    public var poster: any HTTPPoster
    /// Where handlers log.
    public var logger: Logger
    /// The wall clock.
    public var clock: any WallClock

    /// Creates an environment with fixed sections.
    public init(sections: [String: Data] = [:], poster: any HTTPPoster, logger: Logger, clock: any WallClock = SystemClock()) {
        self.init(source: HandlerSections(sections), poster: poster, logger: logger, clock: clock)
    }

    /// Creates an environment whose sections are those of `source` when read.
    public init(source: HandlerSections, poster: any HTTPPoster, logger: Logger, clock: any WallClock = SystemClock()) {
        self.source = source
        self.poster = poster
        self.logger = logger
        self.clock = clock
    }

    /// Section `name` decoded as `T` (a single section), or nil when absent.
    public func section<T: Decodable>(_ name: String, as type: T.Type) throws -> T? {
        guard let data = sections[name] else { return nil }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// The handler kinds a server offers, by kind name; the server injects the built-in list, so the
/// engine and pipeline never depend on handler implementations.
public struct HandlerKinds: Sendable {
    private let kinds: [String: any HandlerKind]

    /// A registry of `kinds`.
    public init(_ kinds: [any HandlerKind]) {
        self.kinds = Dictionary(kinds.map { ($0.kind, $0) }) { first, _ in first }
    }

    /// The kind named `name`.
    public func kind(_ name: String) -> (any HandlerKind)? { kinds[name] }

    /// Every kind name, sorted.
    public var names: [String] { kinds.keys.sorted() }
}
