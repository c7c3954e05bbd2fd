// SPDX-License-Identifier: GPL-3.0-or-later
import FuzzInput
import TrialModel

/// libFuzzer target: the CSV scanner on any bytes, with small chunks so that lines cross chunk
/// boundaries. Refusals are expected; a crash, hang or sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVScanner(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    FuzzInput.withFile(UnsafeRawBufferPointer(start: data, count: size)) { path in
        var fields = 0
        _ = try? CSVScanner.scan(path: path, chunkSize: 64) { line in
            for i in 0..<line.count { fields += line.string(i).utf8.count; _ = CSVField.decimal(line.field(i)); _ = CSVField.int(line.field(i)) }
        }
    }
    return 0
}

@main enum FuzzCSVScanner {
    static func main() { FuzzInput.main(fuzzCSVScanner) }
}
