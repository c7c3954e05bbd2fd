// SPDX-License-Identifier: GPL-3.0-or-later
import FuzzInput
import TrialModel

/// libFuzzer target: the streaming weekly.csv reader (weeks within 1...8, hours, codes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWeekly(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    FuzzInput.withFile(UnsafeRawBufferPointer(start: data, count: size)) { path in
        var hours = 0.0
        _ = try? WeeklyFile.scan(path: path, followUpWeeks: 8) { row in hours += row.paidHours + Double(row.id.count) }
    }
    return 0
}

@main enum FuzzWeekly {
    static func main() { FuzzInput.main(fuzzWeekly) }
}
