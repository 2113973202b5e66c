import Foundation

/// A self-signed certificate and its key for one host name, made by `openssl` (Debian package
/// openssl) in a directory: the TLS side of test servers.
public struct SelfSignedCertificate: Sendable {
    /// The certificate's PEM file.
    public let certificate: String
    /// The private key's PEM file.
    public let key: String

    /// Why no certificate could be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Makes `cert.pem` and `key.pem` in `directory` for `host` (an IP address also becomes the
    /// certificate's subject alternative name).
    public init(in directory: String, host: String = "localhost") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        certificate = directory + "/cert.pem"
        key = directory + "/key.pem"
        var arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=\(host)"]
        if host.first?.isNumber == true { arguments += ["-addext", "subjectAltName=IP:\(host)"] }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = arguments + ["-keyout", key, "-out", certificate]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw Failure(description: "openssl could not make a certificate") }
    }
}
