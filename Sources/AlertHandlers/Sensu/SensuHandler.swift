import Alerting
import Foundation
import GoTemplate
import NIOCore
import NIOPosix

/// The `sensu` handler: writes the event as a check result to a Sensu client's socket over TCP
/// and expects it to answer `ok`, as Kapacitor's Sensu service does.
struct SensuHandler: AlertHandler {
    /// The `[sensu]` section; `source` defaults to `Kapacitor`.
    struct Config: Decodable {
        var enabled: Bool?
        var addr: String?
        var source: String?
        var handlers: [String]?
    }

    /// The options (`.sensu()` properties or topic-handler options).
    struct Options: Decodable {
        var source: String?
        var handlers: [String]?
        var metadata: [String: OptionScalar]?
    }

    let config: Config
    let options: Options
    /// The source template.
    let source: Template

    func handle(_ event: Event) async throws {
        let payload = try payload(event)
        guard let (host, port) = HostPort.split(config.addr ?? "") else {
            throw HandlerError("invalid sensu address \"\(config.addr ?? "")\": want host:port")
        }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let response = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: payload))
            var text = ""
            for try await buffer in inbound { text += String(buffer: buffer) }
            return text
        }
        guard response == "ok" else { throw HandlerError("sensu socket error: " + response) }
    }

    /// The bytes Kapacitor's JSON encoder writes for `event`: a Go map, keys sorted, with the
    /// metadata keys that do not clash with the check's own.
    func payload(_ event: Event) throws -> [UInt8] {
        let rendered = try source.render(event.serviceTemplateValue)
        let name = event.state.id
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameCharacter) else {
            throw HandlerError("invalid name \(ServiceJSON.string(name).text) for sensu alert. Must match ^[\\w\\.-]+$")
        }
        guard config.enabled == true else { throw HandlerError.notEnabled }
        let status: Int64 = switch event.state.level {
        case .ok, .info: 0
        case .warning: 1
        case .critical: 2
        }
        let handlers = options.handlers ?? []
        var fields: [(String, ServiceJSON)] = [
            ("name", .string(name)), ("source", .string(rendered.isEmpty ? config.source ?? "Kapacitor" : rendered)),
            ("output", .string(event.state.message)), ("status", .int(status)),
            ("handlers", .strings(handlers.isEmpty ? config.handlers ?? [] : handlers)),
        ]
        let own = Set(fields.map(\.0))
        for (key, value) in options.metadata ?? [:] where !own.contains(key) {
            fields.append((key, .raw(value.jsonText)))
        }
        return ServiceJSON.sortedObject(fields).encoderBytes
    }

    /// Whether `scalar` is in Go's `[\w.-]`: an ASCII letter, digit, `_`, `.` or `-`.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar))
    }
}

/// The `sensu` kind; a source template that does not parse fails the handler's creation.
struct SensuHandlerKind: HandlerKind {
    let kind = "sensu"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(SensuHandler.Options.self, from: options)
        return SensuHandler(
            config: try environment.serviceSection("sensu", as: SensuHandler.Config.self), options: options,
            source: try Template(parsing: options.source ?? "", name: "source"))
    }
}
