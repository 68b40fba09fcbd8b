#!/usr/bin/env python3
"""Writes a small Unicode Outlook .pst file for MailAssist's tests, per [MS-PST].

There is no PST writer in Debian, so the tests make their own corpus with this script
(Python 3 standard library only). The file is a real PST: libpst's readpst reads it.

What it writes (section numbers are [MS-PST]'s):
  - the HEADER with both CRCs (2.2.2.6), no encryption (bCryptMethod NDB_CRYPT_NONE);
  - one AMap page at 0x4400 (2.2.2.7.2) describing the space used, marked not valid
    (fAMapValid = 0) so Outlook would rebuild the maps rather than trust ours;
  - the node and block B-trees (NBT/BBT, 2.2.2.7.7) with as many levels as needed;
  - data blocks with trailers and CRCs (2.2.2.8), subnode SLBLOCKs (2.2.2.8.3.3.1);
  - the message store, the root folder, the IPM subtree and its folders as Property
    Contexts on a Heap-on-Node (2.3.1, 2.3.3, 2.4.3, 2.4.4), each folder with its
    hierarchy, contents and associated contents tables as Table Contexts (2.3.4);
  - messages as Property Contexts (2.4.5), an attachment table and an attachment
    object in the message's subnodes (2.4.6).
Left out, because nothing MailAssist tests reads them: the name-to-ID map (NID 0x61),
the folder/table templates, search folders and their queues, recipient tables (libpst
reads a message's recipients from PR_DISPLAY_TO/CC and would take recipient rows for
attachments). Outlook may want to repair such a file; libpst does not mind.

Every node must fit in one data block (8176 bytes) and every heap item in 3580 bytes:
the script refuses a corpus that does not, rather than writing XBLOCKs it never tests.

Usage: make_pst.py OUT.pst
"""
import struct
import sys
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
PT_UNICODE, PT_BINARY = 0x001F, 0x0102
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

        for nid in sorted(self.nodes):
            parent, data, subnodes = self.nodes[nid]
            bid_data = put_block(data)
            bid_sub = 0
            if subnodes:
                entries = b"".join(
                    struct.pack("<QQQ", snid, put_block(sdata), 0)
                    for snid, sdata in sorted(subnodes.items()))
                bid_sub = put_block(struct.pack("<BBHI", 0x02, 0, len(subnodes), 0) + entries,
                                    internal=True)
            nbt.append((nid, bid_data, bid_sub, parent))

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


# --- the corpus ------------------------------------------------------------------------

# Property tags (MS-OXPROPS).
PR_MESSAGE_CLASS = 0x001A001F
PR_SUBJECT = 0x0037001F
PR_CLIENT_SUBMIT_TIME = 0x00390040
PR_SENT_REPRESENTING_NAME = 0x0042001F
PR_SENT_REPRESENTING_ADDRTYPE = 0x0064001F
PR_SENT_REPRESENTING_EMAIL = 0x0065001F
PR_TRANSPORT_MESSAGE_HEADERS = 0x007D001F
PR_SENDER_NAME = 0x0C1A001F
PR_SENDER_ADDRTYPE = 0x0C1E001F
PR_SENDER_EMAIL = 0x0C1F001F
PR_DISPLAY_CC = 0x0E03001F
PR_DISPLAY_TO = 0x0E04001F
PR_MESSAGE_DELIVERY_TIME = 0x0E060040
PR_MESSAGE_FLAGS = 0x0E070003
PR_MESSAGE_SIZE = 0x0E080003
PR_ATTACH_SIZE = 0x0E200003
PR_RECORD_KEY = 0x0FF90102
PR_BODY = 0x1000001F
PR_HTML = 0x10130102
PR_INTERNET_MESSAGE_ID = 0x1035001F
PR_LAST_VERB_EXECUTED = 0x10810003
PR_FLAG_STATUS = 0x10900003
PR_DISPLAY_NAME = 0x3001001F
PR_IPM_SUBTREE_ENTRYID = 0x35E00102
PR_IPM_WASTEBASKET_ENTRYID = 0x35E30102
PR_VALID_FOLDER_MASK = 0x35DF0003
PR_CONTENT_COUNT = 0x36020003
PR_CONTENT_UNREAD = 0x36030003
PR_SUBFOLDERS = 0x360A000B
PR_CONTAINER_CLASS = 0x3613001F
PR_ATTACH_DATA_BIN = 0x37010102
PR_ATTACH_FILENAME = 0x3704001F
PR_ATTACH_METHOD = 0x37050003
PR_ATTACH_LONG_FILENAME = 0x3707001F
PR_RENDERING_POSITION = 0x370B0003
PR_ATTACH_MIME_TAG = 0x370E001F
PR_LAST_MODIFICATION_TIME = 0x30080040
PR_INTERNET_CPID = 0x3FDE0003

