"""Files the attachment tests feed the station: photos with GPS EXIF, scans as PDF (clean, with a
script, with the script hidden in a compressed object stream), bombs, truncated and disguised
files — each made here, in the test's own folder."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

GPS = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
ORIENTATION, GPS_IFD = 0x0112, 0x8825


def photo_with_gps(path: Path, size: tuple[int, int] = (64, 32), orientation: int = 6) -> Path:
    """A JPEG a phone might take: noise (so no two are alike), GPS position, turned by EXIF."""
    image = Image.effect_noise(size, 64).convert("RGB")
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = GPS
    exif[0x010F] = "PhoneMaker"  # Make
    image.save(path, format="JPEG", exif=exif, quality=95, comment=b"taken at home")
    return path


def pdf(objects: list[bytes], *, object_stream: list[bytes] | None = None) -> bytes:
    """A minimal PDF: `objects` become objects 1…n (object 1 the catalogue); `object_stream`
    objects n+1… are put, compressed, in one /ObjStm as object n+len+1."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if object_stream:
        first = len(objects) + 1
        header, data = b"", b""
        for i, body in enumerate(object_stream):
            header += b"%d %d " % (first + i, len(data))
            data += body + b"\n"
        packed = zlib.compress(header + data)
        offsets.append(len(out))
        number = first + len(object_stream)
        out += (
            b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
            % (number, len(object_stream), len(header), len(packed))
            + b"stream\n"
            + packed
            + b"\nendstream\nendobj\n"
        )
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets) + 1,
        xref,
    )
    return bytes(out)


CATALOGUE = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"
SCRIPT = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\);) >>"


def clean_pdf(path: Path, payload: bytes = b"") -> Path:
    """A one-page PDF; `payload` goes in a binary stream (a scan's image data)."""
    objects = [CATALOGUE, PAGES, PAGE]
    if payload:
        objects.append(b"<< /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream")
    path.write_bytes(pdf(objects))
    return path


def script_pdf(path: Path, *, hidden: bool = False, escaped: bool = False) -> Path:
    """A PDF that runs a script when opened: plainly, with `#xx`-escaped names, or with the
    action in a compressed object stream."""
    catalogue = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    if hidden:
        catalogue = b"<< /Type /Catalog /Pages 2 0 R /Names 4 0 R >>"
        names = b"<< /J#61vaScript << /Names [(x) 5 0 R] >> >>"
        data = pdf([catalogue, PAGES, PAGE], object_stream=[names, SCRIPT])
    else:
        data = pdf([catalogue, PAGES, PAGE, SCRIPT])
    if escaped:
        data = data.replace(b"/OpenAction", b"/Open#41ction").replace(
            b"/JavaScript", b"/J#61vaScript"
        )
        data = data.replace(b"/JS ", b"/J#53 ")
    path.write_bytes(data)
    return path


def png_bomb(path: Path, side: int = 50_000) -> Path:
    """A PNG header announcing `side` × `side` pixels, with a tiny body: Pillow must refuse it
    before decoding (2.5 thousand million pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def truncated_jpeg(path: Path) -> Path:
    whole = Path(str(path) + ".whole")
    Image.effect_noise((400, 300), 64).convert("RGB").save(whole, format="JPEG")
    data = whole.read_bytes()
    whole.unlink()
    path.write_bytes(data[: len(data) // 2])
    return path
