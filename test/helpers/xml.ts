/**
 * Parses XML with a real, strict parser (Python's expat through xml.dom.minidom, installed with
 * python3): a document that is not well-formed throws with expat's message. Returns the root
 * and each item (RSS <item>, Atom <entry>) as {namespace|localName: [text...]}.
 */
import { execFileSync } from 'node:child_process';

export interface ParsedFeed {
  root: string;
  rootNamespace: string | null;
  namespaces: Record<string, string>;
  items: Record<string, string[]>[];
}

const SCRIPT = String.raw`
import json, sys
from xml.dom import minidom
doc = minidom.parseString(sys.stdin.buffer.read())
root = doc.documentElement
def text(n):
    return ''.join(c.data for c in n.childNodes if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE))
items = []
for n in root.getElementsByTagName('item') + root.getElementsByTagName('entry'):
    d = {}
    for c in n.childNodes:
        if c.nodeType == c.ELEMENT_NODE:
            key = (c.namespaceURI or '') + '|' + c.localName
            d.setdefault(key, []).append(c.getAttribute('href') if c.localName == 'link' and c.hasAttribute('href') else text(c))
    items.append(d)
ns = {a.localName: a.value for a in root.attributes.values() if a.prefix == 'xmlns'}
print(json.dumps({'root': root.localName, 'rootNamespace': root.namespaceURI, 'namespaces': ns, 'items': items}))
`;

export function parseXml(xml: string): ParsedFeed {
  const out = execFileSync('python3', ['-c', SCRIPT], {
    input: xml,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as ParsedFeed;
}
