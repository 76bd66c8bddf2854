#!/usr/bin/env python3
"""Writes one page per face from web/index.html: index.html (the station, "/"),
visitor.html ("/v") and office.html ("/office").

    face-pages.py web/index.html OUTDIR [MODULE_DIR]

A <script> with data-faces="station visitor" goes only into those faces' pages; the one with
data-module loads the face's own WASM module (station.js, visitor.js, office.js), so a
visitor's phone never downloads the station's or the office's code. With MODULE_DIR (where
FACE.wasm is), that script tag carries the module's size, data-wasm-bytes: the loader shows how
much of it has arrived (the body arrives decompressed, so the header's length would not do).
"""
import os
import re
import sys

FACES = {'station': 'index.html', 'visitor': 'visitor.html', 'office': 'office.html'}


def page_for(html, face, wasm_bytes=None):
    def script(m):
        tag = m.group(0)
        faces = re.search(r'\sdata-faces="([^"]*)"', tag)
        if faces and face not in faces.group(1).split():
            return ''
        tag = re.sub(r'\sdata-faces="[^"]*"', '', tag)
        if ' data-module' in tag:
            size = f' data-wasm-bytes="{wasm_bytes}"' if wasm_bytes else ''
            tag = re.sub(r'src="[^"]*"', f'src="{face}.js"{size}', tag).replace(' data-module', '')
        return tag
    out = re.sub(r'<script\b[^>]*></script>\n?', lambda m: (lambda t: t + '\n' if t else '')(script(m).rstrip('\n')), html)
    return out.replace('<html lang="vi">', f'<html lang="vi" data-face="{face}">')


def main():
    src, out = sys.argv[1], sys.argv[2]
    modules = sys.argv[3] if len(sys.argv) > 3 else None
    html = open(src, encoding='utf-8').read()
    if 'data-module' not in html:
        sys.exit('face-pages: no <script data-module> in ' + src)
    for face, name in FACES.items():
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            wasm = os.path.join(modules, face + '.wasm') if modules else None
            f.write(page_for(html, face, os.path.getsize(wasm) if wasm and os.path.exists(wasm) else None))


if __name__ == '__main__':
    main()
