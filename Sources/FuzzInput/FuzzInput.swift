// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fuzz targets share: an input as a file (the readers read files), and the replay
/// `main` a target has when it is built without libFuzzer.
///
/// A fuzz target is built by `Scripts/fuzz` with `-sanitize=fuzzer -DFUZZING`: its `main` hands
/// the command line to libFuzzer's driver (`LLVMFuzzerRunDriver`), which calls the target
/// function with generated inputs. In an ordinary build `main` runs each file named on the
/// command line through the same function, once — how a crash that libFuzzer found is replayed.
public enum FuzzInput {
    /// The signature of a fuzz target function (libFuzzer's `LLVMFuzzerTestOneInput`).
    public typealias Target = @convention(c) (UnsafeRawPointer?, Int) -> CInt

    /// The target's `main`: libFuzzer's driver when built for fuzzing, else the replay.
    public static func main(_ target: Target) {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
        print("replayed \(replay(CommandLine.arguments.dropFirst(), target)) input(s)")
        #endif
    }

    /// A file path private to this process (in /dev/shm when there is one).
    public static let path: String = {
        var folder = "/dev/shm"
        var info = stat()
        if stat(folder, &info) != 0 { folder = "/tmp" }
        return "\(folder)/effekt-fuzz-\(getpid()).input"
    }()

    /// Writes `bytes` to `path` and runs `body` with the path.
    public static func withFile(_ bytes: UnsafeRawBufferPointer, _ body: (String) -> Void) {
        guard let f = fopen(path, "wb") else { return }
        if bytes.count > 0 { _ = fwrite(bytes.baseAddress!, 1, bytes.count, f) }
        fclose(f)
        body(path)
    }

    /// Runs `target` on each file of `paths` (the replay without libFuzzer); returns the number run.
    @discardableResult
    public static func replay(_ paths: some Sequence<String>, _ target: Target) -> Int {
        var count = 0
        for p in paths {
            guard let f = fopen(p, "rb") else { print("cannot read \(p)"); continue }
            var bytes = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = fread(&chunk, 1, chunk.count, f)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(f)
            _ = bytes.withUnsafeBytes { target($0.baseAddress, $0.count) }
            count += 1
        }
        unlink(path)
        return count
    }
}

#if FUZZING
/// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ target: FuzzInput.Target) -> CInt
#endif
