import Models
import Pipeline
import Testing

/// A window whose only child is an aggregate hands it the window's points by column: the results,
/// the reported points and the statistics are those of the batch the window stands for, which a
/// window with a second child still emits.
@Suite struct WindowReducerTests {
    private static let window = "stream|from().measurement('m')|window().period(10s).every(10s).align()"

    /// The output and errors of `call` after the window alone, and after a window that also feeds
    /// a second child (so it emits batches).
    private func run(_ call: String, _ feed: (InfluxQLHarness) -> Void) throws -> (alone: (String, [String]), shared: (String, [String])) {
        let alone = try InfluxQLHarness(script: "\(Self.window)|\(call)|httpOut('out')")
        feed(alone)
        let shared = try InfluxQLHarness(script: "var w = \(Self.window)\nw|\(call)|httpOut('out')\nw|httpOut('other')")
        feed(shared)
        #expect(alone.runner.stats[2].emitted == shared.runner.stats[2].emitted)
        #expect(alone.runner.stats[3].processed == shared.runner.stats[3].processed)
        #expect(alone.runner.stats[3].errors == shared.runner.stats[3].errors)
        return ((alone.output(), alone.errors), (shared.output(), shared.errors))
    }

    /// v = 1.0, missing, 2.0 (with w), int 5, 4.0, "a" at seconds 1-6; the point at 12 closes the window.
    private static func mixed(_ harness: InfluxQLHarness) {
        harness.write(["v": .float(1)], at: 1)
        harness.write(["x": .float(9)], at: 2)
        harness.write(["v": .float(2), "w": .float(8)], at: 3)
        harness.write(["v": .int(5)], at: 4)
        harness.write(["v": .float(4)], at: 5)
        harness.write(["v": .string("a")], at: 6)
        harness.write(["v": .float(7)], at: 12)
    }

    @Test(arguments: ["mean('v')", "count('v')", "sum('v')", "spread('v')", "distinct('v')", "max('v')", "first('v')", "median('v')"])
    func aggregatesOfMixedPointsMatchTheBatch(call: String) throws {
        let (alone, shared) = try run(call, Self.mixed)
        #expect(alone.0 == shared.0)
        #expect(alone.1 == shared.1)
        #expect(alone.0.contains("\"series\":[{"))
    }

    @Test func meanOfMixedPoints() throws {
        let (alone, _) = try run("mean('v')", Self.mixed)
        #expect(alone.0 == series(["mean"], [row(10, "2.3333333333333335")]))
        #expect(alone.1 == [
            "mean3: failed to aggregate point in batch: field v missing from point cannot aggregate",
            "mean3: failed to aggregate point in batch: field v has wrong type: got int64 exp float64",
            "mean3: failed to aggregate point in batch: field v has wrong type: got string exp float64",
        ])
    }

    @Test func theFirstPointWithTheFieldChoosesTheReducer() throws {
        let (alone, shared) = try run("sum('v')") { harness in
            harness.write(["x": .float(1)], at: 1)
            harness.write(["v": .int(2)], at: 2)
            harness.write(["v": .int(3)], at: 3)
            harness.write(["v": .int(1)], at: 12)
        }
        #expect(alone.0 == series(["sum"], [row(10, "5")]))
        #expect(alone.1 == ["sum3: failed to realize reduce context from fields: field \"v\" missing from point"])
        #expect(alone.0 == shared.0 && alone.1 == shared.1)
    }

    @Test func windowsAfterAGapMatchTheBatch() throws {
        let (alone, shared) = try run("count('v')") { harness in
            harness.write(["v": .float(1)], at: 1)
            harness.write(["v": .float(1)], at: 25)
        }
        #expect(alone.0 == shared.0)
        #expect(alone.1 == shared.1)
    }
}