MSGFLAG_READ, MSGFLAG_UNSENT, MSGFLAG_HASATTACH = 0x01, 0x08, 0x10
NID_MESSAGE_STORE, NID_ROOT_FOLDER = 0x21, 0x122
NID_ATTACHMENT_TABLE = 0x671
TYPE_FOLDER, TYPE_MESSAGE, TYPE_ATTACHMENT = 0x02, 0x04, 0x05
TYPE_HIERARCHY, TYPE_CONTENTS, TYPE_ASSOC = 0x0D, 0x0E, 0x0F
STORE_GUID = bytes(range(0x10, 0x20))

# The attachment: small enough for one heap item, with every byte value in it.
ATTACHMENT = bytes(range(256)) * 4

HEADERS_A = (
    "Return-Path: <budi@contoh.co.id>\r\n"
    "Received: from mail.contoh.co.id (mail.contoh.co.id [192.0.2.10])\r\n"
    "\tby pop.example.net with ESMTPS; Tue, 03 Nov 2026 09:15:02 +0700\r\n"
    "From: Budi Santoso <budi@contoh.co.id>\r\n"
    "To: Ani Wijaya <ani@example.net>\r\n"
    "Subject: Laporan kuartal =?UTF-8?Q?=E2=80=94_lampiran?=\r\n"
    "Date: Tue, 03 Nov 2026 09:15:00 +0700\r\n"
    "Message-ID: <laporan-q3@contoh.co.id>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed;\r\n"
    "\tboundary=\"----=_Part_original_0001\"\r\n"
    "X-Mailer: Contoh Mail 1.0\r\n"
    "\r\n")

HEADERS_D = (
    "From: Toko Buku <toko@buku.example>\r\n"
    "To: ani@example.net\r\n"
    "Subject: Pesanan 1234 dikirim\r\n"
    "Date: Wed, 04 Nov 2026 14:00:00 +0000\r\n"
    "Message-ID: <pesanan-1234@buku.example>\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n")

