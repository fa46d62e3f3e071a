import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_RECENT_PROJECTS,
  RecentProjects,
  rememberProjects,
  withRecent,
} from '../../src-main/app/recent-projects';
import type { Handlers } from '../../src-main/handlers/create-handlers';

describe('recent projects', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rnn-recent-'));
    file = join(dir, 'nested', 'recent-projects.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the latest first, once, and keeps at most ten', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    let list = withRecent([], '/p/a', now);
    list = withRecent(list, '/p/b', now);
    list = withRecent(list, '/p/a', now);
    expect(list.map((p) => p.path)).toEqual(['/p/a', '/p/b']);
    expect(list[0]).toEqual({ path: '/p/a', name: 'a', openedAt: '2025-03-01T12:00:00.000Z' });
    for (let i = 0; i < 20; i++) list = withRecent(list, `/p/${i}`, now);
    expect(list).toHaveLength(MAX_RECENT_PROJECTS);
    expect(list[0]!.path).toBe('/p/19');
  });

  it('are kept in userData between runs', async () => {
    const recent = new RecentProjects(file);
    await recent.load();
    expect(recent.list()).toEqual([]);
    await recent.add('/p/co2', 'forecast');
    await recent.add('/p/moby-lm', 'language');
    const again = new RecentProjects(file);
    await again.load();
    expect(again.list().map((p) => [p.path, p.kind])).toEqual([
      ['/p/moby-lm', 'language'],
      ['/p/co2', 'forecast'],
    ]);
    await again.clear();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('start empty when the file is damaged', async () => {
    writeFileSync(join(dir, 'bad.json'), '[{"path": 3}');
    const recent = new RecentProjects(join(dir, 'bad.json'));
    await recent.load();
    expect(recent.list()).toEqual([]);
  });

  it('are remembered with their kind whenever a project is opened or saved successfully', async () => {
    const remember = vi.fn();
    const base = {
      'project:open': vi.fn(async () => ({ run: {}, dataset: {} })),
      'project:save': vi.fn(async () => ({ path: '/projects/co2-2025' })),
      'lm:open': vi.fn(async () => ({ run: {} })),
      'lm:save': vi.fn(async () => ({ path: '/projects/moby-lm' })),
    } as unknown as Handlers;
    const handlers = rememberProjects(base, remember);
    await handlers['project:open']({ path: '/projects/old' });
    await handlers['project:save']({ runId: 'r1' });
    await handlers['lm:open']({ path: '/projects/old-lm' });
    await handlers['lm:save']({ runId: 'lm1' });
    expect(remember.mock.calls).toEqual([
      ['/projects/old', 'forecast'],
      ['/projects/co2-2025', 'forecast'],
      ['/projects/old-lm', 'language'],
      ['/projects/moby-lm', 'language'],
    ]);
    vi.mocked(base['project:open']).mockRejectedValueOnce(new Error('corrupt'));
    await expect(handlers['project:open']({ path: '/projects/bad' })).rejects.toThrow('corrupt');
    expect(remember).toHaveBeenCalledTimes(4);
  });
});
