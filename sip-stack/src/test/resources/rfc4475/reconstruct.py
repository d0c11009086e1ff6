#!/usr/bin/env python3
"""Turns listings.txt (the RFC's message listings) into one .dat file per message.

Conventions of RFC 4475 §2 (also used by RFC 5118): every listed line ends in
CRLF; <allOneLine>...</allOneLine> joins its lines with nothing between them;
<hex>..</hex> stands for the bytes it spells; <repeat count=N>s</repeat>
stands for s repeated N times. Text is UTF-8.
Usage: reconstruct.py LISTINGS OUTDIR
"""
import re
import sys


def expand(text):
    text = re.sub(r'<repeat count=(\d+)>(.*?)</repeat>', lambda m: m.group(2) * int(m.group(1)), text)
    return text


def to_bytes(line):
    out = bytearray()
    pos = 0
    for m in re.finditer(r'<hex>([0-9A-Fa-f]*)</hex>', line):
        out += line[pos:m.start()].encode('utf-8')
        out += bytes.fromhex(m.group(1))
        pos = m.end()
    out += line[pos:].encode('utf-8')
    return bytes(out)


def render(lines):
    out = bytearray()
    joined = None
    for line in lines:
        if line == '<allOneLine>':
            joined = ''
            continue
        if line == '</allOneLine>':
            out += to_bytes(expand(joined)) + b'\r\n'
            joined = None
            continue
        if joined is not None:
            joined += line
        else:
            out += to_bytes(expand(line)) + b'\r\n'
    return bytes(out)


def main(listings, outdir):
    name, lines = None, []
    messages = {}
    with open(listings, encoding='utf-8') as f:
        for raw in f:
            raw = raw.rstrip('\n')
            m = re.match(r'^=== (\S+) ===$', raw)
            if m:
                if name:
                    messages[name] = lines
                name, lines = m.group(1), []
            elif name:
                lines.append(raw)
    if name:
        messages[name] = lines
    for n, ls in messages.items():
        # Trailing blank lines in listings.txt are layout. A message without a
        # body ends with the empty line that closes its header section.
        while ls and ls[-1] == '':
            ls.pop()
        data = render(ls)
        if '' not in ls:
            data += b'\r\n'
        with open(f'{outdir}/{n}.dat', 'wb') as out:
            out.write(data)
    print(f'{len(messages)} messages written to {outdir}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
