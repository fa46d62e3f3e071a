import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../engine/util/atomic-write';
import { projectKindSchema, type ProjectKind } from '../contract/desktop-schemas';
import type { Handlers } from '../handlers/create-handlers';

const recentProjectSchema = z.object({
  path: z.string().min(1),
  name: z.string(),
  /** ISO 8601. */
  openedAt: z.string(),
  /** Absent in lists written before projects had kinds. */
  kind: projectKindSchema.optional(),
});
export type RecentProject = z.infer<typeof recentProjectSchema>;

export const MAX_RECENT_PROJECTS = 10;

/** The list with `path` first (moved up if it was there already), at most MAX_RECENT_PROJECTS. */
export function withRecent(
  list: readonly RecentProject[],
  path: string,
  now: Date,
  kind?: ProjectKind,
): RecentProject[] {
  const entry: RecentProject = {
    path,
    name: basename(path),
    openedAt: now.toISOString(),
    ...(kind === undefined ? {} : { kind }),
  };
  return [entry, ...list.filter((p) => p.path !== path)].slice(0, MAX_RECENT_PROJECTS);
}

/**
 * Projects opened or saved lately, for File > Recent projects, kept in userData/recent-projects.json
 * (written atomically; an unreadable file just means an empty list).
 */
export class RecentProjects {
  private items: RecentProject[] = [];

  constructor(private readonly file: string) {}

  list(): readonly RecentProject[] {
    return this.items;
  }

  async load(): Promise<void> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return;
    try {
      const parsed = z.array(recentProjectSchema).safeParse(JSON.parse(text));
      this.items = parsed.success ? parsed.data.slice(0, MAX_RECENT_PROJECTS) : [];
    } catch {
      this.items = [];
    }
  }

  async add(path: string, kind?: ProjectKind, now = new Date()): Promise<void> {
    this.items = withRecent(this.items, path, now, kind);
    await this.save();
  }

  async clear(): Promise<void> {
    this.items = [];
    await this.save();
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.items, null, 2));
  }
}

/**
 * The handlers, with every project that is opened or saved successfully (from the menu or from
 * the renderer's own buttons), forecast or language model, reported to `remember` with its kind.
 */
export function rememberProjects(
  handlers: Handlers,
  remember: (path: string, kind: ProjectKind) => void,
): Handlers {
  return {
    ...handlers,
    async 'project:open'(request) {
      const opened = await handlers['project:open'](request);
      remember(request.path, 'forecast');
      return opened;
    },
    async 'project:save'(request) {
      const saved = await handlers['project:save'](request);
      remember(saved.path, 'forecast');
      return saved;
    },
    async 'lm:open'(request) {
      const opened = await handlers['lm:open'](request);
      remember(request.path, 'language');
      return opened;
    },
    async 'lm:save'(request) {
      const saved = await handlers['lm:save'](request);
      remember(saved.path, 'language');
      return saved;
    },
  };
}
