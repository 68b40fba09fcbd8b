"""The [MS-PST] writer behind make_pst.py: a Unicode PST's node database (header with
CRCs, AMap, NBT/BBT B-trees, data blocks, subnode SLBLOCKs) and its lists-tables-properties
layer (Heap-on-Node, BTree-on-Heap, Property Contexts, Table Contexts). Python 3 standard
library only; section numbers are [MS-PST]'s. make_pst.py says what a corpus holds and
what is left out.
"""
import struct
import zlib
from datetime import datetime, timezone

# --- primitives ------------------------------------------------------------------------


def crc32(data: bytes) -> int:
    # [MS-PST] 5.3: the CRC-32 table of zlib, started at 0 and not inverted at the end.
    return zlib.crc32(data, 0xFFFFFFFF) ^ 0xFFFFFFFF


def sig(ib: int, bid: int) -> int:
    # [MS-PST] 5.5 ComputeSig.
    v = (ib ^ bid) & 0xFFFFFFFFFFFFFFFF
    return ((v >> 16) ^ v) & 0xFFFF


def filetime(text: str) -> int:
    dt = datetime.fromisoformat(text).astimezone(timezone.utc)
    epoch = datetime(1601, 1, 1, tzinfo=timezone.utc)
    delta = dt - epoch
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


def utf16(s: str) -> bytes:
    return s.encode("utf-16-le")  # PST strings carry no terminator


# Property types (2.1.1 / [MS-OXCDATA] 2.11.1).
PT_SHORT, PT_LONG, PT_BOOLEAN, PT_SYSTIME = 0x0002, 0x0003, 0x000B, 0x0040
PT_UNICODE, PT_BINARY, PT_OBJECT = 0x001F, 0x0102, 0x000D
FIXED_SIZE = {PT_SHORT: 2, PT_LONG: 4, PT_BOOLEAN: 1, PT_SYSTIME: 8}


def encode_value(ptype: int, value) -> bytes:
    if ptype == PT_SHORT:
        return struct.pack("<h", value)
    if ptype == PT_LONG:
        return struct.pack("<I", value & 0xFFFFFFFF)
    if ptype == PT_BOOLEAN:
        return b"\x01" if value else b"\x00"
    if ptype == PT_SYSTIME:
        return struct.pack("<Q", filetime(value) if isinstance(value, str) else value)
    if ptype == PT_UNICODE:
        return utf16(value)
    if ptype == PT_OBJECT:  # 2.3.3.5: the subnode holding the object, and its size
        return struct.pack("<II", *value)
    if ptype == PT_BINARY:
        return bytes(value)
    raise ValueError(f"type {ptype:#x}")


# --- Heap-on-Node (2.3.1) ------------------------------------------------------------


class Heap:
    """One HN in one data block: allocations addressed by HIDs (hidIndex << 5)."""

    MAX_ITEM = 3580

    def __init__(self, client_sig: int):
        self.client_sig = client_sig
        self.items = []
        self.user_root = 0

    def alloc(self, data: bytes) -> int:
        if len(data) > self.MAX_ITEM:
            raise ValueError(f"heap item of {len(data)} bytes is over {self.MAX_ITEM}")
        self.items.append(bytes(data))
        return len(self.items) << 5  # hidType 0, hidBlockIndex 0

    def set(self, hid: int, data: bytes) -> None:
        self.items[(hid >> 5) - 1] = bytes(data)

    def bytes(self) -> bytes:
        body = bytearray(12)  # HNHDR
        offsets = []
        for item in self.items:
            offsets.append(len(body))
            body += item
        offsets.append(len(body))
        if len(body) % 2:
            body += b"\x00"
        ib_hnpm = len(body)
        struct.pack_into("<HBBI", body, 0, ib_hnpm, 0xEC, self.client_sig, self.user_root)
        body += struct.pack("<HH", len(self.items), 0)
        body += b"".join(struct.pack("<H", o) for o in offsets)
        return bytes(body)


def bth(heap: Heap, key_size: int, entry_size: int, records) -> int:
    """A BTH with one leaf (2.3.2); records are (key bytes, data bytes) sorted by key."""
    root = 0
    if records:
        root = heap.alloc(b"".join(k + d for k, d in records))
    return heap.alloc(struct.pack("<BBBBI", 0xB5, key_size, entry_size, 0, root))


# --- Property Context (2.3.3) ----------------------------------------------------------


