// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import Foundation
import TrialModel

/// The participant id of a person: a keyed hash of their CPR number with the trial's secret
/// pseudonym key, so that no CPR number is stored or logged.
///
/// `id = "P" + first 24 hex digits of HMAC-SHA-256(key, the 10 CPR digits)` (96 bits; the key is
/// the secret file's `pseudonym_key`, 32 bytes). The same person gets the same id in every
/// municipality of one trial, which is what finds a person enrolled twice.
public enum PersonPseudonym {
    /// The 10 digits of a CPR number written `DDMMYYSSSS` or `DDMMYY-SSSS`, or nil when it is not
    /// one (day 01–31, month 01–12; the modulus-11 check is not applied, as CPR numbers since
    /// 2007 need not satisfy it).
    public static func cprDigits(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 11, t[t.index(t.startIndex, offsetBy: 6)] == "-" { t.remove(at: t.index(t.startIndex, offsetBy: 6)) }
        guard t.count == 10, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = Array(t.utf8).map { Int($0) - 48 }
        let day = d[0] * 10 + d[1], month = d[2] * 10 + d[3]
        guard (1...31).contains(day), (1...12).contains(month) else { return nil }
        return t
    }

    /// The pseudonym of `cprDigits` under `keyHex` (64 hex digits).
    public static func id(cprDigits: String, keyHex: String) -> String {
        let key = SymmetricKey(data: bytes(hex: keyHex))
        let mac = HMAC<Crypto.SHA256>.authenticationCode(for: Array(cprDigits.utf8), using: key)
        return "P" + String(TrialModel.SHA256.hex(Array(mac)).prefix(24))
    }

    static func bytes(hex: String) -> [UInt8] {
        var out = [UInt8](), high: UInt8? = nil
        for c in hex.utf8 {
            let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