# (path, messages); a message is a dict of its properties plus "attachment".
CORPUS = [
    (("Inbox",), [
        dict(subject="Laporan kuartal \u2014 lampiran", headers=HEADERS_A,
             sender=("Budi Santoso", "budi@contoh.co.id"), to="Ani Wijaya",
             delivered="2026-11-03T09:15:02+07:00", submitted="2026-11-03T09:15:00+07:00",
             flags=MSGFLAG_READ | MSGFLAG_HASATTACH, flag_status=2,
             message_id="<laporan-q3@contoh.co.id>",
             body="Terlampir laporan kuartal ketiga.\r\nSalam, Budi\r\n",
             html="<p>Terlampir laporan <b>kuartal ketiga</b>.</p>",
             attachment=("Laporan Q3 \u2014 ringkas.pdf", "application/pdf", ATTACHMENT)),
        dict(subject="Rapat besok \u2014 jam 10", sender=("Budi Santoso", "budi@contoh.co.id"),
             to="Ani Wijaya", cc="Citra Lestari",
             delivered="2026-11-05T08:00:05+07:00", submitted="2026-11-05T08:00:00+07:00",
             flags=0, last_verb=102, message_id="<rapat-besok@contoh.co.id>",
             body="Halo Ani,\r\nrapat besok jam 10 di ruang Tok\u00f3.\r\n"),
    ]),
    (("Sent Items",), [
        dict(subject="Re: Rapat besok", sender=("Ani Wijaya", "ani@example.net"),
             to="Budi Santoso", submitted="2026-11-05T09:30:00+07:00",
             flags=MSGFLAG_READ, last_verb=104, message_id="<re-rapat@example.net>",
             html="<p>Baik, sampai besok.</p>"),
    ]),
    (("Deleted Items",), [
        dict(subject="Promo akhir tahun", sender=("Toko", "promo@toko.example"), to="Ani",
             delivered="2026-10-30T12:00:00+00:00", flags=MSGFLAG_READ,
             body="Diskon 50%!\r\n"),
    ]),
    (("Drafts",), [
        dict(subject="Draf: rencana liburan", sender=("Ani Wijaya", "ani@example.net"),
             to="Budi Santoso", modified="2026-11-06T20:00:00+07:00",
             flags=MSGFLAG_READ | MSGFLAG_UNSENT, body="Belum selesai...\r\n"),
    ]),
    (("Outbox",), []),
    (("Junk E-mail",), []),
    (("Kerja & Proyek",), []),
    (("Kerja & Proyek", "Tok\u00f3"), [
        dict(subject="Pesanan 1234 dikirim", headers=HEADERS_D,
             delivered="2026-11-04T14:00:09+00:00", flags=0,
             message_id="<pesanan-1234@buku.example>",
             body="Pesanan Anda sudah dikirim.\r\n"),
    ]),
]


def message_props(m) -> dict:
    props = {PR_MESSAGE_CLASS: "IPM.Note", PR_SUBJECT: m["subject"],
             PR_MESSAGE_FLAGS: m["flags"], PR_INTERNET_CPID: 65001}
    if "headers" in m:
        props[PR_TRANSPORT_MESSAGE_HEADERS] = m["headers"]
    if "sender" in m:
        name, email = m["sender"]
        props.update({PR_SENDER_NAME: name, PR_SENDER_EMAIL: email, PR_SENDER_ADDRTYPE: "SMTP",
                      PR_SENT_REPRESENTING_NAME: name, PR_SENT_REPRESENTING_EMAIL: email,
                      PR_SENT_REPRESENTING_ADDRTYPE: "SMTP"})
    for key, tag in (("to", PR_DISPLAY_TO), ("cc", PR_DISPLAY_CC), ("body", PR_BODY),
                     ("message_id", PR_INTERNET_MESSAGE_ID), ("delivered", PR_MESSAGE_DELIVERY_TIME),
                     ("submitted", PR_CLIENT_SUBMIT_TIME), ("modified", PR_LAST_MODIFICATION_TIME),
                     ("flag_status", PR_FLAG_STATUS),
                     ("last_verb", PR_LAST_VERB_EXECUTED)):
        if key in m:
            props[tag] = m[key]
    if "html" in m:
        props[PR_HTML] = m["html"].encode("utf-8")
    props[PR_MESSAGE_SIZE] = 1024
    return props


