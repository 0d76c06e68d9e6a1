internal import CFIDO2
public import RecoveryKitCore
internal import Glibc

/// One open FIDO2 security key, through Yubico's libfido2 (the library
/// OpenSSH and systemd use; rkit has no CTAP code of its own). A USB key
/// is opened by its hidraw path; `unix:PATH` opens the test transport
/// (`UnixSocketTransport`), below the same libfido2 code path.
///
/// Not thread-safe: one caller at a time (a command line's one flow).
public final class SecurityKey {
    public let device: SecurityKeyDevice
    private var handle: OpaquePointer?

    private static let initialized: Bool = { fido_init(0); return true }()

    /// The keys plugged in, as libfido2 lists them (at most 64).
    public static func list() -> [SecurityKeyDevice] {
        _ = initialized
        let capacity = 64
        guard let list = fido_dev_info_new(capacity) else { return [] }
        var infos: OpaquePointer? = list
        defer { fido_dev_info_free(&infos, capacity) }
        var found = 0
        guard fido_dev_info_manifest(list, capacity, &found) == FIDO_OK else { return [] }
        return (0..<found).compactMap { index in
            guard let info = fido_dev_info_ptr(list, index), let path = fido_dev_info_path(info) else { return nil }
            return SecurityKeyDevice(path: String(cString: path),
                                     product: fido_dev_info_product_string(info).map { String(cString: $0) } ?? "",
                                     manufacturer: fido_dev_info_manufacturer_string(info).map { String(cString: $0) } ?? "")
        }
    }

    /// The key to use: `path` when named (a hidraw path or `unix:PATH`),
    /// else the one key plugged in. None or several plugged in: thrown,
    /// with the list, before anything is asked.
    public static func choose(_ path: String?, listed: () -> [SecurityKeyDevice] = SecurityKey.list) throws -> SecurityKeyDevice {
        if let path {
            if SecurityKeyDevice.isUnixSocket(path) {
                return SecurityKeyDevice(path: path, product: "", manufacturer: "")
            }
            return listed().first { $0.path == path } ?? SecurityKeyDevice(path: path, product: "", manufacturer: "")
        }
        let devices = listed()
        switch devices.count {
        case 0: throw SecurityKeyError.noDevice
        case 1: return devices[0]
        default: throw SecurityKeyError.severalDevices(devices)
        }
    }

    /// Opens the key (CTAPHID_INIT and authenticatorGetInfo run here).
    public init(_ device: SecurityKeyDevice) throws {
        _ = SecurityKey.initialized
        self.device = device
        guard let dev = fido_dev_new() else { throw SecurityKeyError.device(code: Int(FIDO_ERR_INTERNAL), name: "out of memory") }
        handle = dev
        if SecurityKeyDevice.isUnixSocket(device.path) {
            var io = UnixSocketTransport.functions
            guard fido_dev_set_io_functions(dev, &io) == FIDO_OK else {
                close()
                throw SecurityKeyError.cannotOpen(path: device.path, reason: "libfido2 refused the test transport")
            }
        }
        errno = 0
        let status = fido_dev_open(dev, device.path)
        guard status == FIDO_OK else {
            let reason = errno != 0 ? String(cString: strerror(errno)) : SecurityKey.name(status)
            close()
            throw SecurityKeyError.cannotOpen(path: device.path, reason: reason)
        }
        guard fido_dev_is_fido2(dev) else {
            close()
            throw SecurityKeyError.notFIDO2
        }
    }

    deinit { close() }

    /// Closes the key; later calls throw.
    public func close() {
        guard handle != nil else { return }
        _ = fido_dev_close(handle)
        fido_dev_free(&handle)
        handle = nil
    }

    private func open() throws -> OpaquePointer {
        guard let handle else { throw SecurityKeyError.cannotOpen(path: device.path, reason: "already closed") }
        return handle
    }

