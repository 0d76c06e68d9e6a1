internal import CFIDO2
internal import Glibc

/// The test transport behind `unix:PATH`: a Unix stream socket (never a
/// network socket) carrying raw 64-byte CTAPHID reports both ways, no
/// report-ID byte and no length prefix. libfido2 runs everything above it
/// (CTAPHID framing, CTAP2, the PIN protocol) exactly as for a USB key;
/// these four functions replace only its hidraw reads and writes
/// (`fido_dev_set_io_functions`).
enum UnixSocketTransport {
    /// The size of one CTAPHID report (libfido2's rx_len and tx_len for
    /// custom I/O).
    static let reportSize = 64

    final class Handle {
        let fd: Int32
        init(fd: Int32) { self.fd = fd }
    }

    /// The socket path of a `unix:PATH` argument.
    static func socketPath(_ path: String) -> String {
        String(path.dropFirst(SecurityKeyDevice.unixPrefix.count))
    }

    static var functions: fido_dev_io_t {
        fido_dev_io_t(open: { path in UnixSocketTransport.open(path) },
                      close: { handle in UnixSocketTransport.close(handle) },
                      read: { handle, buffer, count, milliseconds in UnixSocketTransport.read(handle, buffer, count, milliseconds) },
                      write: { handle, buffer, count in UnixSocketTransport.write(handle, buffer, count) })
    }

    /// Connects to the socket; nil (libfido2 then reports FIDO_ERR_INTERNAL) when it cannot.
    static func open(_ cPath: UnsafePointer<CChar>?) -> UnsafeMutableRawPointer? {
        guard let cPath else { return nil }
        let path = socketPath(String(cString: cPath))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else { errno = ENAMETOOLONG; return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let saved = errno
            Glibc.close(fd)
            errno = saved
            return nil
        }
        return Unmanaged.passRetained(Handle(fd: fd)).toOpaque()
    }

    static func close(_ raw: UnsafeMutableRawPointer?) {
        guard let raw else { return }
        let handle = Unmanaged<Handle>.fromOpaque(raw).takeRetainedValue()
        Glibc.close(handle.fd)
    }

    /// One 64-byte report, waiting at most `milliseconds` (-1: no limit);
    /// returns the byte count, or -1 on a timeout, a closed socket or a short report.
    static func read(_ raw: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int, _ milliseconds: Int32) -> Int32 {
        guard let raw, let buffer, count >= reportSize else { return -1 }
        let fd = Unmanaged<Handle>.fromOpaque(raw).takeUnretainedValue().fd
        var filled = 0
        while filled < reportSize {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return -1 }
            let got = Glibc.read(fd, buffer + filled, reportSize - filled)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return -1 }
            filled += got
        }
        return Int32(reportSize)
    }

    /// libfido2 hands over the report ID first (always 0 for FIDO): it is
    /// dropped, the 64 bytes after it go out; returns `count` as libfido2 expects.
    static func write(_ raw: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        guard let raw, let buffer, count == reportSize + 1 else { return -1 }
        let fd = Unmanaged<Handle>.fromOpaque(raw).takeUnretainedValue().fd
        var sent = 0
        while sent < reportSize {
            let wrote = send(fd, buffer + 1 + sent, reportSize - sent, Int32(MSG_NOSIGNAL))
            if wrote < 0, errno == EINTR { continue }
            guard wrote > 0 else { return -1 }
            sent += wrote
        }
        return Int32(count)
    }
}