def build(path: str) -> None:
    w = PstWriter()
    nid = lambda index, kind: (index << 5) | kind  # noqa: E731
    ipm = nid(0x400, TYPE_FOLDER)
    folders = {(): ipm}  # path -> nid
    next_folder, next_message = 0x401, 0x10000
    children = {NID_ROOT_FOLDER: [ipm], ipm: []}
    contents = {}
    names = {NID_ROOT_FOLDER: "", ipm: "Top of Personal Folders"}
    for folder_path, messages in CORPUS:
        fnid = nid(next_folder, TYPE_FOLDER)
        next_folder += 1
        parent = folders[folder_path[:-1]]
        folders[folder_path] = fnid
        children.setdefault(parent, []).append(fnid)
        children[fnid] = []
        names[fnid] = folder_path[-1]
        contents[fnid] = []
        for m in messages:
            mnid = nid(next_message, TYPE_MESSAGE)
            next_message += 1
            contents[fnid].append((mnid, m))

    parents = {c: p for p, cs in children.items() for c in cs}
    parents[NID_ROOT_FOLDER] = NID_ROOT_FOLDER
    unread = lambda f: sum(1 for _, m in contents.get(f, []) if not m["flags"] & MSGFLAG_READ)  # noqa
    for fnid, name in names.items():
        subs = children.get(fnid, [])
        msgs = contents.get(fnid, [])
        w.node(fnid, parents[fnid], property_context({
            PR_DISPLAY_NAME: name, PR_CONTENT_COUNT: len(msgs), PR_CONTENT_UNREAD: unread(fnid),
            PR_SUBFOLDERS: bool(subs), PR_CONTAINER_CLASS: "IPF.Note"}))
        w.node((fnid & ~0x1F) | TYPE_HIERARCHY, 0, table_context(
            [PR_DISPLAY_NAME, PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_SUBFOLDERS],
            [{PR_LTP_ROW_ID: s, PR_DISPLAY_NAME: names[s], PR_CONTENT_COUNT: len(contents.get(s, [])),
              PR_CONTENT_UNREAD: unread(s), PR_SUBFOLDERS: bool(children.get(s))} for s in subs]))
        w.node((fnid & ~0x1F) | TYPE_CONTENTS, 0, table_context(
            [PR_SUBJECT, PR_MESSAGE_FLAGS, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_SIZE],
            [{PR_LTP_ROW_ID: mnid, PR_SUBJECT: m["subject"], PR_MESSAGE_FLAGS: m["flags"],
              PR_MESSAGE_DELIVERY_TIME: m.get("delivered", m.get("submitted", m.get("modified"))),
              PR_MESSAGE_SIZE: 1024} for mnid, m in msgs]))
        w.node((fnid & ~0x1F) | TYPE_ASSOC, 0, table_context(
            [PR_SUBJECT, PR_MESSAGE_CLASS, PR_MESSAGE_FLAGS], []))
        for mnid, m in msgs:
            subnodes = {}
            if "attachment" in m:
                name, mime, data = m["attachment"]
                anid = nid(0x401, TYPE_ATTACHMENT)
                subnodes[NID_ATTACHMENT_TABLE] = table_context(
                    [PR_ATTACH_SIZE, PR_ATTACH_METHOD, PR_RENDERING_POSITION],
                    [{PR_LTP_ROW_ID: anid, PR_ATTACH_SIZE: len(data), PR_ATTACH_METHOD: 1,
                      PR_RENDERING_POSITION: -1}])
                subnodes[anid] = property_context({
                    PR_ATTACH_METHOD: 1, PR_ATTACH_LONG_FILENAME: name,
                    PR_ATTACH_FILENAME: "LAPORA~1.PDF", PR_DISPLAY_NAME: name,
                    PR_ATTACH_MIME_TAG: mime, PR_ATTACH_DATA_BIN: data,
                    PR_ATTACH_SIZE: len(data), PR_RENDERING_POSITION: -1})
            w.node(mnid, fnid, property_context(message_props(m)), subnodes)

    entryid = lambda n: struct.pack("<I", 0) + STORE_GUID + struct.pack("<I", n)  # noqa: E731
    w.node(NID_MESSAGE_STORE, 0, property_context({
        PR_RECORD_KEY: STORE_GUID, PR_DISPLAY_NAME: "MailAssist test PST",
        PR_IPM_SUBTREE_ENTRYID: entryid(ipm),
        PR_IPM_WASTEBASKET_ENTRYID: entryid(folders[("Deleted Items",)]),
        PR_VALID_FOLDER_MASK: 0x89}))
    w.write(path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_pst.py OUT.pst")
    build(sys.argv[1])
