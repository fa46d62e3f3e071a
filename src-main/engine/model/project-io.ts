import * as tf from '@tensorflow/tfjs';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { validateSpec } from './model-spec';
import type { ModelSpec } from './model-spec';
import { EngineError } from '../util/engine-error';
import { writeFileAtomic } from '../util/atomic-write';
import { fsErrorCode, reasonOf } from '../util/fs-errors';
import { fileSystemIO } from './fs-io-handler';

/**
 * A project folder:
 *
 *   project.json        { format: "rnn-studio-project", version: 1, spec, extras }
 *   model/model.json    TF.js layers format: topology + weights manifest
 *   model/weights.bin   float32 weights, little-endian, in manifest order
 *
 * The model folder is plain TF.js: `tf.loadLayersModel(fileSystemIO(dir + '/model'))` loads it
 * with no custom layers registered. `extras` carries whatever else the run needs (scaler,
 * metrics, run record, vocabulary...) as JSON.
 */
export interface Project {
  spec: ModelSpec;
  model: tf.LayersModel;
  extras: Record<string, unknown>;
}

export const PROJECT_FILE = 'project.json';
export const MODEL_DIR = 'model';
export const PROJECT_FORMAT = 'rnn-studio-project';
export const PROJECT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.number().int().min(1),
  spec: z.unknown(),
  extras: z.record(z.string(), z.unknown()),
});

/**
 * Save a project into `dir`, all or nothing: everything is written into a hidden temp sibling
 * folder first, then swapped in by renames, so a crash or a full disk mid-save leaves the previous
 * save intact. (Two renames, because no OS renames a folder over a non-empty one: between them,
 * for an instant, only the hidden `.<name>.replaced-*` sibling holds the old save.)
 * Refuses (PROJECT_IO) to replace a non-empty folder that is not a project, so picking the wrong
 * folder never deletes the user's files. `extras` must survive JSON (INVALID_OPTIONS otherwise);
 * note JSON turns NaN and ±Infinity into null.
 */
export async function saveProject(dir: string, project: Project): Promise<void> {
  const checked = validateSpec(project.spec);
  if (!checked.ok) {
    throw new EngineError(
      'INVALID_SPEC',
      `cannot save an invalid spec: ${issuesText(checked.errors)}`,
    );
  }
  const projectJson = serialiseHeader(checked.spec, project.extras);
  const target = resolve(dir);
  const parent = dirname(target);
  const name = basename(target);
  await refuseToReplaceForeignFolder(target);

  const temp = join(parent, `.${name}.saving-${randomUUID()}`);
  try {
    await mkdir(temp, { recursive: true });
    await project.model.save(fileSystemIO(join(temp, MODEL_DIR)));
    await writeFileAtomic(join(temp, PROJECT_FILE), projectJson);
    await swapIn(temp, target, join(parent, `.${name}.replaced-${randomUUID()}`));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof EngineError) throw error;
    const message = `could not save the project to ${target}: ${reasonOf(error)}`;
    throw new EngineError('PROJECT_IO', message, { cause: error });
  }
}

/**
 * Open a project folder. A folder that is missing or unreadable gives PROJECT_IO; one that is
 * damaged (missing file, bad JSON, weights of the wrong size, a spec that no longer validates, a
 * topology TF.js cannot build) gives PROJECT_CORRUPT with the file and the problem. The caller
 * owns the returned model (see dispose-model.ts).
 */
export async function openProject(dir: string): Promise<Project> {
  const target = resolve(dir);
  await requireFolder(target);
  const header = await readHeader(target);
  const checked = validateSpec(header.spec);
  if (!checked.ok) {
    throw new EngineError(
      'PROJECT_CORRUPT',
      `${PROJECT_FILE} holds an invalid spec: ${issuesText(checked.errors)}`,
    );
  }
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      fileSystemIO(join(target, MODEL_DIR), { displayDir: MODEL_DIR }),
    );
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(
      'PROJECT_CORRUPT',
      `${MODEL_DIR}/model.json describes a model TF.js cannot rebuild: ${reasonOf(error)}`,
      { cause: error },
    );
  }
  return { spec: checked.spec, model, extras: header.extras };
}

function serialiseHeader(spec: ModelSpec, extras: Record<string, unknown>): string {
  if (typeof extras !== 'object' || extras === null || Array.isArray(extras)) {
    throw new EngineError('INVALID_OPTIONS', 'project extras must be an object of named values');
  }
  try {
    return `${JSON.stringify({ format: PROJECT_FORMAT, version: PROJECT_VERSION, spec, extras }, null, 2)}\n`;
  } catch (error) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `project extras must be plain JSON data: ${reasonOf(error)}`,
      { cause: error },
    );
  }
}

async function readHeader(target: string): Promise<z.infer<typeof headerSchema>> {
  let text: string;
  try {
    text = await readFile(join(target, PROJECT_FILE), 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') {
      throw new EngineError(
        'PROJECT_CORRUPT',
        `${PROJECT_FILE} is missing: ${target} is not an RNN Studio project, or it is damaged`,
      );
    }
    throw new EngineError('PROJECT_IO', `could not read ${PROJECT_FILE}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new EngineError(
      'PROJECT_CORRUPT',
      `${PROJECT_FILE} is not valid JSON (${reasonOf(error)})`,
    );
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'top level';
    throw new EngineError(
      'PROJECT_CORRUPT',
      `${PROJECT_FILE} is not an RNN Studio project file (${where}: ${issue?.message ?? 'unexpected content'})`,
    );
  }
  if (parsed.data.version > PROJECT_VERSION) {
    throw new EngineError(
      'PROJECT_CORRUPT',
      `${PROJECT_FILE} was written by a newer RNN Studio (format ${parsed.data.version}; this version reads up to ${PROJECT_VERSION}): update the app to open it`,
    );
  }
  return parsed.data;
}

async function requireFolder(target: string): Promise<void> {
  try {
    const info = await stat(target);
    if (!info.isDirectory()) {
      throw new EngineError('PROJECT_IO', `${target} is a file; a project is a folder`);
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    if (fsErrorCode(error) === 'ENOENT') {
      throw new EngineError('PROJECT_IO', `there is no project folder at ${target}`);
    }
    throw new EngineError('PROJECT_IO', `could not open ${target}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}

async function refuseToReplaceForeignFolder(target: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') {
      throw new EngineError(
        'PROJECT_IO',
        `${target} is a file; choose a folder to save the project in`,
      );
    }
    throw new EngineError('PROJECT_IO', `could not inspect ${target}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  if (entries.length > 0 && !entries.includes(PROJECT_FILE)) {
    throw new EngineError(
      'PROJECT_IO',
      `${target} already holds other files and is not an RNN Studio project; choose an empty or new folder`,
    );
  }
}

async function swapIn(temp: string, target: string, old: string): Promise<void> {
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw error;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (moved) await rename(old, target);
    throw error;
  }
  if (moved) await rm(old, { recursive: true, force: true });
}

function issuesText(issues: readonly { path: string; message: string }[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}
