import Alerting
import SwiftASN1

/// An SNMPv2c trap message as Kapacitor's snmptrap service sends it (through snmpgo): version
/// 2c, the community, and an SNMPv2-Trap-PDU whose variable bindings start with `sysUpTime.0`
/// (always 1000 ticks) and `snmpTrapOID.0`, followed by the data bindings. Encoded with BER's
/// definite-length (DER) form.
struct SNMPTrapPDU {
    /// A variable binding's value, of the types Kapacitor's data list offers.
    enum Value: Equatable {
        case integer(Int32)
        case octetString([UInt8])
        case null
        case objectIdentifier(ASN1ObjectIdentifier)
        case timeTicks(UInt32)
        case counter64(UInt64)
    }

    var community: String
    var requestID: Int32
    var trapOID: ASN1ObjectIdentifier
    var bindings: [(ASN1ObjectIdentifier, Value)]

    /// `sysUpTime.0`.
    static let sysUpTime: ASN1ObjectIdentifier = [1, 3, 6, 1, 2, 1, 1, 3, 0]
    /// `snmpTrapOID.0`.
    static let snmpTrapOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0]

    /// The message's bytes.
    func encoded() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { message in
            try message.serialize(1)
            try message.serialize(ASN1OctetString(contentBytes: ArraySlice(community.utf8)))
            try message.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 7, tagClass: .contextSpecific)) { pdu in
                try pdu.serialize(requestID)
                try pdu.serialize(0)
                try pdu.serialize(0)
                try pdu.appendConstructedNode(identifier: .sequence) { list in
                    let first: [(ASN1ObjectIdentifier, Value)] = [(Self.sysUpTime, .timeTicks(1000)), (Self.snmpTrapOID, .objectIdentifier(trapOID))]
                    let all = first + bindings
                    for (oid, value) in all {
                        try list.appendConstructedNode(identifier: .sequence) { binding in
                            try binding.serialize(oid)
                            try value.serialize(into: &binding)
                        }
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    /// An OID in dotted form (`1.3.6.1.4.1.1`, a leading dot allowed): at least two numeric
    /// components, the first 0, 1 or 2 (and the second below 40 unless the first is 2).
    static func oid(_ text: String) throws -> ASN1ObjectIdentifier {
        let dotted = text.hasPrefix(".") ? text.dropFirst() : Substring(text)
        let components = dotted.split(separator: ".", omittingEmptySubsequences: false).map { UInt(String($0)) }
        guard components.count >= 2, let first = components[0], let second = components[1], first <= 2,
              first == 2 || second < 40, components.allSatisfy({ $0 != nil && $0! <= UInt(UInt32.max) }) else {
            throw HandlerError("invalid OID \(text)")
        }
        return try ASN1ObjectIdentifier(elements: components.map { $0! })
    }
}

extension SNMPTrapPDU.Value {
    /// The SMIv2 application tags: TimeTicks `[APPLICATION 3]`, Counter64 `[APPLICATION 6]`.
    private static let timeTicksTag = ASN1Identifier(tagWithNumber: 3, tagClass: .application)
    private static let counter64Tag = ASN1Identifier(tagWithNumber: 6, tagClass: .application)

    func serialize(into serializer: inout DER.Serializer) throws {
        switch self {
        case .integer(let value): try serializer.serialize(value)
        case .octetString(let bytes): try serializer.serialize(ASN1OctetString(contentBytes: ArraySlice(bytes)))
        case .null: try serializer.serialize(ASN1Null())
        case .objectIdentifier(let oid): try serializer.serialize(oid)
        case .timeTicks(let ticks): try ticks.serialize(into: &serializer, withIdentifier: Self.timeTicksTag)
        case .counter64(let count): try count.serialize(into: &serializer, withIdentifier: Self.counter64Tag)
        }
    }

    /// The value of data entry `type` with text `value`, as Kapacitor converts them: `c` a
    /// Counter64, `i` an Integer32, `n` null, `s` an octet string, `t` TimeTicks (numbers parsed
    /// as Go's `strconv.ParseInt` and truncated to the type's width); `a`, `d`, `o`, `u`, `x`
    /// are refused as Kapacitor refuses them.
    init(type: String, value: String) throws {
        switch type {
        case "a": throw HandlerError("Snmptrap Datatype 'IP address' not supported")
        case "c": self = .counter64(UInt64(bitPattern: try Self.parseInt(value)))
        case "d": throw HandlerError("Snmptrap Datatype 'Decimal string' not supported")
        case "i": self = .integer(Int32(truncatingIfNeeded: try Self.parseInt(value)))
        case "n": self = .null
        case "o": throw HandlerError("Snmptrap Datatype 'Object ID' not supported")
        case "s": self = .octetString(Array(value.utf8))
        case "t": self = .timeTicks(UInt32(truncatingIfNeeded: try Self.parseInt(value)))
        case "u": throw HandlerError("Snmptrap Datatype 'Unsigned integer' not supported")
        case "x": throw HandlerError("Snmptrap Datatype 'Hexadecimal string' not supported")
        default: throw HandlerError("Snmptrap Datatype not known: \(type)")
        }
    }

    /// Go's `strconv.ParseInt(value, 10, 64)` with its error wording.
    private static func parseInt(_ value: String) throws -> Int64 {
        if let number = Int64(value) { return number }
        let digits = value.first == "+" || value.first == "-" ? value.dropFirst() : Substring(value)
        let reason = !digits.isEmpty && digits.allSatisfy(\.isASCIIDigitCharacter) ? "value out of range" : "invalid syntax"
        throw HandlerError("strconv.ParseInt: parsing \"\(value)\": \(reason)")
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
