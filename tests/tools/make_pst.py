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
the folder/table templates, search folders and their queues. Recipient tables are
written for the messages that list recipients (libpst itself reads only PR_DISPLAY_TO/CC;
MailAssist reads the table for the addresses). Outlook may want to repair such a file; libpst does not mind.

Every node must fit in one data block (8176 bytes) and every heap item in 3580 bytes:
the script refuses a corpus that does not, rather than writing XBLOCKs it never tests.

Usage: make_pst.py OUT.pst
"""
import struct
import sys

from pst_writer import PR_LTP_ROW_ID, PstWriter, crc32, property_context, table_context


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
PR_RTF_COMPRESSED = 0x10090102
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
PR_ATTACH_DATA_OBJ = 0x3701000D
PR_ATTACH_FILENAME = 0x3704001F
PR_ATTACH_METHOD = 0x37050003
PR_ATTACH_LONG_FILENAME = 0x3707001F
PR_RENDERING_POSITION = 0x370B0003
PR_ATTACH_MIME_TAG = 0x370E001F
PR_LAST_MODIFICATION_TIME = 0x30080040
PR_INTERNET_CPID = 0x3FDE0003
PR_RECIPIENT_TYPE = 0x0C150003
PR_ADDRTYPE = 0x3002001F
PR_EMAIL_ADDRESS = 0x3003001F
PR_SMTP_ADDRESS = 0x39FE001F

MSGFLAG_READ, MSGFLAG_UNSENT, MSGFLAG_HASATTACH = 0x01, 0x08, 0x10
NID_MESSAGE_STORE, NID_ROOT_FOLDER = 0x21, 0x122
NID_ATTACHMENT_TABLE = 0x671
NID_RECIPIENT_TABLE = 0x692
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
             recipients=[(1, "Ani Wijaya", {PR_ADDRTYPE: "SMTP", PR_EMAIL_ADDRESS: "ani@example.net",
                                           PR_SMTP_ADDRESS: "ani@example.net"}),
                         (2, "Citra Lestari", {PR_ADDRTYPE: "SMTP",
                                               PR_EMAIL_ADDRESS: "citra@contoh.co.id"})],
             delivered="2026-11-05T08:00:05+07:00", submitted="2026-11-05T08:00:00+07:00",
             flags=0, last_verb=102, message_id="<rapat-besok@contoh.co.id>",
             body="Halo Ani,\r\nrapat besok jam 10 di ruang Tok\u00f3.\r\n"),
    ]),
    (("Sent Items",), [
        dict(subject="Re: Rapat besok", sender=("Ani Wijaya", "ani@example.net"),
             to="Budi Santoso", submitted="2026-11-05T09:30:00+07:00",
             recipients=[(1, "Budi Santoso", {PR_ADDRTYPE: "EX",
                                              PR_EMAIL_ADDRESS: "/O=CONTOH/OU=ADMIN/CN=BUDI",
                                              PR_SMTP_ADDRESS: "budi@contoh.co.id"})],
             flags=MSGFLAG_READ | MSGFLAG_HASATTACH, last_verb=104,
             message_id="<re-rapat@example.net>", html="<p>Baik, sampai besok.</p>",
             embedded=dict(subject="Jadwal ruang Tok\u00f3", flags=MSGFLAG_READ,
                           sender=("Citra Lestari", "citra@contoh.co.id"), to="Ani Wijaya",
                           submitted="2026-11-04T16:00:00+07:00",
                           message_id="<jadwal-ruang@contoh.co.id>",
                           body="Ruang Tok\u00f3 dipakai jam 10-12.\r\n")),
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
    (("Kerja & Proyek",), [
        dict(subject="Catatan rapat (RTF)", sender=("Budi Santoso", "budi@contoh.co.id"),
             to="Ani Wijaya", delivered="2026-11-02T10:00:00+07:00", flags=MSGFLAG_READ,
             message_id="<catatan-rtf@contoh.co.id>",
             rtf=r"{\rtf1\ansi\deff0 {\fonttbl {\f0 Arial;}}\f0 Catatan: anggaran naik 10%.\par}"),
    ]),
    (("Kerja & Proyek", "Tok\u00f3"), [
        dict(subject="Pesanan 1234 dikirim", headers=HEADERS_D,
             delivered="2026-11-04T14:00:09+00:00", flags=0,
             message_id="<pesanan-1234@buku.example>",
             body="Pesanan Anda sudah dikirim.\r\n"),
    ]),
]


def compressed_rtf(rtf: bytes) -> bytes:
    """[MS-OXRTFCP] 2.1.3.1: an LZFu stream of literals only (each control byte 0 says
    "eight literal bytes follow"), closed by a reference to the write position (the end
    marker, 2.2.1.2.1), CRC over the compressed bytes."""
    body = bytearray()
    write_at = 207 + len(rtf)  # the initial dictionary is 207 bytes
    chunks = [rtf[i:i + 8] for i in range(0, len(rtf), 8)]
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        if last and len(chunk) < 8:
            body += bytes([1 << len(chunk)]) + chunk
            body += struct.pack(">H", (write_at % 4096) << 4)
        else:
            body += b"\x00" + chunk
    if not chunks or len(chunks[-1]) == 8:
        body += b"\x01" + struct.pack(">H", (write_at % 4096) << 4)
    header = struct.pack("<III", len(body) + 12, len(rtf), 0x75465A4C)
    return header + struct.pack("<I", crc32(bytes(body))) + bytes(body)


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
    if "rtf" in m:
        props[PR_RTF_COMPRESSED] = compressed_rtf(m["rtf"].encode("ascii"))
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
            if "recipients" in m:
                # [MS-PST] 2.4.5.2: the recipient table, one row per recipient.
                subnodes[NID_RECIPIENT_TABLE] = table_context(
                    [PR_RECIPIENT_TYPE, PR_DISPLAY_NAME, PR_ADDRTYPE, PR_EMAIL_ADDRESS,
                     PR_SMTP_ADDRESS],
                    [{PR_LTP_ROW_ID: i, PR_RECIPIENT_TYPE: kind, PR_DISPLAY_NAME: name, **more}
                     for i, (kind, name, more) in enumerate(m["recipients"])])
            if "embedded" in m:
                # [MS-PST] 2.4.6.2.2: an attached message is a message object in a
                # subnode of the attachment object, PR_ATTACH_DATA_OBJ naming it.
                inner = m["embedded"]
                anid, enid = nid(0x402, TYPE_ATTACHMENT), nid(0x403, TYPE_MESSAGE)
                inner_pc = property_context(message_props(inner))
                subnodes[NID_ATTACHMENT_TABLE] = table_context(
                    [PR_ATTACH_SIZE, PR_ATTACH_METHOD, PR_RENDERING_POSITION],
                    [{PR_LTP_ROW_ID: anid, PR_ATTACH_SIZE: len(inner_pc), PR_ATTACH_METHOD: 5,
                      PR_RENDERING_POSITION: -1}])
                subnodes[anid] = (property_context({
                    PR_ATTACH_METHOD: 5, PR_DISPLAY_NAME: inner["subject"],
                    PR_ATTACH_DATA_OBJ: (enid, len(inner_pc)), PR_ATTACH_SIZE: len(inner_pc),
                    PR_RENDERING_POSITION: -1}), {enid: inner_pc})
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
