import Foundation
import _COpenSSL

/// SHA-256 (FIPS 180-4) from OpenSSL's libcrypto, used to stamp every summary with the hash of
/// its input and tables. The only Swift code that touches OpenSSL.
public enum SHA256 {
    /// The 32-byte digest of `data`.
    public static func digest(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && length == 32, "OpenSSL EVP_Digest(SHA-256) failed")
        return Array(digest.prefix(32))
    }

    /// Lower-case hexadecimal digest.
    public static func hex(of data: Data) -> String {
        digest(data).map { String(format: "%02x", $0) }.joined()
    }
}
