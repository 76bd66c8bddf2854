#!/usr/bin/env python3
"""Writes the pyftsubset --unicodes-file of one font source from wasm/ui/glyph_ranges.hpp, the
one list of what the UI may draw, so the subset fonts hold exactly what the atlas loads.
Usage: glyph-unicodes.py GLYPH_RANGES_HPP SOURCE OUT   (SOURCE: Text, Symbols2 or Math)"""
import re
import sys

header, source, out = sys.argv[1:4]
rows = re.findall(r'\{\s*0x([0-9A-Fa-f]+),\s*0x([0-9A-Fa-f]+),\s*Source::(\w+)', open(header, encoding='utf-8').read())
if not rows:
    sys.exit(f'{header}: no glyph ranges found')
lines = [f'U+{a.upper()}-{b.upper()}' for a, b, s in rows if s == source]
if not lines:
    sys.exit(f'{header}: no ranges for source {source}')
with open(out, 'w', encoding='ascii') as f:
    f.write('\n'.join(lines) + '\n')
