import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReport } from '../../../src-server/emergency/report-html';
import { beijing, buildReport } from '../../../src-server/emergency/report-model';
import { T0 } from '../domain/fixtures';
import { HANDLER, applied, gasPlanStarted, minutes } from '../domain/emergency-support';

const noNames = { department: () => undefined, person: () => undefined };

describe('the after-action report while the response runs', () => {
  it('says the response is running, which steps are not yet due, and names what it cannot name by id', () => {
    let s = gasPlanStarted();
    s = applied(s, 'reportArrival', HANDLER.fire, {}, minutes(12));
    const m = buildReport({ state: s, trail: [], names: noNames, now: minutes(10), locale: 'zh-CN' });
    expect(m.closed).toBe(false);
    expect(m.facts.find((f) => f.label === '结束应急响应')?.value).toBe('应急响应进行中');
    expect(m.steps.map((x) => x.status)).toEqual(['overdue', 'open', 'open', 'open', 'open', 'open', 'open']);
    expect(m.departments.find((d) => d.name === 'fire')).toMatchObject({ role: '联动', toAcknowledge: '12 分钟', toArrive: '12 分钟' });
    expect(m.departments.find((d) => d.name === 'gas')).toMatchObject({ role: '主办', acknowledged: '未报告', toArrive: '' });
    expect(m.summary).toBe('');
    const html = renderReport(m, (id) => `/p/${id}`);
    expect(html).toContain('（尚未填写总结）');
    expect(html).toContain('<h2>升级督办</h2>\n<p>无</p>');
    expect(html).toContain('<h2>现场照片</h2>\n<p>无</p>');
  });

  it('speaks English when asked, on Beijing time', () => {
    const m = buildReport({ state: gasPlanStarted(), trail: [], names: { ...noNames, person: (id) => (id === 'duty-1' ? 'Yu' : undefined) }, now: T0, locale: 'en' });
    expect(m.title).toMatch(/^Emergency after-action report · /);
    expect(m.facts.find((f) => f.label === 'Plan started')?.value).toBe(`${beijing(T0.toISOString())} · Yu · 0 min after the alarm`);
    expect(beijing('2026-11-23T16:30:00.000Z')).toBe('2026-11-24 00:30');
  });

  it('escapes every character HTML gives a meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
