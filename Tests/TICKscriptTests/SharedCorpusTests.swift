import Foundation
import Testing
import TICKscript

/// Kapacitor's own cases in `../shared/conformance`, read when the checkout has them beside it.
let sharedConformance = FileManager.default.currentDirectoryPath + "/../shared/conformance"
let sharedCorpusPresent = FileManager.default.fileExists(atPath: sharedConformance)

@Suite(.enabled(if: sharedCorpusPresent, "../shared/conformance is not beside the checkout"))
struct SharedCorpusTests {
    func jsonFiles(_ folder: String) throws -> [[String: Any]] {
        let directory = sharedConformance + "/" + folder
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
            .compactMap { try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) as? [String: Any] }
    }

    @Test func tickfmtCasesMatchByteForByte() throws {
        for testCase in try jsonFiles("tickfmt/cases") {
            let script = try #require(testCase["script"] as? String)
            #expect(try Formatter.format(script) == testCase["expected"] as? String, "\(testCase["name"] ?? "")")
        }
        for testCase in try jsonFiles("tickfmt/errors") {
            let script = try #require(testCase["script"] as? String)
            #expect(throws: ParseError.self) { try Parser.parse(script) }
            do {
                _ = try Parser.parse(script)
            } catch {
                #expect(error.message == testCase["error"] as? String)
            }
        }
    }

    @Test func everyIntegrationCaseScriptFormatsToAFixedPoint() throws {
        for testCase in try jsonFiles("kapacitor/cases") {
            let script = try #require(testCase["script"] as? String)
            let once = try Formatter.format(script)
            #expect(try Formatter.format(once) == once, "\(testCase["name"] ?? "")")
        }
    }

    @Test func exampleScriptsFormatToAFixedPoint() throws {
        let directory = sharedConformance + "/tickscripts"
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".tick") }) {
            let script = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            // The telegraf "generic" examples are templates with {placeholders}: Kapacitor rejects them too.
            guard !script.contains("{info_level}") else {
                #expect(throws: ParseError.self) { try Parser.parse(script) }
                continue
            }
            let once = try Formatter.format(script)
            #expect(try Formatter.format(once) == once, "\(file)")
        }
    }
}
