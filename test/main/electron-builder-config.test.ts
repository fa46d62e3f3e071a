import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// electron-builder's own schema check (app-builder-lib is the package that implements
// electron-builder and is installed with it, at the same version).
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;

type TargetEntry = { target: string; arch?: string[] | string };

function targets(platform: 'win' | 'mac' | 'linux'): Map<string, string[]> {
  const list = (config[platform]?.target ?? []) as (string | TargetEntry)[];
  return new Map(
    list.map((entry) =>
      typeof entry === 'string'
        ? [entry, []]
        : [entry.target, Array.isArray(entry.arch) ? entry.arch : [entry.arch ?? '']],
    ),
  );
}

/** PNG width and height from its IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('is valid by electron-builder’s own schema', async () => {
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => {} } as never),
    ).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('app.rnnstudio.desktop');
    expect(config.productName).toBe('RNN Studio');
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('builds nsis for Windows, dmg for macOS (x64 and arm64 each), AppImage and deb for Linux', () => {
    expect(targets('win')).toEqual(new Map([['nsis', ['x64', 'arm64']]]));
    expect(targets('mac')).toEqual(new Map([['dmg', ['x64', 'arm64']]]));
    expect([...targets('linux').keys()].sort()).toEqual(['AppImage', 'deb']);
  });

  it('packs the built app and its runtime dependencies, not the sources', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**');
    expect(files).toContain('package.json');
    expect(files.some((f) => /^src-|^test\b|^\*\*\/\*$/.test(f))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('uses asar, unpacking tfjs-node’s binding and libtensorflow and the wasm binaries', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/@tensorflow/tfjs-node/lib/**',
        'node_modules/@tensorflow/tfjs-node/deps/lib/**',
        'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
      ]),
    );
    expect(config.npmRebuild).toBe(false);
  });

  it('unpacks the wasm binaries that are really there', () => {
    const dist = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
    for (const name of [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ]) {
      expect(existsSync(join(dist, name)), name).toBe(true);
    }
  });

  it('ships the sample data beside the app', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/samples', to: 'samples' }]);
    expect(existsSync(join(ROOT, 'resources/samples/ATTRIBUTION.md'))).toBe(true);
  });

  it('signs for macOS with the hardened runtime and the JIT entitlements V8 and wasm need', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const plist = readFileSync(join(ROOT, config.mac!.entitlements!), 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(plist).toContain('<key>com.apple.security.cs.allow-unsigned-executable-memory</key>');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
  });

  it('has icons for all three systems', () => {
    const ico = readFileSync(join(ROOT, config.win!.icon!));
    expect(ico.readUInt16LE(2)).toBe(1); // ICONDIR type 1: an icon
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5); // several sizes
    const icns = readFileSync(join(ROOT, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // 1024 px for Retina
    const linux = join(ROOT, config.linux!.icon!);
    expect(pngSize(join(linux, '512x512.png'))).toEqual([512, 512]);
    expect(pngSize(join(linux, '256x256.png'))).toEqual([256, 256]);
    expect(pngSize(join(ROOT, 'resources/icon.png'))).toEqual([512, 512]);
  });

  it('never publishes from a build', () => {
    expect(config.publish).toBeNull();
  });
});
