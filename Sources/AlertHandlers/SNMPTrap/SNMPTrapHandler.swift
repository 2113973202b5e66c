import Alerting
import Foundation
import GoTemplate
import NIOCore
import NIOPosix
import SwiftASN1

/// The `[snmptrap]` section: where traps go and with which community.
struct SNMPTrapConfig: Decodable, Sendable {
    var enabled = false
    /// The trap receiver as `host:port`.
    var addr = "localhost:162"
    var community = "kapacitor"
    /// Kapacitor's retry count of failed writes; a trap is sent once here, and the handler
    /// queue retries a failed one.
    var retries = 1

    enum CodingKeys: String, CodingKey {
        case enabled, addr, community, retries
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
        addr = try container.decodeIfPresent(String.self, forKey: .addr) ?? "localhost:162"
        community = try container.decodeIfPresent(String.self, forKey: .community) ?? "kapacitor"
        retries = try container.decodeIfPresent(Int.self, forKey: .retries) ?? 1
    }

    /// Sends a trap of `trapOID` with `data` (entries whose values are final text): Kapacitor's
    /// `Service.Trap`.
    func trap(_ trapOID: String, data: [(oid: String, type: String, value: String)]) async throws {
        guard enabled else { throw HandlerError.notEnabled }
        let trap: ASN1ObjectIdentifier
        do {
            trap = try SNMPTrapPDU.oid(trapOID)
        } catch {
            throw HandlerError("invalid trap Oid \"\(trapOID)\": \(error)")
        }
        var bindings: [(ASN1ObjectIdentifier, SNMPTrapPDU.Value)] = []
        for entry in data {
            let dataOID: ASN1ObjectIdentifier
            do {
                dataOID = try SNMPTrapPDU.oid(entry.oid)
            } catch {
                throw HandlerError("invalid data Oid \"\(entry.oid)\": \(error)")
            }
            bindings.append((dataOID, try SNMPTrapPDU.Value(type: entry.type, value: entry.value)))
        }
        let message = try SNMPTrapPDU(
            community: community, requestID: Int32.random(in: 1...Int32.max), trapOID: trap, bindings: bindings
        ).encoded()
        guard let (host, port) = HostPort.split(addr) else { throw HandlerError("invalid SNMP configuration: bad addr \"\(addr)\"") }
        do {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: host, port: port).get()
            defer { channel.close(promise: nil) }
            try await channel.writeAndFlush(ByteBuffer(bytes: message))
        } catch {
            throw HandlerError("failed to send SNMP trap: \(error)")
        }
    }
}

/// The `snmptrap` handler: sends an SNMPv2c trap of `trap-oid` with the `data-list` bindings,
/// whose values are templates of the event.
struct SNMPTrapHandler: AlertHandler {
    /// One `data-list` entry: an OID, a type letter and a value template.
    struct Data: Decodable {
        var oid: String
        var type: String
        var value: String
    }

    /// The options of Kapacitor's `snmptrap.HandlerConfig`
    /// (`.snmpTrap('1.1.1.1').data('1.3.6.1.2.1.1.7', 'i', '{{ index .Fields "value" }}')`).
    struct Options: Decodable {
        var trapOID: String?
        var dataList: [Data]?

        enum CodingKeys: String, CodingKey {
            case trapOID = "trap-oid", dataList = "data-list"
        }
    }

    let config: SNMPTrapConfig
    let trapOID: String
    let data: [(oid: String, type: String, value: Template)]

    func handle(_ event: Event) async throws {
        let values = event.serviceTemplateValue
        var entries: [(oid: String, type: String, value: String)] = []
        for entry in data {
            do {
                entries.append((oid: entry.oid, type: entry.type, value: try entry.value.render(values)))
            } catch {
                throw HandlerError("failed to handle event: \(error.message)")
            }
        }
        try await config.trap(trapOID, data: entries)
    }
}

/// The `snmptrap` kind: the `[snmptrap]` section.
struct SNMPTrapHandlerKind: HandlerKind {
    let kind = "snmptrap"

    func makeHandler(options: Foundation.Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(SNMPTrapHandler.Options.self, from: options)
        var data: [(oid: String, type: String, value: Template)] = []
        for entry in options.dataList ?? [] {
            do {
                data.append((oid: entry.oid, type: entry.type, value: try Template(parsing: entry.value, name: "data")))
            } catch {
                throw HandlerError("failed to parse SNMP data template: \(error.message)")
            }
        }
        return SNMPTrapHandler(
            config: try environment.serviceSection("snmptrap", as: SNMPTrapConfig.self),
            trapOID: options.trapOID ?? "", data: data)
    }
}
