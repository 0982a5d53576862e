// Converts pages to Markdown the way Open Terms Archive does (jsdom, then
// turndown with its GFM plugin), so that `make bench` can time the peer
// stack on the very pages it gives Fineprint's extractor.
//
// Usage: node ota.js PAGES.json REPS OUT.json
// PAGES.json is [{"path", "url", "select", "remove"}]; OUT.json receives
// {"seconds": [one total per rep], "bytes": N, "markdown": [one per page]}.
import fs from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import TurndownService from 'turndown';
import turndownPluginGfm from 'turndown-plugin-gfm';

const turndown = new TurndownService();
turndown.use(turndownPluginGfm.gfm);

function selectRange(doc, r) {
  const range = doc.createRange();
  const start = doc.querySelector(r.startBefore || r.startAfter);
  const end = doc.querySelector(r.endBefore || r.endAfter);
  if (!start || !end) return null;
  range[r.startBefore ? 'setStartBefore' : 'setStartAfter'](start);
  range[r.endBefore ? 'setEndBefore' : 'setEndAfter'](end);
  return range;
}

function list(sel) {
  if (sel == null) return [];
  return [].concat(sel);
}

function convert(html, url, select, remove) {
  // A silent console: page scripts are not run, but jsdom would still log
  // CSS it cannot parse, and that output is not what is being timed.
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  doc.querySelectorAll('script, style').forEach((n) => n.remove());
  doc.querySelectorAll('a[href]').forEach((a) => {
    try {
      a.setAttribute('href', new URL(a.getAttribute('href'), url).href);
    } catch {
      // An unparsable link stays as written, as it does in the peer.
    }
  });
  const ranges = [];
  const nodes = [];
  for (const s of list(remove)) {
    if (typeof s === 'object') ranges.push(selectRange(doc, s));
    else nodes.push(...doc.querySelectorAll(s));
  }
  ranges.forEach((r) => r && r.deleteContents());
  nodes.forEach((n) => n.remove());
  const out = doc.createDocumentFragment();
  for (const s of list(select)) {
    if (typeof s === 'object') {
      const r = selectRange(doc, s);
      if (r) out.appendChild(r.cloneContents());
    } else {
      doc.querySelectorAll(s).forEach((n) => out.appendChild(n.cloneNode(true)));
    }
  }
  const md = turndown.turndown(out);
  dom.window.close();
  return md;
}

const [pagesPath, repsArg, outPath] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(pagesPath, 'utf8')).map((p) => ({
  ...p,
  html: fs.readFileSync(p.path, 'utf8'),
}));
const reps = Math.max(1, Number(repsArg) || 1);
let bytes = 0;
for (const p of pages) bytes += Buffer.byteLength(p.html);

const seconds = [];
let markdown = [];
for (let i = 0; i < reps; i++) {
  const md = [];
  const start = process.hrtime.bigint();
  for (const p of pages) {
    try {
      md.push(convert(p.html, p.url, p.select, p.remove));
    } catch {
      md.push('');
    }
  }
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  markdown = md;
}
fs.writeFileSync(outPath, JSON.stringify({ seconds, bytes, markdown }));
