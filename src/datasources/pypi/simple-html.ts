/**
 * The HTML form of a Simple project page (PEP 503), for indexes that do not speak PEP 691 JSON:
 * one `<a>` per file, the sha256 in the URL fragment, and `data-requires-python`, `data-yanked`,
 * `data-core-metadata` / `data-dist-info-metadata` and `data-provenance` attributes (PEP 503, 592,
 * 658/714, 740); PEP 792's status in `<meta name="pypi:project-status">`. Attribute values are
 * HTML-escaped. The page is untrusted text: only these pieces are read.
 */
import type { SimpleFile, SimplePage } from './simple';
import { readProjectStatus, resolve } from './simple';
import { versionFromFilename } from './filenames';

export function readSimpleHtml(html: string, pageUrl: string, project: string): SimplePage {
  const files: SimpleFile[] = [];
  for (const match of html.matchAll(/<a\s([^>]*)>([^<]*)<\/a>/gi)) {
    const attributes = readAttributes(match[1] ?? '');
    const href = attributes.get('href');
    const filename = unescape((match[2] ?? '').trim());
    if (!href || filename === '') continue;
    const url = resolve(href, pageUrl);
    const fragment = /#sha256=([0-9a-f]{64})$/i.exec(url);
    const yanked = attributes.get('data-yanked');
    const metadata = attributes.get('data-core-metadata') ?? attributes.get('data-dist-info-metadata');
    const provenance = attributes.get('data-provenance');
    files.push({
      filename,
      url: url.replace(/#.*$/, ''),
      version: versionFromFilename(filename, project),
      sha256: fragment?.[1]?.toLowerCase() ?? null,
      size: null,
      uploadTime: null,
      requiresPython: attributes.get('data-requires-python') || null,
      yanked: yanked !== undefined,
      yankedReason: yanked ? yanked : null,
      metadataSha256: metadata === undefined ? null : (/^sha256=([0-9a-f]{64})$/i.exec(metadata)?.[1] ?? ''),
      provenanceUrl: provenance ? resolve(provenance, pageUrl) : null,
    });
  }
  const status = /<meta\s+name="pypi:project-status"\s+content="([^"]*)"/i.exec(html)?.[1];
  const reason = /<meta\s+name="pypi:project-status-reason"\s+content="([^"]*)"/i.exec(html)?.[1];
  const serial = /<!--SERIAL (\d+)-->/.exec(html)?.[1];
  return {
    name: project,
    versions: null,
    files,
    status: readProjectStatus(status),
    statusReason: reason ? unescape(reason) : null,
    lastSerial: serial ? Number(serial) : null,
  };
}

function readAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi)) {
    attributes.set((match[1] ?? '').toLowerCase(), unescape(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}
