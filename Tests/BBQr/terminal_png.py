"""Draws rkit's terminal QR frames as a terminal would show them, to PNG
images that zbarimg reads: what a phone sees on a dark or a light terminal.

It understands what rkit prints: the half blocks U+2580 U+2584 U+2588,
spaces, SGR colour sequences (ESC [ ... m: reset, 30-37/90-97 foreground,
40-47/100-107 background, 39/49 defaults) and line feeds; any other
character is drawn as a foreground blob in the middle of its cell (text, the
caption). Each cell is `scale` pixels wide and 2 x `scale` high. The PNG is
8-bit grey, written with zlib (no imaging library needed).
"""
import re
import struct
import zlib

# Grey levels: default foreground, background, 16-colour palette.
THEMES = {
    "dark": (0xD0, 0x1C, [0x2E, 0x80, 0x70, 0xA0, 0x50, 0x60, 0x90, 0xD3,
                          0x55, 0xA0, 0x90, 0xC0, 0x70, 0x80, 0xB0, 0xFF]),
    "light": (0x1A, 0xFC, [0x00, 0x70, 0x60, 0x90, 0x40, 0x50, 0x80, 0xC0,
                           0x40, 0x90, 0x80, 0xB0, 0x60, 0x70, 0xA0, 0xF8]),
}

SGR = re.compile(r"\x1b\[([0-9;]*)m")
CAPTION = re.compile(r"^frame (\d+)/(\d+)  SHA-256 ([0-9a-f]{12})$")


def frames(output):
    """rkit's non-terminal output cut into (caption, picture lines) pairs."""
    result = []
    for line in output.split("\n"):
        plain = SGR.sub("", line)
        if CAPTION.match(plain):
            result.append((plain, []))
        elif result and line:
            result[-1][1].append(line)
    return result


def cells(line):
    """A line as a list of ('sgr', [codes]) and ('glyph', char)."""
    out, pos = [], 0
    for match in SGR.finditer(line):
        out += [("glyph", c) for c in line[pos:match.start()]]
        out.append(("sgr", [int(x) for x in match.group(1).split(";") if x] or [0]))
        pos = match.end()
    out += [("glyph", c) for c in line[pos:]]
    return out


def render(lines, theme, scale=4, margin=2):
    """Grey pixels (width, height, bytes) of `lines` on a terminal of `theme`."""
    fg0, bg0, palette = THEMES[theme]
    parsed = [cells(line) for line in lines]
    columns = max(sum(1 for kind, _ in row if kind == "glyph") for row in parsed) + 2 * margin
    rows = len(parsed) + 2 * margin
    width, height = columns * scale, rows * 2 * scale
    pixels = bytearray([bg0]) * (width * height)

    def fill(x0, y0, w, h, grey):
        for y in range(y0, y0 + h):
            pixels[y * width + x0:y * width + x0 + w] = bytes([grey]) * w

    fg, bg = fg0, bg0
    for r, row in enumerate(parsed):
        col = 0
        for kind, value in row:
            if kind == "sgr":
                for code in value:
                    if code == 0: fg, bg = fg0, bg0
                    elif 30 <= code <= 37: fg = palette[code - 30]
                    elif 90 <= code <= 97: fg = palette[code - 90 + 8]
                    elif 40 <= code <= 47: bg = palette[code - 40]
                    elif 100 <= code <= 107: bg = palette[code - 100 + 8]
                    elif code == 39: fg = fg0
                    elif code == 49: bg = bg0
                continue
            x0, y0 = (col + margin) * scale, (r + margin) * 2 * scale
            col += 1
            fill(x0, y0, scale, 2 * scale, bg)
            if value == "\u2588": fill(x0, y0, scale, 2 * scale, fg)
            elif value == "\u2580": fill(x0, y0, scale, scale, fg)
            elif value == "\u2584": fill(x0, y0 + scale, scale, scale, fg)
            elif value != " ": fill(x0 + scale // 4, y0 + scale // 2, max(1, scale // 2), scale, fg)
    return width, height, bytes(pixels)


def png(width, height, pixels):
    """An 8-bit greyscale PNG of `pixels`."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