def property_context(props) -> bytes:
    """props: {tag: value}, tag = (id << 16) | type."""
    heap = Heap(0xBC)
    header = heap.alloc(b"")  # the BTHHEADER is the first item, as Outlook writes it
    records = []
    for tag in sorted(props):
        pid, ptype = tag >> 16, tag & 0xFFFF
        raw = encode_value(ptype, props[tag])
        if ptype in FIXED_SIZE and FIXED_SIZE[ptype] <= 4:
            value = raw.ljust(4, b"\x00")
        else:
            value = struct.pack("<I", heap.alloc(raw))  # HID; large values would be NIDs
        records.append((struct.pack("<H", pid), struct.pack("<H", ptype) + value))
    root = heap.alloc(b"".join(k + d for k, d in records))
    heap.set(header, struct.pack("<BBBBI", 0xB5, 2, 6, 0, root))
    heap.user_root = header
    return heap.bytes()


# --- Table Context (2.3.4) -------------------------------------------------------------

PR_LTP_ROW_ID, PR_LTP_ROW_VER = 0x67F20003, 0x67F30003


def table_context(columns, rows) -> bytes:
    """columns: property tags; rows: list of {tag: value} with PR_LTP_ROW_ID set."""
    tags = [PR_LTP_ROW_ID, PR_LTP_ROW_VER] + [t for t in columns
                                             if t not in (PR_LTP_ROW_ID, PR_LTP_ROW_VER)]

    def width(tag):
        return FIXED_SIZE.get(tag & 0xFFFF, 4)  # variable types hold a 4-byte HNID

    # Row layout: row id and version first, then 8/4-byte, 2-byte, 1-byte cells, then
    # the cell existence bitmap (2.3.4.4.1).
    placed = {}
    ib = 8
    for group in ((8, 4), (2,), (1,)):
        for tag in tags[2:]:
            if width(tag) in group and tag not in placed:
                placed[tag] = ib
                ib += width(tag)
        if group == (8, 4):
            end_4b = ib
        elif group == (2,):
            end_2b = ib
    end_1b = ib
    placed[PR_LTP_ROW_ID], placed[PR_LTP_ROW_VER] = 0, 4
    row_size = end_1b + (len(tags) + 7) // 8
    ibit = {tag: i for i, tag in enumerate(tags)}

    heap = Heap(0x7C)
    info = heap.alloc(b"")
    matrix = bytearray()
    for row in rows:
        cells = bytearray(row_size)
        values = dict(row)
        values.setdefault(PR_LTP_ROW_VER, 1)
        for tag, value in values.items():
            ptype = tag & 0xFFFF
            raw = encode_value(ptype, value)
            if ptype not in FIXED_SIZE:
                raw = struct.pack("<I", heap.alloc(raw))
            cells[placed[tag]:placed[tag] + len(raw)] = raw
            bit = ibit[tag]
            cells[end_1b + bit // 8] |= 0x80 >> (bit % 8)
        matrix += cells
    rows_hid = heap.alloc(bytes(matrix)) if rows else 0
    row_index = bth(heap, 4, 4, sorted(
        (struct.pack("<I", r[PR_LTP_ROW_ID]), struct.pack("<I", i)) for i, r in enumerate(rows)))
    coldescs = b"".join(
        struct.pack("<IHBB", tag, placed[tag], width(tag), ibit[tag]) for tag in sorted(tags))
    heap.set(info, struct.pack("<BB4HIII", 0x7C, len(tags), end_4b, end_2b, end_1b, row_size,
                               row_index, rows_hid, 0) + coldescs)
    heap.user_root = info
    return heap.bytes()


# --- the node database: blocks, pages, B-trees, header -----------------------------------

BLOCK_MAX = 8192 - 16
PAGE = 512
FIRST_AMAP = 0x4400


class PstWriter:
    def __init__(self):
        self.nodes = {}  # nid -> (parent nid, data bytes, {subnid: data bytes})
        self.next_bid = 4
        self.next_page_bid = 4

    def node(self, nid: int, parent: int, data: bytes, subnodes=None) -> None:
        self.nodes[nid] = (parent, data, subnodes or {})

    def _bid(self, internal=False) -> int:
        bid = self.next_bid | (2 if internal else 0)
        self.next_bid += 4
        return bid

    def write(self, path: str) -> None:
        out = bytearray(FIRST_AMAP + PAGE)  # header, then the AMap page at 0x4400
        bbt = []  # (bid, ib, cb)
        nbt = []  # (nid, bid data, bid sub, parent)

        def put_block(data: bytes, internal=False) -> int:
            if len(data) > BLOCK_MAX:
                raise ValueError(f"a block of {len(data)} bytes needs XBLOCKs")
            bid = self._bid(internal)
            ib = len(out)
            total = (len(data) + 16 + 63) // 64 * 64
            block = bytearray(data.ljust(total - 16, b"\x00"))
            block += struct.pack("<HHIQ", len(data), sig(ib, bid), crc32(data), bid)
            out.extend(block)
            bbt.append((bid, ib, len(data)))
            return bid

        def put_subnodes(subnodes) -> int:
            # An SLBLOCK (2.2.2.8.3.3.1); a subnode given as (data, {subnodes}) has its own.
            if not subnodes:
                return 0
            entries = b""
            for snid, value in sorted(subnodes.items()):
                data, children = value if isinstance(value, tuple) else (value, {})
                entries += struct.pack("<QQQ", snid, put_block(data), put_subnodes(children))
            return put_block(struct.pack("<BBHI", 0x02, 0, len(subnodes), 0) + entries,
                             internal=True)

        for nid in sorted(self.nodes):
            parent, data, subnodes = self.nodes[nid]
            bid_data = put_block(data)
            nbt.append((nid, bid_data, put_subnodes(subnodes), parent))

        def put_page(ptype: int, level: int, entry_size: int, entries) -> tuple:
            page = bytearray(PAGE)
            body = b"".join(entries)
            page[:len(body)] = body
            page[488:492] = bytes([len(entries), 488 // entry_size, entry_size, level])
            bid = self.next_page_bid
            self.next_page_bid += 4
            ib = len(out)
            struct.pack_into("<BBHIQ", page, 496, ptype, ptype, sig(ib, bid),
                             crc32(bytes(page[:496])), bid)
            out.extend(page)
            return bid, ib

        def put_tree(ptype: int, leaf_size: int, leaves) -> tuple:
            # leaves: (key, entry bytes) sorted; returns the root's BREF.
            level, size, items = 0, leaf_size, leaves
            while True:
                per = 488 // size
                pages = [items[i:i + per] for i in range(0, len(items), per)] or [[]]
                refs = []
                for chunk in pages:
                    bid, ib = put_page(ptype, level, size, [e for _, e in chunk])
                    refs.append((chunk[0][0] if chunk else 0, bid, ib))
                if len(refs) == 1:
                    return refs[0][1], refs[0][2]
                items = [(k, struct.pack("<QQQ", k, bid, ib)) for k, bid, ib in refs]
                level, size = level + 1, 24

        nbt_root = put_tree(0x81, 32, [(nid, struct.pack("<QQQII", nid, d, s, p, 0))
                                      for nid, d, s, p in nbt])
        bbt_root = put_tree(0x80, 24, [(bid, struct.pack("<QQHHI", bid, ib, cb, 1, 0))
                                      for bid, ib, cb in sorted(bbt)])
        eof = len(out)
        if eof > FIRST_AMAP + 496 * 8 * 64:
            raise ValueError("the corpus outgrew one AMap page")

        # AMap (2.2.2.7.2): one bit per 64 bytes from 0x4400; everything up to eof is used.
        amap = bytearray(PAGE)
        used = (eof - FIRST_AMAP) // 64
        for i in range(used):
            amap[i // 8] |= 0x80 >> (i % 8)
        free = (496 * 8 - used) * 64
        struct.pack_into("<BBHIQ", amap, 496, 0x84, 0x84, 0, crc32(bytes(amap[:496])),
                         FIRST_AMAP)
        out[FIRST_AMAP:FIRST_AMAP + PAGE] = amap

        # HEADER (2.2.2.6), Unicode.
        h = bytearray(564)
        h[0:4] = b"!BDN"
        struct.pack_into("<HHHBB", h, 8, 0x4D53, 23, 19, 0x01, 0x01)
        struct.pack_into("<Q", h, 32, self.next_page_bid)  # bidNextP
        struct.pack_into("<I", h, 40, 1)  # dwUnique
        rgnid = [0x400] * 32  # next nidIndex by nidType: past everything written
        for nid in list(self.nodes) + [s for n in self.nodes.values() for s in n[2]]:
            rgnid[nid & 0x1F] = max(rgnid[nid & 0x1F], (nid >> 5) + 1)
        struct.pack_into("<32I", h, 44, *rgnid)
        struct.pack_into("<QQQQ", h, 0xB8, eof, FIRST_AMAP, free, 0)
        struct.pack_into("<QQQQ", h, 0xD8, nbt_root[0], nbt_root[1], bbt_root[0], bbt_root[1])
        h[0xF8] = 0x00  # fAMapValid: INVALID_AMAP, see the module comment
        h[0x100:0x180] = b"\xFF" * 128  # rgbFM
        h[0x180:0x200] = b"\xFF" * 128  # rgbFP
        h[0x200] = 0x80  # bSentinel
        h[0x201] = 0x00  # bCryptMethod: NDB_CRYPT_NONE
        struct.pack_into("<Q", h, 0x204, self.next_bid)  # bidNextB
        struct.pack_into("<I", h, 4, crc32(bytes(h[8:8 + 471])))
        struct.pack_into("<I", h, 0x20C, crc32(bytes(h[8:8 + 516])))
        out[0:564] = h
        with open(path, "wb") as f:
            f.write(out)
