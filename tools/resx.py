#!/usr/bin/env python3
"""Writes a .resx file from KEY=VALUE lines on stdin: `python3 tools/resx.py Out.resx < strings.txt`.
Resx is verbose XML; this keeps adding a localized string to one line per language."""
import sys
from xml.sax.saxutils import escape
out = sys.argv[1]
rows = []
for line in sys.stdin.read().splitlines():
    if not line.strip() or line.startswith('#'):
        continue
    key, value = line.split('=', 1)
    rows.append(f'  <data name="{escape(key.strip())}" xml:space="preserve">\n    <value>{escape(value.strip())}</value>\n  </data>')
header = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
open(out, 'w', encoding='utf-8').write(header + '\n'.join(rows) + '\n</root>\n')
