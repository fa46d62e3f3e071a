import * as tf from '@tensorflow/tfjs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { EngineError } from '../util/engine-error';
import { writeFileAtomic } from '../util/atomic-write';
import { fsErrorCode, reasonOf } from '../util/fs-errors';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** Bytes per stored value, by weight dtype or quantization dtype. */
const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

const weightEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32', 'bool']),
  quantization: z
    .object({
      dtype: z.enum(['uint8', 'uint16', 'float16']),
      scale: z.number().optional(),
      min: z.number().optional(),
    })
    .optional(),
});

/** The parts of the TF.js layers-model JSON format we rely on; other keys pass through. */
const modelJsonSchema = z.looseObject({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(
    z.object({
      // Shard files must be plain names inside the model folder: no paths out of it.
      paths: z.array(
        z.string().refine((path) => path !== '' && basename(path) === path && path !== '..', {
          message: 'weight file names must be plain names inside the model folder',
        }),
      ),
      weights: z.array(weightEntrySchema),
    }),
  ),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
});

/**
 * A TF.js IOHandler that saves and loads the standard layers format (`model.json` + one
 * `weights.bin`) in a folder through node:fs. TF.js's own `file://` handler exists only in
 * tfjs-node, which is optional here, so this works on every backend (cpu, wasm, tensorflow), and
 * what it writes loads anywhere TF.js loads a layers model.
 *
 * Save writes `weights.bin` then `model.json`, each atomically, so a complete `model.json` always
 * has its weights next to it. Load checks the JSON's shape and that the weight files hold exactly
 * the bytes the manifest describes, and throws EngineError PROJECT_CORRUPT naming the file and
 * the problem; unreadable files give PROJECT_IO. `displayDir` is how messages name the folder
 * (e.g. `model` inside a project); it defaults to the folder's path.
 */
export function fileSystemIO(dir: string, options: { displayDir?: string } = {}): tf.io.IOHandler {
  const shown = (file: string): string => join(options.displayDir ?? dir, file);

  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new EngineError('INTERNAL', 'only layers models (JSON topology) can be saved here');
      }
      const weights =
        artifacts.weightData === undefined
          ? new ArrayBuffer(0)
          : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: artifacts.convertedBy ?? null,
      };
      if (artifacts.trainingConfig !== undefined) {
        modelJson.trainingConfig = artifacts.trainingConfig;
      }
      if (artifacts.userDefinedMetadata !== undefined) {
        modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      }
      try {
        await mkdir(dir, { recursive: true });
        await writeFileAtomic(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
        await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      } catch (error) {
        const message = `could not write the model to ${dir}: ${reasonOf(error)}`;
        throw new EngineError('PROJECT_IO', message, { cause: error });
      }
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const text = (await readOrFail(join(dir, MODEL_JSON), shown(MODEL_JSON))).toString('utf8');
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw corrupt(`${shown(MODEL_JSON)} is not valid JSON (${reasonOf(error)})`);
      }
      const parsed = modelJsonSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where =
          issue === undefined ? '' : ` at ${issue.path.map(String).join('.') || 'top level'}`;
        throw corrupt(
          `${shown(MODEL_JSON)} is not a TF.js layers model${where}: ${issue?.message ?? 'unexpected content'}`,
        );
      }
      const modelJson = parsed.data;

      const shards: Buffer[] = [];
      const files: string[] = [];
      for (const group of modelJson.weightsManifest) {
        for (const path of group.paths) {
          shards.push(await readOrFail(join(dir, path), shown(path)));
          files.push(shown(path));
        }
      }
      const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
      const expected = specs.reduce((sum, spec) => sum + bytesOf(spec), 0);
      const actual = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
      if (actual !== expected) {
        throw corrupt(
          `${files.join(' + ') || shown(WEIGHTS_BIN)} holds ${actual} bytes but ${shown(MODEL_JSON)} describes ${expected} bytes of weights`,
        );
      }
      // One contiguous buffer in manifest order, which is how TF.js reads multi-shard weights.
      const weightData = new ArrayBuffer(actual);
      const bytes = new Uint8Array(weightData);
      let offset = 0;
      for (const shard of shards) {
        bytes.set(shard, offset);
        offset += shard.byteLength;
      }
      const artifacts: tf.io.ModelArtifacts = {
        modelTopology: modelJson.modelTopology,
        weightSpecs: specs,
        weightData,
      };
      if (modelJson.format !== undefined) artifacts.format = modelJson.format;
      if (modelJson.generatedBy !== undefined) artifacts.generatedBy = modelJson.generatedBy;
      if (typeof modelJson.convertedBy === 'string') artifacts.convertedBy = modelJson.convertedBy;
      return artifacts;
    },
  };
}

function bytesOf(spec: z.infer<typeof weightEntrySchema>): number {
  const values = spec.shape.reduce((product, dim) => product * dim, 1);
  return values * (BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype] ?? 4);
}

async function readOrFail(path: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') throw corrupt(`${shown} is missing`);
    if (fsErrorCode(error) === 'EISDIR') throw corrupt(`${shown} is a folder, not a file`);
    throw new EngineError('PROJECT_IO', `could not read ${shown}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}

function corrupt(message: string): EngineError {
  return new EngineError('PROJECT_CORRUPT', message);
}
