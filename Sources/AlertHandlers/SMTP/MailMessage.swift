import Foundation

/// An HTML mail as Kapacitor's mailer (gomail) writes it: MIME headers, a quoted-printable
/// `text/html` body.
struct MailMessage: Sendable, Equatable {
    var from: String
    var to: [String]
    var subject: String
    var html: String

    /// The message text for SMTP `DATA`, lines ending in CRLF, dot-stuffed, without the final `.`.
    func data(date: Date) -> String {
        var lines = [
            "Mime-Version: 1.0",
            "Date: " + Self.rfc1123Z(date),
            "From: " + from,
            "To: " + to.joined(separator: ", "),
            "Subject: " + Self.encodedWord(subject),
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ]
        lines += Self.quotedPrintable(html).components(separatedBy: "\r\n")
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// `text` as a header value: itself when printable ASCII, else an RFC 2047 base64 word.
    static func encodedWord(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 > 0x7e }) else { return text }
        return "=?UTF-8?b?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// `text` in quoted-printable (RFC 2045): lines at most 76 characters with soft breaks, `=`,
    /// control and non-ASCII bytes as `=XX`, line breaks as CRLF.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        var lineLength = 0
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0a || (byte == 0x0d && index < bytes.count && bytes[index] == 0x0a) {
                if byte == 0x0d { index += 1 }
                output += [0x0d, 0x0a]
                lineLength = 0
                continue
            }
            let atLineEnd = index == bytes.count || bytes[index] == 0x0a || bytes[index] == 0x0d
            let literal = (byte >= 0x21 && byte <= 0x7e && byte != 0x3d) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let encoded: [UInt8] = literal ? [byte] : [0x3d, hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            if lineLength + encoded.count > 75 {
                output += [0x3d, 0x0d, 0x0a]
                lineLength = 0
            }
            output += encoded
            lineLength += encoded.count
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `date` as RFC 1123 with a numeric zone, in UTC (`Mon, 02 Jan 2006 15:04:05 +0000`).
    static func rfc1123Z(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