    /// The key's AAGUID, versions and options (authenticatorGetInfo).
    public func info() throws -> SecurityKeyInfo {
        let dev = try open()
        guard let info = fido_cbor_info_new() else { throw SecurityKeyError.device(code: Int(FIDO_ERR_INTERNAL), name: "out of memory") }
        defer { var freed: OpaquePointer? = info; fido_cbor_info_free(&freed) }
        try SecurityKey.check(fido_dev_get_cbor_info(dev, info))
        let aaguid = fido_cbor_info_aaguid_ptr(info).map { Array(UnsafeBufferPointer(start: $0, count: fido_cbor_info_aaguid_len(info))) } ?? []
        var versions: [String] = []
        if let names = fido_cbor_info_versions_ptr(info) {
            for index in 0..<fido_cbor_info_versions_len(info) { if let name = names[index] { versions.append(String(cString: name)) } }
        }
        var options: [(name: String, value: Bool)] = []
        if let names = fido_cbor_info_options_name_ptr(info), let values = fido_cbor_info_options_value_ptr(info) {
            for index in 0..<fido_cbor_info_options_len(info) {
                if let name = names[index] { options.append((String(cString: name), values[index])) }
            }
        }
        return SecurityKeyInfo(aaguid: aaguid, versions: versions, options: options)
    }

    /// How many wrong PINs the key still accepts before it blocks.
    public func pinRetries() throws -> Int {
        let dev = try open()
        var retries: Int32 = 0
        try SecurityKey.check(fido_dev_get_retry_count(dev, &retries))
        return Int(retries)
    }

