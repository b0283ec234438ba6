import Foundation
import Spec

/// One input of libFuzzer: the bytes are a configuration file (any number of YAML documents), loaded and
/// validated as `botops validate` does. Besides not crashing, the loader must keep its promises about
/// diagnostics: each names the file it read, at a line and column inside it, and the same text loads
/// the same way twice. A broken promise aborts, which libFuzzer records as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecLoader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let file = SourceFile(path: "fuzz/input.yaml", text: text)
    let loader = SpecLoader()
    let first = loader.load(files: [file])
    let lines = yamlLineCount(text)
    for diagnostic in first.diagnostics {
        let location = diagnostic.location
        guard location.file == file.path, location.line >= 1, location.line <= lines + 1, location.column >= 1 else {
            fatalError("diagnostic at an impossible place \(location) (\(lines) lines): \(diagnostic)")
        }
    }
    let second = loader.load(files: [file])
    guard second.diagnostics == first.diagnostics else {
        fatalError("the same text loaded differently twice")
    }
    return 0
}

/// Lines as YAML counts them (libyaml, YAML 1.1): CR LF, CR, LF, NEL, LS and PS each end one.
func yamlLineCount(_ text: String) -> Int {
    var lines = 1
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": if previous != "\r" { lines += 1 }
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        previous = scalar
    }
    return lines
}

/// libFuzzer's own driver, called from the entry point SwiftPM gives an executable target (it links
/// `main` to `<Target>_main`, so libFuzzer's `main` is not the one that runs).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("SpecFuzz_main")
public func specFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzSpecLoader($0, $1) }
}
