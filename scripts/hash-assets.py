#!/usr/bin/env python3
"""Gives the web shell's files content-hashed names, in place, and rewrites the references.

    hash-assets.py DIR --keep index.html --keep manifest.webmanifest ... --unit zxing [--closure F.json]

Every file of DIR except the --keep ones (the entry points a visitor's browser asks for by
name: the pages, the service worker, the manifest) is renamed NAME.<12 hex>.EXT after its
content; a --unit directory (third-party code with its own relative imports) is renamed as a
whole, DIR.<12 hex>/. A file's hash is taken after its own references were rewritten, so a
change anywhere below it renames it too. The server serves hashed names as immutable
(server/http/static_files.cpp: isContentHashed).

References are found by name: a file's base name (or a unit's "name/") in a string, after a
quote and an optional relative path. Base names must therefore be unique among the renamed files; the script stops if
they are not, or if two files refer to each other. --closure writes, for each kept file, every
file it needs (what it refers to, and what those refer to), by their new names: a page's
closure is what the service worker precaches for that page's face.
"""
import json
import argparse
import hashlib
import os
import re
import sys

TEXT_EXT = {'.html', '.js', '.mjs', '.css', '.webmanifest', '.json'}
DIGITS = 12


def sha(data):
    return hashlib.sha256(data).hexdigest()[:DIGITS]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--keep', action='append', default=[])
    ap.add_argument('--unit', action='append', default=[])
    ap.add_argument('--closure')
    a = ap.parse_args()
    root = a.dir
    keep = set(a.keep)

    files = []
    for d, _, names in os.walk(root):
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), root).replace(os.sep, '/'))
    in_unit = lambda f: any(f == u or f.startswith(u + '/') for u in a.unit)
    nodes = {}  # rel path (file or unit dir) -> token to search for
    for f in files:
        if f in keep or in_unit(f):
            continue
        nodes[f] = os.path.basename(f)
    for u in a.unit:
        nodes[u] = os.path.basename(u) + '/'
    tokens = {}
    for n, t in nodes.items():
        if t in tokens:
            sys.exit(f'hash-assets: two files named {t!r} ({tokens[t]}, {n}): references would be ambiguous')
        tokens[t] = n

    # A reference is inside a string: a quote (or CSS "url("), an optional relative path, the
    # name. "web/scanner/camera.js" in a comment is not one.
    def pattern(token):
        return re.compile(r'((?:[\'"`]|url\()(?:\.{0,2}/|[\w-]+/)*)' + re.escape(token) + (r'' if token.endswith('/') else r'(?![\w.-]*\w)'))

    pats = {n: pattern(t) for n, t in nodes.items()}
    keep_pats = {k: pattern(os.path.basename(k)) for k in keep}
    texts = {}
    for f in files:
        if os.path.splitext(f)[1] in TEXT_EXT and not in_unit(f):
            with open(os.path.join(root, f), encoding='utf-8') as fh:
                texts[f] = fh.read()
    deps = {f: [n for n in nodes if n != f and pats[n].search(t)] for f, t in texts.items()}

    renamed = {}  # node -> new rel path

    def new_name(node):
        if node in a.unit:
            h = hashlib.sha256()
            for f in sorted(x for x in files if in_unit(x) and x.startswith(node + '/')):
                with open(os.path.join(root, f), 'rb') as fh:
                    h.update(f.encode() + b'\0' + fh.read())
            return node + '.' + h.hexdigest()[:DIGITS]
        with open(os.path.join(root, node), 'rb') as fh:
            digest = sha(fh.read())
        base, ext = os.path.splitext(node)
        return f'{base}.{digest}{ext}'

    def rewrite(f, stack=()):
        if f in stack:
            sys.exit(f'hash-assets: circular references: {" -> ".join(stack + (f,))}')
        text = texts[f]
        for d in deps[f]:
            if d not in renamed:
                process(d, stack + (f,))
            new = os.path.basename(renamed[d]) + ('/' if d in a.unit else '')
            text = pats[d].sub(lambda m: m.group(1) + new, text)
        with open(os.path.join(root, f), 'w', encoding='utf-8') as fh:
            fh.write(text)

    def process(node, stack=()):
        if node in texts:
            rewrite(node, stack)
        renamed[node] = new_name(node)
        os.rename(os.path.join(root, node), os.path.join(root, renamed[node]))

    for n in sorted(nodes):
        if n not in renamed:
            process(n)
    for f in sorted(keep):
        if f in texts:
            rewrite(f)
    for n in sorted(renamed):
        print(f'{n} -> {renamed[n]}')
    if a.closure:
        final = lambda n: renamed.get(n, n)
        unit_files = {u: sorted(final(u) + x[len(u):] for x in files if x.startswith(u + '/')) for u in a.unit}
        refs = {f: deps[f] + [k for k in keep if k != f and keep_pats[k].search(texts[f])] for f in texts}

        def closure(f, seen):
            for d in refs.get(f, []):
                if d not in seen:
                    seen.add(d)
                    closure(d, seen)
            return seen
        out = {}
        for k in sorted(keep):
            names = set()
            for n in closure(k, set()):
                names.update(unit_files[n] if n in unit_files else [final(n)])
            out[k] = sorted(names)
        with open(a.closure, 'w') as fh:
            json.dump(out, fh, indent=1)


if __name__ == '__main__':
    main()
