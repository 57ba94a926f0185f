import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { createReadStream, ReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** A key as `place` makes them: never a path outside the store. */
const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** Media bytes on the local filesystem (a volume in Kubernetes). Keys are generated, never user input. */
@Injectable()
export class MediaStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.media.storageDir);
  }

  async put(messageId: string, bytes: Buffer): Promise<string> {
    const { key, path } = await this.place(messageId);
    // Write then rename: a crash never leaves a half file under the final key.
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
    return key;
  }

  /**
   * A fresh path for a file still arriving (an agent's upload), on the store's own filesystem so that `adopt` can
   * rename it into place; `discard` removes it when it is refused.
   */
  async incomingPath(): Promise<string> {
    const dir = join(this.root, 'incoming');
    await mkdir(dir, { recursive: true });
    return join(dir, `${randomUUID()}.part`);
  }

  /** Moves a complete incoming file under the key of `id` (a uuid) and returns the key. */
  async adopt(id: string, incoming: string): Promise<string> {
    const { key, path } = await this.place(id);
    await rename(incoming, path);
    return key;
  }

  async discard(incoming: string): Promise<void> {
    await rm(incoming, { force: true });
  }

  /** Deletes the file under `key`; a key already gone (another worker's prune, a retry) is no error. */
  async remove(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await rm(join(this.root, key), { force: true });
  }

  private async place(id: string): Promise<{ key: string; path: string }> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    return { key, path };
  }

  async open(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    if (!KEY.test(key)) return null;
    const path = join(this.root, key);
    try {
      const s = await stat(path);
      return { stream: createReadStream(path), size: s.size };
    } catch {
      return null;
    }
  }
}