    /// Asks the key for an ES256 credential; blocks until it is touched (or
    /// times out). `pin` is the key's PIN as UTF-8 (nil: none given).
    public func makeCredential(_ request: PasskeyRequest, pin: SecretBytes?, timeoutMilliseconds: Int32 = 60_000) throws -> MadePasskey {
        let dev = try open()
        guard let cred = fido_cred_new() else { throw SecurityKeyError.device(code: Int(FIDO_ERR_INTERNAL), name: "out of memory") }
        var owned: OpaquePointer? = cred
        defer { fido_cred_free(&owned) }
        try SecurityKey.check(fido_cred_set_type(cred, COSE_ES256))
        try SecurityKey.check(request.clientDataHash.withUnsafeBufferPointer { fido_cred_set_clientdata_hash(cred, $0.baseAddress, $0.count) })
        try SecurityKey.check(fido_cred_set_rp(cred, request.rpId, request.rpName))
        try SecurityKey.check(request.userId.withUnsafeBufferPointer {
            fido_cred_set_user(cred, $0.baseAddress, $0.count, request.userName, request.userDisplayName, nil)
        })
        for id in request.excludeCredentials {
            try SecurityKey.check(id.withUnsafeBufferPointer { fido_cred_exclude(cred, $0.baseAddress, $0.count) })
        }
        let info = try self.info()
        let resident: Bool
        switch request.residentKey {
        case .required: resident = true
        case .preferred: resident = info.residentKeys
        case .discouraged: resident = false
        }
        if resident { try SecurityKey.check(fido_cred_set_rk(cred, FIDO_OPT_TRUE)) }
        // User verification: the PIN when one is given (libfido2 then sends
        // pinUvAuthParam and the key sets UV); a key that verifies by itself
        // is asked for uv; otherwise a required verification cannot happen.
        if pin == nil {
            if request.userVerification == .required {
                guard info.builtInVerification else { throw info.pinSet == false ? SecurityKeyError.pinNotSet : SecurityKeyError.pinRequired }
                try SecurityKey.check(fido_cred_set_uv(cred, FIDO_OPT_TRUE))
            }
        }
        _ = fido_dev_set_timeout(dev, timeoutMilliseconds)
        let started = ContinuousClock.now
        var status: Int32
        if let pin {
            // A NUL-terminated copy in locked memory, wiped when dropped.
            let terminated = SecretBytes(zeroedCount: pin.count + 1)
            terminated.withUnsafeMutableBytes { target in pin.withUnsafeBytes { source in target.copyMemory(from: source) } }
            status = terminated.withUnsafeBytes { raw in
                fido_dev_make_cred(dev, cred, raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
        } else {
            status = fido_dev_make_cred(dev, cred, nil)
        }
        // No answer within the timeout: libfido2 reports a failed read.
        if status == FIDO_ERR_RX, ContinuousClock.now - started >= .milliseconds(Int(timeoutMilliseconds)) {
            status = FIDO_ERR_USER_ACTION_TIMEOUT
        }
        if status == FIDO_ERR_PIN_INVALID {
            throw SecurityKeyError.pinInvalid(retriesLeft: try? pinRetries())
        }
        try SecurityKey.check(status)
        return try SecurityKey.result(cred)
    }

    /// The attestation object from what libfido2 read: the raw
    /// authenticator data and the key's whole attStmt map (every
    /// certificate, `alg`, `sig`), re-encoded by rkit's CBOR writer.
    static func result(_ cred: OpaquePointer) throws -> MadePasskey {
        func bytes(_ pointer: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
            guard let pointer, count > 0 else { return [] }
            return Array(UnsafeBufferPointer(start: pointer, count: count))
        }
        let id = bytes(fido_cred_id_ptr(cred), fido_cred_id_len(cred))
        let authData = bytes(fido_cred_authdata_raw_ptr(cred), fido_cred_authdata_raw_len(cred))
        let statementBytes = bytes(fido_cred_attstmt_ptr(cred), fido_cred_attstmt_len(cred))
        guard let formatPointer = fido_cred_fmt(cred) else { throw SecurityKeyError.malformedAnswer("no attestation format") }
        guard !id.isEmpty else { throw SecurityKeyError.malformedAnswer("no credential ID") }
        guard !authData.isEmpty else { throw SecurityKeyError.malformedAnswer("no authenticator data") }
        let statement: CBORValue
        if statementBytes.isEmpty {
            statement = .map(CBORMap([]))
        } else {
            do { statement = try CBOR.decode(statementBytes) } catch {
                throw SecurityKeyError.malformedAnswer("the attestation statement is not CBOR (\(error))")
            }
            guard statement.mapValue != nil else { throw SecurityKeyError.malformedAnswer("the attestation statement is not a map") }
        }
        return MadePasskey(credentialId: id, format: String(cString: formatPointer), authenticatorData: authData, statement: statement)
    }

    static func name(_ status: Int32) -> String { String(cString: fido_strerr(status)) }

    /// Maps a libfido2 status to a typed error (FIDO_OK passes).
    static func check(_ status: Int32) throws {
        switch status {
        case FIDO_OK: return
        case FIDO_ERR_PIN_REQUIRED: throw SecurityKeyError.pinRequired
        case FIDO_ERR_PIN_INVALID: throw SecurityKeyError.pinInvalid(retriesLeft: nil)
        case FIDO_ERR_PIN_BLOCKED: throw SecurityKeyError.pinBlocked
        case FIDO_ERR_PIN_AUTH_BLOCKED: throw SecurityKeyError.pinAuthBlocked
        case FIDO_ERR_PIN_NOT_SET: throw SecurityKeyError.pinNotSet
        case FIDO_ERR_PIN_POLICY_VIOLATION: throw SecurityKeyError.pinPolicy
        case FIDO_ERR_ACTION_TIMEOUT, FIDO_ERR_USER_ACTION_TIMEOUT, FIDO_ERR_OPERATION_DENIED:
            throw SecurityKeyError.userPresenceTimeout
        case FIDO_ERR_CREDENTIAL_EXCLUDED: throw SecurityKeyError.credentialExcluded
        case FIDO_ERR_UNSUPPORTED_ALGORITHM: throw SecurityKeyError.unsupportedAlgorithm
        default: throw SecurityKeyError.device(code: Int(status), name: name(status))
        }
    }
}
