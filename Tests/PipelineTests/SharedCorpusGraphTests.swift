import Foundation
import Pipeline
import Testing
import TICKscript

/// Kapacitor's own cases in `../shared/conformance`, read when the checkout has them beside it.
let sharedConformance = FileManager.default.currentDirectoryPath + "/../shared/conformance"

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sharedConformance), "../shared/conformance is not beside the checkout"))
struct SharedCorpusGraphTests {
    /// Builds `script`, returning the located errors or nil.
    func problems(_ script: String, template: Bool = false) -> String? {
        do {
            _ = try PipelineGraph.build(try Parser.parse(script), allowMissingVars: template)
            return nil
        } catch let error as PipelineErrors {
            return error.located(in: SourceText(script))
        } catch {
            return "\(error)"
        }
    }

    @Test func everyIntegrationCaseScriptTypeChecks() throws {
        let directory = sharedConformance + "/kapacitor/cases"
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".json") }).sorted() {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            let testCase = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let script = try #require(testCase["script"] as? String)
            let problem = problems(script)
            #expect(problem == nil, "\(file): \(problem ?? "")")
        }
    }

    /// Examples written for Kapacitor 0.x, which Kapacitor 1.8 rejects as well.
    let outdatedExamples = [
        "examples_scores_top_scores.tick": "line 3 char 6: no property method \"from\" on stream node, but chaining method does exist. Use '|' operator instead: 'node|from(..)'.",
    ]

    @Test func exampleScriptsTypeCheck() throws {
        let directory = sharedConformance + "/tickscripts"
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).filter({ $0.hasSuffix(".tick") }).sorted() {
            let script = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            guard !script.contains("{info_level}") else { continue }
            let problem = problems(script, template: true)
            #expect(problem == outdatedExamples[file], "\(file): \(problem ?? "")")
        }
    }
}
