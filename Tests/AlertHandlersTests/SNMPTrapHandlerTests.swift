import Alerting
@testable import AlertHandlers
import Foundation
import Models
import Testing

/// Debian's `snmptrapd` (package `snmptrapd`) on a free loopback UDP port, accepting any
/// community and logging each trap as one line: `TRAP <security>|<varbinds separated by tabs>`.
final class SNMPTrapd: Sendable {
    static let binary = peerBinary("/usr/sbin/snmptrapd")

    let port: Int
    let directory = TemporaryDirectory()
    private let process: PeerProcess
    private let log: String

    init() async throws {
        guard let binary = Self.binary else { throw PeerError("install snmptrapd") }
        port = try await freePort(udp: true)
        let config = try directory.write("snmptrapd.conf", "disableAuthorization yes\n")
        log = directory.path + "/traps.log"
        process = try PeerProcess(
            binary,
            ["-f", "-n", "-C", "-c", config, "-m", "", "-M", directory.path, "-Lf", log, "-On", "-F", "TRAP %P|%v\n",
             "udp:127.0.0.1:\(port)"],
            environment: ["SNMP_PERSISTENT_DIR": directory.path])
        try await process.wait(for: "snmptrapd") { self.text.contains("NET-SNMP version") }
    }

    private var text: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// The logged traps, once `count` arrived: each the security line and its varbinds.
    func traps(count: Int) async throws -> [(security: String, bindings: [String])] {
        try await process.wait(for: "\(count) traps") { self.lines.count >= count }
        return lines.map { line in
            let parts = line.dropFirst(5).split(separator: "|", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1].split(separator: "\t").map(String.init) : [])
        }
    }

    private var lines: [Substring] { text.split(separator: "\n").filter { $0.hasPrefix("TRAP ") } }

    func stop() { process.stop() }
}

@Suite("snmptrap handler")
struct SNMPTrapHandlerTests {
    @Test func encodesAV2cTrapPDUWithSysUpTimeAndTrapOIDFirst() throws {
        let pdu = SNMPTrapPDU(
            community: "kapacitor", requestID: 1, trapOID: try SNMPTrapPDU.oid("1.1.1.1"),
            bindings: [(try SNMPTrapPDU.oid("1.1.1.1.2"), .octetString(Array("hi".utf8))), (try SNMPTrapPDU.oid(".1.1.1.1.3"), .counter64(200))])
        let bytes = try pdu.encoded()
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(hex == "3056" + "020101" + "04096b6170616369746f72" + "a746" + "020101" + "020100" + "020100" + "303b"
            + "300e" + "06082b06010201010300" + "430203e8"
            + "3011" + "060a2b060106030101040100" + "0603290101"
            + "300a" + "06042901010204026869"
            + "300a" + "060429010103" + "460200c8")
    }

    @Test(arguments: [
        ("c", "12", SNMPTrapPDU.Value.counter64(12)), ("i", "-7", .integer(-7)), ("n", "whatever", .null),
        ("s", "text", .octetString(Array("text".utf8))), ("t", "4294967297", .timeTicks(1)),
    ])
    func convertsDataAsKapacitorDoes(type: String, value: String, expected: SNMPTrapPDU.Value) throws {
        #expect(try SNMPTrapPDU.Value(type: type, value: value) == expected)
    }

    @Test(arguments: [
        ("a", "1.2.3.4", "Snmptrap Datatype 'IP address' not supported"),
        ("u", "1", "Snmptrap Datatype 'Unsigned integer' not supported"),
        ("q", "1", "Snmptrap Datatype not known: q"),
        ("i", "1.5", "strconv.ParseInt: parsing \"1.5\": invalid syntax"),
        ("c", "99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
    ])
    func refusesWhatKapacitorRefuses(type: String, value: String, message: String) {
        #expect { try SNMPTrapPDU.Value(type: type, value: value) } throws: { "\($0)" == message }
    }

    @Test func aDisabledServiceAndABadOIDAreErrors() async throws {
        let disabled = try HandlerFixtures.handler("snmptrap", #"{"trap-oid":"1.1.1.1"}"#)
        await #expect { try await disabled.handle(HandlerFixtures.event()) } throws: { "\($0)" == "service is not enabled" }
        let environment = HandlerFixtures.environment(["snmptrap": #"{"enabled":true,"addr":"127.0.0.1:9"}"#])
        let bad = try HandlerFixtures.handler("snmptrap", #"{"trap-oid":"x.1"}"#, environment: environment)
        await #expect { try await bad.handle(HandlerFixtures.event()) } throws: { "\($0)" == #"invalid trap Oid "x.1": invalid OID x.1"# }
    }

    @Test(.enabled(if: SNMPTrapd.binary != nil || peersRequired, "Debian's snmptrapd is not installed"))
    func snmptrapdReceivesTheTrapWithTemplatedData() async throws {
        let receiver = try await SNMPTrapd()
        defer { receiver.stop() }
        let environment = HandlerFixtures.environment([
            "snmptrap": #"{"enabled":true,"addr":"127.0.0.1:\#(receiver.port)","community":"public"}"#,
        ])
        let options = #"{"trap-oid":"1.3.6.1.4.1.1","data-list":["#
            + #"{"oid":"1.3.6.1.2.1.1.7","type":"i","value":"{{ index .Fields \"value\" }}"},"#
            + #"{"oid":"1.3.6.1.2.1.1.8","type":"s","value":"{{ .Message }}"},"#
            + #"{"oid":"1.3.6.1.2.1.1.9","type":"c","value":"42"},"#
            + #"{"oid":"1.3.6.1.2.1.1.10","type":"t","value":"500"},"#
            + #"{"oid":"1.3.6.1.2.1.1.11","type":"n","value":""}]}"#
        var event = HandlerFixtures.event()
        event.data.fields = Fields([Field("value", .int(97))])
        try await HandlerFixtures.handler("snmptrap", options, environment: environment).handle(event)
        let traps = try await receiver.traps(count: 1)
        #expect(traps.count == 1)
        #expect(traps[0].security.contains("community public"))
        #expect(traps[0].bindings == [
            ".1.3.6.1.2.1.1.3.0 = Timeticks: (1000) 0:00:10.00", ".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.1",
            ".1.3.6.1.2.1.1.7 = INTEGER: 97", ".1.3.6.1.2.1.1.8 = STRING: \"cpu is high\"",
            ".1.3.6.1.2.1.1.9 = Counter64: 42", ".1.3.6.1.2.1.1.10 = Timeticks: (500) 0:00:05.00",
            ".1.3.6.1.2.1.1.11 = NULL",
        ])
    }
}
