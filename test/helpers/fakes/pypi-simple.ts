/**
 * The fake PyPI's Simple project page in its two forms: PEP 691 JSON (API version 1.4, as
 * Warehouse's `_simple_detail` writes it) and the HTML of `detail.html` with `data-*` attributes
 * and the PEP 792 `<meta>` tag. A quarantined project is listed with no files and no versions.
 */
import { sha256, type FakeFile, type FakeProject, type FakeRelease } from './pypi-data';

interface UrlSource {
  fileUrl(sha: string, filename: string): string;
  provenanceUrl(project: FakeProject, release: FakeRelease, filename: string): string;
}

function visible(project: FakeProject): { release: FakeRelease; file: FakeFile }[] {
  if (project.status === 'quarantined') return [];
  return project.releases.flatMap((release) => release.files.map((file) => ({ release, file })));
}

export function simpleJson(server: UrlSource, project: FakeProject): Record<string, unknown> {
  const files = visible(project).map(({ release, file }) => {
    const metadata = file.metadata == null ? false : { sha256: sha256(file.metadata) };
    return {
      'core-metadata': metadata,
      'data-dist-info-metadata': metadata,
      filename: file.filename,
      hashes: { sha256: file.sha256 },
      provenance: file.provenance ? server.provenanceUrl(project, release, file.filename) : null,
      'requires-python': release.requiresPython,
      size: file.size,
      'upload-time': file.uploadTime,
      url: server.fileUrl(file.sha256, file.filename),
      yanked: release.yanked,
    };
  });
  const meta: Record<string, unknown> = { '_last-serial': project.lastSerial, 'api-version': '1.4' };
  const body: Record<string, unknown> = { files, meta, name: project.normalized };
  if (project.statusInMeta) {
    // The spec's prose example: status and reason as plain strings inside `meta`.
    meta['project-status'] = project.status;
    if (project.statusReason) meta['project-status-reason'] = project.statusReason;
  } else {
    body['project-status'] = project.statusReason ? { status: project.status, reason: project.statusReason } : { status: project.status };
  }
  body['versions'] = project.status === 'quarantined' ? [] : project.releases.map((release) => release.version);
  return body;
}

export function simpleHtml(server: UrlSource, project: FakeProject): string {
  const anchors = visible(project).map(({ release, file }) => {
    const attributes = [`href="${escape(`${server.fileUrl(file.sha256, file.filename)}#sha256=${file.sha256}`)}"`];
    if (release.requiresPython) attributes.push(`data-requires-python="${escape(release.requiresPython)}"`);
    if (file.metadata != null) {
      attributes.push(`data-dist-info-metadata="sha256=${sha256(file.metadata)}"`, `data-core-metadata="sha256=${sha256(file.metadata)}"`);
    }
    if (file.provenance) attributes.push(`data-provenance="${escape(server.provenanceUrl(project, release, file.filename))}"`);
    if (release.yanked !== false) attributes.push(release.yanked === true ? 'data-yanked=""' : `data-yanked="${escape(release.yanked)}"`);
    return `    <a ${attributes.join(' ')}>${escape(file.filename)}</a><br />`;
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.4">',
    `    <meta name="pypi:project-status" content="${project.status}">`,
    ...(project.statusReason ? [`    <meta name="pypi:project-status-reason" content="${escape(project.statusReason)}">`] : []),
    `    <title>Links for ${escape(project.normalized)}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${escape(project.normalized)}</h1>`,
    ...anchors,
    '  </body>',
    '</html>',
    `<!--SERIAL ${project.lastSerial}-->`,
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
