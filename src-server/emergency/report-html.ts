import type { ReportModel } from './report-model';

/**
 * The after-action report as one printable HTML page: no script, no outside resource, every
 * text escaped (descriptions, notes and summaries are typed by people, some of them citizens).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const e = escapeHtml;

function table(headings: string[], rows: string[][], rowClass: (i: number) => string = () => ''): string {
  const head = headings.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((cells, i) => `<tr${rowClass(i) ? ` class="${e(rowClass(i))}"` : ''}>${cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${e(id)}"><h2>${e(title)}</h2>\n${body}\n</section>`;
}

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #111; font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; border-bottom: 2px solid #333; padding-bottom: 2px; margin: 20px 0 8px; }
.hint { color: #666; font-size: 12px; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dt { color: #555; } dd { margin: 0; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; } th { background: #eee; }
tr.late td, tr.overdue td { background: #fde8e8; } tr.notDone td { background: #f3f3f3; } .summary { white-space: pre-wrap; border-left: 3px solid #333; padding-left: 8px; }
.photos { display: flex; flex-wrap: wrap; gap: 8px; } figure { margin: 0; } img { max-width: 220px; max-height: 165px; border: 1px solid #999; }
figcaption { font-size: 11px; color: #555; }
@media print { .hint { display: none; } body { margin: 10mm; } section { break-inside: avoid-page; } }
`;

/** The page; `photoUrl` gives each photo's address (the existing photo route, with the caller's demo identity). */
export function renderReport(m: ReportModel, photoUrl: (photoId: string) => string): string {
  const w = m.words;
  const c = w.columns;
  const overview = `<dl>
<dt>${e(w.caseNumber)}</dt><dd>${e(m.caseNumber)}</dd>
<dt>${e(w.category)}</dt><dd>${e(m.category)}</dd>
<dt>${e(w.place)}</dt><dd>${e(m.place)}</dd>
<dt>${e(w.description)}</dt><dd>${e(m.description)}</dd>
<dt>${e(w.plan)}</dt><dd>${e(m.plan)}</dd>
${m.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value)}</dd>`).join('\n')}
</dl>`;
  const departments = table(
    [c.department, c.role, c.linkedAt, c.acknowledged, c.toAcknowledge, c.arrived, c.toArrive],
    m.departments.map((d) => [d.name, d.role, d.linkedAt, d.acknowledged, d.toAcknowledge, d.arrived, d.toArrive]),
  );
  const steps = table(
    [c.step, c.by, c.dueAt, c.doneAt, c.status, c.note],
    m.steps.map((s) => [s.title, s.by, s.dueAt, s.doneAt, s.statusText, s.note]),
    (i) => m.steps[i]?.status ?? '',
  );
  const escalations = m.escalations.length
    ? table([c.at, c.who, c.reason, c.department], m.escalations.map((x) => [x.at, x.by, x.reason, x.department]))
    : `<p>${e(w.none)}</p>`;
  const timeline = table([c.at, c.what, c.who, c.detail], m.timeline.map((x) => [x.at, x.what, x.who, x.detail]));
  const photos = m.photos.length
    ? `<div class="photos">${m.photos.map((p) => `<figure><img src="${e(photoUrl(p.id))}" alt="${e(p.phase)}"><figcaption>${e(p.phase)}</figcaption></figure>`).join('')}</div>`
    : `<p>${e(w.none)}</p>`;
  return `<!doctype html>
<html lang="${e(w.lang)}">
<head>
<meta charset="utf-8">
<title>${e(m.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(m.title)}</h1>
<p class="hint">${e(w.printHint)} · ${e(w.generated)} ${e(m.generatedAt)}</p>
${section('overview', w.sections.overview, overview)}
${section('summary', w.sections.summary, `<p class="summary">${e(m.summary || w.noSummary)}</p>`)}
${section('departments', w.sections.departments, departments)}
${section('steps', w.sections.steps, steps)}
${section('escalations', w.sections.escalations, escalations)}
${section('timeline', w.sections.timeline, timeline)}
${section('photos', w.sections.photos, photos)}
</body>
</html>
`;
}
